package ops

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// ocrBuckets suit OCR runs of 0.1–10 s (the limit), with timeouts above.
var ocrBuckets = []float64{0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5, 7.5, 10, 15}

// imageMetrics are the metrics of images read with OCR.
type imageMetrics struct {
	available prometheus.Gauge
	images    *prometheus.CounterVec
	duration  prometheus.Histogram
}

func newImageMetrics(reg *prometheus.Registry) *imageMetrics {
	const ns = "cekloker"
	m := &imageMetrics{
		available: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: ns, Name: "ocr_available",
			Help: "1 when images can be read here (tesseract with the ind and eng languages), else 0.",
		}),
		images: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "images_total",
			Help: "Images received for reading, by outcome (ok, no_text, too_big, too_many_pixels, not_image, damaged, timeout, busy, failed, unavailable, download_failed).",
		}, []string{"outcome"}),
		duration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: ns, Name: "image_read_duration_seconds",
			Help:    "Time to download and read one image, including the wait for a free OCR slot.",
			Buckets: ocrBuckets,
		}),
	}
	reg.MustRegister(m.available, m.images, m.duration)
	return m
}

// SetOCRAvailable records whether images can be read here.
func (m *Metrics) SetOCRAvailable(ok bool) {
	v := 0.0
	if ok {
		v = 1
	}
	m.img.available.Set(v)
}

func (m *imageMetrics) observe(outcome string, took time.Duration) {
	m.images.WithLabelValues(orUnknown(outcome)).Inc()
	m.duration.Observe(took.Seconds())
}
