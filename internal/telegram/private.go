package telegram

import (
	"context"
	"encoding/json"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/reply"
	"github.com/cekloker/cekloker/internal/rules"
	"github.com/cekloker/cekloker/internal/screen"
)

// onPrivate handles a message in a private chat: commands, and any text,
// caption or forwarded ad, which is screened and answered in full.
func (b *Bot) onPrivate(ctx context.Context, u *update, m *tgbotapi.Message, edited bool) error {
	lang := "id"
	if m.From != nil {
		lang = reply.Lang(m.From.LanguageCode)
	}
	if !edited && b.hooks.Admin != nil {
		if handled, err := b.hooks.Admin(ctx, b, m); handled {
			return err
		}
	}
	if m.IsCommand() && !edited {
		switch m.Command() {
		case "start":
			if token := strings.TrimSpace(m.CommandArguments()); token != "" {
				return b.showStored(ctx, m, token, lang)
			}
			return b.say(ctx, m.Chat.ID, 0, reply.Help(lang))
		case "help":
			return b.say(ctx, m.Chat.ID, 0, reply.Help(lang))
		case "cek", "check":
			if t := messageText(m.ReplyToMessage); strings.TrimSpace(t) != "" {
				return b.answerFull(ctx, m.ReplyToMessage, "cek", t, lang, "", false)
			}
			return b.say(ctx, m.Chat.ID, m.MessageID, reply.CekUsage(lang))
		}
	}
	text := messageText(m)
	if strings.TrimSpace(text) == "" {
		if edited {
			return nil
		}
		return b.say(ctx, m.Chat.ID, m.MessageID, reply.NoText(lang))
	}
	source := "message"
	switch {
	case u.origin != "":
		source = "forward"
	case edited:
		source = "edit"
	case m.Text == "":
		source = "caption"
	}
	return b.answerFull(ctx, m, source, text, lang, u.origin, edited)
}

// answerFull screens text and answers m with the full verdict.
func (b *Bot) answerFull(ctx context.Context, m *tgbotapi.Message, source, text, lang, origin string, edited bool) error {
	hash := textHash(text)
	if _, ok, err := b.store.Answered(ctx, m.Chat.ID, m.MessageID, hash); err != nil {
		return err
	} else if ok {
		return nil // this exact text was answered already
	}
	s, err := b.screenText(ctx, m.Chat, source, text, lang)
	if err != nil {
		return err
	}
	if !s.v.IsJobAd && s.v.Level == rules.Low {
		return b.deliver(ctx, m, hash, reply.NotJobAd(lang), nil, edited)
	}
	body := reply.Full(s.v, s.eng.Rules(), lang)
	if origin != "" {
		body = reply.Forwarded(origin, lang) + "\n\n" + body
	}
	return b.deliver(ctx, m, hash, body, verdictKeyboard(s, lang, true, ""), edited)
}

// showStored answers a deep link from a group reply with the full verdict
// kept for it.
func (b *Bot) showStored(ctx context.Context, m *tgbotapi.Message, token, lang string) error {
	sid, data, ok, err := b.store.Verdict(ctx, token)
	if err != nil {
		return err
	}
	var v screen.Verdict
	if !ok || json.Unmarshal(data, &v) != nil {
		return b.say(ctx, m.Chat.ID, 0, reply.ExpiredLink(lang))
	}
	eng, _ := b.rules.Current()
	s := screened{v: v, eng: eng, sid: sid}
	sent, err := b.send.Send(ctx, m.Chat.ID, htmlMessage(m.Chat.ID, 0, reply.Full(v, eng.Rules(), lang), verdictKeyboard(s, lang, true, "")))
	if err != nil {
		return err
	}
	return b.recordShown(ctx, m.Chat.ID, sid, sent.MessageID)
}
