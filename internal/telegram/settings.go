package telegram

import (
	"context"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/i18n"
	"github.com/cekloker/cekloker/internal/reply"
	"github.com/cekloker/cekloker/internal/store"
)

// showSettings answers /settings: the group's settings with buttons to
// change them, for the group's admins only.
func (b *Bot) showSettings(ctx context.Context, m *tgbotapi.Message, gs store.GroupSettings, lang string) error {
	ok, err := b.isGroupAdmin(ctx, m.Chat.ID, m.From, m.SenderChat)
	if err != nil {
		return err
	}
	if !ok {
		return b.say(ctx, m.Chat.ID, m.MessageID, reply.NotAdmin(lang))
	}
	kb, err := b.withImageRow(ctx, settingsKeyboard(gs, lang), m.Chat.ID, lang)
	if err != nil {
		return err
	}
	_, err = b.send.Send(ctx, m.Chat.ID, htmlMessage(m.Chat.ID, m.MessageID, settingsText(gs, lang), &kb))
	return err
}

func settingsText(gs store.GroupSettings, lang string) string {
	return i18n.T(lang, "settings_title")
}

func onOff(b bool, lang string) string {
	if b {
		return i18n.T(lang, "settings_on")
	}
	return i18n.T(lang, "settings_off")
}

func settingsKeyboard(gs store.GroupSettings, lang string) tgbotapi.InlineKeyboardMarkup {
	row := func(id, value, data string) []tgbotapi.InlineKeyboardButton {
		return tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(i18n.T(lang, id, "Value", value), data))
	}
	return tgbotapi.NewInlineKeyboardMarkup(
		row("settings_auto", onOff(gs.AutoScreen, lang), "set:auto"),
		row("settings_level", i18n.T(lang, "settings_level_"+gs.MinLevel), "set:level"),
		// A language is named in itself: "Indonesia", "English".
		row("settings_lang", i18n.T(groupLang(gs), "language_name"), "set:lang"),
		row("settings_delete", onOff(gs.DeleteHigh, lang), "set:del"),
	)
}

// next returns the item after cur in a cycle.
func next(cur string, cycle ...string) string {
	for i, c := range cycle {
		if c == cur {
			return cycle[(i+1)%len(cycle)]
		}
	}
	return cycle[0]
}

// onSettingsButton changes one setting when a group admin presses its
// button.
func (b *Bot) onSettingsButton(ctx context.Context, q *tgbotapi.CallbackQuery) error {
	m := q.Message
	lang := reply.Lang(q.From.LanguageCode) // alerts speak the presser's language
	ok, err := b.isGroupAdmin(ctx, m.Chat.ID, q.From, nil)
	if err != nil {
		return err
	}
	if !ok {
		return b.answerCallback(ctx, q, reply.NotAdmin(lang), true)
	}
	gs, err := b.store.GroupSettings(ctx, m.Chat.ID)
	if err != nil {
		return err
	}
	switch strings.TrimPrefix(q.Data, "set:") {
	case "auto":
		gs.AutoScreen = !gs.AutoScreen
	case "level":
		gs.MinLevel = next(gs.MinLevel, "medium", "high", "low")
	case "lang":
		gs.Lang = next(groupLang(gs), b.languages()...)
	case "img":
		on, err := b.store.ReadImages(ctx, m.Chat.ID)
		if err != nil {
			return err
		}
		if err := b.store.SetReadImages(ctx, m.Chat.ID, !on); err != nil {
			return err
		}
	case "del":
		if !gs.DeleteHigh {
			me, err := b.memberStatus(ctx, m.Chat.ID, b.me.ID)
			if err != nil {
				return err
			}
			if !(me.Status == "creator" || me.Status == "administrator" && me.CanDeleteMessages) {
				return b.answerCallback(ctx, q, i18n.T(lang, "settings_cannot_delete"), true)
			}
		}
		gs.DeleteHigh = !gs.DeleteHigh
	default:
		return b.answerCallback(ctx, q, "", false)
	}
	gs.Title = m.Chat.Title
	if err := b.store.SaveGroupSettings(ctx, gs); err != nil {
		return err
	}
	// The panel speaks the group's language (it may just have changed).
	kb, err := b.withImageRow(ctx, settingsKeyboard(gs, groupLang(gs)), m.Chat.ID, groupLang(gs))
	if err != nil {
		return err
	}
	if _, err := b.send.Request(ctx, tgbotapi.NewEditMessageReplyMarkup(m.Chat.ID, m.MessageID, kb)); err != nil {
		b.log.Warn("telegram: update settings keyboard", "error", err)
	}
	return b.answerCallback(ctx, q, i18n.T(lang, "settings_saved"), false)
}

// withImageRow adds the button that turns reading images in group posts
// on or off (off by default) to the settings keyboard.
func (b *Bot) withImageRow(ctx context.Context, kb tgbotapi.InlineKeyboardMarkup, chatID int64, lang string) (tgbotapi.InlineKeyboardMarkup, error) {
	on, err := b.store.ReadImages(ctx, chatID)
	if err != nil {
		return kb, err
	}
	text := i18n.T(lang, "settings_images", "Value", onOff(on, lang))
	kb.InlineKeyboard = append(kb.InlineKeyboard, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(text, "set:img")))
	return kb, nil
}

// languages are the languages a group can choose: those of the rule file
// that have a catalog, the default first.
func (b *Bot) languages() []string {
	eng, _ := b.rules.Current()
	out := []string{i18n.Default}
	for _, l := range eng.Rules().Languages {
		if l != i18n.Default && i18n.Has(l) {
			out = append(out, l)
		}
	}
	return out
}

// menuLanguages are the language codes of the command menus: "" (everyone,
// in the default language) and each other language.
func (b *Bot) menuLanguages() []string {
	ls := b.languages()
	ls[0] = ""
	return ls
}
