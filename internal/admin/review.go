package admin

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/reply"
	"github.com/cekloker/cekloker/internal/store"
)

// reviewQueue shows the next pending report with Confirm scam / Not a
// scam / Skip buttons; "/review feedback" shows the "wrong" feedback.
func (c *call) reviewQueue(ctx context.Context) error {
	if len(c.args) > 0 && (c.args[0] == "feedback" || c.args[0] == "masukan") {
		return c.review(ctx)
	}
	text, kb, err := c.a.queueView(ctx, c.lang)
	if err != nil {
		return err
	}
	if kb == nil { // nothing to review: show the "wrong" feedback instead
		fb, err := c.feedbackText(ctx)
		if err != nil {
			return err
		}
		return c.say(ctx, c.t("<b>Antrean laporan kosong.</b>", "<b>The report queue is empty.</b>")+"\n\n"+fb)
	}
	_, err = c.a.send.Send(ctx, c.m.Chat.ID, htmlMsg(c.m.Chat.ID, text, kb))
	return err
}

// queueView renders the next pending report, or says the queue is empty.
func (a *Admin) queueView(ctx context.Context, lang string) (string, *tgbotapi.InlineKeyboardMarkup, error) {
	it, pending, ok, err := a.st.ReportQueue(ctx)
	if err != nil {
		return "", nil, err
	}
	feedback := tr(lang, "\n\nMasukan \"salah\" terbaru: /review feedback", "\n\nLatest \"wrong\" feedback: /review feedback")
	if !ok {
		return tr(lang, "<b>Antrean laporan kosong.</b>", "<b>The report queue is empty.</b>") + feedback, nil, nil
	}
	var s strings.Builder
	fmt.Fprintf(&s, "<b>%s #%d</b> (%d %s)\n", tr(lang, "Laporan", "Report"), it.ID, pending, tr(lang, "dalam antrean", "in the queue"))
	fmt.Fprintf(&s, "%s: <b>%s</b> (%s %d)\n", tr(lang, "Penilaian bot", "Bot's verdict"), esc(reply.Headline(it.Level, lang)), tr(lang, "skor", "score"), it.Score)
	if len(it.RuleIDs) > 0 {
		fmt.Fprintf(&s, "%s: <code>%s</code>\n", tr(lang, "Aturan", "Rules"), esc(strings.Join(it.RuleIDs, ", ")))
	}
	if len(it.Contacts) > 0 {
		var cs []string
		for _, ct := range it.Contacts {
			cs = append(cs, esc(ct.Kind+" "+ct.Value))
		}
		fmt.Fprintf(&s, "%s: %s\n", tr(lang, "Kontak", "Contacts"), strings.Join(cs, ", "))
	} else {
		s.WriteString(tr(lang, "Kontak: tidak ada\n", "Contacts: none\n"))
	}
	where := strings.Join(it.Groups, ", ")
	if it.Private > 0 {
		if where != "" {
			where += "; "
		}
		where += fmt.Sprintf(tr(lang, "%d lewat chat pribadi", "%d in private chats"), it.Private)
	}
	fmt.Fprintf(&s, "%s: %d (%s)\n%s %s, %s %s\n", tr(lang, "Dilaporkan oleh", "Reported by"), it.Reporters, esc(where),
		tr(lang, "Pertama", "First"), when(it.Created), tr(lang, "terakhir", "last"), when(it.LastReport))
	if snap := a.memorySnap(); snap != nil && it.Signature != nil {
		if e, sim, ok := snap.Near(it.Signature); ok {
			fmt.Fprintf(&s, tr(lang, "Mirip entri ingatan #%d (%d%%, %s)\n", "Like memory entry #%d (%d%%, %s)\n"), e.ID, int(sim*100+0.5), esc(e.Source))
		}
	}
	if it.Text != "" {
		fmt.Fprintf(&s, "\n<i>%s</i>\n", esc(clipN(it.Text, 1500)))
	} else {
		s.WriteString(tr(lang, "\n(Teksnya tidak disimpan: BOT_STORE_TEXT=0.)\n", "\n(The text was not stored: BOT_STORE_TEXT=0.)\n"))
	}
	s.WriteString(feedback)
	id := strconv.FormatInt(it.ID, 10)
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData(tr(lang, "✅ Penipuan", "✅ Confirm scam"), "adm:rv:"+store.DecisionScam+":"+id),
		tgbotapi.NewInlineKeyboardButtonData(tr(lang, "❌ Bukan penipuan", "❌ Not a scam"), "adm:rv:"+store.DecisionNotScam+":"+id),
		tgbotapi.NewInlineKeyboardButtonData(tr(lang, "⏭ Lewati", "⏭ Skip"), "adm:rv:"+store.DecisionSkip+":"+id),
	))
	return s.String(), &kb, nil
}

// reviewButton records a decision (audited), updates memory and shows
// the next report in the same message.
func (a *Admin) reviewButton(ctx context.Context, q *tgbotapi.CallbackQuery, lang string) error {
	b := a.send
	parts := strings.Split(q.Data, ":")
	if len(parts) != 4 {
		return b.AnswerCallback(ctx, q, "", false)
	}
	decision := parts[2]
	item, err := strconv.ParseInt(parts[3], 10, 64)
	if err != nil || q.Message == nil || q.Message.Chat == nil {
		return b.AnswerCallback(ctx, q, "", false)
	}
	if !a.isAdmin(q.From.ID) {
		a.log.Warn("admin: refused review from a non-admin", "user", q.From.ID)
		_ = a.st.LogAdminAction(ctx, q.From.ID, "review:"+decision, false)
		return b.AnswerCallback(ctx, q, tr(lang, "Hanya untuk pengelola bot.", "Only for the bot's operators."), true)
	}
	_ = a.st.LogAdminAction(ctx, q.From.ID, fmt.Sprintf("review:%s #%d", decision, item), true)
	entry, err := a.st.DecideReport(ctx, item, q.From.ID, decision)
	var note string
	switch {
	case errors.Is(err, store.ErrDecided), errors.Is(err, store.ErrNotFound):
		note = tr(lang, "Laporan ini sudah diputuskan.", "This report was decided already.")
	case err != nil:
		return err
	case decision == store.DecisionScam:
		if h := a.mem; h != nil {
			if err := h.Reload(ctx); err != nil {
				a.log.Error("admin: memory reload", "error", err)
			}
		}
		note = fmt.Sprintf(tr(lang, "Dikonfirmasi penipuan; diingat sebagai entri #%d.", "Confirmed as a scam; remembered as entry #%d."), entry)
	case decision == store.DecisionNotScam:
		note = tr(lang, "Ditandai bukan penipuan.", "Marked as not a scam.")
	default:
		note = tr(lang, "Dilewati.", "Skipped.")
	}
	a.log.Info("admin: review decision", "admin", q.From.ID, "item", item, "decision", decision)
	text, kb, err := a.queueView(ctx, lang)
	if err != nil {
		return err
	}
	e := tgbotapi.NewEditMessageText(q.Message.Chat.ID, q.Message.MessageID, clip("<b>"+esc(note)+"</b>\n\n"+text))
	e.ParseMode = tgbotapi.ModeHTML
	e.DisableWebPagePreview = true
	e.ReplyMarkup = kb
	if _, err := b.Request(ctx, e); err != nil {
		return err
	}
	return b.AnswerCallback(ctx, q, note, false)
}
