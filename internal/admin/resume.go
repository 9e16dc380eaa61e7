package admin

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/cekloker/cekloker/internal/i18n"
	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// applyingNote names the durable note of an Apply in progress.
const applyingNote = "admin_applying"

// applying is what is noted while an Apply runs: enough to tell the admin
// the outcome if the bot dies in the middle.
type applying struct {
	Chat    int64  `json:"chat"`
	Message int    `json:"message"`
	User    int64  `json:"user"`
	Base    int    `json:"base"`
	Lang    string `json:"lang"`
	Text    string `json:"text"`
}

func (a *Admin) noteApplying(ctx context.Context, q *tgbotapi.CallbackQuery, p *pending, lang string) {
	if q.Message == nil || q.Message.Chat == nil {
		return
	}
	data, _ := json.Marshal(applying{Chat: q.Message.Chat.ID, Message: q.Message.MessageID, User: q.From.ID,
		Base: p.base, Lang: lang, Text: p.text})
	if err := a.st.SetNote(ctx, applyingNote, data); err != nil {
		a.log.Warn("admin: note the apply", "error", err)
	}
}

// Resume tells the admin whose Apply was cut short by a crash which rules
// version is active (was the change applied or not), on the preview
// message they pressed. Call it once at start.
func (a *Admin) Resume(ctx context.Context) {
	data, ok, err := a.st.Note(ctx, applyingNote)
	if err != nil || !ok {
		return
	}
	var n applying
	if json.Unmarshal(data, &n) == nil && n.Chat != 0 {
		rv, err := a.m.Active(ctx)
		if err != nil {
			a.log.Warn("admin: resume", "error", err)
			return
		}
		var note string
		if rv.Version > n.Base && rv.Author == strconv.FormatInt(n.User, 10) {
			note = i18n.T(n.Lang, "admin_resume_applied", "Version", rv.Version)
		} else {
			note = i18n.T(n.Lang, "admin_resume_not_applied", "Version", rv.Version)
		}
		e := tgbotapi.NewEditMessageText(n.Chat, n.Message, clip(n.Text+"\n\n<b>"+note+"</b>"))
		e.ParseMode = tgbotapi.ModeHTML
		e.DisableWebPagePreview = true
		if _, err := a.send.Request(ctx, e); err != nil {
			a.log.Warn("admin: tell the outcome of an interrupted apply", "error", err)
			_ = a.say(ctx, n.Chat, note)
		}
	}
	if err := a.st.DeleteNote(ctx, applyingNote); err != nil {
		a.log.Warn("admin: clear the apply note", "error", err)
	}
}
