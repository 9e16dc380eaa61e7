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
	Model   bool   `json:"model,omitempty"` // a model, not rules
	Base    int    `json:"base"`
	Lang    string `json:"lang"`
	Text    string `json:"text"`
}

func (a *Admin) noteApplying(ctx context.Context, q *tgbotapi.CallbackQuery, p *pending, lang string) {
	if q.Message == nil || q.Message.Chat == nil {
		return
	}
	data, _ := json.Marshal(applying{Chat: q.Message.Chat.ID, Message: q.Message.MessageID, User: q.From.ID,
		Model: p.model, Base: p.base, Lang: lang, Text: p.text})
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
		v, author, err := a.activeVersion(ctx, n.Model)
		if err != nil {
			a.log.Warn("admin: resume", "error", err)
			return
		}
		applied, notApplied := "admin_resume_applied", "admin_resume_not_applied"
		if n.Model {
			applied, notApplied = "admin_model_resume_applied", "admin_model_resume_not_applied"
		}
		note := i18n.T(n.Lang, notApplied, "Version", v)
		if v > n.Base && author == strconv.FormatInt(n.User, 10) {
			note = i18n.T(n.Lang, applied, "Version", v)
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

// activeVersion is the active version of the rules, or of the model, and
// its author.
func (a *Admin) activeVersion(ctx context.Context, model bool) (int, string, error) {
	if model {
		mv, err := a.m.ActiveModel(ctx)
		return mv.Version, mv.Author, err
	}
	rv, err := a.m.Active(ctx)
	return rv.Version, rv.Author, err
}
