package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/reply"
	"github.com/cekloker/cekloker/internal/screen"
)

// previous is what was answered to a message before.
type previous struct {
	reply int
	hash  string
	ok    bool
}

// answerFirst does what comes before screening text for m: a text
// answered before is answered as then (sameAnswer), and a cry for help
// gets help instead of a verdict. done reports that m is answered; hash is
// the text's hash, prev the earlier answer to m, if any.
func (b *Bot) answerFirst(ctx context.Context, m *tgbotapi.Message, source, text, lang string, edited bool) (prev previous, hash string, done bool, err error) {
	hash = textHash(text)
	if prev, err = b.answeredBefore(ctx, m); err != nil {
		return prev, hash, true, err
	}
	if prev.ok && prev.hash == hash {
		return prev, hash, true, b.sameAnswer(ctx, m, prev, source, lang)
	}
	if eng, _ := b.rules.Current(); eng != nil {
		if tr := eng.Distress(text); tr.Help {
			return prev, hash, true, b.answerTrouble(ctx, m, hash, tr, eng, lang, edited)
		}
	}
	return prev, hash, false, nil
}

// answeredBefore returns the latest answer to m. The caller screens the
// text afresh unless prev.hash is the hash of the current text: an edited
// post is judged on its current text every time, even when that text was
// answered before (A → B → A).
func (b *Bot) answeredBefore(ctx context.Context, m *tgbotapi.Message) (previous, error) {
	r, h, ok, err := b.store.LatestAnswer(ctx, m.Chat.ID, m.MessageID)
	return previous{reply: r, hash: h, ok: ok}, err
}

// sameAnswer handles a message whose current text was the last one
// answered: /cek points to the earlier answer, anything else stays quiet
// (a repeated update must not be answered twice).
func (b *Bot) sameAnswer(ctx context.Context, m *tgbotapi.Message, prev previous, source, lang string) error {
	if source != "cek" || prev.reply == 0 {
		return nil // a repeat, or the answer still waits in the outbox
	}
	text := reply.AlreadyAnswered(lang)
	if link := messageLink(m.Chat, prev.reply); link != "" {
		text += "\n" + link
	}
	return b.say(ctx, m.Chat.ID, prev.reply, text)
}

// messageLink is a t.me link to a message of a supergroup or a public
// chat, or "" when Telegram has no link for it (private chats, basic
// groups): the answer then replies to the earlier message instead.
func messageLink(c *tgbotapi.Chat, messageID int) string {
	if c.UserName != "" {
		return fmt.Sprintf("https://t.me/%s/%d", c.UserName, messageID)
	}
	// A supergroup's id is -100 followed by its internal id.
	if id := strconv.FormatInt(c.ID, 10); c.IsSuperGroup() && strings.HasPrefix(id, "-100") && len(id) > 4 {
		return fmt.Sprintf("https://t.me/c/%s/%d", id[4:], messageID)
	}
	return ""
}

// answerTrouble answers a cry for help with what to do now: never a risk
// verdict. An edited cry for help updates the earlier answer.
func (b *Bot) answerTrouble(ctx context.Context, m *tgbotapi.Message, hash string, tr screen.Trouble, eng *screen.Engine, lang string, edited bool) error {
	kinds := reply.TroubleKinds(tr)
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, l := range eng.Rules().Distress.Links {
		if l.ShowsFor(kinds) {
			rows = append(rows, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonURL(eng.Rules().Text(l.Label, lang), l.URL)))
		}
	}
	var kb *tgbotapi.InlineKeyboardMarkup
	if len(rows) > 0 {
		k := tgbotapi.NewInlineKeyboardMarkup(rows...)
		kb = &k
	}
	return b.deliver(ctx, m, hash, reply.Trouble(tr, eng.Rules(), lang), kb, edited)
}

// keepVerdict stores the verdict (without the extracted phones, links and
// amounts) for the "details" button and the deep link, and returns its
// token, or "" when it could not be stored.
func (b *Bot) keepVerdict(ctx context.Context, s screened) string {
	data, err := json.Marshal(storableVerdict(s.v))
	if err != nil {
		return ""
	}
	token, err := b.store.SaveVerdict(ctx, s.sid, data, b.cfg.VerdictTTL)
	if err != nil {
		b.log.Warn("telegram: keep verdict", "error", err)
		return ""
	}
	return token
}

