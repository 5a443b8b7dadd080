package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nuid"
)

// ApplyFunc stores and fuses one extraction, the payload a worker's
// ProcessFunc returned for the document of sequence seq. It must be
// idempotent: after a crash the fuser applies again what its watermark does
// not cover.
type ApplyFunc func(ctx context.Context, seq uint64, payload []byte) error

// Fuser applies the extractions of SITREP_FUSE one at a time in the order
// their documents were published. Exactly one fuser runs per deployment.
type Fuser struct {
	JS    jetstream.JetStream
	Apply ApplyFunc
	// Batch is the most messages fetched at once (0: 256).
	Batch int
	// FetchWait bounds one pull request (0: 250 ms).
	FetchWait time.Duration
	// RetryDelay is the pause before an extraction whose Apply failed is
	// applied again (0: 1 s).
	RetryDelay time.Duration
	// Start loads what Apply needs from the store. Run calls it each time
	// it takes the lease, before it applies anything, since another fuser
	// may have applied documents while this one waited.
	Start func(ctx context.Context) error
	// LeaseTTL is how long the fuser's lease lasts unless renewed (0:
	// 15 s): a standby fuser takes over that long after the active one
	// died.
	LeaseTTL time.Duration
	Log      *slog.Logger
	Metrics  *Metrics

	id       string
	applied  atomic.Uint64
	buffered atomic.Int64
	active   atomic.Bool
}

// Applied returns the last sequence applied (or skipped): every document up
// to it has been stored and fused.
func (f *Fuser) Applied() uint64 { return f.applied.Load() }

// Buffered returns the number of extractions waiting for an earlier one.
func (f *Fuser) Buffered() int { return int(f.buffered.Load()) }

// Active reports whether this fuser holds the lease and applies extractions.
func (f *Fuser) Active() bool { return f.active.Load() }

// Run applies extractions until ctx is cancelled. Only the holder of the
// lease in SITREP_FUSER applies: a second fuser waits as a standby and takes
// over when the first stops or stops renewing it. Extractions that were
// applied but not yet covered by the saved watermark are saved and
// acknowledged before it returns; the rest are redelivered to the next run.
func (f *Fuser) Run(ctx context.Context) error {
	if f.Log == nil {
		f.Log = slog.New(slog.DiscardHandler)
	}
	if f.Metrics == nil {
		f.Metrics = NewMetrics()
	}
	if f.id == "" {
		f.id = nuid.Next()
	}
	kv, err := f.JS.KeyValue(ctx, StateBucket)
	if err != nil {
		return fmt.Errorf("bucket %s: %w", StateBucket, err)
	}
	for {
		rev, err := f.acquire(ctx, kv)
		if err != nil {
			return nil // cancelled while waiting
		}
		f.active.Store(true)
		rev, err = f.runLeased(ctx, kv, rev)
		f.active.Store(false)
		if !errors.Is(err, errLeaseLost) {
			dctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			kv.Delete(dctx, leaseKey, jetstream.LastRevision(rev))
			cancel()
			return err
		}
		f.Log.Error("the fuser lost its lease; waiting to take it again")
	}
}

// errLeaseLost is runLeased's error when another fuser took the lease.
var errLeaseLost = errors.New("lease lost")

const leaseKey = "lease"

func (f *Fuser) leaseTTL() time.Duration { return orDuration(f.LeaseTTL, 15*time.Second) }

// acquire waits until it holds the lease and returns its revision.
func (f *Fuser) acquire(ctx context.Context, kv jetstream.KeyValue) (uint64, error) {
	logged := false
	for {
		value := []byte(f.id + " " + strconv.FormatInt(time.Now().Add(f.leaseTTL()).UnixNano(), 10))
		e, err := kv.Get(ctx, leaseKey)
		switch {
		case errors.Is(err, jetstream.ErrKeyNotFound):
			if rev, err := kv.Create(ctx, leaseKey, value); err == nil {
				return rev, nil
			}
		case err == nil:
			holder, until, _ := strings.Cut(string(e.Value()), " ")
			exp, _ := strconv.ParseInt(until, 10, 64)
			if holder == f.id || time.Now().UnixNano() > exp {
				if rev, err := kv.Update(ctx, leaseKey, value, e.Revision()); err == nil {
					return rev, nil
				}
			} else if !logged {
				logged = true
				f.Log.Info("another fuser is active; standing by", "holder", holder)
			}
		}
		sleep(ctx, f.leaseTTL()/5)
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
	}
}

// renew extends the lease of revision rev and returns its new revision, or
// errLeaseLost.
func (f *Fuser) renew(kv jetstream.KeyValue, rev uint64) (uint64, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	value := []byte(f.id + " " + strconv.FormatInt(time.Now().Add(f.leaseTTL()).UnixNano(), 10))
	n, err := kv.Update(ctx, leaseKey, value, rev)
	if err != nil {
		var apiErr *jetstream.APIError
		if errors.As(err, &apiErr) && apiErr.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequence {
			return rev, errLeaseLost
		}
		return rev, err
	}
	return n, nil
}

