package telegram

import (
	"context"
	"encoding/json"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/i18n"
	"github.com/cekloker/cekloker/internal/reply"
	"github.com/cekloker/cekloker/internal/rules"
	"github.com/cekloker/cekloker/internal/screen"
)

// onPrivate handles a message in a private chat: commands, and any text,
// caption or forwarded ad, which is screened and answered in full.
func (b *Bot) onPrivate(ctx context.Context, u *update, m *tgbotapi.Message, edited bool) error {
	lang := i18n.Default
	if m.From != nil {
		lang = reply.Lang(m.From.LanguageCode)
	}
	if !edited && b.cfg.Commands != nil {
		if handled, err := b.cfg.Commands.HandleMessage(ctx, m); handled {
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
		case "lapor", "report":
			return b.onReport(ctx, m, lang)
		case "cek", "check":
			if pic := imageOf(m.ReplyToMessage); pic != nil {
				return b.answerImage(ctx, m.ReplyToMessage, pic, "cek", lang, "", nil, false)
			}
			if q, ok := b.parseLookup(m.CommandArguments()); ok {
				return b.answerLookup(ctx, m, q, lang)
			}
			if q, ok := b.parseLookup(messageText(m.ReplyToMessage)); ok {
				return b.answerLookup(ctx, m, q, lang)
			}
			if t := messageText(m.ReplyToMessage); strings.TrimSpace(t) != "" {
				return b.answerFull(ctx, m.ReplyToMessage, "cek", t, lang, "", false)
			}
			return b.say(ctx, m.Chat.ID, m.MessageID, reply.CekUsage(lang))
		}
	}
	if pic := imageOf(m); pic != nil {
		return b.answerImage(ctx, m, pic, sourceOf(u, edited), lang, u.origin, nil, edited)
	}
	text := messageText(m)
	if strings.TrimSpace(text) == "" {
		if edited {
			return nil
		}
		return b.say(ctx, m.Chat.ID, m.MessageID, reply.NoText(lang))
	}
	if q, ok := b.plainLookup(text); ok && !edited {
		return b.answerLookup(ctx, m, q, lang)
	}
	source := sourceOf(u, edited)
	if source == "message" && m.Text == "" {
		source = "caption"
	}
	return b.answerFull(ctx, m, source, text, lang, u.origin, edited)
}

// sourceOf names where a screened text came from, for the store.
func sourceOf(u *update, edited bool) string {
	switch {
	case u.origin != "":
		return "forward"
	case edited:
		return "edit"
	}
	return "message"
}

// answerFull answers m in full: help for a cry for help, else the verdict
// on one screen with a button for the details. A text answered last time
// is not answered again (/cek points to the earlier answer).
func (b *Bot) answerFull(ctx context.Context, m *tgbotapi.Message, source, text, lang, origin string, edited bool) error {
	note := ""
	if origin != "" {
		note = reply.Forwarded(origin, lang)
	}
	return b.answerFullNote(ctx, m, source, text, lang, note, edited)
}

// answerFullNote screens text and answers m with the full verdict below
// a note (HTML), if any.
func (b *Bot) answerFullNote(ctx context.Context, m *tgbotapi.Message, source, text, lang, note string, edited bool) error {
	_, hash, done, err := b.answerFirst(ctx, m, source, text, lang, edited)
	if done || err != nil {
		return err
	}
	s, err := b.screenText(ctx, m.Chat, source, text, lang, messageHints(m, text))
	if err != nil {
		return err
	}
	if !s.v.IsJobAd && s.v.Level == rules.Low {
		// A question or story about an offer hears the offer's red flags;
		// anything else that is no job ad is asked for the ad.
		msg, about := reply.AboutOffer(s.v, s.eng.Rules(), lang)
		if !about {
			msg = reply.NotJobAd(lang)
		}
		if note != "" {
			msg = note + "\n\n" + msg
		}
		return b.deliver(ctx, m, hash, msg, nil, edited)
	}
	body := withMemory(reply.Full(s.v, s.eng.Rules(), lang), s.v, s.eng.Rules(), lang)
	if note != "" {
		body = note + "\n\n" + body
	}
	return b.deliver(ctx, m, hash, body, privateKeyboard(s, b.keepVerdict(ctx, s), lang, false), edited)
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
	sent, err := b.send.Send(ctx, m.Chat.ID, htmlMessage(m.Chat.ID, 0, withMemory(reply.Full(v, eng.Rules(), lang), v, eng.Rules(), lang), privateKeyboard(s, token, lang, false)))
	if err != nil {
		return err
	}
	return b.recordShown(ctx, m.Chat.ID, sid, sent.MessageID)
}
