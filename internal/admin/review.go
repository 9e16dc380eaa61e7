package admin

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/i18n"
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
		return c.say(ctx, c.t("admin_the_report_queue_is_empty")+"\n\n"+fb)
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
	feedback := i18n.T(lang, "admin_latest_wrong_feedback_review_feedback")
	if !ok {
		return i18n.T(lang, "admin_the_report_queue_is_empty") + feedback, nil, nil
	}
	var s strings.Builder
	fmt.Fprintf(&s, "<b>%s #%d</b> (%d %s)\n", i18n.T(lang, "admin_report"), it.ID, pending, i18n.T(lang, "admin_in_the_queue"))
	fmt.Fprintf(&s, "%s: <b>%s</b> (%s %d)\n", i18n.T(lang, "admin_bot_s_verdict"), esc(reply.Headline(it.Level, lang)), i18n.T(lang, "admin_score"), it.Score)
	if len(it.RuleIDs) > 0 {
		fmt.Fprintf(&s, "%s: <code>%s</code>\n", i18n.T(lang, "admin_rules"), esc(strings.Join(it.RuleIDs, ", ")))
	}
	if len(it.Contacts) > 0 {
		var cs []string
		for _, ct := range it.Contacts {
			cs = append(cs, esc(ct.Kind+" "+ct.Value))
		}
		fmt.Fprintf(&s, "%s: %s\n", i18n.T(lang, "admin_contacts_2"), strings.Join(cs, ", "))
	} else {
		s.WriteString(i18n.T(lang, "admin_contacts_none"))
	}
	where := strings.Join(it.Groups, ", ")
	if it.Private > 0 {
		if where != "" {
			where += "; "
		}
		where += i18n.T(lang, "admin_review_private", "N", it.Private)
	}
	fmt.Fprintf(&s, "%s: %d (%s)\n%s %s, %s %s\n", i18n.T(lang, "admin_reported_by"), it.Reporters, esc(where),
		i18n.T(lang, "admin_first"), when(it.Created), i18n.T(lang, "admin_last"), when(it.LastReport))
	if snap := a.memorySnap(); snap != nil && it.Signature != nil {
		if e, sim, ok := snap.Near(it.Signature); ok {
			s.WriteString(i18n.T(lang, "admin_review_like_entry", "Entry", e.ID, "Pct", int(sim*100+0.5), "Source", esc(e.Source)))
		}
	}
	if it.Text != "" {
		fmt.Fprintf(&s, "\n<i>%s</i>\n", esc(clipN(it.Text, 1500)))
	} else {
		s.WriteString(i18n.T(lang, "admin_the_text_was_not_stored"))
	}
	s.WriteString(feedback)
	id := strconv.FormatInt(it.ID, 10)
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData(i18n.T(lang, "admin_confirm_scam"), "adm:rv:"+store.DecisionScam+":"+id),
		tgbotapi.NewInlineKeyboardButtonData(i18n.T(lang, "admin_not_a_scam"), "adm:rv:"+store.DecisionNotScam+":"+id),
		tgbotapi.NewInlineKeyboardButtonData(i18n.T(lang, "admin_skip"), "adm:rv:"+store.DecisionSkip+":"+id),
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
		return b.AnswerCallback(ctx, q, i18n.T(lang, "admin_only_for_the_bot_s"), true)
	}
	_ = a.st.LogAdminAction(ctx, q.From.ID, fmt.Sprintf("review:%s #%d", decision, item), true)
	entry, err := a.st.DecideReport(ctx, item, q.From.ID, decision)
	var note string
	switch {
	case errors.Is(err, store.ErrDecided), errors.Is(err, store.ErrNotFound):
		note = i18n.T(lang, "admin_this_report_was_decided_already")
	case err != nil:
		return err
	case decision == store.DecisionScam:
		if err := a.reloadMemory(ctx); err != nil {
			a.log.Error("admin: memory reload", "error", err)
		}
		note = i18n.T(lang, "admin_review_confirmed", "Entry", entry)
	case decision == store.DecisionNotScam:
		note = i18n.T(lang, "admin_marked_as_not_a_scam")
	default:
		note = i18n.T(lang, "admin_skipped")
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
