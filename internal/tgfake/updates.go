package tgfake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"
)

type queuedUpdate struct {
	id   int
	kind string // "message", "callback_query", ...: the update's payload key
	raw  json.RawMessage
}

// defaultExcluded are the update kinds Telegram only delivers when they are
// listed in allowed_updates explicitly.
var defaultExcluded = map[string]bool{
	"chat_member": true, "message_reaction": true, "message_reaction_count": true,
}

// PushUpdate queues one raw update for getUpdates and returns its
// update_id. If raw has no "update_id" the next free id is inserted right
// after the opening brace; the rest of raw is delivered byte for byte, so
// fields the client library does not know (e.g. "forward_origin") reach a
// bot that reads raw updates. An explicit update_id is kept as is (later
// ids continue above it). The chats, users, messages and callback queries
// the update mentions become known to the server (for getChat, replies,
// edits, deletions and answerCallbackQuery). It panics if raw is not a JSON
// object: that is a bug in the test.
func (s *Server) PushUpdate(raw json.RawMessage) int {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
		panic(fmt.Sprintf("tgfake: PushUpdate: not a JSON object: %v", err))
	}
	kind := ""
	for k := range fields {
		if k != "update_id" {
			kind = k
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var id int
	if v, ok := fields["update_id"]; ok {
		if err := json.Unmarshal(v, &id); err != nil {
			panic(fmt.Sprintf("tgfake: PushUpdate: bad update_id %s", v))
		}
		s.nextUpdID = max(s.nextUpdID, id+1)
		raw = slices.Clone(raw)
	} else {
		id = s.nextUpdID
		s.nextUpdID++
		trimmed := bytes.TrimSpace(raw)
		sep := ","
		if len(fields) == 0 {
			sep = ""
		}
		raw = slices.Concat([]byte(`{"update_id":`+strconv.Itoa(id)+sep), trimmed[1:])
	}
	s.learn(fields)
	s.updates = append(s.updates, queuedUpdate{id: id, kind: kind, raw: raw})
	close(s.wake)
	s.wake = make(chan struct{})
	return id
}

// Pending returns the raw updates still queued (not yet confirmed by an
// offset), oldest first.
func (s *Server) Pending() []json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]json.RawMessage, len(s.updates))
	for i, u := range s.updates {
		out[i] = slices.Clone(u.raw)
	}
	return out
}

func (s *Server) getUpdates(q *request) (any, *apiError) {
	offset, e1 := intParam(q, "offset")
	limit, e2 := intParam(q, "limit")
	timeout, e3 := intParam(q, "timeout")
	if e := firstErr(e1, e2, e3); e != nil {
		return nil, e
	}
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	var allowed []string
	if a := q.params.Get("allowed_updates"); a != "" {
		if err := json.Unmarshal([]byte(a), &allowed); err != nil {
			return nil, badRequest("can't parse allowed updates")
		}
	}

	s.mu.Lock()
	close(s.pollKick) // a newer getUpdates ends the running one (409)
	kick := make(chan struct{})
	s.pollKick = kick
	if a := q.params.Get("allowed_updates"); a != "" {
		s.allowed = allowed
	}
	switch {
	case offset > 0:
		i := 0
		for i < len(s.updates) && s.updates[i].id < offset {
			i++
		}
		s.updates = s.updates[i:]
	case offset < 0:
		s.updates = s.updates[max(0, len(s.updates)+offset):]
	}
	s.mu.Unlock()

	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		var out [][]byte
		for _, u := range s.updates {
			if len(out) == limit {
				break
			}
			if s.isAllowed(u.kind) {
				out = append(out, u.raw)
			}
		}
		wake := s.wake
		s.mu.Unlock()
		if len(out) > 0 || timeout <= 0 {
			return json.RawMessage(slices.Concat([]byte("["), bytes.Join(out, []byte(",")), []byte("]"))), nil
		}
		select {
		case <-wake:
			continue
		case <-kick:
			return nil, &apiError{code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}
		case <-deadline.C:
		case <-s.done:
		case <-q.r.Context().Done():
		}
		return json.RawMessage("[]"), nil
	}
}

