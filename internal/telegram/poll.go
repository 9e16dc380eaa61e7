package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/cekloker/cekloker/internal/store"
)

// allowedUpdates are the update kinds the bot asks for.
const allowedUpdates = `["message","edited_message","callback_query","my_chat_member"]`

// idleRefetch is how long polling waits at most before fetching again
// when a batch brought mostly updates still being handled.
const idleRefetch = 100 * time.Millisecond

// poll fetches updates and queues each behind the earlier updates of its
// chat (see scheduler). The offset sent to getUpdates and stored is the
// lowest update not yet handled, so Telegram only forgets an update once
// it was answered; updates received again while still queued are skipped,
// and so are those that were handled before a restart (their ids are
// stored). After a restart nothing is lost and nothing is answered twice.
func (b *Bot) poll(ctx context.Context) error {
	offset, err := b.store.Offset(ctx)
	if err != nil {
		return err
	}
	// Updates in hand are finished even when ctx ends, within DrainTimeout.
	hctx, cancel := drainContext(ctx, b.cfg.DrainTimeout)
	defer cancel()
	sched := newScheduler(offset, func(u *update) bool { return b.handleOne(hctx, u) })
	b.resumeParked(ctx, sched)
	saved := offset
	save := func() {
		next := sched.offset()
		if next <= saved {
			return
		}
		// A fresh context: the offset is saved even during shutdown.
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if err := b.store.SetOffset(sctx, next); err != nil {
			b.log.Error("telegram: save offset", "error", err)
			return
		}
		saved = next
	}
	backoff := time.Second
	for ctx.Err() == nil {
		for sched.pending() >= maxTracked && ctx.Err() == nil {
			sched.waitFinished(ctx, 1)
		}
		fresh, total := 0, 0
		err := b.fetchUpdates(ctx, sched.offset(), func(raw json.RawMessage) {
			total++
			if b.take(ctx, sched, raw) {
				fresh++
			}
		})
		if b.hooks.Polled != nil && ctx.Err() == nil {
			b.hooks.Polled(err)
		}
		save()
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			b.log.Warn("telegram: getUpdates failed", "error", redact(err, b.cfg.Token), "retry_in", backoff)
			if sleep(ctx, backoff) != nil {
				break
			}
			backoff = min(backoff*2, 30*time.Second)
			continue
		}
		backoff = time.Second
		b.lastPoll.Store(time.Now().UnixNano())
		if old := total - fresh; old > 0 && fresh < total/2 {
			// Mostly updates still in hand came back: wait until the
			// offset moved by half of them, or a moment for new ones.
			wctx, wcancel := context.WithTimeout(ctx, idleRefetch)
			sched.waitAdvance(wctx, max(1, old/2))
			wcancel()
		}
	}
	sched.stop()
	save()
	b.log.Info("telegram: stopped polling", "offset", saved)
	return nil
}

// take queues one raw update unless it is known already; it reports
// whether the update was new.
func (b *Bot) take(ctx context.Context, sched *scheduler, raw json.RawMessage) bool {
	var head struct {
		UpdateID int `json:"update_id"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		b.log.Warn("telegram: unreadable update skipped", "error", err)
		return false
	}
	if sched.known(head.UpdateID) {
		if !sched.overdue(head.UpdateID, time.Now()) {
			return false
		}
		// Slow to handle: park it, so the offset can move past it.
		if err := b.store.Park(ctx, head.UpdateID, raw); err != nil {
			b.log.Warn("telegram: could not park a slow update", "update", head.UpdateID, "error", err)
			return false
		}
		sched.park(head.UpdateID)
		return true
	}
	u, err := parseUpdate(raw)
	if err != nil {
		b.log.Warn("telegram: unreadable update skipped", "update", head.UpdateID, "error", err)
		sched.skip(head.UpdateID)
		return true
	}
	done, err := b.store.IsHandled(ctx, u.UpdateID)
	if err != nil {
		b.log.Error("telegram: check handled update", "update", u.UpdateID, "error", err)
	}
	if done {
		sched.skip(u.UpdateID)
		return true
	}
	sched.add(u)
	return true
}

// resumeParked queues the updates parked before a restart.
func (b *Bot) resumeParked(ctx context.Context, sched *scheduler) {
	parked, err := b.store.Parked(ctx)
	if err != nil {
		b.log.Error("telegram: read parked updates", "error", err)
		return
	}
	for _, p := range parked {
		done, err := b.store.IsHandled(ctx, p.ID)
		if err != nil {
			b.log.Error("telegram: check parked update", "update", p.ID, "error", err)
			continue
		}
		u, perr := parseUpdate(p.Raw)
		if done || perr != nil {
			if err := b.store.Unpark(ctx, p.ID); err != nil {
				b.log.Warn("telegram: unpark", "update", p.ID, "error", err)
			}
			continue
		}
		u.parked = true
		sched.add(u)
	}
}

// handleOne handles an update and records it as handled, together with
// everything its handling wrote, in one transaction (a store.Unit). It
// reports false when shutdown interrupted it, so that it is handled again
// after a restart.
func (b *Bot) handleOne(ctx context.Context, u *update) bool {
	if b.hooks.Update != nil {
		b.hooks.Update(u.kind())
	}
	unit := b.store.Unit(u.UpdateID)
	unit.Unpark() // parked meanwhile, perhaps
	uctx := store.WithUnit(ctx, unit)
	if b.limited(uctx, u) {
		return b.finish(ctx, u, unit)
	}
	if err := b.safeDispatch(uctx, u); err != nil {
		if ctx.Err() != nil {
			return false // shutdown: handled again after the restart
		}
		b.log.Warn("telegram: update not fully handled", "update", u.UpdateID, "kind", u.kind(), "error", redact(err, b.cfg.Token))
	}
	return b.finish(ctx, u, unit)
}

// finish commits the update's unit. A storage failure does not lose the
// reply (it was sent) nor mark the update handled: the commit is retried
// until it succeeds; meanwhile the offset stays below this update, so a
// restart handles it again.
func (b *Bot) finish(ctx context.Context, u *update, unit *store.Unit) bool {
	delay := 100 * time.Millisecond
	for {
		mctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		err := unit.Commit(mctx)
		cancel()
		if err == nil {
			return true
		}
		b.log.Error("telegram: storing the update failed; retrying", "update", u.UpdateID, "in", delay, "error", err)
		if sleep(ctx, delay) != nil {
			return false
		}
		delay = min(delay*2, 5*time.Second)
	}
}

// safeDispatch handles an update and turns a panic into an error, so that
// one poisonous update is logged and skipped instead of crashing the bot
// (and crashing it again after every restart).
func (b *Bot) safeDispatch(ctx context.Context, u *update) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic while handling update %d: %v", u.UpdateID, r)
		}
	}()
	return b.dispatch(ctx, u)
}

// drainContext is a context that outlives parent by at most grace.
func drainContext(parent context.Context, grace time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.WithoutCancel(parent))
	stop := context.AfterFunc(parent, func() {
		t := time.AfterFunc(grace, cancel)
		context.AfterFunc(ctx, func() { t.Stop() })
	})
	return ctx, func() { stop(); cancel() }
}