// detailsData is the callback data of the details toggle: show the whole
// list (d) or the one-screen summary (s).
func detailsData(token string, details bool) string {
	if details {
		return "dt:" + token + ":d"
	}
	return "dt:" + token + ":s"
}

func parseDetails(data string) (token string, details, ok bool) {
	parts := strings.Split(data, ":")
	if len(parts) != 3 || parts[0] != "dt" || parts[1] == "" {
		return "", false, false
	}
	return parts[1], parts[2] == "d", parts[2] == "d" || parts[2] == "s"
}

// privateKeyboard is the keyboard of a private verdict: the details
// toggle, the official links and the feedback buttons.
func privateKeyboard(s screened, token, lang string, details bool) *tgbotapi.InlineKeyboardMarkup {
	kb := verdictKeyboard(s, lang, true, "")
	if token == "" {
		return kb
	}
	row := tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(reply.DetailsButton(lang, details), detailsData(token, !details)))
	kb.InlineKeyboard = append([][]tgbotapi.InlineKeyboardButton{row}, kb.InlineKeyboard...)
	return kb
}

// onDetails switches a private verdict between its summary and its whole
// list by editing the message.
func (b *Bot) onDetails(ctx context.Context, q *tgbotapi.CallbackQuery, lang string) error {
	token, details, ok := parseDetails(q.Data)
	if !ok || q.Message == nil {
		return b.answerCallback(ctx, q, "", false)
	}
	sid, data, found, err := b.store.Verdict(ctx, token)
	if err != nil {
		return err
	}
	var v screen.Verdict
	if !found || json.Unmarshal(data, &v) != nil {
		return b.answerCallback(ctx, q, reply.ExpiredLink(lang), true)
	}
	eng, _ := b.rules.Current()
	s := screened{v: v, eng: eng, sid: sid}
	body := withMemory(reply.Full(v, eng.Rules(), lang), v, eng.Rules(), lang)
	if details {
		body = reply.Details(v, eng.Rules(), lang)
	}
	kb := privateKeyboard(s, token, lang, details)
	if q.Message.ReplyMarkup != nil {
		kb = keepChoice(kb, q.Message.ReplyMarkup)
	}
	e := tgbotapi.NewEditMessageText(q.Message.Chat.ID, q.Message.MessageID, body)
	e.ParseMode = tgbotapi.ModeHTML
	e.DisableWebPagePreview = true
	e.ReplyMarkup = kb
	if _, err := b.send.Request(ctx, e); err != nil && !notModified(err) {
		return err
	}
	return b.answerCallback(ctx, q, "", false)
}

// notModified reports Telegram's refusal to edit a message into what it
// already shows (an edited post whose verdict did not change): the answer
// is right as it is.
func notModified(err error) bool {
	return errors.Is(err, ErrGaveUp) && strings.Contains(err.Error(), "message is not modified")
}

// chosen marks the feedback button that was pressed.
const chosen = "✅ "

// markChoice returns the keyboard with the pressed feedback button marked
// and the other one unmarked.
func markChoice(kb tgbotapi.InlineKeyboardMarkup, data string) tgbotapi.InlineKeyboardMarkup {
	out := tgbotapi.InlineKeyboardMarkup{InlineKeyboard: make([][]tgbotapi.InlineKeyboardButton, len(kb.InlineKeyboard))}
	for i, row := range kb.InlineKeyboard {
		out.InlineKeyboard[i] = make([]tgbotapi.InlineKeyboardButton, len(row))
		for j, btn := range row {
			if btn.CallbackData != nil && strings.HasPrefix(*btn.CallbackData, "fb:") {
				btn.Text = strings.TrimPrefix(btn.Text, chosen)
				if *btn.CallbackData == data {
					btn.Text = chosen + btn.Text
				}
			}
			out.InlineKeyboard[i][j] = btn
		}
	}
	return out
}

// keepChoice carries a feedback choice shown on the old keyboard over to a
// new one.
func keepChoice(kb *tgbotapi.InlineKeyboardMarkup, old *tgbotapi.InlineKeyboardMarkup) *tgbotapi.InlineKeyboardMarkup {
	for _, row := range old.InlineKeyboard {
		for _, btn := range row {
			if btn.CallbackData != nil && strings.HasPrefix(btn.Text, chosen) {
				k := markChoice(*kb, *btn.CallbackData)
				return &k
			}
		}
	}
	return kb
}
