package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/store"
)

// How long queued replies are kept before they are dropped (logged and
// counted): a group warning is stale after a few minutes, a private
// answer is still worth sending within the hour.
const (
	GroupReplyTTL   = 10 * time.Minute
	PrivateReplyTTL = time.Hour
	// groupQueueKeep is how many replies may wait for one group's budget;
	// older ones are dropped in favour of the newest.
	groupQueueKeep = 3
)

// ErrQueued is returned when a reply went to the outbox instead of being
// sent; it will be sent when Telegram allows, or dropped when it expires.
var ErrQueued = errors.New("telegram: reply queued for later")

// sendOrQueue sends msg; when the sender defers it, the reply goes into
// the persistent outbox and ErrQueued is returned. answers and hash name
// the message it answers (0, "" for none).
func (b *Bot) sendOrQueue(ctx context.Context, msg tgbotapi.MessageConfig, answers int, hash string) (tgbotapi.Message, error) {
	sent, err := b.send.Send(ctx, msg.ChatID, msg)
	var de *DeferredError
	if !errors.As(err, &de) {
		return sent, err
	}
	ttl, keep := PrivateReplyTTL, 0
	if msg.ChatID < 0 {
		ttl, keep = GroupReplyTTL, groupQueueKeep
		// A warning about a post deleted meanwhile is not sent.
		msg.AllowSendingWithoutReply = false
	}
	payload, jerr := json.Marshal(msg)
	if jerr != nil {
		return sent, errors.Join(err, jerr)
	}
	now := time.Now()
	qctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	dropped, qerr := b.store.Enqueue(qctx, store.Outgoing{ChatID: msg.ChatID, MessageID: answers, TextHash: hash,
		Payload: payload, Reason: de.Reason, NotBefore: de.Until, Expires: now.Add(ttl)}, keep)
	if qerr != nil {
		return sent, errors.Join(err, qerr)
	}
	b.outboxEvent("queued_"+de.Reason, 1)
	b.outboxEvent("dropped_merged", dropped)
	b.log.Info("telegram: reply queued", "chat", msg.ChatID, "reason", de.Reason, "until", de.Until.Format(time.TimeOnly))
	select {
	case b.outboxWake <- struct{}{}:
	default:
	}
	return sent, ErrQueued
}

func (b *Bot) outboxEvent(event string, n int) {
	if b.hooks.Outbox != nil && n > 0 {
		b.hooks.Outbox(event, n)
	}
}

// runOutbox sends queued replies when their time comes, until ctx ends.
func (b *Bot) runOutbox(ctx context.Context) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		b.flushOutbox(ctx)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-b.outboxWake:
		}
	}
}

// flushOutbox sends (or drops) every queued reply that is due.
func (b *Bot) flushOutbox(ctx context.Context) {
	due, err := b.store.Due(ctx, time.Now(), 50)
	if err != nil {
		if ctx.Err() == nil {
			b.log.Warn("telegram: read the outbox", "error", err)
		}
		return
	}
	for _, o := range due {
		if ctx.Err() != nil {
			return
		}
		b.sendQueued(ctx, o)
	}
}

func (b *Bot) sendQueued(ctx context.Context, o store.Outgoing) {
	drop := func(event, why string) {
		b.outboxEvent(event, 1)
		b.log.Warn("telegram: queued reply dropped", "chat", o.ChatID, "reason", o.Reason, "why", why,
			"queued_for", time.Since(o.Expires.Add(-ttlOf(o.ChatID))).Round(time.Second))
		if err := b.store.Unqueue(ctx, o.ID); err != nil {
			b.log.Warn("telegram: unqueue reply", "error", err)
		}
	}
	if !time.Now().Before(o.Expires) {
		drop("dropped_expired", "expired")
		return
	}
	var msg tgbotapi.MessageConfig
	if err := json.Unmarshal(o.Payload, &msg); err != nil {
		drop("dropped_refused", "unreadable: "+err.Error())
		return
	}
	sent, err := b.send.Send(ctx, o.ChatID, msg)
	var de *DeferredError
	switch {
	case errors.As(err, &de):
		if perr := b.store.Postpone(ctx, o.ID, de.Until); perr != nil {
			b.log.Warn("telegram: postpone reply", "error", perr)
		}
		return
	case ctx.Err() != nil:
		return
	case err != nil:
		drop("dropped_refused", redact(err, b.cfg.Token))
		return
	}
	b.outboxEvent("sent", 1)
	if o.TextHash != "" {
		if err := b.store.RecordAnswer(ctx, o.ChatID, o.MessageID, o.TextHash, sent.MessageID); err != nil {
			b.log.Warn("telegram: record queued answer", "error", err)
		}
	}
	if err := b.store.Unqueue(ctx, o.ID); err != nil {
		b.log.Warn("telegram: unqueue reply", "error", err)
	}
}

func ttlOf(chatID int64) time.Duration {
	if chatID < 0 {
		return GroupReplyTTL
	}
	return PrivateReplyTTL
}
