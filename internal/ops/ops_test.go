package ops

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/cekloker/cekloker/internal/screen"
)

type fakeDB struct{ err error }

func (f fakeDB) Ping(ctx context.Context) error { return f.err }

// clock is a settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

var t0 = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Code, rec.Body.String()
}

func decode(t *testing.T, body string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("body %q: %v", body, err)
	}
	return m
}

func TestHealthz(t *testing.T) {
	secret := "123456:SECRET-TOKEN"
	for _, tc := range []struct {
		name     string
		db       error
		lastPoll time.Duration // before now; <0 means never
		elapsed  time.Duration // since NewHealth
		code     int
		want     []string // substrings of the body
		wantNot  []string
	}{
		{name: "healthy", lastPoll: 3 * time.Second, elapsed: 10 * time.Minute, code: 200,
			want: []string{`"status":"ok"`, `"db":"ok"`, `"last_poll_seconds_ago":3`}, wantNot: []string{"reasons"}},
		{name: "healthy at the limit", lastPoll: 60 * time.Second, elapsed: 10 * time.Minute, code: 200,
			want: []string{`"status":"ok"`, `"last_poll_seconds_ago":60`}},
		{name: "db down", db: errors.New("disk I/O error"), lastPoll: time.Second, elapsed: time.Hour, code: 503,
			want: []string{`"status":"unhealthy"`, `"database: disk I/O error"`}, wantNot: []string{`"db":"ok"`, "getUpdates"}},
		{name: "poll stale", lastPoll: 75 * time.Second, elapsed: time.Hour, code: 503,
			want: []string{`"status":"unhealthy"`, `"last getUpdates succeeded 75s ago"`}, wantNot: []string{"database"}},
		{name: "starting", lastPoll: -1, elapsed: 30 * time.Second, code: 200,
			want: []string{`"status":"ok"`, `"db":"ok"`, `"starting":true`}, wantNot: []string{"last_poll_seconds_ago"}},
		{name: "never polled", lastPoll: -1, elapsed: 61 * time.Second, code: 503,
			want: []string{`"no successful getUpdates yet"`}},
		{name: "starting but db down", db: errors.New("closed"), lastPoll: -1, elapsed: time.Second, code: 503,
			want: []string{`"database: closed"`}, wantNot: []string{"getUpdates"}},
		{name: "both", db: errors.New("locked"), lastPoll: 5 * time.Minute, elapsed: time.Hour, code: 503,
			want: []string{`"reasons":["database: locked","last getUpdates succeeded 300s ago"]`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &clock{t: t0}
			h := NewHealth(fakeDB{tc.db}, func() time.Time {
				if tc.lastPoll < 0 {
					return time.Time{}
				}
				return c.now().Add(-tc.lastPoll)
			}, c.now)
			c.add(tc.elapsed)
			code, body := get(t, Handler(NewMetrics(), h), "/healthz")
			if code != tc.code {
				t.Errorf("code %d, want %d; body %s", code, tc.code, body)
			}
			decode(t, body)
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("body %s lacks %s", body, w)
				}
			}
			for _, w := range append(tc.wantNot, secret) {
				if strings.Contains(body, w) {
					t.Errorf("body %s has %s", body, w)
				}
			}
		})
	}
}

func TestHealthzMethodAndType(t *testing.T) {
	c := &clock{t: t0}
	h := Handler(NewMetrics(), NewHealth(fakeDB{}, c.now, c.now))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/healthz", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /healthz: %d", rec.Code)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("content type %q", ct)
	}
	if code, _ := get(t, h, "/nope"); code != http.StatusNotFound {
		t.Errorf("/nope: %d", code)
	}
}

// The ping gets a deadline, so a hung database makes the check fail
// instead of hanging the probe.
type slowDB struct{}

func (slowDB) Ping(ctx context.Context) error {
	if _, ok := ctx.Deadline(); !ok {
		return errors.New("no deadline")
	}
	<-ctx.Done()
	return ctx.Err()
}

func TestHealthPingDeadline(t *testing.T) {
	h := NewHealth(slowDB{}, time.Now, time.Now)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	r := h.Check(ctx)
	if r.Status != "unhealthy" || len(r.Reasons) != 1 || !strings.Contains(r.Reasons[0], "deadline exceeded") {
		t.Fatalf("%+v", r)
	}
}

