package telegram

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/tgfake"
)

// limitCounter counts the Limited hook's calls by kind.
type limitCounter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *limitCounter) hook(kind string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[kind]++
}

func (c *limitCounter) get(kind string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[kind]
}

// floodHarness is a bot with the default flood limits and a counter.
func floodHarness(t *testing.T) (*harness, *limitCounter) {
	c := &limitCounter{n: map[string]int{}}
	h := startHarness(t, DefaultLimits, func(h *harness) {
		h.srv.EnforceLimits(30, 20)
		h.hooks.Limited = c.hook
	})
	return h, c
}

// waitHandled waits until no update is left unconfirmed at the fake.
func (h *harness) waitHandled() {
	h.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for len(h.srv.Pending()) > 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := len(h.srv.Pending()); n > 0 {
		h.t.Fatalf("%d updates never handled", n)
	}
}

func (h *harness) probes(n int) time.Duration {
	var took []time.Duration
	for i := range n {
		took = append(took, h.probe(i))
	}
	return p95(took)
}

// TestPrivateFloodIsBounded: one user sends 300 ads at once. They get the
// replies their bucket allows and one "slow down" notice; everybody else
// is answered within 2 s meanwhile.
func TestPrivateFloodIsBounded(t *testing.T) {
	h, c := floodHarness(t)
	flooder := tgfake.Chat{ID: 7777, Type: "private"}
	for i := range 300 {
		h.srv.PushText(flooder, tgfake.User{ID: 7777, FirstName: "Spam"}, fmt.Sprintf("%s #%d", scamAd, i))
	}
	if p := h.probes(20); p > 2*time.Second {
		t.Errorf("p95 %v during a private flood", p)
	}
	h.waitHandled()
	h.settle()
	var replies, notices int
	for _, s := range h.srv.Sent() {
		if s.ChatID != flooder.ID {
			continue
		}
		if strings.Contains(s.Text, "terlalu banyak") {
			notices++
		} else {
			replies++
		}
	}
	if notices != 1 {
		t.Errorf("%d slow-down notices, want 1", notices)
	}
	if replies > DefaultFloodLimits.PrivateBurst+5 || replies < DefaultFloodLimits.PrivateBurst {
		t.Errorf("%d replies to the flooder, want about %d", replies, DefaultFloodLimits.PrivateBurst)
	}
	if got := c.get("private"); got+replies != 300 {
		t.Errorf("%d refused + %d answered, want 300", got, replies)
	}
	if v := h.srv.Violations(); v != 0 {
		t.Errorf("%d calls over Telegram's limits", v)
	}
}

// TestForgedAdminCallbacks: a non-admin presses a forged admin button
// 300 times. Each press is counted, only the first reaches the admin code
// (one answer), and other users are not held up.
func TestForgedAdminCallbacks(t *testing.T) {
	h, c := floodHarness(t)
	ref := tgfake.MsgRef{ChatID: bob.ID, MessageID: 1}
	for range 300 {
		h.srv.PushCallback(bob, ref, "adm:apply:1")
	}
	if p := h.probes(20); p > 2*time.Second {
		t.Errorf("p95 %v during forged callbacks", p)
	}
	h.waitHandled()
	h.settle()
	if got := c.get("refused_callback"); got != 300 {
		t.Errorf("refused callbacks counted %d, want 300", got)
	}
	if n := len(h.srv.Calls("answerCallbackQuery")); n != 1 {
		t.Errorf("%d callback answers, want 1 (the rest are dropped)", n)
	}
}

// TestGroupEditsCountAgainstTheGroup: 60 edits of one post in a moment
// use up the group's budget; the rest are not screened, and the bot keeps
// under Telegram's limits.
func TestGroupEditsCountAgainstTheGroup(t *testing.T) {
	h, c := floodHarness(t)
	_, mid := h.srv.PushText(group, alice, scamAd)
	h.waitSent(1)
	for i := range 60 {
		h.srv.PushEdit(tgfake.MsgRef{ChatID: group.ID, MessageID: mid}, alice, fmt.Sprintf("%s v%d", scamAd, i))
	}
	if p := h.probes(20); p > 2*time.Second {
		t.Errorf("p95 %v during an edit flood", p)
	}
	h.waitHandled()
	if got := c.get("group_edit"); got < 60-DefaultFloodLimits.GroupBurst {
		t.Errorf("%d edits refused, want at least %d", got, 60-DefaultFloodLimits.GroupBurst)
	}
	if v := h.srv.Violations(); v != 0 {
		t.Errorf("%d calls over Telegram's limits", v)
	}
}
