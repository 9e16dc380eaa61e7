package tgfake

import (
	"context"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Calls returns copies of the recorded requests to method (compared
// case-insensitively), in arrival order; method "" returns all requests.
// Requests answered with an error, injected faults and dropped
// connections are recorded too (see Call.Status).
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if method != "" && !strings.EqualFold(c.Method, method) {
			continue
		}
		cp := *c
		cp.Params = url.Values{}
		for k, v := range c.Params {
			cp.Params[k] = slices.Clone(v)
		}
		cp.Files = maps.Clone(c.Files)
		cp.FileNames = maps.Clone(c.FileNames)
		out = append(out, cp)
	}
	return out
}

// Sent returns the messages the bot successfully sent (sendMessage and
// sendDocument), in the order the server accepted them.
func (s *Server) Sent() []SentMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sent)
}

// WaitSent waits until at least n messages were sent (counted since the
// last Reset) and returns them all. If ctx ends first it returns what was
// sent so far and ctx.Err().
func (s *Server) WaitSent(ctx context.Context, n int) ([]SentMessage, error) {
	for {
		s.mu.Lock()
		if len(s.sent) >= n {
			out := slices.Clone(s.sent)
			s.mu.Unlock()
			return out, nil
		}
		wake := s.sentWake
		s.mu.Unlock()
		select {
		case <-wake:
		case <-ctx.Done():
			return s.Sent(), ctx.Err()
		}
	}
}

// Reset forgets the recorded calls, sent messages, rate violations and the
// observed maximum send rate. Queued updates, chats, messages, members,
// files, commands, pending faults and latencies are kept.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = nil
	s.sent = nil
	s.limits.resetRecords()
}

// Message returns the current state of a message the server knows
// (pushed by the test or sent by the bot), including edits and deletion.
func (s *Server) Message(chatID int64, messageID int) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.messages[MsgRef{chatID, messageID}]
	if !ok {
		return Message{}, false
	}
	return *m, true
}

// DeleteByUser marks a message deleted as if its author or a group
// admin deleted it in Telegram (bots are not told); replies to it then
// fail unless allow_sending_without_reply is set. It reports whether the
// message was known.
func (s *Server) DeleteByUser(ref MsgRef) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.messages[ref]
	if ok {
		m.Deleted = true
	}
	return ok
}

// WaitCalls waits until at least n requests to method (as in Calls) were
// recorded since the last Reset and returns them. A request is recorded
// when it arrives, before any latency, fault or long poll, so this is the
// way to know that the bot is, e.g., blocked in getUpdates. If ctx ends
// first it returns what was recorded so far and ctx.Err().
func (s *Server) WaitCalls(ctx context.Context, method string, n int) ([]Call, error) {
	for {
		s.mu.Lock()
		wake := s.callWake
		s.mu.Unlock()
		if calls := s.Calls(method); len(calls) >= n {
			return calls, nil
		}
		select {
		case <-wake:
		case <-ctx.Done():
			return s.Calls(method), ctx.Err()
		}
	}
}

// addCall records an arriving request and wakes WaitCalls. Caller holds
// mu, so Call.Time is non-decreasing in arrival order.
func (s *Server) addCall(c *Call) {
	c.Time = time.Now()
	s.calls = append(s.calls, c)
	close(s.callWake)
	s.callWake = make(chan struct{})
}

// recordSent appends a sent message and wakes WaitSent. Caller holds mu.
func (s *Server) recordSent(m SentMessage) {
	s.sent = append(s.sent, m)
	close(s.sentWake)
	s.sentWake = make(chan struct{})
}