func TestMetrics(t *testing.T) {
	m := NewMetrics()
	hooks := m.Hooks()
	if hooks.Update == nil || hooks.Screened == nil || hooks.Polled == nil || hooks.Call == nil || hooks.Queue == nil {
		t.Fatalf("hooks not all set: %+v", hooks)
	}
	hooks.Update("message")
	hooks.Update("message")
	hooks.Update("callback_query")
	v := screen.Verdict{Level: "high", Hits: []screen.Hit{{Rule: "passport_held"}, {Rule: "upfront_fee"}}}
	hooks.Screened("group", v, 120*time.Microsecond)
	hooks.Screened("private", screen.Verdict{Level: "low"}, 3*time.Millisecond)
	hooks.Polled(nil)
	hooks.Polled(errors.New("timeout"))
	hooks.Call("sendMessage", "ok")
	hooks.Call("sendMessage", "429")
	hooks.Call("getUpdates", "403")
	hooks.Queue(1)
	hooks.Queue(1)
	hooks.Queue(1)
	hooks.Queue(-1)
	m.Versions(func() (int, int) { return 7, 3 })

	if got := testutil.ToFloat64(m.updates.WithLabelValues("message")); got != 2 {
		t.Errorf("updates{message} = %v", got)
	}
	if got := testutil.ToFloat64(m.pollFailures); got != 1 {
		t.Errorf("getupdates failures = %v", got)
	}
	if got := testutil.ToFloat64(m.queueDepth); got != 2 {
		t.Errorf("queue depth = %v", got)
	}
	if got := testutil.CollectAndCount(m.duration); got != 1 {
		t.Errorf("duration series = %v", got)
	}

	expected := `
# HELP cekloker_rule_hits_total Rule matches in screenings, by rule id.
# TYPE cekloker_rule_hits_total counter
cekloker_rule_hits_total{rule="passport_held"} 1
cekloker_rule_hits_total{rule="upfront_fee"} 1
# HELP cekloker_model_version Version of the active text model (0: the rules screen alone).
# TYPE cekloker_model_version gauge
cekloker_model_version 3
# HELP cekloker_rules_version Version of the active rules.
# TYPE cekloker_rules_version gauge
cekloker_rules_version 7
# HELP cekloker_screenings_total Texts screened, by verdict level and chat type.
# TYPE cekloker_screenings_total counter
cekloker_screenings_total{chat_type="group",level="high"} 1
cekloker_screenings_total{chat_type="private",level="low"} 1
# HELP cekloker_telegram_api_calls_total Bot API calls, by method and outcome (ok, 429, 5xx, network, or a 4xx code).
# TYPE cekloker_telegram_api_calls_total counter
cekloker_telegram_api_calls_total{method="getUpdates",outcome="403"} 1
cekloker_telegram_api_calls_total{method="sendMessage",outcome="429"} 1
cekloker_telegram_api_calls_total{method="sendMessage",outcome="ok"} 1
# HELP cekloker_updates_received_total Telegram updates received, by kind.
# TYPE cekloker_updates_received_total counter
cekloker_updates_received_total{kind="callback_query"} 1
cekloker_updates_received_total{kind="message"} 2
# HELP cekloker_send_queue_depth Bot API calls waiting or in flight.
# TYPE cekloker_send_queue_depth gauge
cekloker_send_queue_depth 2
# HELP cekloker_getupdates_failures_total getUpdates calls that failed.
# TYPE cekloker_getupdates_failures_total counter
cekloker_getupdates_failures_total 1
`
	if err := testutil.GatherAndCompare(m.Registry(), strings.NewReader(expected),
		"cekloker_rule_hits_total", "cekloker_rules_version", "cekloker_model_version", "cekloker_screenings_total",
		"cekloker_telegram_api_calls_total", "cekloker_updates_received_total",
		"cekloker_send_queue_depth", "cekloker_getupdates_failures_total"); err != nil {
		t.Error(err)
	}
	if n, err := testutil.GatherAndCount(m.Registry(), "cekloker_screening_duration_seconds"); err != nil || n != 1 {
		t.Errorf("histogram count %d, %v", n, err)
	}
	if problems, err := testutil.GatherAndLint(m.Registry()); err != nil || len(problems) > 0 {
		t.Errorf("lint: %v %v", problems, err)
	}

	// The /metrics endpoint shows them, with the histogram's buckets and
	// the Go and process collectors.
	c := &clock{t: t0}
	code, body := get(t, Handler(m, NewHealth(fakeDB{}, c.now, c.now)), "/metrics")
	if code != 200 {
		t.Fatalf("/metrics: %d", code)
	}
	for _, w := range []string{
		`cekloker_updates_received_total{kind="message"} 2`,
		`cekloker_screenings_total{chat_type="group",level="high"} 1`,
		`cekloker_rule_hits_total{rule="upfront_fee"} 1`,
		`cekloker_telegram_api_calls_total{method="sendMessage",outcome="429"} 1`,
		`cekloker_send_queue_depth 2`,
		`cekloker_screening_duration_seconds_bucket{le="1e-05"} 0`,
		`cekloker_screening_duration_seconds_bucket{le="0.00025"} 1`,
		`cekloker_screening_duration_seconds_bucket{le="0.01"} 2`,
		`cekloker_screening_duration_seconds_count 2`,
		`cekloker_rules_version 7`,
		`cekloker_getupdates_failures_total 1`,
		`go_goroutines`,
		`process_`,
	} {
		if !strings.Contains(body, w) {
			t.Errorf("/metrics lacks %s", w)
		}
	}
}

