package ops

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestImageMetricsAndOCRAvailability(t *testing.T) {
	m := NewMetrics()
	hooks := m.Hooks()
	hooks.Image("ok", 1200*time.Millisecond)
	hooks.Image("too_many_pixels", time.Millisecond)
	hooks.Image("ok", 800*time.Millisecond)
	m.SetOCRAvailable(true)
	_, body := get(t, Handler(m, NewHealth(fakeDB{}, time.Now, time.Now)), "/metrics")
	for _, w := range []string{
		`cekloker_ocr_available 1`,
		`cekloker_images_total{outcome="ok"} 2`,
		`cekloker_images_total{outcome="too_many_pixels"} 1`,
		`cekloker_image_read_duration_seconds_bucket{le="1"} 2`,
		`cekloker_image_read_duration_seconds_count 3`,
	} {
		if !strings.Contains(body, w) {
			t.Errorf("/metrics lacks %s", w)
		}
	}
	m.SetOCRAvailable(false)
	if v := testutil.ToFloat64(m.img.available); v != 0 {
		t.Errorf("ocr_available = %v after SetOCRAvailable(false)", v)
	}
	if problems, err := testutil.GatherAndLint(m.Registry()); err != nil || len(problems) > 0 {
		t.Errorf("lint: %v %v", problems, err)
	}
}

func TestHealthReportsOCRWithoutFailingOnIt(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h := NewHealth(fakeDB{}, time.Now, time.Now)
	h.SetOCR(func() string { return "tesseract not found (install tesseract-ocr)" })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, ln, Handler(NewMetrics(), h), nil) }()
	defer func() { cancel(); <-done }()
	r, err := FetchHealth(context.Background(), HealthURL(ln.Addr().String()))
	if err != nil {
		t.Fatalf("unavailable OCR made the bot unhealthy: %v", err)
	}
	if r.Status != "ok" || !strings.HasPrefix(r.OCR, "tesseract not found") {
		t.Errorf("report %+v", r)
	}
	h.SetOCR(func() string { return "ok" })
	if r := h.Check(context.Background()); r.OCR != "ok" {
		t.Errorf("report %+v", r)
	}
}
