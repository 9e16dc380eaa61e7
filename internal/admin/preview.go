package admin

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

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
	b.WriteString(c.t("<b>Ditolak</b>, tidak ada yang berubah:\n", "<b>Refused</b>, nothing changed:\n"))
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
			fmt.Fprintf(&b, c.t("… dan %d lagi\n", "… and %d more\n"), len(es)-maxErrors)
			break
		}
		b.WriteString("• ")
		if e.Line > 0 {
			fmt.Fprintf(&b, c.t("baris %d", "line %d"), e.Line)
		}
		if e.Rule != "" {
			fmt.Fprintf(&b, c.t(", aturan <code>%s</code>", ", rule <code>%s</code>"), esc(e.Rule))
		}
		fmt.Fprintf(&b, ": %s\n", esc(e.Msg))
	}
	return b.String()
}

func (c *call) level(l string) string {
	switch l {
	case rules.High:
		return c.t("tinggi", "high")
	case rules.Medium:
		return c.t("sedang", "medium")
	}
	return c.t("rendah", "low")
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
		return c.say(ctx, c.t("Tidak ada perubahan: sama dengan versi aktif.", "No change: this is the active version."))
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
	fmt.Fprintf(&b, c.t("<b>Pratinjau</b> (dari versi %d)\n", "<b>Preview</b> (on version %d)\n"), base)
	b.WriteString(c.t("Validasi: OK, semua contoh lolos.\n", "Validation: OK, every example passes.\n"))
	list := func(label string, ids []string) {
		if len(ids) > 0 {
			fmt.Fprintf(&b, "%s: <code>%s</code>\n", label, esc(strings.Join(ids, ", ")))
		}
	}
	list(c.t("Aturan baru", "Rules added"), p.Added)
	list(c.t("Aturan dihapus", "Rules removed"), p.Removed)
	list(c.t("Aturan diubah", "Rules changed"), p.Changed)
	if p.OldThresholds != p.NewThresholds {
		fmt.Fprintf(&b, c.t("Ambang: sedang %d → %d, tinggi %d → %d\n", "Thresholds: medium %d → %d, high %d → %d\n"),
			p.OldThresholds.Medium, p.NewThresholds.Medium, p.OldThresholds.High, p.NewThresholds.High)
	}
	list(c.t("Bagian lain diubah", "Other sections changed"), p.Other)

	c.writeExamples(&b, p.Figures)
	c.writeRecent(&b, c.t("Pemeriksaan 30 hari terakhir", "Screenings of the last 30 days"), p.Recent)
	return c.offer(ctx, b.String(), &pending{base: base, data: data, summary: summary})
}

// writeExamples says how the labelled examples change level.
func (c *call) writeExamples(b *strings.Builder, fg ruleset.Figures) {
	fmt.Fprintf(b, c.t("\n<b>Contoh berlabel</b>: %d dari %d berubah tingkat (%d naik, %d turun)\n",
		"\n<b>Labelled examples</b>: %d of %d change level (%d up, %d down)\n"), len(fg.ExampleChanges), fg.Examples, fg.Up, fg.Down)
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
	fmt.Fprintf(b, c.t("\n<b>%s</b>: %d dari %d berubah tingkat (%d naik, %d turun)\n",
		"\n<b>%s</b>: %d of %d change level (%d up, %d down)\n"), title, r.Up+r.Dn, r.Total, r.Up, r.Dn)
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
		tgbotapi.NewInlineKeyboardButtonData(c.t("Terapkan", "Apply"), "adm:apply:"+id),
		tgbotapi.NewInlineKeyboardButtonData(c.t("Batal", "Cancel"), "adm:cancel:"+id),
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
		return b.AnswerCallback(ctx, q, tr(lang, "Hanya untuk pengelola bot.", "Only for the bot's operators."), true)
	}
	p, refusal := takePreview(a, a.pending, parts[2], q.From.ID, lang)
	if refusal != "" {
		return b.AnswerCallback(ctx, q, refusal, true)
	}
	_ = a.st.LogAdminAction(ctx, q.From.ID, "adm:"+parts[1], true)
	if parts[1] == "cancel" {
		note := tr(lang, "Dibatalkan. Tidak ada yang berubah.", "Cancelled. Nothing changed.")
		a.editPreview(ctx, b, q, p, note)
		return b.AnswerCallback(ctx, q, note, false)
	}
	// Applying a big file takes a while: it runs off the update path,
	// and the preview says so until it is done.
	a.editPreview(ctx, b, q, p, tr(lang, "⏳ Sedang diterapkan…", "⏳ Applying…"))
	if err := b.AnswerCallback(ctx, q, tr(lang, "Sedang diterapkan…", "Applying…"), false); err != nil {
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
		// what changed, and what its versions are called
		what, version = tr(lang, "aturan", "the rules"), tr(lang, "versi", "version")
	)
	if p.model {
		var mv store.ModelVersion
		mv, err = a.m.ApplyModel(ctx, p.base, p.data, author, p.summary)
		v, conflict = mv.Version, ruleset.ErrModelConflict
		what, version = tr(lang, "model", "the model"), tr(lang, "versi model", "model version")
		_, cur = a.m.CurrentModel()
	} else {
		var rv store.RuleVersion
		rv, err = a.m.Apply(ctx, p.base, p.data, author, p.summary)
		v = rv.Version
		_, cur = a.m.Current()
	}
	switch {
	case errors.Is(err, conflict):
		return fmt.Sprintf(tr(lang, "Ditolak: %s sudah berubah sementara itu, buat pratinjau lagi.",
			"Refused: %s changed meanwhile, preview again."), what)
	case err != nil:
		a.log.Error("admin: apply", "model", p.model, "error", err)
		return tr(lang, "Gagal menerapkan: ", "Could not apply: ") + esc(err.Error()) +
			fmt.Sprintf(tr(lang, " %s aktif tetap %d.", " %s %d stays active."), upperFirst(version), cur)
	}
	return fmt.Sprintf(tr(lang, "Diterapkan sebagai %s %d.", "Applied as %s %d."), version, v)
}

func upperFirst(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

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
