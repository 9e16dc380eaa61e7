package telegram

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/cekloker/cekloker/internal/tgfake"
)

// waitQueued waits until the outbox holds n replies.
func (h *harness) waitQueued(n int) {
	h.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if q, err := h.st.Queued(context.Background()); err == nil && q == n {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	q, _ := h.st.Queued(context.Background())
	h.t.Fatalf("outbox holds %d replies, want %d", q, n)
}

// makeDue makes every queued reply due now, as if its time had come.
func (h *harness) makeDue() {
	h.t.Helper()
	due, err := h.st.Due(context.Background(), time.Now().Add(24*time.Hour), 0)
	if err != nil {
		h.t.Fatal(err)
	}
	for _, o := range due {
		if err := h.st.Postpone(context.Background(), o.ID, time.Now()); err != nil {
			h.t.Fatal(err)
		}
	}
}

// sentTo counts the bot's messages that answer message mid.
func sentTo(srv *tgfake.Server, mid int) int {
	return repliesPerMessage(srv.Sent())[mid]
}

// TestLongRetryAfterIsQueuedNotSlept: a 429 with retry_after 120 does not
// hold the chat (nor anyone else); the reply waits in the outbox and is
// sent once when its time comes.
func TestLongRetryAfterIsQueuedNotSlept(t *testing.T) {
	h := newHarness(t)
	h.srv.FailNext("sendMessage", 1, tgfake.Fault{Status: 429, RetryAfter: 120})
	_, mid := h.srv.PushText(private, alice, scamAd)
	h.waitQueued(1)
	var took []time.Duration
	for i := range 20 {
		took = append(took, h.probe(i))
	}
	if p := p95(took); p > 2*time.Second {
		t.Errorf("p95 %v while a reply waits out retry_after 120", p)
	}
	if n := sentTo(h.srv, mid); n != 0 {
		t.Fatalf("the deferred reply was sent %d times before its time", n)
	}
	h.makeDue()
	h.waitQueued(0)
	if n := sentTo(h.srv, mid); n != 1 {
		t.Errorf("the queued reply was sent %d times, want 1", n)
	}
	// A restart answers nothing again.
	h.stop()
	h.start()
	h.settle()
	if n := sentTo(h.srv, mid); n != 1 {
		t.Errorf("after a restart the reply was sent %d times, want 1", n)
	}
}

// TestHungSendIsBounded: a sendMessage that never answers is abandoned
// after the call timeout and 3 tries; the reply is queued, other users are
// answered meanwhile, and the reply is sent later exactly once.
func TestHungSendIsBounded(t *testing.T) {
	h, mid := hungAd(t, 300*time.Millisecond, 3)
	srv := h.srv
	var took []time.Duration
	for i := range 20 {
		took = append(took, h.probe(i))
	}
	if p := p95(took); p > 2*time.Second {
		t.Errorf("p95 %v while a send hangs", p)
	}
	h.waitQueued(1)
	if n := len(srv.Calls("sendMessage")) - 20; n != 3 {
		t.Errorf("the hung send was tried %d times, want 3", n)
	}
	h.makeDue()
	h.waitQueued(0)
	if n := sentTo(srv, mid); n != 1 {
		t.Errorf("the reply was sent %d times, want 1", n)
	}
}

// TestGroupOverBudgetMergedOrDropped: a group's replies beyond its send
// budget wait in the outbox (only the newest few); a warning about a post
// deleted meanwhile is not sent; every post is answered at most once.
func TestGroupOverBudgetMergedOrDropped(t *testing.T) {
	var (
		mu     sync.Mutex
		events = map[string]int{}
	)
	h := startHarness(t, Limits{Global: 1000, GlobalBurst: 100, GroupEvery: 600 * time.Millisecond, GroupBurst: 2, GroupWait: 50 * time.Millisecond}, func(h *harness) {
		h.hooks.Outbox = func(e string, n int) {
			mu.Lock()
			defer mu.Unlock()
			events[e] += n
		}
	})
	srv := h.srv
	var mids []int
	for i := range 8 {
		_, mid := srv.PushText(group, alice, fmt.Sprintf("%s #%d", scamAd, i))
		mids = append(mids, mid)
	}
	h.waitSent(2)
	h.waitQueued(groupQueueKeep)
	// The newest post waits in the outbox; its author deletes it.
	gone := mids[len(mids)-1]
	srv.DeleteByUser(tgfake.MsgRef{ChatID: group.ID, MessageID: gone})
	h.makeDue()
	h.waitQueued(0)
	for _, mid := range mids {
		if n := sentTo(srv, mid); n > 1 {
			t.Errorf("post %d answered %d times", mid, n)
		}
	}
	if n := sentTo(srv, gone); n != 0 {
		t.Errorf("the warning about a deleted post was sent")
	}
	if total := len(srv.Sent()); total > 2+groupQueueKeep {
		t.Errorf("%d replies in the group, want at most %d", total, 2+groupQueueKeep)
	}
	// A scam post later is still warned about.
	time.Sleep(1200 * time.Millisecond)
	_, late := srv.PushText(group, alice, scamAd+" (later)")
	h.waitQueued(0)
	deadline := time.Now().Add(10 * time.Second)
	for sentTo(srv, late) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if sentTo(srv, late) != 1 {
		t.Errorf("a later scam post was not warned about")
	}
	mu.Lock()
	defer mu.Unlock()
	if events["dropped_merged"] == 0 || events["dropped_refused"] == 0 {
		t.Errorf("drops not counted: %v", events)
	}
	t.Logf("outbox events: %v", events)
}

// TestStorageFailureStillReplies: while the database refuses writes, the
// reply is still sent, the update is not marked handled (Telegram keeps
// it), and once writes work again it is stored without a second reply.
func TestStorageFailureStillReplies(t *testing.T) {
	h := newHarness(t)
	raw, err := sql.Open("sqlite3", h.db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`CREATE TRIGGER fail_writes BEFORE INSERT ON handled_updates
		BEGIN SELECT RAISE(FAIL, 'disk I/O error (test)'); END`); err != nil {
		t.Fatal(err)
	}
	_, mid := h.srv.PushText(private, alice, scamAd)
	h.waitSent(1)
	h.settle()
	if len(h.srv.Pending()) != 1 {
		t.Fatalf("the update was confirmed to Telegram although it could not be stored")
	}
	if off, _ := h.st.Offset(context.Background()); off > 100000 {
		t.Fatalf("stored offset %d moved past the update", off)
	}
	// Others are still answered meanwhile.
	if p := h.probe(1); p > 2*time.Second {
		t.Errorf("a probe took %v while storage failed", p)
	}
	if _, err := raw.Exec(`DROP TRIGGER fail_writes`); err != nil {
		t.Fatal(err)
	}
	h.waitHandled()
	h.settle()
	if n := sentTo(h.srv, mid); n != 1 {
		t.Errorf("the ad got %d replies, want 1", n)
	}
	if done, err := h.st.IsHandled(context.Background(), 100000); err != nil || !done {
		t.Errorf("update not marked handled after storage came back: %v", err)
	}
}
