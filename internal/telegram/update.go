package telegram

import (
	"encoding/json"
	"fmt"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/normalize"
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

func parseUpdate(raw json.RawMessage) (*update, error) {
	u := &update{}
	if err := json.Unmarshal(raw, &u.Update); err != nil {
		return nil, fmt.Errorf("decode update: %w", err)
	}
	u.origin = forwardOriginOf(raw) // see botapi.go
	if m := u.message(); u.origin == "" && m != nil {
		u.origin = legacyOrigin(m)
	}
	if m := u.message(); m != nil {
		m.Text, m.Caption = capText(m.Text), capText(m.Caption)
		if r := m.ReplyToMessage; r != nil {
			r.Text, r.Caption = capText(r.Text), capText(r.Caption)
		}
	}
	return u, nil
}

// maxText bounds the text kept of a message: a little over what is
// screened (so the verdict still knows it was cut), so that queued
// updates hold little memory however long hostile texts are.
const maxText = normalize.MaxInput + 4

// capText cuts s to maxText bytes; the copy lets the long original go.
func capText(s string) string {
	if len(s) <= maxText {
		return s
	}
	return strings.Clone(s[:maxText])
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
