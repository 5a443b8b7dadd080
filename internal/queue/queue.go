// Package queue distributes ingest over NATS JetStream.
//
// Three streams carry the work. SITREP_DOCS (subject sitrep.docs, work-queue
// retention) holds each posted document until a worker has extracted it;
// SITREP_FUSE (subject sitrep.fuse, work-queue retention) holds each
// extraction until the one fuser has stored it and fused its events;
// SITREP_DLQ (subject sitrep.dlq, limits retention) keeps the documents that
// failed too often, with their error.
//
// Workers share one durable pull consumer on SITREP_DOCS and run on any
// number of machines. The fuser is a single durable consumer on SITREP_FUSE:
// every fuse message carries the SITREP_DOCS sequence of its document, and the
// fuser applies them in that order through a reorder buffer, so the store
// ends up as a single-process ingest of the same documents in the same order
// would leave it. A document sent to the dead-letter stream leaves a skip
// marker for its sequence, so the fuser does not wait for it. The last
// applied sequence is kept in the key-value bucket SITREP_FUSER; the fuser
// acknowledges a fuse message only once that watermark covers it.
package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Names of the streams, subjects, consumers and the fuser's state bucket.
const (
	DocsStream     = "SITREP_DOCS"
	DocsSubject    = "sitrep.docs"
	FuseStream     = "SITREP_FUSE"
	FuseSubject    = "sitrep.fuse"
	DLQStream      = "SITREP_DLQ"
	DLQSubject     = "sitrep.dlq"
	WorkerConsumer = "sitrep-workers"
	FuserConsumer  = "sitrep-fuser"
	StateBucket    = "SITREP_FUSER"
	appliedKey     = "applied"
)

// Message headers.
const (
	// SeqHeader is the SITREP_DOCS sequence of the document a fuse or
	// dead-letter message is about.
	SeqHeader = "Sitrep-Seq"
	// SkipHeader marks a fuse message that only says its sequence will not
	// be fused (the document was dead-lettered).
	SkipHeader = "Sitrep-Skip"
	// ErrorHeader is the last error of a dead-lettered document.
	ErrorHeader = "Sitrep-Error"
	// DeliveriesHeader is how often a dead-lettered document was tried.
	DeliveriesHeader = "Sitrep-Deliveries"
)

// Document is one posted document as it travels through SITREP_DOCS: the
// text read from the request body and what the client said about it.
type Document struct {
	Source    string   `json:"source"`
	URL       string   `json:"url,omitempty"`
	Title     string   `json:"title,omitempty"`
	Published string   `json:"published,omitempty"`
	Text      string   `json:"text"`
	Format    string   `json:"format,omitempty"`
	Notes     []string `json:"notes,omitempty"`
}

// Options size the streams and the workers' consumer.
type Options struct {
	// Replicas is each stream's replication factor; 0 means min(3, the
	// number of servers in the cluster).
	Replicas int
	// AckWait is how long a worker may hold a document before JetStream
	// gives it to another worker (0: 30 s). It must exceed the longest
	// extraction.
	AckWait time.Duration
	// FuseAckWait is the same for the fuser's consumer (0: 2 min).
	FuseAckWait time.Duration
	// Duplicates is the window of publish deduplication (0: 2 min).
	Duplicates time.Duration
}

// Setup creates or updates the streams, the consumers and the fuser's state
// bucket. Every process calls it on start; it is idempotent. It retries
// while the cluster has no JetStream leader yet, until ctx ends.
func Setup(ctx context.Context, js jetstream.JetStream, opt Options) error {
	for {
		// A request sent before the cluster has elected its JetStream
		// leader gets no answer: each attempt has its own deadline.
		actx, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := setup(actx, js, opt)
		cancel()
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("setting up the JetStream streams: %w", err)
		case <-time.After(250 * time.Millisecond):
		}
	}
}

