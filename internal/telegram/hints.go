package telegram

import (
	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/extract"
)

// messageHints returns Telegram's entities of the part of m that text is
// (its text or its caption), for screening: a link hidden behind text is
// only visible there.
func messageHints(m *tgbotapi.Message, text string) []extract.Hint {
	ents := m.Entities
	if text != m.Text {
		ents = nil
		if text == m.Caption {
			ents = m.CaptionEntities
		}
	}
	var out []extract.Hint
	for _, e := range ents {
		out = append(out, extract.Hint{Type: e.Type, Offset: e.Offset, Length: e.Length, URL: e.URL})
	}
	return out
}