func TestMetricsOwnRegistry(t *testing.T) {
	// Two Metrics side by side must not collide (no global registry).
	a, b := NewMetrics(), NewMetrics()
	a.Hooks().Update("message")
	if got := testutil.ToFloat64(b.updates.WithLabelValues("message")); got != 0 {
		t.Fatalf("shared state: %v", got)
	}
}

func TestCheckHealth(t *testing.T) {
	status := http.StatusOK
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(status)
		io.WriteString(w, `{"status":"unhealthy","reasons":["no successful getUpdates yet"]}`)
	}))
	defer srv.Close()
	ctx := context.Background()
	if err := CheckHealth(ctx, srv.URL+"/healthz"); err != nil {
		t.Fatalf("healthy: %v", err)
	}
	mu.Lock()
	status = http.StatusServiceUnavailable
	mu.Unlock()
	err := CheckHealth(ctx, srv.URL+"/healthz")
	if err == nil || !strings.Contains(err.Error(), "503") || !strings.Contains(err.Error(), "no successful getUpdates yet") {
		t.Fatalf("unhealthy: %v", err)
	}
	if err := CheckHealth(ctx, srv.URL+"/other"); err == nil {
		t.Fatal("404 counted as healthy")
	}
	// Nothing listening.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	if err := CheckHealth(ctx, "http://"+addr+"/healthz"); err == nil {
		t.Fatal("no server counted as healthy")
	}
	if err := CheckHealth(ctx, "::bad url"); err == nil {
		t.Fatal("bad url accepted")
	}
}

func TestHealthURL(t *testing.T) {
	for in, want := range map[string]string{
		":9090":          "http://127.0.0.1:9090/healthz",
		"0.0.0.0:9090":   "http://127.0.0.1:9090/healthz",
		"[::]:9090":      "http://127.0.0.1:9090/healthz",
		"127.0.0.1:8080": "http://127.0.0.1:8080/healthz",
		"[::1]:8080":     "http://[::1]:8080/healthz",
		"ops.local:80":   "http://ops.local:80/healthz",
	} {
		if got := HealthURL(in); got != want {
			t.Errorf("HealthURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestServeEndToEnd(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	m := NewMetrics()
	m.Hooks().Polled(nil)
	h := Handler(m, NewHealth(fakeDB{}, time.Now, time.Now))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, ln, h, nil) }()

	if err := CheckHealth(context.Background(), HealthURL(addr)); err != nil {
		t.Fatalf("healthcheck against running server: %v", err)
	}
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "cekloker_getupdates_failures_total 0") {
		t.Fatalf("/metrics %d: %.200s", resp.StatusCode, body)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop after cancel")
	}
	if err := CheckHealth(context.Background(), HealthURL(addr)); err == nil {
		t.Fatal("server still answering after shutdown")
	}
}

func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, "127.0.0.1:0", http.NotFoundHandler(), nil) }()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not stop after cancel")
	}

	// An address that cannot be listened on is an error at once.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	defer ln.Close()
	if err := Serve(context.Background(), ln.Addr().String(), http.NotFoundHandler(), nil); err == nil {
		t.Fatal("Serve on a busy address succeeded")
	}
}

// writeDB answers pings but cannot be written.
type writeDB struct{ err error }

func (writeDB) Ping(context.Context) error         { return nil }
func (w writeDB) WriteCheck(context.Context) error { return w.err }

func TestHealthDoesAWriteTest(t *testing.T) {
	c := &clock{t: time.Unix(1_800_000_000, 0)}
	h := NewHealth(writeDB{errors.New("store: the database /data/bot.db is read-only")}, c.now, c.now)
	code, body := get(t, Handler(NewMetrics(), h), "/healthz")
	if code != 503 || !strings.Contains(body, "read-only") {
		t.Errorf("a database that answers but cannot be written: %d %s, want 503 saying read-only", code, body)
	}
	code, body = get(t, Handler(NewMetrics(), NewHealth(writeDB{}, c.now, c.now)), "/healthz")
	if code != 200 {
		t.Errorf("a writable database: %d %s", code, body)
	}
}

func TestOutboxAndFloodMetrics(t *testing.T) {
	m := NewMetrics()
	h := m.Hooks()
	h.Outbox("queued_retry_after", 1)
	h.Outbox("dropped_merged", 2)
	h.Limited("refused_callback")
	h.Limited("refused_callback")
	h.Limited("private")
	c := &clock{t: time.Unix(1_800_000_000, 0)}
	_, body := get(t, Handler(m, NewHealth(fakeDB{}, c.now, c.now)), "/metrics")
	for _, w := range []string{
		`cekloker_outbox_replies_total{event="queued_retry_after"} 1`,
		`cekloker_outbox_replies_total{event="dropped_merged"} 2`,
		`cekloker_flood_limited_total{kind="refused_callback"} 2`,
		`cekloker_flood_limited_total{kind="private"} 1`,
	} {
		if !strings.Contains(body, w) {
			t.Errorf("/metrics lacks %s", w)
		}
	}
}
