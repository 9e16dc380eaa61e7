package telegram

import (
	"cmp"
	"context"
	"errors"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/extract"
	"github.com/cekloker/cekloker/internal/i18n"
	"github.com/cekloker/cekloker/internal/reply"
	"github.com/cekloker/cekloker/internal/screen"
	"github.com/cekloker/cekloker/internal/store"
)

// dispatch routes an update to its handler.
func (b *Bot) dispatch(ctx context.Context, u *update) error {
	switch {
	case u.CallbackQuery != nil:
		return b.onCallback(ctx, u.CallbackQuery)
	case u.MyChatMember != nil:
		return b.onMyChatMember(ctx, u.MyChatMember)
	case u.message() != nil:
		m := u.message()
		if m.Chat == nil || m.From != nil && m.From.ID == b.me.ID {
			return nil
		}
		edited := u.EditedMessage != nil
		switch {
		case m.Chat.IsPrivate():
			return b.onPrivate(ctx, u, m, edited)
		case m.Chat.IsGroup() || m.Chat.IsSuperGroup():
			return b.onGroup(ctx, m, edited)
		}
	}
	return nil
}

// screened is a screening and what was stored of it.
type screened struct {
	v   screen.Verdict
	eng *screen.Engine
	sid int64
}

// screenText screens text, with Telegram's entities of it, with the
// current rules and records the screening (without the text unless the
// operator opted in).
func (b *Bot) screenText(ctx context.Context, chat *tgbotapi.Chat, source, text, lang string, hints []extract.Hint) (screened, error) {
	eng, version := b.rules.Current()
	start := time.Now()
	v := eng.ScreenMessageWith(screen.Message{Text: text, Hints: hints}, b.memorySnapshot())
	if b.hooks.Screened != nil {
		b.hooks.Screened(chat.Type, v, time.Since(start))
	}
	rec := store.Screening{
		ChatType: chat.Type, Source: source, Level: v.Level, Score: v.Score, IsJobAd: v.IsJobAd,
		RuleIDs: v.HitRules(), TextHash: textHash(text), Text: text, RulesVersion: version,
	}
	if v.Model != nil {
		rec.ModelVersion = v.Model.Version
	}
	if !chat.IsPrivate() {
		rec.ChatID = chat.ID
	}
	sid, err := b.store.RecordScreening(ctx, rec)
	if err == nil {
		b.ads.put(sid, text)
		b.recordMemoryHits(ctx, sid, v)
	}
	return screened{v: v, eng: eng, sid: sid}, err
}

// htmlMessage is a reply in HTML without link previews.
func htmlMessage(chatID int64, replyTo int, text string, kb *tgbotapi.InlineKeyboardMarkup) tgbotapi.MessageConfig {
	msg := tgbotapi.NewMessage(chatID, text)
	msg.ParseMode = tgbotapi.ModeHTML
	msg.DisableWebPagePreview = true
	msg.ReplyToMessageID = replyTo
	msg.AllowSendingWithoutReply = true
	if kb != nil {
		msg.ReplyMarkup = *kb
	}
	return msg
}

// verdictKeyboard has the feedback buttons and, for a full reply, the
// official links.
func verdictKeyboard(s screened, lang string, links bool, deepLink string) *tgbotapi.InlineKeyboardMarkup {
	var rows [][]tgbotapi.InlineKeyboardButton
	if deepLink != "" {
		rows = append(rows, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonURL(reply.FullExplanationButton(lang), deepLink)))
	}
	helpful, wrong := reply.FeedbackButtons(lang)
	rows = append(rows, tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData(helpful, feedbackData(s.sid, store.VoteHelpful)),
		tgbotapi.NewInlineKeyboardButtonData(wrong, feedbackData(s.sid, store.VoteWrong)),
	))
	if links {
		for _, l := range s.eng.Rules().Guidance.Links {
			rows = append(rows, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonURL(s.eng.Rules().Text(l.Label, lang), l.URL)))
		}
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(rows...)
	return &kb
}

