package main

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/tgfake"
)

// stopBot sends the bot SIGTERM and reports an error unless it exits 0
// within the given time (then it is killed).
func stopBot(t *testing.T, cmd *exec.Cmd, within time.Duration) {
	t.Helper()
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("after SIGTERM: %v (want exit 0)", err)
		}
	case <-time.After(within):
		cmd.Process.Kill()
		t.Errorf("no exit within %v of SIGTERM", within)
	}
}

// replyCounts counts the replies sent to each message id.
func replyCounts(srv *tgfake.Server) map[int]int {
	counts := map[int]int{}
	for _, s := range srv.Sent() {
		counts[s.ReplyToMessageID]++
	}
	return counts
}

// answeredOnce reports an error when message mid got no reply, and returns
// 1 when it got more than one (a reply in flight at a kill may repeat).
func answeredOnce(t *testing.T, counts map[int]int, mid int) int {
	t.Helper()
	if counts[mid] == 0 {
		t.Errorf("message %d was never answered", mid)
	}
	if counts[mid] > 1 {
		return 1
	}
	return 0
}

// TestKillAndRestart runs the real binary against the fake Bot API, kills
// it with SIGKILL in the middle of a stream of updates, starts it again on
// the same database, and checks that every ad got a reply, with at most
// the replies in flight sent twice. Then it stops it with SIGTERM: exit 0.
func TestKillAndRestart(t *testing.T) {
	dir := t.TempDir()
	bin := buildBot(t)
	const token = "777:KILLTEST"
	srv := fakeAPI(t, token, 777, "kill_bot")
	srv.SetLatency("sendMessage", 30*time.Millisecond)
	start := func() *exec.Cmd {
		cmd := botCmd(bin, token, srv, filepath.Join(dir, "data", "bot.db"))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	const n = 30
	user := tgfake.User{ID: 5, FirstName: "Sari", LanguageCode: "id"}
	var mids []int
	for i := range n {
		_, mid := srv.PushText(tgfake.Chat{ID: 5, Type: "private"}, user, fmt.Sprintf("Loker admin Kamboja gaji 20jt, brgkt minggu ini #%d", i))
		mids = append(mids, mid)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := start()
	if _, err := srv.WaitSent(ctx, 5); err != nil {
		cmd.Process.Kill()
		t.Fatal(err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	cmd = start()
	if _, err := srv.WaitSent(ctx, n); err != nil {
		cmd.Process.Kill()
		t.Fatal(err)
	}
	// Let it poll once more, then stop it properly.
	k := len(srv.Calls("getUpdates"))
	srv.WaitCalls(ctx, "getUpdates", k+1)
	stopBot(t, cmd, 10*time.Second)
	counts := replyCounts(srv)
	twice := 0
	for _, mid := range mids {
		twice += answeredOnce(t, counts, mid)
	}
	if twice > 2 {
		t.Errorf("%d messages answered twice; at most the replies in flight may repeat", twice)
	}
	t.Logf("answered %d messages, %d twice after SIGKILL", len(mids), twice)
}
