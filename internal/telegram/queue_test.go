package telegram

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/tgfake"
)

// probe sends a private message from a user of its own and returns how
// long the reply took.
func (h *harness) probe(i int) time.Duration {
	h.t.Helper()
	chat := tgfake.Chat{ID: int64(880000 + i), Type: "private"}
	start := time.Now()
	_, mid := h.srv.PushText(chat, tgfake.User{ID: chat.ID, FirstName: "Probe", LanguageCode: "id"}, "/help")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		for _, s := range h.srv.Sent() {
			if s.ChatID == chat.ID {
				return time.Since(start)
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	h.t.Fatalf("probe %d (message %d) got no reply", i, mid)
	return 0
}

// hungAd starts a bot whose next tries sends into Alice's chat hang (each
// attempt limited to callTimeout), pushes an ad from Alice and waits until
// its send is tried. It returns the ad's message id.
func hungAd(t *testing.T, callTimeout time.Duration, tries int) (*harness, int) {
	h := startHarness(t, Limits{Off: true}, func(h *harness) {
		h.callTimeout = callTimeout
		h.srv.FailNext("sendMessage", tries, tgfake.Fault{Delay: time.Hour, ChatID: private.ID})
	})
	_, mid := h.srv.PushText(private, alice, scamAd)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := h.srv.WaitCalls(ctx, "sendMessage", 1); err != nil {
		t.Fatal(err)
	}
	return h, mid
}

// p95 is the 95th percentile of durations.
func p95(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[(len(s)*95+99)/100-1]
}

// TestGroupFloodDoesNotDelayOthers floods a group with job ads while the
// group limit (1 message per 6 s after a burst) holds its replies back;
// other users' private replies must still come within 2 s.
func TestGroupFloodDoesNotDelayOthers(t *testing.T) {
	h := startHarness(t, DefaultLimits, nil)
	for i := range 40 {
		h.srv.PushText(group, alice, fmt.Sprintf("%s #%d", scamAd, i))
	}
	var took []time.Duration
	for i := range 20 {
		took = append(took, h.probe(i))
	}
	if p := p95(took); p > 2*time.Second {
		t.Errorf("p95 of private replies during a group flood: %v, want ≤ 2 s", p)
	}
	t.Logf("p95 %v over %d probes", p95(took), len(took))
}

// TestSlowUpdateIsParked: one chat's send hangs while 150 other users
// write. The hung update is parked (stored) after ParkAfter, so the offset
// moves on and the others are all answered; after a restart the parked
// update is handled, once.
func TestSlowUpdateIsParked(t *testing.T) {
	h, slow := hungAd(t, 8*time.Second, 1)
	srv := h.srv
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	start := time.Now()
	for i := range 150 {
		u := tgfake.User{ID: int64(50000 + i), FirstName: "U", LanguageCode: "id"}
		srv.PushText(tgfake.Chat{ID: u.ID, Type: "private"}, u, "/help")
	}
	h.waitSent(150)
	t.Logf("150 others answered in %v while one send hung", time.Since(start).Round(time.Millisecond))
	h.waitHandled() // the hung update was parked: Telegram may forget it
	if p, err := h.st.Parked(ctx); err != nil || len(p) != 1 {
		t.Fatalf("parked updates: %d, %v; want the hung one", len(p), err)
	}
	h.stop() // the hung update is still in hand
	h.start()
	deadline := time.Now().Add(15 * time.Second)
	for sentTo(srv, slow) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	h.settle()
	if n := sentTo(srv, slow); n != 1 {
		t.Errorf("the parked update got %d replies after the restart, want 1", n)
	}
	if p, _ := h.st.Parked(ctx); len(p) != 0 {
		t.Errorf("%d parked updates left", len(p))
	}
}
