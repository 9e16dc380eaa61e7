package tgfake

import (
	"encoding/json"
	"fmt"
	"maps"
	"strconv"
	"time"
)

// PushMessage queues a "message" update from `from` in chat with the given
// extra message fields (e.g. "text", "reply_to_message", "sender_chat")
// and returns its update_id and message_id. message_id, date, chat and from
// are filled in; fields override them. In a channel (Chat.Type "channel")
// the update is a "channel_post" with sender_chat and no from. The other
// Push helpers are built on it.
func (s *Server) PushMessage(chat Chat, from User, fields map[string]any) (updateID, messageID int) {
	s.mu.Lock()
	chat = s.addChat(chat)
	messageID = s.nextMsgID
	s.nextMsgID++
	msg := map[string]any{
		"message_id": messageID,
		"date":       time.Now().Unix(),
		"chat":       s.chatJSON(chat),
	}
	kind := "message"
	if chat.Type == "channel" {
		kind = "channel_post"
		msg["sender_chat"] = s.chatJSON(chat)
	} else {
		msg["from"] = userJSON(from)
	}
	s.mu.Unlock()
	maps.Copy(msg, fields)
	return s.pushKind(kind, msg), messageID
}

// PushText queues a text message. Entities (bot_command, mention, hashtag,
// email, url) are detected roughly like Telegram does, with UTF-16
// offsets, so tgbotapi's Message.IsCommand/Command work.
func (s *Server) PushText(chat Chat, from User, text string) (updateID, messageID int) {
	f := map[string]any{"text": text}
	if e := detectEntities(text); len(e) > 0 {
		f["entities"] = e
	}
	return s.PushMessage(chat, from, f)
}

// PushCaption queues a photo with a caption (and caption_entities).
func (s *Server) PushCaption(chat Chat, from User, caption string) (updateID, messageID int) {
	f := map[string]any{"photo": s.photoSizes(), "caption": caption}
	if e := detectEntities(caption); len(e) > 0 {
		f["caption_entities"] = e
	}
	return s.PushMessage(chat, from, f)
}

// PushPhoto queues a photo without caption (the message has no text).
func (s *Server) PushPhoto(chat Chat, from User) (updateID, messageID int) {
	return s.PushMessage(chat, from, map[string]any{"photo": s.photoSizes()})
}

// PushSticker queues a regular static sticker showing emoji.
func (s *Server) PushSticker(chat Chat, from User, emoji string) (updateID, messageID int) {
	id := s.newFileID("sticker")
	return s.PushMessage(chat, from, map[string]any{"sticker": map[string]any{
		"file_id": id, "file_unique_id": "u" + id, "type": "regular",
		"width": 512, "height": 512, "is_animated": false, "is_video": false, "emoji": emoji,
	}})
}

// PushDocument queues a document message. Register the content with
// AddFile(fileID, ...) first if the bot will download it; then file_size
// and mime_type are filled in too. caption may be empty.
func (s *Server) PushDocument(chat Chat, from User, fileID, fileName, caption string) (updateID, messageID int) {
	doc := map[string]any{"file_id": fileID, "file_unique_id": "u" + fileID, "file_name": fileName}
	s.mu.Lock()
	if f, ok := s.files[fileID]; ok {
		doc["file_size"] = len(f.content)
		doc["mime_type"] = mimeType(fileName)
	}
	s.mu.Unlock()
	f := map[string]any{"document": doc}
	if caption != "" {
		f["caption"] = caption
		if e := detectEntities(caption); len(e) > 0 {
			f["caption_entities"] = e
		}
	}
	return s.PushMessage(chat, from, f)
}

// PushForward queues a text message forwarded from origin, carrying both
// the current "forward_origin" object (MessageOrigin, which tgbotapi v5.5.1
// does not parse) and the legacy forward_from / forward_from_chat /
// forward_from_message_id / forward_signature / forward_sender_name /
// forward_date fields (which it does).
func (s *Server) PushForward(chat Chat, from User, text string, origin Origin) (updateID, messageID int) {
	date := origin.Date
	if date.IsZero() {
		date = time.Now().Add(-time.Hour)
	}
	o := map[string]any{"date": date.Unix()}
	f := map[string]any{"text": text, "forward_date": date.Unix()}
	s.mu.Lock()
	switch {
	case origin.User != nil:
		o["type"], o["sender_user"] = "user", userJSON(*origin.User)
		f["forward_from"] = userJSON(*origin.User)
	case origin.Chat != nil:
		c := s.addChat(*origin.Chat)
		o["type"] = "chat"
		key := "sender_chat"
		if c.Type == "channel" {
			o["type"], key = "channel", "chat"
			if origin.MessageID != 0 {
				o["message_id"] = origin.MessageID
				f["forward_from_message_id"] = origin.MessageID
			}
		}
		o[key] = s.chatJSON(c)
		f["forward_from_chat"] = s.chatJSON(c)
		if origin.Signature != "" {
			o["author_signature"] = origin.Signature
			f["forward_signature"] = origin.Signature
		}
	default:
		o["type"], o["sender_user_name"] = "hidden_user", origin.SenderName
		f["forward_sender_name"] = origin.SenderName
	}
	s.mu.Unlock()
	f["forward_origin"] = o
	if e := detectEntities(text); len(e) > 0 {
		f["entities"] = e
	}
	return s.PushMessage(chat, from, f)
}