func setup(ctx context.Context, js jetstream.JetStream, opt Options) error {
	replicas := opt.Replicas
	if replicas <= 0 {
		replicas = 1
		if nc := js.Conn(); nc != nil {
			if n := len(nc.Servers()); n > 1 {
				replicas = min(3, n)
			}
		}
	}
	dup := orDuration(opt.Duplicates, 2*time.Minute)
	streams := []jetstream.StreamConfig{
		{Name: DocsStream, Subjects: []string{DocsSubject}, Retention: jetstream.WorkQueuePolicy, Storage: jetstream.FileStorage, Replicas: replicas, Duplicates: dup},
		{Name: FuseStream, Subjects: []string{FuseSubject}, Retention: jetstream.WorkQueuePolicy, Storage: jetstream.FileStorage, Replicas: replicas, Duplicates: dup},
		{Name: DLQStream, Subjects: []string{DLQSubject}, Retention: jetstream.LimitsPolicy, Storage: jetstream.FileStorage, Replicas: replicas, Duplicates: dup},
	}
	for _, sc := range streams {
		if _, err := js.CreateOrUpdateStream(ctx, sc); err != nil {
			return fmt.Errorf("stream %s: %w", sc.Name, err)
		}
	}
	// Redelivery is unbounded on the server: the worker dead-letters a
	// document itself after MaxDeliver attempts, so a document is never left
	// stranded in the work queue.
	// Without an AckWait of its own, a process leaves the one the workers'
	// consumer has.
	_, err := js.Consumer(ctx, DocsStream, WorkerConsumer)
	switch {
	case err == nil && opt.AckWait == 0:
	case err != nil && !errors.Is(err, jetstream.ErrConsumerNotFound):
		return fmt.Errorf("consumer %s: %w", WorkerConsumer, err)
	default:
		if _, err := js.CreateOrUpdateConsumer(ctx, DocsStream, jetstream.ConsumerConfig{
			Durable:       WorkerConsumer,
			AckPolicy:     jetstream.AckExplicitPolicy,
			AckWait:       orDuration(opt.AckWait, 30*time.Second),
			MaxDeliver:    -1,
			MaxAckPending: 10000,
		}); err != nil {
			return fmt.Errorf("consumer %s: %w", WorkerConsumer, err)
		}
	}
	// The fuser holds the messages that arrive ahead of their turn without
	// acknowledging them, so it may have many pending.
	if _, err := js.CreateOrUpdateConsumer(ctx, FuseStream, jetstream.ConsumerConfig{
		Durable:       FuserConsumer,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       orDuration(opt.FuseAckWait, 2*time.Minute),
		MaxDeliver:    -1,
		MaxAckPending: 50000,
	}); err != nil {
		return fmt.Errorf("consumer %s: %w", FuserConsumer, err)
	}
	if _, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: StateBucket, Replicas: replicas, Storage: jetstream.FileStorage}); err != nil {
		return fmt.Errorf("bucket %s: %w", StateBucket, err)
	}
	return nil
}

func orDuration(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// Publish puts a document on SITREP_DOCS and returns its stream sequence.
// msgID deduplicates publishes within the stream's window (a retried
// request does not queue the document twice); duplicate reports whether the
// stream already had it.
func Publish(ctx context.Context, js jetstream.JetStream, d Document, msgID string) (seq uint64, duplicate bool, err error) {
	b, err := json.Marshal(d)
	if err != nil {
		return 0, false, err
	}
	var opts []jetstream.PublishOpt
	if msgID != "" {
		opts = append(opts, jetstream.WithMsgID(msgID))
	}
	ack, err := js.Publish(ctx, DocsSubject, b, opts...)
	if err != nil {
		return 0, false, err
	}
	return ack.Sequence, ack.Duplicate, nil
}

// fuseMsg builds the fuse message of sequence seq.
func fuseMsg(seq uint64, payload []byte, skip bool) *nats.Msg {
	m := nats.NewMsg(FuseSubject)
	m.Data = payload
	m.Header.Set(SeqHeader, strconv.FormatUint(seq, 10))
	m.Header.Set(jetstream.MsgIDHeader, "fuse-"+strconv.FormatUint(seq, 10))
	if skip {
		m.Header.Set(SkipHeader, "1")
	}
	return m
}

// seqOf reads the SeqHeader of a message.
func seqOf(h nats.Header) (uint64, error) {
	s := h.Get(SeqHeader)
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || n == 0 {
		return 0, fmt.Errorf("bad %s header %q", SeqHeader, s)
	}
	return n, nil
}

// Permanent marks an error that retrying cannot cure (a document the
// extractor rejects): the worker dead-letters the document at once.
func Permanent(err error) error { return &permanentError{err} }

type permanentError struct{ err error }

func (p *permanentError) Error() string { return p.err.Error() }
func (p *permanentError) Unwrap() error { return p.err }

// IsPermanent reports whether err was marked with Permanent.
func IsPermanent(err error) bool {
	var p *permanentError
	return errors.As(err, &p)
}

// Depth is how much work is waiting in the queue.
type Depth struct {
	// Docs is the documents published and not yet extracted (pending and
	// in flight at the workers).
	Docs uint64
	// Fuse is the extractions not yet applied by the fuser.
	Fuse uint64
	// DeadLettered is the documents in the dead-letter stream.
	DeadLettered uint64
}

// QueueDepth asks JetStream for the depth of the queue.
func QueueDepth(ctx context.Context, js jetstream.JetStream) (Depth, error) {
	var d Depth
	for _, c := range []struct {
		stream, consumer string
		n                *uint64
	}{{DocsStream, WorkerConsumer, &d.Docs}, {FuseStream, FuserConsumer, &d.Fuse}} {
		cons, err := js.Consumer(ctx, c.stream, c.consumer)
		if err != nil {
			return d, err
		}
		info, err := cons.Info(ctx)
		if err != nil {
			return d, err
		}
		*c.n = info.NumPending + uint64(info.NumAckPending)
	}
	s, err := js.Stream(ctx, DLQStream)
	if err != nil {
		return d, err
	}
	info, err := s.Info(ctx)
	if err != nil {
		return d, err
	}
	d.DeadLettered = info.State.Msgs
	return d, nil
}
