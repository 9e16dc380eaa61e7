package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/i18n"
	"github.com/cekloker/cekloker/internal/reply"
	"github.com/cekloker/cekloker/internal/rules"
	"github.com/cekloker/cekloker/internal/screen"
	"github.com/cekloker/cekloker/internal/store"
)

// onGroup handles a message in a group: /cek, /settings and /help, and
// screening of every post, answered only when it is a job ad at or above
// the group's level.
func (b *Bot) onGroup(ctx context.Context, m *tgbotapi.Message, edited bool) error {
	gs, err := b.store.GroupSettings(ctx, m.Chat.ID)
	if err != nil {
		return err
	}
	lang := groupLang(gs)
	for _, nm := range m.NewChatMembers {
		if nm.ID == b.me.ID {
			return b.introduce(ctx, m.Chat, lang)
		}
	}
	if m.IsCommand() {
		if at := m.CommandWithAt(); strings.Contains(at, "@") && !strings.EqualFold(at[strings.Index(at, "@")+1:], b.me.UserName) {
			return nil // a command for another bot
		}
		if edited {
			return nil
		}
		switch m.Command() {
		case "lapor", "report":
			return b.onReport(ctx, m, lang)
		case "cek", "check":
			if pic := imageOf(m.ReplyToMessage); pic != nil {
				return b.answerImage(ctx, m.ReplyToMessage, pic, "cek", lang, "", &groupContext{gs: gs, always: true}, false)
			}
			if q, ok := b.parseLookup(m.CommandArguments()); ok {
				return b.answerLookup(ctx, m, q, lang)
			}
			if q, ok := b.parseLookup(messageText(m.ReplyToMessage)); ok {
				return b.answerLookup(ctx, m, q, lang)
			}
			t := messageText(m.ReplyToMessage)
			if strings.TrimSpace(t) == "" {
				return b.say(ctx, m.Chat.ID, m.MessageID, reply.CekUsage(lang))
			}
			return b.answerCompact(ctx, m.ReplyToMessage, "cek", t, lang, gs, true, false)
		case "settings":
			return b.showSettings(ctx, m, gs, lang)
		case "help", "start":
			return b.say(ctx, m.Chat.ID, m.MessageID, reply.GroupIntro(lang))
		}
		return nil
	}
	text := messageText(m)
	source := "message"
	if edited {
		source = "edit"
	}
	if pic := imageOf(m); pic != nil && gs.AutoScreen {
		on, err := b.store.ReadImages(ctx, m.Chat.ID)
		if err != nil {
			return err
		}
		if on {
			return b.answerImage(ctx, m, pic, source, lang, "", &groupContext{gs: gs}, edited)
		}
	}
	if !gs.AutoScreen || strings.TrimSpace(text) == "" {
		return nil
	}
	return b.answerCompact(ctx, m, source, text, lang, gs, false, edited)
}

// groupContext is how a group answers an image: its settings, and whether
// it answers whatever the level (/cek).
type groupContext struct {
	gs     store.GroupSettings
	always bool
}

// groupLang is the group's reply language, a group setting (the default
// language unless the group's admins chose another), never the poster's.
func groupLang(gs store.GroupSettings) string {
	if gs.Lang != i18n.Default && i18n.Has(gs.Lang) {
		return gs.Lang
	}
	return i18n.Default
}

// answerCompact screens a group post and, when it qualifies (or always, for
// /cek), replies with the compact verdict and a deep link to the full one.
func (b *Bot) answerCompact(ctx context.Context, m *tgbotapi.Message, source, text, lang string, gs store.GroupSettings, always, edited bool) error {
	return b.answerCompactNote(ctx, m, source, text, lang, gs, always, edited, "")
}