// runLeased applies extractions while it holds the lease of revision rev.
// It returns the lease's last revision, and errLeaseLost when another
// fuser took it.
func (f *Fuser) runLeased(ctx context.Context, kv jetstream.KeyValue, rev uint64) (uint64, error) {
	renewed := time.Now()
	// keep renews the lease; it reports false when the lease is lost
	// (a failed renewal is retried until the lease would expire).
	var leaseErr error
	keep := func() bool {
		n, err := f.renew(kv, rev)
		switch {
		case err == nil:
			rev, renewed = n, time.Now()
			return true
		case errors.Is(err, errLeaseLost) || time.Since(renewed) > f.leaseTTL()*2/3:
			leaseErr = errLeaseLost
			return false
		}
		f.Log.Warn("renewing the fuser's lease failed", "error", err)
		return true
	}
	for f.Start != nil {
		err := f.Start(ctx)
		if err == nil {
			break
		}
		f.Metrics.StoreErrors.Inc()
		f.Log.Error("loading the fuser's state failed; retrying", "error", err)
		sleep(ctx, orDuration(f.RetryDelay, time.Second))
		if ctx.Err() != nil {
			return rev, nil
		}
		if !keep() {
			return rev, leaseErr
		}
	}
	next := uint64(1)
	if e, err := kv.Get(ctx, appliedKey); err == nil {
		n, perr := strconv.ParseUint(string(e.Value()), 10, 64)
		if perr != nil {
			return rev, fmt.Errorf("bucket %s: bad %s value %q", StateBucket, appliedKey, e.Value())
		}
		next = n + 1
	} else if !errors.Is(err, jetstream.ErrKeyNotFound) {
		return rev, fmt.Errorf("bucket %s: %w", StateBucket, err)
	}
	f.applied.Store(next - 1)
	cons, err := f.JS.Consumer(ctx, FuseStream, FuserConsumer)
	if err != nil {
		return rev, fmt.Errorf("consumer %s: %w", FuserConsumer, err)
	}
	f.Log.Info("fuser started", "next", next)
	batch := f.Batch
	if batch <= 0 {
		batch = 256
	}
	wait := orDuration(f.FetchWait, 250*time.Millisecond)
	pending := map[uint64]jetstream.Msg{}
	var done []jetstream.Msg
	// commit saves the watermark, then acknowledges what it covers.
	commit := func() {
		if len(done) == 0 {
			if time.Since(renewed) > f.leaseTTL()/3 {
				keep()
			}
			return
		}
		// The lease is renewed first, so that a fuser that lost it does
		// not move the watermark under the one that took it.
		if !keep() {
			return
		}
		for {
			cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			_, err := kv.Put(cctx, appliedKey, []byte(strconv.FormatUint(next-1, 10)))
			cancel()
			if err == nil {
				break
			}
			f.Metrics.PublishErrors.Inc()
			f.Log.Warn("saving the fuser's watermark failed", "error", err)
			if ctx.Err() != nil {
				// Not acknowledged: redelivered and applied again
				// (idempotently) by the next run.
				return
			}
			sleep(ctx, 200*time.Millisecond)
		}
		for _, m := range done {
			if err := m.Ack(); err != nil {
				f.Metrics.AckErrors.Inc()
			}
		}
		done = done[:0]
	}
	for ctx.Err() == nil && leaseErr == nil {
		b, err := cons.Fetch(batch, jetstream.FetchMaxWait(wait))
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			f.Metrics.FetchErrors.Inc()
			f.Log.Warn("fetching extractions failed", "error", err)
			sleep(ctx, 200*time.Millisecond)
			continue
		}
		for m := range b.Messages() {
			seq, err := seqOf(m.Headers())
			if err != nil {
				f.Log.Error("dropping a fuse message", "error", err)
				m.Term()
				continue
			}
			if seq < next {
				m.Ack() // applied before: a redelivery or a republish
				continue
			}
			pending[seq] = m
		}
		if err := b.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) && ctx.Err() == nil {
			f.Metrics.FetchErrors.Inc()
			f.Log.Warn("fetching extractions failed", "error", err)
		}
		for {
			m, ok := pending[next]
			if !ok {
				break
			}
			if m.Headers().Get(SkipHeader) != "" {
				f.Metrics.Skipped.Inc()
				f.Log.Warn("skipping a dead-lettered document", "seq", next)
			} else if !f.apply(ctx, next, m.Data()) {
				break // stopping
			} else {
				f.Metrics.Applied.Inc()
			}
			delete(pending, next)
			done = append(done, m)
			f.applied.Store(next)
			next++
		}
		f.buffered.Store(int64(len(pending)))
		commit()
	}
	commit()
	// What this fuser holds goes back at once to the next holder of the
	// lease rather than after the consumer's AckWait.
	for _, m := range pending {
		m.Nak()
	}
	if leaseErr != nil {
		for _, m := range done {
			m.Nak()
		}
	}
	f.buffered.Store(0)
	return rev, leaseErr
}

// apply applies one extraction, retrying a failure until it succeeds or ctx
// ends; it reports whether it succeeded.
func (f *Fuser) apply(ctx context.Context, seq uint64, payload []byte) bool {
	delay := orDuration(f.RetryDelay, time.Second)
	for {
		err := f.Apply(context.WithoutCancel(ctx), seq, payload)
		if err == nil {
			return true
		}
		f.Metrics.StoreErrors.Inc()
		if IsPermanent(err) {
			// An extraction that can never be applied (it does not
			// decode) is kept in the dead-letter stream and passed over.
			f.Log.Error("an extraction cannot be applied; dead-lettering it", "seq", seq, "error", err)
			dl := nats.NewMsg(DLQSubject)
			dl.Data = payload
			dl.Header.Set(SeqHeader, strconv.FormatUint(seq, 10))
			dl.Header.Set(ErrorHeader, err.Error())
			dl.Header.Set(jetstream.MsgIDHeader, "dlq-fuse-"+strconv.FormatUint(seq, 10))
			pctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			_, perr := f.JS.PublishMsg(pctx, dl)
			cancel()
			if perr == nil {
				f.Metrics.DeadLettered.Inc()
				return true
			}
			f.Log.Error("dead-lettering an extraction failed; retrying", "seq", seq, "error", perr)
		} else {
			f.Log.Error("applying an extraction failed; retrying", "seq", seq, "error", err)
		}
		sleep(ctx, delay)
		if ctx.Err() != nil {
			return false
		}
	}
}
