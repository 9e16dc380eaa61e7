package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/tgfake"
)

// The load harness runs the real binary against the fake Bot API. It is
// heavy, so it runs only with CEKLOKER_LOAD=1:
//
//	CEKLOKER_LOAD=1 go test -run Load -v ./cmd/bot/
//
// TestLoadCatchUp: 10,000 private updates waiting (as after downtime),
// BOT_SEND_RATE=0; the time until every one is answered, once.
// TestLoadBigMessages: 200 groups and 100 messages of 1 MB; the peak RSS.
func loadGate(t *testing.T) {
	if os.Getenv("CEKLOKER_LOAD") != "1" {
		t.Skip("load harness: set CEKLOKER_LOAD=1")
	}
}

// cpuTime is the CPU time the process used so far (user + system).
func cpuTime(pid int) time.Duration {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return -1
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	if len(f) < 13 {
		return -1
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	k, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+k) * time.Second / 100 // clock ticks: USER_HZ is 100 on Linux
}

// selfCPU is the CPU time this test process used so far (user + system):
// during a load run, mostly the fake Bot API's.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func runLoad(t *testing.T, n int, push func(srv *tgfake.Server) []int, budget time.Duration) {
	bin := buildBot(t)
	const token = "780:LOAD"
	srv := fakeAPI(t, token, 780, "load_bot")
	mids := push(srv)
	cmd := botCmd(bin, token, srv, filepath.Join(t.TempDir(), "bot.db"))
	cmd.Env = append(cmd.Env, "BOT_SEND_RATE=0", "BOT_LOG_LEVEL=warn")
	cmd.Stderr = os.Stderr
	start, fakeStart := time.Now(), selfCPU()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), budget)
	defer cancel()
	_, err := srv.WaitSent(ctx, n)
	took := time.Since(start)
	rss, cpu := float64(peakRSS(t, cmd.Process.Pid))/(1<<20), cpuTime(cmd.Process.Pid)
	fakeCPU := selfCPU() - fakeStart
	cmd.Process.Signal(syscall.SIGTERM)
	cmd.Wait()
	if err != nil {
		t.Fatalf("%d of %d answered in %v", len(srv.Sent()), n, took)
	}
	counts := map[string]int{}
	for _, s := range srv.Sent() {
		counts[fmt.Sprint(s.ChatID, "/", s.ReplyToMessageID)]++
	}
	for k, c := range counts {
		if c != 1 {
			t.Errorf("%s answered %d times", k, c)
		}
	}
	if len(counts) != len(mids) {
		t.Errorf("%d messages answered, want %d", len(counts), len(mids))
	}
	load, _ := os.ReadFile("/proc/loadavg")
	t.Logf("%d updates answered in %v (start-up included); the bot used %v of CPU (%.2f ms an update); peak RSS %.1f MB; the test process (the fake Bot API) used %v of CPU meanwhile; load average %s",
		n, took.Round(time.Millisecond), cpu, float64(cpu.Microseconds())/1000/float64(n), rss, fakeCPU.Round(10*time.Millisecond), strings.Fields(string(load))[0])
}

func TestLoadCatchUp(t *testing.T) {
	loadGate(t)
	const n = 10000
	runLoad(t, n, func(srv *tgfake.Server) []int {
		var mids []int
		for i := range n {
			u := tgfake.User{ID: int64(100000 + i), FirstName: "U", LanguageCode: "id"}
			_, mid := srv.PushText(tgfake.Chat{ID: u.ID, Type: "private"}, u, fmt.Sprintf("Loker admin Kamboja gaji 20jt, tiket ditanggung, hub WA #%d", i))
			mids = append(mids, mid)
		}
		return mids
	}, 120*time.Second)
}

func TestLoadBigMessages(t *testing.T) {
	loadGate(t)
	const n = 100
	big := strings.Repeat("Loker admin Kamboja gaji 20jt, tiket ditanggung, brgkt minggu ini. ", 1<<20/68)
	runLoad(t, n, func(srv *tgfake.Server) []int {
		var mids []int
		for i := range n {
			g := tgfake.Chat{ID: int64(-1000000 - i%200), Type: "supergroup", Title: "G"}
			_, mid := srv.PushText(g, tgfake.User{ID: int64(7000 + i), FirstName: "P"}, fmt.Sprintf("%s #%d", big, i))
			mids = append(mids, mid)
		}
		return mids
	}, 120*time.Second)
}