// isAllowed applies allowed_updates. Caller holds mu.
func (s *Server) isAllowed(kind string) bool {
	if len(s.allowed) == 0 {
		return !defaultExcluded[kind]
	}
	return slices.Contains(s.allowed, kind)
}

func intParam(q *request, name string) (int, *apiError) {
	v := q.params.Get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, badRequest("invalid " + name + " specified")
	}
	return n, nil
}

func firstErr(errs ...*apiError) *apiError {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// Minimal wire shapes used to learn from raw updates.
type wireChat struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	Title     string `json:"title"`
	Username  string `json:"username"`
	FirstName string `json:"first_name"`
}

type wireUser struct {
	ID           int64  `json:"id"`
	IsBot        bool   `json:"is_bot"`
	FirstName    string `json:"first_name"`
	Username     string `json:"username"`
	LanguageCode string `json:"language_code"`
}

type wireMsg struct {
	MessageID   int             `json:"message_id"`
	Chat        *wireChat       `json:"chat"`
	From        *wireUser       `json:"from"`
	Text        string          `json:"text"`
	Caption     string          `json:"caption"`
	ReplyMarkup json.RawMessage `json:"reply_markup"`
}

// learn records chats, users, messages and callback queries mentioned in
// an update. Caller holds mu. Unparseable parts are ignored: the raw update
// is still delivered as pushed.
func (s *Server) learn(fields map[string]json.RawMessage) {
	for kind, raw := range fields {
		switch kind {
		case "message", "edited_message", "channel_post", "edited_channel_post", "business_message":
			var m wireMsg
			if json.Unmarshal(raw, &m) == nil && m.Chat != nil {
				s.learnMessage(m)
			}
		case "callback_query":
			var cq struct {
				ID      string    `json:"id"`
				From    *wireUser `json:"from"`
				Message *wireMsg  `json:"message"`
			}
			if json.Unmarshal(raw, &cq) == nil {
				if cq.ID != "" {
					if _, seen := s.queries[cq.ID]; !seen {
						s.queries[cq.ID] = false
					}
				}
				s.learnUser(cq.From)
			}
		case "my_chat_member", "chat_member", "chat_join_request":
			var cm struct {
				Chat *wireChat `json:"chat"`
				From *wireUser `json:"from"`
			}
			if json.Unmarshal(raw, &cm) == nil {
				s.learnChat(cm.Chat)
				s.learnUser(cm.From)
			}
		}
	}
}

func (s *Server) learnMessage(m wireMsg) {
	s.learnChat(m.Chat)
	s.learnUser(m.From)
	ref := MsgRef{m.Chat.ID, m.MessageID}
	text := m.Text
	if text == "" {
		text = m.Caption
	}
	if old, ok := s.messages[ref]; ok { // an edit of a known message
		old.Text = text
		old.ReplyMarkup = m.ReplyMarkup
		return
	}
	s.messages[ref] = &Message{ChatID: ref.ChatID, MessageID: ref.MessageID,
		FromBot: m.From != nil && m.From.ID == s.botID, Text: text, ReplyMarkup: m.ReplyMarkup}
	s.nextMsgID = max(s.nextMsgID, m.MessageID+1)
}

func (s *Server) learnChat(c *wireChat) {
	if c == nil || c.ID == 0 {
		return
	}
	if _, ok := s.chats[c.ID]; !ok {
		title := c.Title
		if title == "" {
			title = c.FirstName
		}
		s.chats[c.ID] = Chat{ID: c.ID, Type: c.Type, Title: title, Username: c.Username}
	}
}

func (s *Server) learnUser(u *wireUser) {
	if u == nil || u.ID == 0 || u.IsBot {
		return
	}
	s.users[u.ID] = User{ID: u.ID, FirstName: u.FirstName, Username: u.Username, LanguageCode: u.LanguageCode}
}
