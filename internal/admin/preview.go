package admin

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/i18n"
	"github.com/cekloker/cekloker/internal/reply"
	"github.com/cekloker/cekloker/internal/rules"
	"github.com/cekloker/cekloker/internal/ruleset"
	"github.com/cekloker/cekloker/internal/store"
)

// maxErrors is how many validation errors a refusal lists.
const maxErrors = 15

// refusal explains why a rules file was refused.
func (c *call) refusal(err error) string {
	var b strings.Builder
	b.WriteString(c.t("admin_refused_nothing_changed_2"))
	var es rules.Errors
	var e *rules.Error
	switch {
	case errors.As(err, &es):
	case errors.As(err, &e):
		es = rules.Errors{e}
	}
	if len(es) == 0 {
		fmt.Fprintf(&b, "• %s\n", esc(err.Error()))
		return b.String()
	}
	for i, e := range es {
		if i == maxErrors {
			b.WriteString(c.t("admin_errors_and_more", "N", len(es)-maxErrors))
			break
		}
		b.WriteString("• ")
		if e.Line > 0 {
			b.WriteString(c.t("admin_error_line", "Line", e.Line))
		}
		if e.Rule != "" {
			b.WriteString(c.t("admin_error_rule", "Rule", esc(e.Rule)))
		}
		fmt.Fprintf(&b, ": %s\n", esc(e.Msg))
	}
	return b.String()
}

func (c *call) level(l string) string {
	switch l {
	case rules.High:
		return c.t("admin_high")
	case rules.Medium:
		return c.t("admin_medium")
	}
	return c.t("admin_low")
}

// preview validates data against base, shows what it changes and offers
// Apply/Cancel. summary, when empty, is made from the changes.
func (c *call) preview(ctx context.Context, base int, data []byte, summary string) error {
	p, err := c.a.m.Preview(ctx, base, data)
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		return c.say(ctx, c.refusal(err))
	}
	if p.Same {
		return c.say(ctx, c.t("admin_no_change_this_is_the"))
	}
	if err := checkCaps(p.Engine.Rules()); err != nil {
		return c.say(ctx, c.refusal(err))
	}
	if c.sample {
		if err := c.sendSample(ctx, p.Engine); err != nil {
			var re *rules.Error
			if errors.As(err, &re) {
				return c.say(ctx, c.refusal(err))
			}
			return err
		}
	}
	if summary == "" {
		summary = p.Summary()
	} else {
		summary += ": " + p.Summary()
	}
	var b strings.Builder
	b.WriteString(c.t("admin_preview_title", "Version", base))
	b.WriteString(c.t("admin_validation_ok_every_example_passes"))
	list := func(label string, ids []string) {
		if len(ids) > 0 {
			fmt.Fprintf(&b, "%s: <code>%s</code>\n", label, esc(strings.Join(ids, ", ")))
		}
	}
	list(c.t("admin_rules_added"), p.Added)
	list(c.t("admin_rules_removed"), p.Removed)
	list(c.t("admin_rules_changed"), p.Changed)
	if p.OldThresholds != p.NewThresholds {
		b.WriteString(c.t("admin_preview_thresholds", "OldMedium", p.OldThresholds.Medium, "NewMedium", p.NewThresholds.Medium,
			"OldHigh", p.OldThresholds.High, "NewHigh", p.NewThresholds.High))
	}
	list(c.t("admin_other_sections_changed"), p.Other)

	c.writeExamples(&b, p.Figures)
	c.writeRecent(&b, c.t("admin_recent_title"), p.Recent)
	return c.offer(ctx, b.String(), &pending{base: base, data: data, summary: summary})
}

// writeExamples says how the labelled examples change level.
func (c *call) writeExamples(b *strings.Builder, fg ruleset.Figures) {
	b.WriteString(c.t("admin_preview_examples", "Changed", len(fg.ExampleChanges), "Total", fg.Examples, "Up", fg.Up, "Down", fg.Down))
	for _, ex := range fg.ExampleChanges[:min(3, len(fg.ExampleChanges))] {
		t := ex.Text
		if r := []rune(t); len(r) > 80 {
			t = string(r[:80]) + "…"
		}
		fmt.Fprintf(b, "• <code>%s</code>: %s → %s\n  <i>%s</i>\n", esc(ex.Rule), c.level(ex.From), c.level(ex.To), esc(t))
	}
}

// writeRecent says how many recent screenings change level.
func (c *call) writeRecent(b *strings.Builder, title string, r ruleset.RecentImpact) {
	b.WriteString(c.t("admin_preview_recent", "Title", title, "Changed", r.Up+r.Dn, "Total", r.Total, "Up", r.Up, "Down", r.Dn))
	for _, s := range r.Samples {
		fmt.Fprintf(b, "• #%d %s: %s (%d) → %s (%d) <code>%s</code>\n", s.ID, s.Time.UTC().Format("01-02 15:04"),
			c.level(s.FromLevel), s.FromScore, c.level(s.ToLevel), s.ToScore, esc(strings.Join(s.RuleIDs, ", ")))
	}
}

