package telegram

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/screen"
	"github.com/cekloker/cekloker/internal/tgfake"
)

// repliesPerMessage counts the bot's replies to each message id.
func repliesPerMessage(sent []tgfake.SentMessage) map[int]int {
	n := map[int]int{}
	for _, s := range sent {
		if s.Method == "sendMessage" || s.Method == "" {
			n[s.ReplyToMessageID]++
		}
	}
	return n
}

func TestFaultsStillOneReplyEach(t *testing.T) {
	h := newHarness(t)
	h.srv.FailNext("sendMessage", 1, tgfake.Fault{Status: 429, RetryAfter: 1})
	h.srv.FailNext("sendMessage", 1, tgfake.Fault{Status: 500})
	h.srv.FailNext("getUpdates", 1, tgfake.Fault{Status: 502})
	var mids []int
	for i := range 6 {
		_, mid := h.srv.PushText(tgfake.Chat{ID: int64(2000 + i), Type: "private"}, alice, fmt.Sprintf("%s #%d", scamAd, i))
		mids = append(mids, mid)
	}
	sent := h.waitSent(6)
	h.settle()
	counts := repliesPerMessage(h.srv.Sent())
	for _, mid := range mids {
		if counts[mid] != 1 {
			t.Errorf("message %d got %d replies", mid, counts[mid])
		}
	}
	if len(sent) != 6 {
		t.Errorf("%d messages sent", len(sent))
	}
}

func TestForbiddenIsDroppedNotRetried(t *testing.T) {
	h := newHarness(t)
	h.srv.FailNext("sendMessage", 1, tgfake.Fault{Status: 403, Description: "Forbidden: bot was kicked from the group chat"})
	h.srv.PushText(group, alice, scamAd)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := h.srv.WaitCalls(ctx, "sendMessage", 1); err != nil {
		t.Fatal(err)
	}
	_, mid := h.srv.PushText(tgfake.Chat{ID: 3001, Type: "private"}, alice, scamAd)
	s := h.waitSent(1)
	h.settle()
	if len(h.srv.Sent()) != 1 || s[0].ReplyToMessageID != mid {
		t.Errorf("after a 403 the bot should go on with the next update: %+v", h.srv.Sent())
	}
	if n := len(h.srv.Calls("sendMessage")); n != 2 {
		t.Errorf("sendMessage called %d times, want 2 (no retry of the 403)", n)
	}
}

// TestRestartLosesNothingAnswersNothingTwice stops the bot in the middle of
// a stream of updates and starts it again on the same database.
func TestRestartLosesNothingAnswersNothingTwice(t *testing.T) {
	h := newHarness(t)
	h.srv.SetLatency("sendMessage", 20*time.Millisecond)
	const n = 40
	var mids []int
	for i := range n {
		_, mid := h.srv.PushText(tgfake.Chat{ID: int64(4000 + i%7), Type: "private"}, alice, fmt.Sprintf("%s #%d", scamAd, i))
		mids = append(mids, mid)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := h.srv.WaitSent(ctx, 5); err != nil {
		t.Fatal(err)
	}
	h.stop() // like SIGTERM: stop polling, finish what is in hand
	h.start()
	h.waitSent(n)
	h.settle()
	counts := repliesPerMessage(h.srv.Sent())
	for _, mid := range mids {
		if counts[mid] != 1 {
			t.Errorf("message %d got %d replies", mid, counts[mid])
		}
	}
}

func TestLoadThousandUpdates(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	h := newHarness(t)
	const n = 1000
	start := time.Now()
	for i := range n {
		h.srv.PushText(tgfake.Chat{ID: int64(10000 + i%50), Type: "private"}, alice, fmt.Sprintf("%s #%d", scamAd, i))
	}
	h.waitSent(n)
	took := time.Since(start)
	t.Logf("%d updates answered in %v (%.0f/s)", n, took, n/took.Seconds())
	if d := len(repliesPerMessage(h.srv.Sent())); d != n {
		t.Errorf("%d distinct messages answered, want %d", d, n)
	}
}

func TestRateLimitsRespected(t *testing.T) {
	h := startHarness(t, DefaultLimits, func(h *harness) { h.srv.EnforceLimits(30, 20) })
	const n = 90
	for i := range n {
		h.srv.PushText(tgfake.Chat{ID: int64(20000 + i), Type: "private"}, alice, fmt.Sprintf("%s #%d", scamAd, i))
	}
	h.waitSent(n)
	if v := h.srv.Violations(); v != 0 {
		t.Errorf("%d calls over the fake's limit", v)
	}
	if r := h.srv.MaxRatePerSecond(); r > 30 {
		t.Errorf("max rate %d/s, want at most 30", r)
	}
	t.Logf("max rate %d/s", h.srv.MaxRatePerSecond())
}

// lockedBuffer is a log sink safe for concurrent writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestTokenNeverLogged(t *testing.T) {
	logs := &lockedBuffer{}
	h := startHarness(t, Limits{Off: true}, func(h *harness) {
		h.logw = logs
		h.srv.FailNext("getUpdates", 1, tgfake.Fault{Drop: true})
		h.srv.FailNext("sendMessage", 1, tgfake.Fault{Drop: true})
		h.srv.FailNext("sendMessage", 1, tgfake.Fault{Status: 403, Description: "Forbidden: bot was blocked by the user"})
	})
	h.srv.PushText(private, alice, scamAd)
	h.srv.PushText(tgfake.Chat{ID: 7007, Type: "private"}, alice, scamAd)
	h.waitSent(1)
	h.settle()
	out := logs.String()
	if !strings.Contains(out, "retrying") && !strings.Contains(out, "getUpdates failed") {
		t.Fatalf("the faults were not logged at all:\n%s", out)
	}
	if strings.Contains(out, token) || strings.Contains(out, "TEST-token") {
		t.Errorf("the bot token appears in the logs:\n%s", out)
	}
}

func TestPanicInAHandlerSkipsOnlyThatUpdate(t *testing.T) {
	// A hook that panics on one text stands for any bug a hostile update
	// might find.
	h := startHarness(t, Limits{Off: true}, func(h *harness) {
		h.hooks.Screened = func(_ string, v screen.Verdict, _ time.Duration) {
			if v.Destination != nil && v.Destination.ID == "MM" {
				panic("boom")
			}
		}
	})
	h.srv.PushText(private, alice, "Loker admin Myanmar gaji 20jt")
	_, mid := h.srv.PushText(tgfake.Chat{ID: 9009, Type: "private"}, alice, scamAd)
	s := h.waitSent(1)
	h.settle()
	if len(h.srv.Sent()) != 1 || s[0].ReplyToMessageID != mid {
		t.Errorf("the bot did not go on after the panicking update: %+v", h.srv.Sent())
	}
	// The bad update is not retried: it was marked handled.
	h.stop()
	h.start()
	h.settle()
	if n := len(h.srv.Sent()); n != 1 {
		t.Errorf("%d messages after a restart, want 1", n)
	}
}
