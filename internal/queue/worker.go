package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// ProcessFunc extracts one document and returns the payload the fuser
// applies. seq is the document's SITREP_DOCS sequence. An error marked
// Permanent dead-letters the document at once; any other is retried.
type ProcessFunc func(ctx context.Context, seq uint64, d Document) ([]byte, error)

// Worker takes documents from SITREP_DOCS, extracts them and hands the
// extractions to the fuser through SITREP_FUSE.
type Worker struct {
	JS      jetstream.JetStream
	Process ProcessFunc
	// Concurrency is the number of documents extracted at once (0: 1).
	Concurrency int
	// MaxDeliver is how many times a document is tried before it goes to
	// the dead-letter stream (0: 5).
	MaxDeliver int
	// RetryDelay is the delay before the n-th retry (n from 1); nil doubles
	// from one second up to a minute.
	RetryDelay func(n int) time.Duration
	// FetchWait bounds one pull request (0: 1 s): how long Run takes to
	// notice that it should stop while the queue is empty.
	FetchWait time.Duration
	Log       *slog.Logger
	Metrics   *Metrics
}

// Run works until ctx is cancelled, then stops fetching, finishes the
// documents in hand and returns. A document fetched after the cancellation
// is handed back at once (Nak).
func (w *Worker) Run(ctx context.Context) error {
	if w.Log == nil {
		w.Log = slog.New(slog.DiscardHandler)
	}
	if w.Metrics == nil {
		w.Metrics = NewMetrics()
	}
	cons, err := w.JS.Consumer(ctx, DocsStream, WorkerConsumer)
	if err != nil {
		return fmt.Errorf("consumer %s: %w", WorkerConsumer, err)
	}
	n := max(1, w.Concurrency)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.loop(ctx, cons)
		}()
	}
	wg.Wait()
	return nil
}

func (w *Worker) loop(ctx context.Context, cons jetstream.Consumer) {
	wait := orDuration(w.FetchWait, time.Second)
	for ctx.Err() == nil {
		msg, err := cons.Next(jetstream.FetchMaxWait(wait))
		if err != nil {
			if errors.Is(err, nats.ErrTimeout) || errors.Is(err, context.DeadlineExceeded) {
				continue
			}
			if ctx.Err() != nil {
				return
			}
			w.Metrics.FetchErrors.Inc()
			w.Log.Warn("fetching a document failed", "error", err)
			sleep(ctx, 200*time.Millisecond)
			continue
		}
		if ctx.Err() != nil {
			msg.Nak()
			return
		}
		w.handle(msg)
	}
}

// handle processes one message to its end: acknowledged, retried later or
// dead-lettered. It finishes even when the worker is being stopped.
func (w *Worker) handle(msg jetstream.Msg) {
	ctx := context.Background()
	meta, err := msg.Metadata()
	if err != nil {
		w.Log.Error("a message without JetStream metadata", "error", err)
		msg.Term()
		return
	}
	seq, attempt := meta.Sequence.Stream, int(meta.NumDelivered)
	log := w.Log.With("seq", seq, "attempt", attempt)
	var d Document
	if err := json.Unmarshal(msg.Data(), &d); err != nil {
		w.deadLetter(msg, seq, attempt, Permanent(fmt.Errorf("undecodable document: %w", err)), log)
		return
	}
	log = log.With("source", d.Source)
	start := time.Now()
	payload, err := w.Process(ctx, seq, d)
	w.Metrics.Extract.Observe(time.Since(start))
	if err != nil {
		w.Metrics.ExtractErrors.Inc()
		w.fail(msg, seq, attempt, err, log)
		return
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := w.JS.PublishMsg(pctx, fuseMsg(seq, payload, false)); err != nil {
		w.Metrics.PublishErrors.Inc()
		w.fail(msg, seq, attempt, fmt.Errorf("publishing the extraction: %w", err), log)
		return
	}
	if err := msg.Ack(); err != nil {
		// The fuse message is out; a redelivery publishes it again under
		// the same message id, and the fuser ignores a sequence it has.
		w.Metrics.AckErrors.Inc()
		log.Warn("acknowledging a document failed", "error", err)
	}
	w.Metrics.Extracted.Inc()
	log.Debug("extracted", "seconds", time.Since(start).Seconds())
}

// fail retries a document later, or dead-letters it when the error is
// permanent or it has been tried MaxDeliver times.
func (w *Worker) fail(msg jetstream.Msg, seq uint64, attempt int, err error, log *slog.Logger) {
	maxDeliver := w.MaxDeliver
	if maxDeliver <= 0 {
		maxDeliver = 5
	}
	if IsPermanent(err) || attempt >= maxDeliver {
		w.deadLetter(msg, seq, attempt, err, log)
		return
	}
	delay := w.retryDelay(attempt)
	log.Warn("document failed; retrying", "error", err, "delay", delay)
	w.Metrics.Retried.Inc()
	if nerr := msg.NakWithDelay(delay); nerr != nil {
		w.Metrics.AckErrors.Inc()
	}
}

func (w *Worker) retryDelay(n int) time.Duration {
	if w.RetryDelay != nil {
		return w.RetryDelay(n)
	}
	d := time.Second << min(n-1, 6)
	return min(d, time.Minute)
}

// deadLetter copies a document to SITREP_DLQ with its error, tells the fuser
// to skip its sequence, and removes it from the work queue. If either
// publish fails the document is retried instead, so it is never lost.
func (w *Worker) deadLetter(msg jetstream.Msg, seq uint64, attempt int, cause error, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	dl := nats.NewMsg(DLQSubject)
	dl.Data = msg.Data()
	dl.Header.Set(SeqHeader, strconv.FormatUint(seq, 10))
	dl.Header.Set(ErrorHeader, cause.Error())
	dl.Header.Set(DeliveriesHeader, strconv.Itoa(attempt))
	dl.Header.Set(jetstream.MsgIDHeader, "dlq-"+strconv.FormatUint(seq, 10))
	if _, err := w.JS.PublishMsg(ctx, dl); err != nil {
		w.Metrics.PublishErrors.Inc()
		log.Error("dead-lettering a document failed; retrying it", "error", err)
		msg.NakWithDelay(w.retryDelay(1))
		return
	}
	if _, err := w.JS.PublishMsg(ctx, fuseMsg(seq, nil, true)); err != nil {
		w.Metrics.PublishErrors.Inc()
		log.Error("publishing the skip marker failed; retrying", "error", err)
		msg.NakWithDelay(w.retryDelay(1))
		return
	}
	if err := msg.TermWithReason(cause.Error()); err != nil {
		w.Metrics.AckErrors.Inc()
	}
	w.Metrics.DeadLettered.Inc()
	log.Error("document dead-lettered", "error", cause)
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
