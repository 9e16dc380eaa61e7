package ops

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Handler serves GET /healthz and GET /metrics.
func Handler(m *Metrics, h *Health) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /healthz", h)
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg}))
	return mux
}

// shutdownTimeout bounds how long Serve waits for requests in flight.
const shutdownTimeout = 5 * time.Second

// Serve listens on addr and serves h until ctx ends, then shuts down
// gracefully. It returns nil after a clean shutdown.
func Serve(ctx context.Context, addr string, h http.Handler, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("ops: listen %s: %w", addr, err)
	}
	return serve(ctx, ln, h, log)
}

func serve(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger) error {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("ops http listening", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return fmt.Errorf("ops: serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if err != nil {
		return fmt.Errorf("ops: shutdown: %w", err)
	}
	log.Info("ops http stopped")
	return nil
}

// checkTimeout bounds CheckHealth when ctx has no deadline.
const checkTimeout = 5 * time.Second

// CheckHealth GETs url and returns nil when it answers 200; otherwise the
// error tells the status and the start of the body.
func CheckHealth(ctx context.Context, url string) error {
	_, err := FetchHealth(ctx, url)
	return err
}

// FetchHealth GETs url and returns the report when it answers 200;
// otherwise the error tells the status and the start of the body.
func FetchHealth(ctx context.Context, url string) (Report, error) {
	var r Report
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, checkTimeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return r, fmt.Errorf("healthcheck: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return r, fmt.Errorf("healthcheck: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		return r, fmt.Errorf("healthcheck: %s: %s", resp.Status, strings.TrimSpace(string(body[:min(len(body), 1024)])))
	}
	_ = json.Unmarshal(body, &r) // a healthy answer that is not a report is still healthy
	return r, nil
}

// HealthURL is the /healthz URL of a server listening on addr (as in
// BOT_HTTP_ADDR, e.g. ":9090" or "0.0.0.0:9090"): an empty or unspecified
// host becomes the loopback address.
func HealthURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr + "/healthz"
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/healthz"
}
