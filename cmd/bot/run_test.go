package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/store"
	"github.com/cekloker/cekloker/internal/telegram"
)

func TestSendRateConfig(t *testing.T) {
	env := func(rate string) func(string) string {
		return func(k string) string {
			switch k {
			case "TELEGRAM_BOT_TOKEN":
				return "1:x"
			case "BOT_SEND_RATE":
				return rate
			}
			return ""
		}
	}
	for _, tc := range []struct {
		rate string
		want telegram.Limits
		bad  bool
	}{
		{"", telegram.DefaultLimits, false},
		{"0", telegram.Limits{Off: true}, false},
		{"10", telegram.Limits{Global: 10, GlobalBurst: 2, GroupEvery: 6 * time.Second, GroupBurst: 10}, false},
		{"-1", telegram.Limits{}, true},
		{"fast", telegram.Limits{}, true},
		{"100", telegram.Limits{}, true},
	} {
		c, err := loadConfig(env(tc.rate))
		if tc.bad {
			if err == nil || !strings.Contains(err.Error(), "BOT_SEND_RATE") {
				t.Errorf("BOT_SEND_RATE=%q: %v, want a usage error naming it", tc.rate, err)
			}
			continue
		}
		if err != nil || c.limits != tc.want {
			t.Errorf("BOT_SEND_RATE=%q: %+v, %v; want %+v", tc.rate, c.limits, err, tc.want)
		}
	}
}

// TestPruneAtStart: records older than the README's retention (handled
// updates 7 days, screenings 90 days) are gone as soon as the bot starts;
// younger ones stay.
func TestPruneAtStart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bot.db")
	now := time.Now()
	var clock time.Time
	st, err := store.Open(ctx, path, store.Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	hash := strings.Repeat("ab", 32)
	screening := func(age time.Duration) int64 {
		id, err := st.RecordScreening(ctx, store.Screening{Time: now.Add(-age), ChatType: "private", Source: "message",
			Level: "low", TextHash: hash})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	oldS, newS := screening(91*24*time.Hour), screening(89*24*time.Hour)
	for id, age := range map[int]time.Duration{1: 8 * 24 * time.Hour, 2: 6 * 24 * time.Hour} {
		clock = now.Add(-age)
		if err := st.MarkHandled(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	st, err = store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	pctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		prune(pctx, st, time.Hour, slog.New(slog.NewTextHandler(io.Discard, nil)))
	}()
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, err := st.Screening(ctx, oldS)
		if errors.Is(err, store.ErrNotFound) || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	if _, err := st.Screening(ctx, oldS); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a 91-day-old screening is still there: %v", err)
	}
	if _, err := st.Screening(ctx, newS); err != nil {
		t.Errorf("an 89-day-old screening is gone: %v", err)
	}
	if h, _ := st.IsHandled(ctx, 1); h {
		t.Error("an 8-day-old handled update is still there")
	}
	if h, _ := st.IsHandled(ctx, 2); !h {
		t.Error("a 6-day-old handled update is gone")
	}
}
