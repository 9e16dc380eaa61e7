package telegram

import (
	"context"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

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
	t := map[string]string{
		"id": "⚙️ <b>Pengaturan Cek Loker di grup ini</b>\nTekan tombol untuk mengubah. Hanya admin grup yang bisa mengubah.",
		"en": "⚙️ <b>Cek Loker settings for this group</b>\nPress a button to change a setting. Only group admins can change them.",
	}
	return t[lang]
}

func onOff(b bool, lang string) string {
	if b {
		return map[string]string{"id": "NYALA", "en": "ON"}[lang]
	}
	return map[string]string{"id": "MATI", "en": "OFF"}[lang]
}

func settingsKeyboard(gs store.GroupSettings, lang string) tgbotapi.InlineKeyboardMarkup {
	l := func(id, en string) string {
		if lang == "en" {
			return en
		}
		return id
	}
	levels := map[string]string{"low": l("semua", "all"), "medium": l("sedang ke atas", "medium and up"), "high": l("hanya tinggi", "high only")}
	langs := map[string]string{"auto": "Indonesia", "id": "Indonesia", "en": "English"}
	row := func(text, data string) []tgbotapi.InlineKeyboardButton {
		return tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(text, data))
	}
	return tgbotapi.NewInlineKeyboardMarkup(
		row(l("🔍 Periksa otomatis: ", "🔍 Auto screening: ")+onOff(gs.AutoScreen, lang), "set:auto"),
		row(l("📊 Balas risiko: ", "📊 Reply at: ")+levels[gs.MinLevel], "set:level"),
		row(l("🌐 Bahasa: ", "🌐 Language: ")+langs[gs.Lang], "set:lang"),
		row(l("🗑 Hapus risiko tinggi: ", "🗑 Delete high risk: ")+onOff(gs.DeleteHigh, lang), "set:del"),
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
		gs.Lang = next(groupLang(gs), "id", "en")
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
				msg := map[string]string{
					"id": "Saya belum bisa menghapus pesan. Jadikan saya admin grup dengan izin \"hapus pesan\", lalu coba lagi.",
					"en": "I cannot delete messages yet. Make me a group admin with the \"delete messages\" right, then try again.",
				}[lang]
				return b.answerCallback(ctx, q, msg, true)
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
	return b.answerCallback(ctx, q, map[string]string{"id": "Tersimpan ✅", "en": "Saved ✅"}[lang], false)
}

// withImageRow adds the button that turns reading images in group posts
// on or off (off by default) to the settings keyboard.
func (b *Bot) withImageRow(ctx context.Context, kb tgbotapi.InlineKeyboardMarkup, chatID int64, lang string) (tgbotapi.InlineKeyboardMarkup, error) {
	on, err := b.store.ReadImages(ctx, chatID)
	if err != nil {
		return kb, err
	}
	text := map[string]string{"id": "🖼 Baca teks di gambar: ", "en": "🖼 Read text in images: "}[lang] + onOff(on, lang)
	kb.InlineKeyboard = append(kb.InlineKeyboard, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(text, "set:img")))
	return kb, nil
}
