package watch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// stateVersion is the version of the state file's layout.
const stateVersion = 1

// maxStateBytes bounds the state file read at start.
const maxStateBytes = 256 << 20

// state is what the watcher remembers between rounds and runs: per feed,
// the HTTP validators of its last complete fetch and the items already
// handled; and every page URL already fetched, so that an article listed by
// two feeds is fetched once.
type state struct {
	Version int                   `json:"version"`
	Feeds   map[string]*feedState `json:"feeds"`
	Pages   map[string]time.Time  `json:"pages"`
}

// feedState is the memory of one feed.
type feedState struct {
	// ETag and LastModified are the validators of the last response whose
	// items were all handled; they are sent back as If-None-Match and
	// If-Modified-Since.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// Checked is when the feed was last fetched successfully.
	Checked time.Time `json:"checked,omitzero"`
	// Seen maps an item's key (its GUID, or its link) to when it was first
	// handled.
	Seen map[string]time.Time `json:"seen"`
}

func newState() *state {
	return &state{Version: stateVersion, Feeds: map[string]*feedState{}, Pages: map[string]time.Time{}}
}

// feed returns the state of one feed, creating it.
func (s *state) feed(u string) *feedState {
	f := s.Feeds[u]
	if f == nil {
		f = &feedState{Seen: map[string]time.Time{}}
		s.Feeds[u] = f
	}
	if f.Seen == nil {
		f.Seen = map[string]time.Time{}
	}
	return f
}

// loadState reads the state file at path; a missing file is an empty state.
func loadState(path string) (*state, error) {
	if path == "" {
		return newState(), nil
	}
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return newState(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("watch state: %w", err)
	}
	if fi.Size() > maxStateBytes {
		return nil, fmt.Errorf("watch state %s: larger than %d MiB", path, maxStateBytes>>20)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("watch state: %w", err)
	}
	s := newState()
	if err := json.Unmarshal(b, s); err != nil {
		return nil, fmt.Errorf("watch state %s is not valid (delete it to start afresh): %w", path, err)
	}
	if s.Version != stateVersion {
		return nil, fmt.Errorf("watch state %s has version %d, want %d", path, s.Version, stateVersion)
	}
	if s.Feeds == nil {
		s.Feeds = map[string]*feedState{}
	}
	if s.Pages == nil {
		s.Pages = map[string]time.Time{}
	}
	for u, f := range s.Feeds {
		if f == nil {
			delete(s.Feeds, u)
		}
	}
	return s, nil
}

// save writes the state to path atomically: to a temporary file in the same
// directory, synced, then renamed over the old file.
func (s *state) save(path string) error {
	if path == "" {
		return nil
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("watch state: %w", err)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("watch state: %w", err)
	}
	name := tmp.Name()
	_, werr := tmp.Write(append(b, '\n'))
	serr := tmp.Sync()
	cerr := tmp.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(name)
		return fmt.Errorf("watch state: writing %s: %w", name, err)
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fmt.Errorf("watch state: %w", err)
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync() // make the rename durable where the platform allows
		d.Close()
	}
	return nil
}

// prune forgets items first seen before cutoff that the feed no longer
// lists, and pages fetched before cutoff, so the state stays small.
func (s *state) prune(f *feedState, listed map[string]bool, cutoff time.Time) {
	for k, t := range f.Seen {
		if !listed[k] && t.Before(cutoff) {
			delete(f.Seen, k)
		}
	}
}

// prunePages forgets pages fetched before cutoff.
func (s *state) prunePages(cutoff time.Time) {
	for k, t := range s.Pages {
		if t.Before(cutoff) {
			delete(s.Pages, k)
		}
	}
}

// pruneFeeds forgets feeds no longer watched that were last fetched before
// cutoff (or never).
func (s *state) pruneFeeds(watched []string, cutoff time.Time) {
	for u, f := range s.Feeds {
		if !slices.Contains(watched, u) && f.Checked.Before(cutoff) {
			delete(s.Feeds, u)
		}
	}
}
