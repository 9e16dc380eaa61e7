package ops

import (
	"time"

	"github.com/cekloker/cekloker/internal/screen"
	"github.com/cekloker/cekloker/internal/telegram"
)

// MergeHooks combines hooks: the observers (Update, Screened, Polled, Call,
// Queue) of all of them are called in order; for Admin and AdminCallback,
// which answer, the first one set wins.
func MergeHooks(hs ...telegram.Hooks) telegram.Hooks {
	var out telegram.Hooks
	var (
		updates  []func(string)
		screened []func(string, screen.Verdict, time.Duration)
		polled   []func(error)
		calls    []func(string, string)
		queues   []func(int)
		outbox   []func(string, int)
		limited  []func(string)
		images   []func(string, time.Duration)
	)
	for _, h := range hs {
		if h.Update != nil {
			updates = append(updates, h.Update)
		}
		if h.Screened != nil {
			screened = append(screened, h.Screened)
		}
		if h.Polled != nil {
			polled = append(polled, h.Polled)
		}
		if h.Call != nil {
			calls = append(calls, h.Call)
		}
		if h.Queue != nil {
			queues = append(queues, h.Queue)
		}
		if h.Outbox != nil {
			outbox = append(outbox, h.Outbox)
		}
		if h.Limited != nil {
			limited = append(limited, h.Limited)
		}
		if h.Image != nil {
			images = append(images, h.Image)
		}
		if out.Admin == nil {
			out.Admin = h.Admin
		}
		if out.AdminCallback == nil {
			out.AdminCallback = h.AdminCallback
		}
	}
	if len(updates) > 0 {
		out.Update = func(kind string) {
			for _, f := range updates {
				f(kind)
			}
		}
	}
	if len(screened) > 0 {
		out.Screened = func(chatType string, v screen.Verdict, took time.Duration) {
			for _, f := range screened {
				f(chatType, v, took)
			}
		}
	}
	if len(polled) > 0 {
		out.Polled = func(err error) {
			for _, f := range polled {
				f(err)
			}
		}
	}
	if len(calls) > 0 {
		out.Call = func(method, outcome string) {
			for _, f := range calls {
				f(method, outcome)
			}
		}
	}
	if len(queues) > 0 {
		out.Queue = func(delta int) {
			for _, f := range queues {
				f(delta)
			}
		}
	}
	if len(outbox) > 0 {
		out.Outbox = func(event string, n int) {
			for _, f := range outbox {
				f(event, n)
			}
		}
	}
	if len(limited) > 0 {
		out.Limited = func(kind string) {
			for _, f := range limited {
				f(kind)
			}
		}
	}
	if len(images) > 0 {
		out.Image = func(outcome string, took time.Duration) {
			for _, f := range images {
				f(outcome, took)
			}
		}
	}
	return out
}
