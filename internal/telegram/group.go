package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

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
	lang := groupLang(gs, m.From)
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
		case "cek", "check":
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
	if !gs.AutoScreen || strings.TrimSpace(text) == "" {
		return nil
	}
	source := "message"
	if edited {
		source = "edit"
	}
	return b.answerCompact(ctx, m, source, text, lang, gs, false, edited)
}

// groupLang is the group's reply language, or the poster's when "auto".
func groupLang(gs store.GroupSettings, from *tgbotapi.User) string {
	if gs.Lang == "id" || gs.Lang == "en" {
		return gs.Lang
	}
	if from != nil {
		return reply.Lang(from.LanguageCode)
	}
	return "id"
}

// answerCompact screens a group post and, when it qualifies (or always, for
// /cek), replies with the compact verdict and a deep link to the full one.
func (b *Bot) answerCompact(ctx context.Context, m *tgbotapi.Message, source, text, lang string, gs store.GroupSettings, always, edited bool) error {
	hash := textHash(text)
	if _, ok, err := b.store.Answered(ctx, m.Chat.ID, m.MessageID, hash); err != nil {
		return err
	} else if ok {
		return nil
	}
	s, err := b.screenText(ctx, m.Chat, source, text, lang)
	if err != nil {
		return err
	}
	qualifies := s.v.IsJobAd && screen.LevelRank(s.v.Level) >= screen.LevelRank(gs.MinLevel)
	if !always && !qualifies {
		if !edited {
			return nil
		}
		// An edited post that was answered before gets its answer updated.
		if _, ok, err := b.store.LastAnswer(ctx, m.Chat.ID, m.MessageID); err != nil || !ok {
			return err
		}
	}
	link := ""
	if data, err := json.Marshal(storableVerdict(s.v)); err == nil {
		if token, err := b.store.SaveVerdict(ctx, s.sid, data, b.cfg.VerdictTTL); err == nil && b.me.UserName != "" {
			link = "https://t.me/" + b.me.UserName + "?start=" + token
		}
	}
	body := reply.Compact(s.v, s.eng.Rules(), lang)
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
	lang := reply.Lang(cm.From.LanguageCode)
	return b.introduce(ctx, &cm.Chat, lang)
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
