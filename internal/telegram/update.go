package telegram

import (
	"encoding/json"
	"fmt"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// update is a Telegram update with the fields the library predates.
type update struct {
	tgbotapi.Update
	// origin describes where a forwarded message came from, from the
	// current forward_origin field or the older forward_* fields.
	origin string
	// parked is set once the raw update is stored (see ParkAfter).
	parked bool
}

// forwardOrigin is the Bot API's MessageOrigin.
type forwardOrigin struct {
	Type            string         `json:"type"`
	SenderUser      *tgbotapi.User `json:"sender_user"`
	SenderUserName  string         `json:"sender_user_name"`
	SenderChat      *tgbotapi.Chat `json:"sender_chat"`
	Chat            *tgbotapi.Chat `json:"chat"`
	AuthorSignature string         `json:"author_signature"`
}

func parseUpdate(raw json.RawMessage) (*update, error) {
	u := &update{}
	if err := json.Unmarshal(raw, &u.Update); err != nil {
		return nil, fmt.Errorf("decode update: %w", err)
	}
	var extra struct {
		Message *struct {
			ForwardOrigin *forwardOrigin `json:"forward_origin"`
		} `json:"message"`
		EditedMessage *struct {
			ForwardOrigin *forwardOrigin `json:"forward_origin"`
		} `json:"edited_message"`
	}
	if err := json.Unmarshal(raw, &extra); err == nil {
		switch {
		case extra.Message != nil && extra.Message.ForwardOrigin != nil:
			u.origin = extra.Message.ForwardOrigin.describe()
		case extra.EditedMessage != nil && extra.EditedMessage.ForwardOrigin != nil:
			u.origin = extra.EditedMessage.ForwardOrigin.describe()
		}
	}
	if m := u.message(); u.origin == "" && m != nil {
		u.origin = legacyOrigin(m)
	}
	return u, nil
}

func (o *forwardOrigin) describe() string {
	switch {
	case o.SenderUser != nil:
		return userName(o.SenderUser)
	case o.SenderUserName != "":
		return o.SenderUserName
	case o.Chat != nil:
		return chatName(o.Chat)
	case o.SenderChat != nil:
		return chatName(o.SenderChat)
	}
	if o.Type != "" {
		return o.Type
	}
	return "?"
}

func legacyOrigin(m *tgbotapi.Message) string {
	switch {
	case m.ForwardFrom != nil:
		return userName(m.ForwardFrom)
	case m.ForwardFromChat != nil:
		return chatName(m.ForwardFromChat)
	case m.ForwardSenderName != "":
		return m.ForwardSenderName
	case m.ForwardDate != 0:
		return "?"
	}
	return ""
}

func userName(u *tgbotapi.User) string {
	name := strings.TrimSpace(u.FirstName + " " + u.LastName)
	if u.UserName != "" {
		name += " (@" + u.UserName + ")"
	}
	return name
}

func chatName(c *tgbotapi.Chat) string {
	name := c.Title
	if c.UserName != "" {
		name = strings.TrimSpace(name + " (@" + c.UserName + ")")
	}
	return name
}

// message is the update's message or edited message, if any.
func (u *update) message() *tgbotapi.Message {
	if u.Message != nil {
		return u.Message
	}
	return u.EditedMessage
}

// chatKey groups updates that must be handled in order.
func (u *update) chatKey() int64 {
	switch {
	case u.message() != nil && u.message().Chat != nil:
		return u.message().Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.Message != nil && u.CallbackQuery.Message.Chat != nil:
		return u.CallbackQuery.Message.Chat.ID
	case u.MyChatMember != nil:
		return u.MyChatMember.Chat.ID
	}
	return 0
}

// kind names the update for metrics.
func (u *update) kind() string {
	switch {
	case u.Message != nil && u.origin != "":
		return "forward"
	case u.Message != nil:
		return "message"
	case u.EditedMessage != nil:
		return "edited_message"
	case u.CallbackQuery != nil:
		return "callback_query"
	case u.MyChatMember != nil:
		return "my_chat_member"
	}
	return "other"
}

// messageText is the text or caption of a message.
func messageText(m *tgbotapi.Message) string {
	if m == nil {
		return ""
	}
	if m.Text != "" {
		return m.Text
	}
	return m.Caption
}
