package watch

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestStatePrune(t *testing.T) {
	now := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	old, recent := now.Add(-100*24*time.Hour), now.Add(-time.Hour)
	s := newState()
	f := s.feed("http://a.test/rss")
	f.Seen = map[string]time.Time{"gone-old": old, "gone-recent": recent, "listed-old": old}
	f.Checked = recent
	s.feed("http://dropped.test/rss").Checked = old
	s.feed("http://dropped-recently.test/rss").Checked = recent
	s.Pages = map[string]time.Time{"http://a.test/1": old, "http://a.test/2": recent}

	cutoff := now.Add(-DefaultForget)
	s.prune(f, map[string]bool{"listed-old": true}, cutoff)
	s.prunePages(cutoff)
	s.pruneFeeds([]string{"http://a.test/rss"}, cutoff)

	var seen, feeds, pages []string
	for k := range f.Seen {
		seen = append(seen, k)
	}
	for k := range s.Feeds {
		feeds = append(feeds, k)
	}
	for k := range s.Pages {
		pages = append(pages, k)
	}
	slices.Sort(seen)
	slices.Sort(feeds)
	if diff := cmp.Diff([]string{"gone-recent", "listed-old"}, seen); diff != "" {
		t.Errorf("seen after prune (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"http://a.test/rss", "http://dropped-recently.test/rss"}, feeds); diff != "" {
		t.Errorf("feeds after prune (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"http://a.test/2"}, pages); diff != "" {
		t.Errorf("pages after prune (-want +got):\n%s", diff)
	}
}

func TestStateRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "st.json")
	s := newState()
	f := s.feed("http://a.test/rss")
	f.ETag, f.LastModified = `W/"x"`, "Mon, 02 Mar 2026 10:00:00 GMT"
	f.Seen["g1"] = time.Date(2026, 3, 2, 1, 2, 3, 0, time.UTC)
	if err := s.save(path); err != nil {
		t.Fatal(err)
	}
	got, err := loadState(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(s, got); diff != "" {
		t.Errorf("state after save and load (-want +got):\n%s", diff)
	}
	for _, bad := range []string{`{"version": 9}`, `[1,2]`, "\x00\xff"} {
		if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := loadState(path); err == nil {
			t.Errorf("loadState(%q): no error", bad)
		}
	}
	if s, err := loadState(filepath.Join(t.TempDir(), "absent.json")); err != nil || len(s.Feeds) != 0 {
		t.Errorf("absent state file: %v, %v", s, err)
	}
	if err := newState().save(filepath.Join(t.TempDir(), "no", "such", "dir.json")); err == nil {
		t.Error("saving into a missing directory: no error")
	}
}
