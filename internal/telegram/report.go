package telegram

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/memory"
	"github.com/cekloker/cekloker/internal/screen"
	"github.com/cekloker/cekloker/internal/store"
)

// memorySnapshot is the memory to screen with (nil when the bot has none).
func (b *Bot) memorySnapshot() screen.Memory {
	if b.cfg.Memory == nil {
		return nil
	}
	return b.cfg.Memory.Current()
}

// recordMemoryHits notes which remembered scams raised a screening.
func (b *Bot) recordMemoryHits(ctx context.Context, sid int64, v screen.Verdict) {
	if len(v.Memory) == 0 {
		return
	}
	w := map[int64]int{}
	i := 0
	for _, h := range v.Hits {
		if h.Category == screen.CategoryMemory && i < len(v.Memory) {
			w[v.Memory[i].Entry] += h.Weight
			i++
		}
	}
	if err := b.store.RecordMemoryHits(ctx, sid, w); err != nil {
		b.log.Warn("telegram: record memory hits", "error", err)
	}
}

// adCache keeps, in RAM only and for a day, the text behind each recent
// verdict (by screening id), so that /lapor on a verdict and the
// "Laporkan" button can report the ad without the text being stored.
type adCache struct {
	mu sync.Mutex
	m  map[int64]cachedAd
}

type cachedAd struct {
	text string
	at   time.Time
}

const (
	adCacheTTL = 24 * time.Hour
	adCacheMax = 5000
)

func (c *adCache) put(sid int64, text string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[int64]cachedAd{}
	}
	if len(c.m) >= adCacheMax {
		// Drop what expired; if that is not enough, make room for a
		// quarter more (map order: arbitrary entries) so this is rare.
		for k, v := range c.m {
			if time.Since(v.at) > adCacheTTL {
				delete(c.m, k)
			}
		}
		for k := range c.m {
			if len(c.m) <= adCacheMax*3/4 {
				break
			}
			delete(c.m, k)
		}
	}
	c.m[sid] = cachedAd{text, time.Now()}
}

func (c *adCache) get(sid int64) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.m[sid]
	if !ok || time.Since(a.at) > adCacheTTL {
		return "", false
	}
	return a.text, true
}

// verdictScreening finds the screening id behind a verdict the bot sent,
// from its feedback buttons.
func verdictScreening(m *tgbotapi.Message) (int64, bool) {
	if m == nil || m.ReplyMarkup == nil {
		return 0, false
	}
	for _, row := range m.ReplyMarkup.InlineKeyboard {
		for _, btn := range row {
			if btn.CallbackData == nil {
				continue
			}
			if sid, _, ok := parseFeedback(*btn.CallbackData); ok {
				return sid, true
			}
			if sid, ok := parseReportData(*btn.CallbackData); ok {
				return sid, true
			}
		}
	}
	return 0, false
}

// reportedText is the ad a /lapor command points at: the text after the
// command, the message it replies to, or the ad behind a verdict it
// replies to.
func (b *Bot) reportedText(m *tgbotapi.Message) string {
	if t := strings.TrimSpace(m.CommandArguments()); t != "" {
		return t
	}
	r := m.ReplyToMessage
	if r == nil {
		return ""
	}
	if r.From != nil && r.From.ID == b.me.ID {
		if sid, ok := verdictScreening(r); ok {
			t, _ := b.ads.get(sid)
			return t
		}
		return ""
	}
	return messageText(r)
}

// onReport handles /lapor and /report, in a group or a private chat.
func (b *Bot) onReport(ctx context.Context, m *tgbotapi.Message, lang string) error {
	text := b.reportedText(m)
	if strings.TrimSpace(text) == "" {
		return b.say(ctx, m.Chat.ID, m.MessageID, reportUsage(lang, m.Chat.IsPrivate()))
	}
	msg, err := b.fileReport(ctx, m.From, m.Chat, text, lang)
	if err != nil {
		return err
	}
	return b.say(ctx, m.Chat.ID, m.MessageID, msg)
}

// fileReport records from's report of text seen in chat and returns the
// answer to show.
func (b *Bot) fileReport(ctx context.Context, from *tgbotapi.User, chat *tgbotapi.Chat, text, lang string) (string, error) {
	if from == nil {
		return reportUsage(lang, chat.IsPrivate()), nil
	}
	eng, _ := b.rules.Current()
	v := eng.ScreenWith(text, b.memorySnapshot())
	r := store.NewReport{AdKey: textHash(text), Level: v.Level, Score: v.Score, RuleIDs: v.HitRules(),
		Contacts: memory.Contacts(v.Entities), Text: text, ReporterID: from.ID}
	if sig, ok := memory.Sign(text); ok {
		r.Signature = &sig
	}
	if !chat.IsPrivate() {
		r.ChatID, r.ChatTitle = chat.ID, chat.Title
	}
	res, err := b.store.AddReport(ctx, r)
	if errors.Is(err, store.ErrRateLimited) {
		return reportLimited(lang), nil
	}
	if err != nil {
		return "", err
	}
	return reportThanks(res, lang), nil
}

func reportData(sid int64) string { return "rp:" + strconv.FormatInt(sid, 10) }

func parseReportData(data string) (int64, bool) {
	rest, ok := strings.CutPrefix(data, "rp:")
	if !ok {
		return 0, false
	}
	sid, err := strconv.ParseInt(rest, 10, 64)
	return sid, err == nil
}

// withReportButton adds a "Laporkan" row to a verdict's buttons, once.
func withReportButton(kb tgbotapi.InlineKeyboardMarkup, sid int64, lang string) tgbotapi.InlineKeyboardMarkup {
	for _, row := range kb.InlineKeyboard {
		for _, btn := range row {
			if btn.CallbackData != nil && strings.HasPrefix(*btn.CallbackData, "rp:") {
				return kb
			}
		}
	}
	kb.InlineKeyboard = append(kb.InlineKeyboard, tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData(reportButton(lang), reportData(sid))))
	return kb
}

// onReportButton handles a press on "Laporkan".
func (b *Bot) onReportButton(ctx context.Context, q *tgbotapi.CallbackQuery, lang string) error {
	sid, ok := parseReportData(q.Data)
	if !ok || q.Message == nil || q.Message.Chat == nil {
		return b.answerCallback(ctx, q, "", false)
	}
	text, ok := b.ads.get(sid)
	if !ok {
		text = messageText(q.Message.ReplyToMessage)
	}
	if strings.TrimSpace(text) == "" {
		return b.answerCallback(ctx, q, reportGone(lang), true)
	}
	msg, err := b.fileReport(ctx, q.From, q.Message.Chat, text, lang)
	if err != nil {
		return err
	}
	return b.answerCallback(ctx, q, stripHTML(msg), true)
}

// stripHTML drops the tags of a short HTML answer (callback answers are
// plain text).
func stripHTML(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&#34;", `"`, "&#39;", "'").Replace(b.String())
}