// deliver sends a reply to message m, or, for an edited message that was
// answered before, edits that earlier reply. It records the answer.
func (b *Bot) deliver(ctx context.Context, m *tgbotapi.Message, hash, text string, kb *tgbotapi.InlineKeyboardMarkup, edited bool) error {
	if edited {
		if prev, ok, err := b.store.LastAnswer(ctx, m.Chat.ID, m.MessageID); err == nil && ok && prev != 0 {
			e := tgbotapi.NewEditMessageText(m.Chat.ID, prev, text)
			e.ParseMode = tgbotapi.ModeHTML
			e.DisableWebPagePreview = true
			e.ReplyMarkup = kb
			if _, err := b.send.Request(ctx, e); err != nil && !notModified(err) {
				return err
			}
			return b.store.RecordAnswer(ctx, m.Chat.ID, m.MessageID, hash, prev)
		}
	}
	sent, err := b.sendOrQueue(ctx, htmlMessage(m.Chat.ID, m.MessageID, text, kb), m.MessageID, hash)
	if errors.Is(err, ErrQueued) {
		// Answered from the outbox; 0 until it is sent.
		return b.store.RecordAnswer(ctx, m.Chat.ID, m.MessageID, hash, 0)
	}
	if err != nil {
		return err
	}
	return b.store.RecordAnswer(ctx, m.Chat.ID, m.MessageID, hash, sent.MessageID)
}

// say sends a plain HTML message without buttons.
func (b *Bot) say(ctx context.Context, chatID int64, replyTo int, text string) error {
	_, err := b.sendOrQueue(ctx, htmlMessage(chatID, replyTo, text, nil), 0, "")
	if errors.Is(err, ErrQueued) {
		return nil
	}
	return err
}

// registerCommands sets the command menu in each of the bot's languages:
// the default language's for everyone, the others' for people whose
// Telegram speaks them.
func (b *Bot) registerCommands(ctx context.Context) error {
	type cmd struct{ name, desc string } // desc: the catalog's message id
	private := []cmd{{"start", "cmd_start"}, {"help", "cmd_help"}, {"cek", "cmd_cek"}, {"lapor", "cmd_lapor_private"}}
	group := []cmd{{"cek", "cmd_cek"}, {"lapor", "cmd_lapor_group"}, {"settings", "cmd_settings"}, {"help", "cmd_help"}}
	set := func(scope tgbotapi.BotCommandScope, cmds []cmd, lang string) error {
		var list []tgbotapi.BotCommand
		for _, c := range cmds {
			list = append(list, tgbotapi.BotCommand{Command: c.name, Description: i18n.T(cmp.Or(lang, i18n.Default), c.desc)})
		}
		_, err := b.send.Request(ctx, tgbotapi.NewSetMyCommandsWithScopeAndLanguage(scope, lang, list...))
		return err
	}
	admin := append(append([]cmd{}, private...),
		cmd{"rules", "cmd_rules"}, cmd{"rule", "cmd_rule"}, cmd{"rules_export", "cmd_rules_export"},
		cmd{"rules_history", "cmd_rules_history"}, cmd{"review", "cmd_review"}, cmd{"forget", "cmd_forget"},
		cmd{"memory_export", "cmd_memory_export"}, cmd{"stats", "cmd_stats"},
	)
	for _, lang := range b.menuLanguages() {
		if err := set(tgbotapi.NewBotCommandScopeAllPrivateChats(), private, lang); err != nil {
			return err
		}
		if err := set(tgbotapi.NewBotCommandScopeAllGroupChats(), group, lang); err != nil {
			return err
		}
		for _, id := range b.cfg.Admins {
			// An admin who never opened a chat with the bot cannot get a
			// menu of their own yet; that is not an error worth stopping for.
			if err := set(tgbotapi.NewBotCommandScopeChat(id), admin, lang); err != nil {
				b.log.Info("telegram: no admin menu for this admin yet", "admin", id, "error", redact(err, b.cfg.Token))
			}
		}
	}
	return nil
}
