package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// allowedUpdates are the update kinds the bot asks for.
const allowedUpdates = `["message","edited_message","callback_query","my_chat_member"]`

// maxWorkers bounds how many chats are handled at once.
const maxWorkers = 16

// poll fetches updates in batches and handles each batch before asking
// for the next one, so that Telegram only forgets an update (the offset
// moves past it) once it has been answered. The offset and the ids of
// handled updates are stored: after a restart nothing is lost and nothing
// is answered twice.
func (b *Bot) poll(ctx context.Context) error {
	offset, err := b.store.Offset(ctx)
	if err != nil {
		return err
	}
	backoff := time.Second
	for ctx.Err() == nil {
		raws, err := b.getUpdates(ctx, offset)
		if b.hooks.Polled != nil && ctx.Err() == nil {
			b.hooks.Polled(err)
		}
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
		if len(raws) == 0 {
			continue
		}
		next := b.handleBatch(ctx, raws, offset)
		if next > offset {
			offset = next
			// A fresh context: the offset is saved even during shutdown.
			sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			if err := b.store.SetOffset(sctx, offset); err != nil {
				b.log.Error("telegram: save offset", "error", err)
			}
			cancel()
		}
	}
	b.log.Info("telegram: stopped polling", "offset", offset)
	return nil
}

func (b *Bot) getUpdates(ctx context.Context, offset int) ([]json.RawMessage, error) {
	api := b.send.withContext(ctx)
	resp, err := api.MakeRequest("getUpdates", tgbotapi.Params{
		"offset":          strconv.Itoa(offset),
		"timeout":         strconv.Itoa(int(b.cfg.PollTimeout / time.Second)),
		"limit":           "100",
		"allowed_updates": allowedUpdates,
	})
	if err != nil {
		return nil, err
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(resp.Result, &raws); err != nil {
		return nil, err
	}
	return raws, nil
}

// handleBatch handles a batch of raw updates, one goroutine per chat so
// that a slow chat does not hold up the others while each chat's updates
// stay in order. It returns the offset after the batch: past every update
// that was handled, but not past one that shutdown interrupted.
func (b *Bot) handleBatch(ctx context.Context, raws []json.RawMessage, offset int) int {
	// Updates in hand are finished even when ctx ends, within DrainTimeout.
	hctx, cancel := drainContext(ctx, b.cfg.DrainTimeout)
	defer cancel()
	byChat := map[int64][]*update{}
	var order []int64
	next := offset
	for _, raw := range raws {
		u, err := parseUpdate(raw)
		if err != nil {
			b.log.Warn("telegram: unreadable update skipped", "error", err)
			continue
		}
		if u.UpdateID < offset {
			continue
		}
		key := u.chatKey()
		if _, ok := byChat[key]; !ok {
			order = append(order, key)
		}
		byChat[key] = append(byChat[key], u)
	}
	var (
		mu         sync.Mutex
		unfinished = -1
		wg         sync.WaitGroup
		sem        = make(chan struct{}, maxWorkers)
	)
	for _, key := range order {
		us := byChat[key]
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			for _, u := range us {
				if !b.handleOne(hctx, u) {
					mu.Lock()
					if unfinished < 0 || u.UpdateID < unfinished {
						unfinished = u.UpdateID
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, raw := range raws {
		var id struct {
			UpdateID int `json:"update_id"`
		}
		if json.Unmarshal(raw, &id) == nil && id.UpdateID+1 > next {
			next = id.UpdateID + 1
		}
	}
	if unfinished >= 0 && unfinished < next {
		next = unfinished
	}
	return next
}

// handleOne handles an update unless it was handled before, and records
// it as handled. It reports false when shutdown interrupted it, so that it
// is handled again after a restart.
func (b *Bot) handleOne(ctx context.Context, u *update) bool {
	done, err := b.store.IsHandled(ctx, u.UpdateID)
	if err != nil {
		b.log.Error("telegram: check handled update", "update", u.UpdateID, "error", err)
		return false
	}
	if done {
		return true
	}
	if b.hooks.Update != nil {
		b.hooks.Update(u.kind())
	}
	if err := b.safeDispatch(ctx, u); err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return false
		}
		b.log.Warn("telegram: update not fully handled", "update", u.UpdateID, "kind", u.kind(), "error", redact(err, b.cfg.Token))
	}
	mctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := b.store.MarkHandled(mctx, u.UpdateID); err != nil {
		b.log.Error("telegram: mark update handled", "update", u.UpdateID, "error", err)
	}
	return true
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