// answerCompactNote is answerCompact with a note (HTML) above the verdict.
func (b *Bot) answerCompactNote(ctx context.Context, m *tgbotapi.Message, source, text, lang string, gs store.GroupSettings, always, edited bool, note string) error {
	// A cry for help gets the same help as in private, once per post,
	// never a warning.
	prev, hash, done, err := b.answerFirst(ctx, m, source, text, lang, edited)
	if done || err != nil {
		return err
	}
	s, err := b.screenText(ctx, m.Chat, source, text, lang, messageHints(m, text))
	if err != nil {
		return err
	}
	qualifies := s.v.IsJobAd && screen.LevelRank(s.v.Level) >= screen.LevelRank(gs.MinLevel)
	if !always && !qualifies {
		if !edited {
			return nil
		}
		// An edited post that was answered before gets its answer updated.
		if !prev.ok {
			return nil
		}
	}
	link := ""
	if token := b.keepVerdict(ctx, s); token != "" && b.me.UserName != "" {
		link = "https://t.me/" + b.me.UserName + "?start=" + token
	}
	body := withMemory(reply.Compact(s.v, s.eng.Rules(), lang), s.v, s.eng.Rules(), lang)
	if note != "" {
		body = note + "\n" + body
	}
	if err := b.deliver(ctx, m, hash, body, verdictKeyboard(s, lang, false, link), edited); err != nil {
		return err
	}
	if gs.DeleteHigh && s.v.Level == rules.High && source != "cek" {
		if _, err := b.send.Request(ctx, tgbotapi.NewDeleteMessage(m.Chat.ID, m.MessageID)); err != nil && !errors.Is(err, ErrGaveUp) {
			return err
		}
	}
	return nil
}

// introduce posts the group introduction once.
func (b *Bot) introduce(ctx context.Context, chat *tgbotapi.Chat, lang string) error {
	gs, err := b.store.GroupSettings(ctx, chat.ID)
	if err != nil || gs.IntroSent {
		return err
	}
	if err := b.say(ctx, chat.ID, 0, reply.GroupIntro(lang)); err != nil {
		return err
	}
	gs.IntroSent, gs.Title = true, chat.Title
	return b.store.SaveGroupSettings(ctx, gs)
}

// onMyChatMember notices the bot being added to a group.
func (b *Bot) onMyChatMember(ctx context.Context, cm *tgbotapi.ChatMemberUpdated) error {
	if cm.Chat.IsPrivate() || cm.Chat.IsChannel() {
		return nil
	}
	was, now := cm.OldChatMember.Status, cm.NewChatMember.Status
	joined := (now == "member" || now == "administrator") && (was == "left" || was == "kicked" || was == "")
	if !joined {
		b.log.Info("telegram: membership changed", "chat", cm.Chat.ID, "from", was, "to", now)
		return nil
	}
	gs, err := b.store.GroupSettings(ctx, cm.Chat.ID)
	if err != nil {
		return err
	}
	return b.introduce(ctx, &cm.Chat, groupLang(gs))
}

// memberStatus asks Telegram for a user's status in a chat.
func (b *Bot) memberStatus(ctx context.Context, chatID, userID int64) (tgbotapi.ChatMember, error) {
	var cm tgbotapi.ChatMember
	resp, err := b.send.Request(ctx, tgbotapi.GetChatMemberConfig{ChatConfigWithUser: tgbotapi.ChatConfigWithUser{ChatID: chatID, UserID: userID}})
	if err != nil {
		return cm, err
	}
	err = json.Unmarshal(resp.Result, &cm)
	return cm, err
}

// isGroupAdmin reports whether the sender of m administers the group.
func (b *Bot) isGroupAdmin(ctx context.Context, chatID int64, from *tgbotapi.User, senderChat *tgbotapi.Chat) (bool, error) {
	if senderChat != nil && senderChat.ID == chatID {
		return true, nil // an anonymous group admin
	}
	if from == nil {
		return false, nil
	}
	cm, err := b.memberStatus(ctx, chatID, from.ID)
	if err != nil {
		return false, err
	}
	return cm.Status == "creator" || cm.Status == "administrator", nil
}
