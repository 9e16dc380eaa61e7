package ops

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Pinger checks that the database answers.
type Pinger interface {
	Ping(ctx context.Context) error
}

// WriteChecker is a database that can prove it can be written; when the
// Pinger given to NewHealth is one, /healthz does that write test (503
// when the database is deleted, read-only, full or locked).
type WriteChecker interface {
	WriteCheck(ctx context.Context) error
}

const (
	// pollFresh is how recent the last successful getUpdates must be.
	pollFresh = 60 * time.Second
	// startGrace is how long after start no getUpdates yet is fine.
	startGrace = 60 * time.Second
	// pingTimeout bounds the database check.
	pingTimeout = 2 * time.Second
)

// Health checks that the database answers and that getUpdates succeeds.
type Health struct {
	db       Pinger
	lastPoll func() time.Time
	now      func() time.Time
	started  time.Time
	ocr      func() string
}

// NewHealth makes a health check. lastPoll gives the time of the last
// successful getUpdates (zero if none yet), e.g. (*telegram.Bot).LastPoll;
// now is the clock (time.Now when nil). The check counts as started now.
func NewHealth(db Pinger, lastPoll func() time.Time, now func() time.Time) *Health {
	if now == nil {
		now = time.Now
	}
	if lastPoll == nil {
		lastPoll = func() time.Time { return time.Time{} }
	}
	return &Health{db: db, lastPoll: lastPoll, now: now, started: now()}
}

// Report is the body of /healthz.
type Report struct {
	Status string `json:"status"`
	DB     string `json:"db,omitempty"`
	// LastPollSecondsAgo is absent before the first successful getUpdates.
	LastPollSecondsAgo *int64 `json:"last_poll_seconds_ago,omitempty"`
	// Starting is set while no getUpdates has succeeded yet within the
	// grace period after start.
	Starting bool     `json:"starting,omitempty"`
	Reasons  []string `json:"reasons,omitempty"`
	// OCR is "ok" when images can be read, else why not. It does not make
	// the bot unhealthy: without OCR it still answers text and asks for
	// the text of images.
	OCR string `json:"ocr,omitempty"`
}

// SetOCR makes the report say whether images can be read: status returns
// "ok" or why not (e.g. (*ocr.Reader).Status).
func (h *Health) SetOCR(status func() string) { h.ocr = status }

// Check runs the checks.
func (h *Health) Check(ctx context.Context) Report {
	var r Report
	if h.db != nil {
		pctx, cancel := context.WithTimeout(ctx, pingTimeout)
		var err error
		if w, ok := h.db.(WriteChecker); ok {
			err = w.WriteCheck(pctx)
		} else {
			err = h.db.Ping(pctx)
		}
		cancel()
		if err != nil {
			r.Reasons = append(r.Reasons, "database: "+err.Error())
		} else {
			r.DB = "ok"
		}
	}
	now := h.now()
	if last := h.lastPoll(); last.IsZero() {
		if now.Sub(h.started) < startGrace {
			r.Starting = true
		} else {
			r.Reasons = append(r.Reasons, "no successful getUpdates yet")
		}
	} else {
		ago := max(now.Sub(last), 0)
		secs := int64(ago / time.Second)
		r.LastPollSecondsAgo = &secs
		if ago > pollFresh {
			r.Reasons = append(r.Reasons, fmt.Sprintf("last getUpdates succeeded %ds ago", secs))
		}
	}
	ocr := ""
	if h.ocr != nil {
		ocr = h.ocr()
	}
	if len(r.Reasons) > 0 {
		return Report{Status: "unhealthy", Reasons: r.Reasons, OCR: ocr}
	}
	r.OCR = ocr
	r.Status = "ok"
	return r
}

// ServeHTTP answers 200 with the report when healthy, 503 otherwise.
func (h *Health) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r := h.Check(req.Context())
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if r.Status != "ok" {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	_ = json.NewEncoder(w).Encode(r)
}