// PushEdit queues an "edited_message" update: message ref now reads text
// (edit_date is now). The chat comes from what the server knows about
// ref.ChatID. Returns the update_id.
func (s *Server) PushEdit(ref MsgRef, from User, text string) int {
	s.mu.Lock()
	chat := s.chatFor(ref.ChatID)
	msg := map[string]any{
		"message_id": ref.MessageID, "date": time.Now().Add(-time.Minute).Unix(),
		"edit_date": time.Now().Unix(), "chat": s.chatJSON(chat),
		"from": userJSON(from), "text": text,
	}
	s.mu.Unlock()
	if e := detectEntities(text); len(e) > 0 {
		msg["entities"] = e
	}
	return s.pushKind("edited_message", msg)
}

// PushCallback queues a "callback_query" update: from pressed an inline
// button with callback data on message (normally one the bot sent; its
// current text and reply_markup are included). Returns the update_id and
// the callback query id the bot must answer with answerCallbackQuery.
func (s *Server) PushCallback(from User, message MsgRef, data string) (updateID int, queryID string) {
	s.mu.Lock()
	s.nextCBID++
	queryID = strconv.FormatInt(int64(s.nextCBID)+4200000000000000000, 10)
	chat := s.chatFor(message.ChatID)
	msg := map[string]any{"message_id": message.MessageID,
		"date": time.Now().Add(-time.Minute).Unix(), "chat": s.chatJSON(chat)}
	if m, ok := s.messages[message]; ok {
		if m.FromBot {
			msg["from"] = s.botJSON()
		}
		if m.Text != "" {
			msg["text"] = m.Text
		}
		if len(m.ReplyMarkup) > 0 {
			msg["reply_markup"] = json.RawMessage(m.ReplyMarkup)
		}
	}
	s.mu.Unlock()
	cq := map[string]any{"id": queryID, "from": userJSON(from),
		"chat_instance": fmt.Sprint(-message.ChatID), "data": data, "message": msg}
	return s.pushKind("callback_query", cq), queryID
}

// PushMyChatMember queues a "my_chat_member" update: from changed the
// bot's status in chat from oldStatus to newStatus ("left", "member",
// "administrator", "kicked", ...). It also records newStatus as the bot's
// status in the member table (see SetMember). Returns the update_id.
func (s *Server) PushMyChatMember(chat Chat, from User, oldStatus, newStatus string) int {
	s.mu.Lock()
	chat = s.addChat(chat)
	k := memberKey{chat.ID, s.botID}
	if s.members[k].status != newStatus {
		s.members[k] = member{status: newStatus}
	}
	cm := map[string]any{
		"chat": s.chatJSON(chat), "from": userJSON(from), "date": time.Now().Unix(),
		"old_chat_member": s.memberJSON(chat.ID, s.botID, member{status: oldStatus}),
		"new_chat_member": s.memberJSON(chat.ID, s.botID, s.members[k]),
	}
	s.mu.Unlock()
	return s.pushKind("my_chat_member", cm)
}

// PushBotAdded queues the my_chat_member update Telegram sends when from
// adds the bot to a group: status "left" -> "member".
func (s *Server) PushBotAdded(chat Chat, from User) int {
	return s.PushMyChatMember(chat, from, "left", "member")
}

func (s *Server) pushKind(kind string, payload any) int {
	raw, err := json.Marshal(map[string]any{kind: payload})
	if err != nil {
		panic("tgfake: " + err.Error())
	}
	return s.PushUpdate(raw)
}

func (s *Server) photoSizes() []map[string]any {
	id := s.newFileID("photo")
	var sizes []map[string]any
	for i, wh := range [][2]int{{90, 67}, {320, 240}, {1280, 960}} {
		sizes = append(sizes, map[string]any{"file_id": fmt.Sprintf("%s_%d", id, i),
			"file_unique_id": fmt.Sprintf("u%s_%d", id, i), "width": wh[0], "height": wh[1],
			"file_size": wh[0] * wh[1] / 10})
	}
	return sizes
}
