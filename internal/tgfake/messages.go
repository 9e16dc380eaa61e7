package tgfake

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"
)

const notModified = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"

func (s *Server) getMe(*request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	me := s.botJSON()
	me["can_join_groups"] = true
	me["can_read_all_group_messages"] = false
	me["supports_inline_queries"] = false
	return me, nil
}

// outgoing is what sendMessage and sendDocument share: the target chat,
// the reply target and the markup, validated.
type outgoing struct {
	chat    Chat
	replyTo *Message
	markup  json.RawMessage
	buttons [][]Button
	inline  bool
	replyID int
}

// prepareSend validates the common parameters of a send. Caller holds mu.
func (s *Server) prepareSend(q *request) (*outgoing, *apiError) {
	chatID, e := s.resolveChat(q.params.Get("chat_id"))
	if e != nil {
		return nil, e
	}
	o := &outgoing{chat: s.addChat(Chat{ID: chatID})}
	switch s.members[memberKey{chatID, s.botID}].status {
	case "kicked":
		if o.chat.Type == "private" {
			return nil, &apiError{code: 403, description: "Forbidden: bot was blocked by the user"}
		}
		return nil, &apiError{code: 403, description: "Forbidden: bot was kicked from the " + o.chat.Type + " chat"}
	case "left":
		return nil, &apiError{code: 403, description: "Forbidden: bot is not a member of the " + o.chat.Type + " chat"}
	}
	o.markup, o.buttons, o.inline, e = parseMarkup(q.params.Get("reply_markup"))
	if e != nil {
		return nil, e
	}
	allowMissing := q.params.Get("allow_sending_without_reply") == "true"
	replyID, _ := strconv.Atoi(q.params.Get("reply_to_message_id"))
	if rp := q.params.Get("reply_parameters"); rp != "" {
		var p struct {
			MessageID    int  `json:"message_id"`
			AllowMissing bool `json:"allow_sending_without_reply"`
		}
		if json.Unmarshal([]byte(rp), &p) != nil {
			return nil, badRequest("can't parse reply parameters JSON object")
		}
		replyID, allowMissing = p.MessageID, allowMissing || p.AllowMissing
	}
	if replyID != 0 {
		m, ok := s.messages[MsgRef{chatID, replyID}]
		switch {
		case ok && !m.Deleted:
			o.replyTo, o.replyID = m, replyID
		case !allowMissing:
			return nil, badRequest("message to be replied not found")
		}
	}
	return o, nil
}

// store allocates a message id, remembers the message and builds the
// Message object returned to the bot. Caller holds mu.
func (s *Server) store(o *outgoing, text string, extra map[string]any) (int, map[string]any) {
	id := s.nextMsgID
	s.nextMsgID++
	m := &Message{ChatID: o.chat.ID, MessageID: id, FromBot: true, Text: text}
	if o.inline {
		m.ReplyMarkup = o.markup
	}
	s.messages[MsgRef{o.chat.ID, id}] = m
	out := s.messageJSON(m)
	out["date"] = time.Now().Unix()
	for k, v := range extra {
		out[k] = v
	}
	if o.replyTo != nil {
		r := s.messageJSON(o.replyTo)
		r["date"] = time.Now().Add(-time.Minute).Unix()
		out["reply_to_message"] = r
	}
	return id, out
}

// messageJSON is a minimal Message object for m. Caller holds mu.
func (s *Server) messageJSON(m *Message) map[string]any {
	out := map[string]any{"message_id": m.MessageID, "chat": s.chatJSON(s.chatFor(m.ChatID)),
		"date": time.Now().Unix()}
	if m.FromBot {
		out["from"] = s.botJSON()
	}
	if m.Text != "" {
		out["text"] = m.Text
	}
	if len(m.ReplyMarkup) > 0 {
		out["reply_markup"] = json.RawMessage(m.ReplyMarkup)
	}
	return out
}

func (s *Server) sendMessage(q *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, e := s.prepareSend(q)
	if e != nil {
		return nil, e
	}
	text, mode := q.params.Get("text"), q.params.Get("parse_mode")
	visible, e := checkText(text, mode, 4096, "message text is empty", "message is too long")
	if e != nil {
		return nil, e
	}
	var lp struct {
		IsDisabled bool `json:"is_disabled"`
	}
	if v := q.params.Get("link_preview_options"); v != "" && json.Unmarshal([]byte(v), &lp) != nil {
		return nil, badRequest("can't parse link preview options JSON object")
	}
	id, msg := s.store(o, visible, nil)
	s.recordSent(SentMessage{Method: "sendMessage", ChatID: o.chat.ID, MessageID: id,
		Text: text, ParseMode: mode, ReplyToMessageID: o.replyID, ReplyMarkup: o.markup,
		Buttons: o.buttons, NoLinkPreview: q.params.Get("disable_web_page_preview") == "true" || lp.IsDisabled,
		Time: time.Now()})
	return msg, nil
}

// editTarget finds the bot's message an edit refers to. Caller holds mu.
func (s *Server) editTarget(q *request) (*Message, *apiError) {
	chatID, e := s.resolveChat(q.params.Get("chat_id"))
	if e != nil {
		return nil, e
	}
	id, _ := strconv.Atoi(q.params.Get("message_id"))
	m, ok := s.messages[MsgRef{chatID, id}]
	if !ok || m.Deleted {
		return nil, badRequest("message to edit not found")
	}
	if !m.FromBot {
		return nil, badRequest("message can't be edited")
	}
	return m, nil
}

func (s *Server) editMessageText(q *request) (any, *apiError) { return s.edit(q, true) }

func (s *Server) editMessageReplyMarkup(q *request) (any, *apiError) { return s.edit(q, false) }

// edit changes the buttons of the bot's message an edit refers to, and its
// text when withText (editMessageText).
func (s *Server) edit(q *request, withText bool) (any, *apiError) {
	if q.params.Get("inline_message_id") != "" {
		return true, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, e := s.editTarget(q)
	if e != nil {
		return nil, e
	}
	visible := m.Text
	if withText {
		if visible, e = checkText(q.params.Get("text"), q.params.Get("parse_mode"), 4096,
			"message text is empty", "message is too long"); e != nil {
			return nil, e
		}
	}
	markup, _, _, e := parseMarkup(q.params.Get("reply_markup"))
	if e != nil {
		return nil, e
	}
	if visible == m.Text && bytes.Equal(markup, m.ReplyMarkup) {
		return nil, badRequest(notModified)
	}
	m.Text, m.ReplyMarkup = visible, markup
	out := s.messageJSON(m)
	out["edit_date"] = time.Now().Unix()
	return out, nil
}

func (s *Server) deleteMessage(q *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	chatID, e := s.resolveChat(q.params.Get("chat_id"))
	if e != nil {
		return nil, e
	}
	id, _ := strconv.Atoi(q.params.Get("message_id"))
	m, ok := s.messages[MsgRef{chatID, id}]
	if !ok || m.Deleted {
		return nil, badRequest("message to delete not found")
	}
	if !m.FromBot && s.chatFor(chatID).Type != "private" {
		if me, set := s.members[memberKey{chatID, s.botID}]; set &&
			me.status != "creator" && !(me.status == "administrator" && me.canDelete) {
			return nil, badRequest("message can't be deleted")
		}
	}
	m.Deleted = true
	return true, nil
}

func (s *Server) answerCallbackQuery(q *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := q.params.Get("callback_query_id")
	if answered, ok := s.queries[id]; !ok || answered {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	s.queries[id] = true
	return true, nil
}
