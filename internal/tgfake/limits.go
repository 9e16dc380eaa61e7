package tgfake

import (
	"fmt"
	"strconv"
	"time"
)

// limiter tracks send rates; all fields are guarded by Server.mu.
type limiter struct {
	enforce  bool
	global   int // sends per second, all chats; <= 0: unlimited
	perGroup int // sends per minute per group chat; <= 0: unlimited

	accepted   []time.Time           // accepted sends in the last second
	groupSends map[int64][]time.Time // accepted sends per group, last minute
	violations int

	recent  []time.Time // every send attempt in the last second
	maxRate int
}

// EnforceLimits turns rate limiting on: a sendMessage or sendDocument that
// would make more than global sends in any 1 s window (all chats together),
// or more than perGroupPerMinute sends to one group chat (negative chat id)
// in any 60 s window, is answered 429 "Too Many Requests: retry after N"
// with parameters.retry_after = N (seconds until a slot frees, at least 1)
// and counted in Violations. Rejected sends do not use up a slot. A value
// <= 0 disables that limit; EnforceLimits(0, 0) turns enforcement off.
// Telegram's documented limits are about 30 messages per second overall
// and 20 messages per minute in one group.
func (s *Server) EnforceLimits(global, perGroupPerMinute int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits.enforce = global > 0 || perGroupPerMinute > 0
	s.limits.global = global
	s.limits.perGroup = perGroupPerMinute
	s.limits.accepted = nil
	s.limits.groupSends = map[int64][]time.Time{}
}

// Violations returns how many sends were rejected by EnforceLimits since
// the last Reset.
func (s *Server) Violations() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.limits.violations
}

// MaxRatePerSecond returns the largest number of send attempts
// (sendMessage and sendDocument requests, whatever their answer, counted
// on arrival) seen in any sliding 1 s window since the last Reset. It is
// tracked whether or not limits are enforced.
func (s *Server) MaxRatePerSecond() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.limits.maxRate
}

func (l *limiter) resetRecords() {
	l.violations = 0
	l.recent = nil
	l.maxRate = 0
}

// observe records a send attempt at t (called under mu, so t values are
// non-decreasing). The maximum over all windows is reached by a window
// ending at an attempt, so checking at each arrival is exact.
func (l *limiter) observe(t time.Time) {
	l.recent = append(prune(l.recent, t, time.Second), t)
	l.maxRate = max(l.maxRate, len(l.recent))
}

// prune drops times at or before now-window.
func prune(ts []time.Time, now time.Time, window time.Duration) []time.Time {
	cut := now.Add(-window)
	i := 0
	for i < len(ts) && !ts[i].After(cut) {
		i++
	}
	return ts[i:]
}

func retryAfter(oldest, now time.Time, window time.Duration) int {
	wait := oldest.Add(window).Sub(now)
	secs := int((wait + time.Second - 1) / time.Second)
	return max(secs, 1)
}

// checkLimits applies EnforceLimits to one send to chat.
func (s *Server) checkLimits(chat string) *apiError {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now() // under mu: non-decreasing, as prune needs
	l := &s.limits
	if !l.enforce {
		return nil
	}
	chatID, err := strconv.ParseInt(chat, 10, 64)
	if err != nil {
		chatID = s.chatByUsername(chat)
	}
	tooMany := func(n int) *apiError {
		l.violations++
		return &apiError{code: 429,
			description: fmt.Sprintf("Too Many Requests: retry after %d", n),
			retryAfter:  n}
	}
	l.accepted = prune(l.accepted, now, time.Second)
	if l.global > 0 && len(l.accepted) >= l.global {
		return tooMany(retryAfter(l.accepted[0], now, time.Second))
	}
	group := chatID < 0 && l.perGroup > 0
	if group {
		l.groupSends[chatID] = prune(l.groupSends[chatID], now, time.Minute)
		if g := l.groupSends[chatID]; len(g) >= l.perGroup {
			return tooMany(retryAfter(g[0], now, time.Minute))
		}
		l.groupSends[chatID] = append(l.groupSends[chatID], now)
	}
	l.accepted = append(l.accepted, now)
	return nil
}