// offer sends a preview with Apply / Cancel buttons that only the admin
// who asked can press, and keeps p for them.
func (c *call) offer(ctx context.Context, text string, p *pending) error {
	text = clipN(text, maxText-300) // room for the outcome note
	p.user, p.text, p.lang, p.created = c.m.From.ID, text, c.lang, time.Now()
	id := c.a.addPending(p)
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData(c.t("admin_apply"), "adm:apply:"+id),
		tgbotapi.NewInlineKeyboardButtonData(c.t("admin_cancel"), "adm:cancel:"+id),
	))
	_, err := c.a.send.Send(ctx, c.m.Chat.ID, htmlMsg(c.m.Chat.ID, text, &kb))
	return err
}

// HandleCallback handles the admin buttons (callback data "adm:…") and
// reports whether q was one of them.
func (a *Admin) HandleCallback(ctx context.Context, q *tgbotapi.CallbackQuery) (bool, error) {
	if !strings.HasPrefix(q.Data, "adm:") {
		return false, nil
	}
	return true, a.button(ctx, q)
}

// button handles a press on an admin button: review and /forget and
// /memory_import decisions, and the Apply and Cancel buttons of a preview.
func (a *Admin) button(ctx context.Context, q *tgbotapi.CallbackQuery) error {
	b := a.send
	lang := reply.Lang(q.From.LanguageCode)
	switch {
	case strings.HasPrefix(q.Data, "adm:rv:"):
		return a.reviewButton(ctx, q, lang)
	case strings.HasPrefix(q.Data, "adm:fg:"):
		return a.forgetButton(ctx, q, lang)
	case strings.HasPrefix(q.Data, "adm:mi:"):
		return a.importButton(ctx, q, lang)
	}
	parts := strings.Split(q.Data, ":")
	if len(parts) != 3 || parts[1] != "apply" && parts[1] != "cancel" {
		return b.AnswerCallback(ctx, q, "", false)
	}
	if !a.isAdmin(q.From.ID) {
		a.log.Warn("admin: refused button from a non-admin", "user", q.From.ID, "action", parts[1])
		_ = a.st.LogAdminAction(ctx, q.From.ID, "adm:"+parts[1], false)
		return b.AnswerCallback(ctx, q, i18n.T(lang, "admin_only_for_the_bot_s"), true)
	}
	p, refusal := takePreview(a, a.pending, parts[2], q.From.ID, lang)
	if refusal != "" {
		return b.AnswerCallback(ctx, q, refusal, true)
	}
	_ = a.st.LogAdminAction(ctx, q.From.ID, "adm:"+parts[1], true)
	if parts[1] == "cancel" {
		note := i18n.T(lang, "admin_cancelled_nothing_changed")
		a.editPreview(ctx, b, q, p, note)
		return b.AnswerCallback(ctx, q, note, false)
	}
	// Applying a big file takes a while: it runs off the update path,
	// and the preview says so until it is done.
	a.editPreview(ctx, b, q, p, i18n.T(lang, "admin_applying"))
	if err := b.AnswerCallback(ctx, q, i18n.T(lang, "admin_applying_2"), false); err != nil {
		a.log.Warn("admin: answer apply", "error", err)
	}
	bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), backgroundTimeout)
	a.noteApplying(bg, q, p, lang)
	go func() {
		defer cancel()
		a.editPreview(bg, b, q, p, a.apply(bg, p, q.From.ID, lang))
		if err := a.st.DeleteNote(bg, applyingNote); err != nil {
			a.log.Warn("admin: clear the apply note", "error", err)
		}
	}()
	return nil
}

// backgroundTimeout bounds admin work done off the update path.
const backgroundTimeout = 5 * time.Minute

// apply makes a previewed change of the rules or of the model active and
// says what happened.
func (a *Admin) apply(ctx context.Context, p *pending, user int64, lang string) string {
	author := strconv.FormatInt(user, 10)
	var (
		v, cur   int
		err      error
		conflict = ruleset.ErrConflict
		// the messages: changed meanwhile, stays active, applied
		msg = [3]string{"admin_changed_meanwhile", "admin_version_stays_active", "admin_applied"}
	)
	if p.model {
		var mv store.Version
		mv, err = a.m.ApplyModel(ctx, p.base, p.data, author, p.summary)
		v, conflict = mv.Version, ruleset.ErrModelConflict
		msg = [3]string{"admin_model_changed_meanwhile", "admin_model_version_stays_active", "admin_model_applied"}
		_, cur = a.m.CurrentModel()
	} else {
		var rv store.Version
		rv, err = a.m.Apply(ctx, p.base, p.data, author, p.summary)
		v = rv.Version
		_, cur = a.m.Current()
	}
	switch {
	case errors.Is(err, conflict):
		return i18n.T(lang, msg[0])
	case err != nil:
		a.log.Error("admin: apply", "model", p.model, "error", err)
		return i18n.T(lang, "admin_could_not_apply") + esc(err.Error()) +
			i18n.T(lang, msg[1], "Version", cur)
	}
	return i18n.T(lang, msg[2], "Version", v)
}

// editPreview adds a note under the preview the button belongs to.
func (a *Admin) editPreview(ctx context.Context, b Sender, q *tgbotapi.CallbackQuery, p *pending, note string) {
	if q.Message == nil || q.Message.Chat == nil {
		return
	}
	e := tgbotapi.NewEditMessageText(q.Message.Chat.ID, q.Message.MessageID, clip(p.text+"\n\n<b>"+note+"</b>"))
	e.ParseMode = tgbotapi.ModeHTML
	e.DisableWebPagePreview = true
	if _, err := b.Request(ctx, e); err != nil {
		a.log.Warn("admin: edit preview", "error", err)
	}
}
