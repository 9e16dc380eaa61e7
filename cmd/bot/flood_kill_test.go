package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/tgfake"
)

// buildBot builds the binary once per test.
func buildBot(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "bot")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// fakeAPI starts a fake Bot API for token whose bot is @name (id); it is
// closed when the test ends.
func fakeAPI(t *testing.T, token string, id int64, name string) *tgfake.Server {
	srv := tgfake.New(token)
	srv.SetBot(id, name)
	t.Cleanup(srv.Close)
	return srv
}

// botCmd runs the bot binary ("bot run") against srv with the database db
// and the repository's rules, without the HTTP server.
func botCmd(bin, token string, srv *tgfake.Server, db string) *exec.Cmd {
	cmd := exec.Command(bin, "run")
	cmd.Env = append(os.Environ(), "TELEGRAM_BOT_TOKEN="+token, "TELEGRAM_API_ENDPOINT="+srv.URL(),
		"BOT_DB="+db, "BOT_RULES=../../rules.yaml", "BOT_HTTP_ADDR=")
	return cmd
}

// TestKillDuringGroupFlood: SIGKILL while a group flood is queued behind
// the group's send budget and private ads are being answered; after the
// restart every private ad is answered (at most the replies in flight
// twice) and no group post twice beyond those in flight.
func TestKillDuringGroupFlood(t *testing.T) {
	bin := buildBot(t)
	const token = "778:FLOODKILL"
	srv := fakeAPI(t, token, 778, "flood_bot")
	srv.SetLatency("sendMessage", 20*time.Millisecond)
	db := filepath.Join(t.TempDir(), "bot.db")
	grp := tgfake.Chat{ID: -100777, Type: "supergroup", Title: "Flood"}
	poster := tgfake.User{ID: 66, FirstName: "Poster", LanguageCode: "id"}
	var groupMids, privMids []int
	for i := range 40 {
		_, mid := srv.PushText(grp, poster, fmt.Sprintf("Loker admin Kamboja gaji 20jt, tiket ditanggung, brgkt minggu ini #%d", i))
		groupMids = append(groupMids, mid)
		if i%2 == 0 {
			u := tgfake.User{ID: int64(500 + i), FirstName: "Sari", LanguageCode: "id"}
			_, mid := srv.PushText(tgfake.Chat{ID: u.ID, Type: "private"}, u, fmt.Sprintf("Loker admin Myanmar gaji 25jt, visa turis #%d", i))
			privMids = append(privMids, mid)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := botCmd(bin, token, srv, db)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.WaitSent(ctx, 8); err != nil {
		cmd.Process.Kill()
		t.Fatal(err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	cmd = botCmd(bin, token, srv, db)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for ctx.Err() == nil {
		counts := map[int]int{}
		for _, s := range srv.Sent() {
			counts[s.ReplyToMessageID]++
		}
		all := true
		for _, mid := range privMids {
			all = all && counts[mid] > 0
		}
		if all && len(srv.Pending()) == 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("after SIGTERM: %v (want exit 0)", err)
	}
	counts := replyCounts(srv)
	twice := 0
	for _, mid := range privMids {
		twice += answeredOnce(t, counts, mid)
	}
	for _, mid := range groupMids {
		if counts[mid] > 1 {
			twice++
		}
	}
	if twice > 3 {
		t.Errorf("%d messages answered twice; at most the replies in flight may repeat", twice)
	}
	if n := len(srv.Pending()); n != 0 {
		t.Errorf("%d updates left unconfirmed", n)
	}
	t.Logf("%d private ads answered, %d group replies, %d twice", len(privMids), len(srv.Sent())-len(privMids), twice)
}

// TestSecondProcessRefused: a second bot on the same database stops at
// once with a clear message; the first goes on.
func TestSecondProcessRefused(t *testing.T) {
	bin := buildBot(t)
	const token = "779:TWICE"
	srv := tgfake.New(token)
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "bot.db")
	first := botCmd(bin, token, srv, db)
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		first.Process.Signal(syscall.SIGTERM)
		first.Wait()
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := srv.WaitCalls(ctx, "getUpdates", 1); err != nil {
		t.Fatal(err)
	}
	second := botCmd(bin, token, srv, db)
	var stderr bytes.Buffer
	second.Stderr = &stderr
	err := second.Run()
	if err == nil || !strings.Contains(stderr.String(), "in use by another process") || !strings.Contains(stderr.String(), db+".lock") {
		t.Errorf("second bot: %v, stderr %q; want a failure naming the lock", err, stderr.String())
	}
	u := tgfake.User{ID: 9, FirstName: "Sari", LanguageCode: "id"}
	srv.PushText(tgfake.Chat{ID: 9, Type: "private"}, u, "/help")
	if _, err := srv.WaitSent(ctx, 1); err != nil {
		t.Errorf("the first bot stopped answering: %v", err)
	}
}
