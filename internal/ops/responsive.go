package ops

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/cekloker/cekloker/internal/telegram"
)

// responsive are the metrics of the bot's bounded waits and flood limits.
type responsive struct {
	outbox  *prometheus.CounterVec
	limited *prometheus.CounterVec
}

func newResponsive(reg *prometheus.Registry) responsive {
	const ns = "cekloker"
	r := responsive{
		outbox: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "outbox_replies_total",
			Help: "Replies that could not be sent at once, by what became of them: queued_retry_after, queued_failing, queued_group_budget, sent, dropped_expired, dropped_refused, dropped_merged.",
		}, []string{"event"}),
		limited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "flood_limited_total",
			Help: "Updates refused by a flood limit, by kind: private, callback, group_post, group_edit, refused_callback (a button press of a non-admin on an admin button).",
		}, []string{"kind"}),
	}
	reg.MustRegister(r.outbox, r.limited)
	return r
}

func (r responsive) hooks(h *telegram.Hooks) {
	h.Outbox = func(event string, n int) { r.outbox.WithLabelValues(event).Add(float64(n)) }
	h.Limited = func(kind string) { r.limited.WithLabelValues(kind).Inc() }
}
