package admin

import (
	"context"
	"errors"
	"fmt"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/reply"
	"github.com/cekloker/cekloker/internal/rules"
	"github.com/cekloker/cekloker/internal/screen"
	"github.com/cekloker/cekloker/internal/telegram"
)

// Caps on a rules file, so that every verdict it makes can be shown in
// Telegram (a message holds 4096 characters; a button label 64).
const (
	// MaxRules is the most rules a file may have.
	MaxRules = 5000
	// MaxLinks is the most URL buttons under a verdict.
	MaxLinks = 10
	// MaxLinkLabel is the longest button label, in characters.
	MaxLinkLabel = 64
	// MaxExplain is the longest explanation of a rule or combo, in
	// characters, per language.
	MaxExplain = 600
	// MaxGuidance is the longest the advice may be together, in
	// characters, per language (the rest of the message is the verdict).
	MaxGuidance = 2000
)

// checkCaps refuses a file that cannot render in Telegram.
func checkCaps(f *rules.File) error {
	var es rules.Errors
	add := func(rule, format string, args ...any) {
		es = append(es, &rules.Error{Rule: rule, Msg: fmt.Sprintf(format, args...)})
	}
	if n := len(f.Rules); n > MaxRules {
		add("", "%d rules, at most %d are allowed", n, MaxRules)
	}
	if n := len(f.Guidance.Links); n > MaxLinks {
		add("", "guidance.links: %d buttons, at most %d fit under a verdict", n, MaxLinks)
	}
	for i, l := range f.Guidance.Links {
		for _, t := range inEach(f, l.Label) {
			if n := utf8.RuneCountInString(t); n > MaxLinkLabel || n == 0 {
				add("", "guidance.links[%d]: label of %d characters, 1 to %d fit on a button", i, n, MaxLinkLabel)
			}
		}
	}
	for _, r := range f.Rules {
		for _, t := range inEach(f, r.Explain) {
			if n := utf8.RuneCountInString(t); n > MaxExplain {
				add(r.ID, "explanation of %d characters, at most %d", n, MaxExplain)
			}
		}
	}
	for _, c := range f.Combos {
		for _, t := range inEach(f, c.Explain) {
			if n := utf8.RuneCountInString(t); n > MaxExplain {
				add(c.ID, "combo explanation of %d characters, at most %d", n, MaxExplain)
			}
		}
	}
	for _, lang := range f.Languages {
		n := 0
		for _, a := range f.Guidance.Advice {
			n += utf8.RuneCountInString(a.Text.In(lang)) + 3
		}
		if n > MaxGuidance {
			add("", "guidance.advice (%s): %d characters together, at most %d", lang, n, MaxGuidance)
		}
	}
	if len(es) == 0 {
		return nil
	}
	return es
}

// sampleText is screened with a new file to render one verdict: the first
// example of the first rule, or a fixed text.
func sampleText(f *rules.File) string {
	for _, r := range f.Rules {
		if len(r.Examples.Match) > 0 {
			return r.Examples.Match[0]
		}
	}
	return "Lowongan admin ke luar negeri, gaji besar, berangkat cepat"
}

// sendSample sends one verdict of the new rules, with their buttons, as
// part of the preview. When Telegram refuses it, every reply would fail
// the same way: the error says so and the file is refused.
func (c *call) sendSample(ctx context.Context, eng *screen.Engine) error {
	f := eng.Rules()
	v := eng.Screen(sampleText(f))
	body := c.t("admin_a_sample_reply_with_the") + reply.Full(v, f, c.lang)
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, l := range f.Guidance.Links {
		rows = append(rows, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonURL(f.Text(l.Label, c.lang), l.URL)))
	}
	msg := tgbotapi.NewMessage(c.m.Chat.ID, body)
	msg.ParseMode = tgbotapi.ModeHTML
	msg.DisableWebPagePreview = true
	if len(rows) > 0 {
		msg.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(rows...)
	}
	_, err := c.a.send.Send(ctx, c.m.Chat.ID, msg)
	if errors.Is(err, telegram.ErrGaveUp) {
		return &rules.Error{Msg: "Telegram refused a sample verdict of these rules, so every reply would fail: " + err.Error()}
	}
	return err
}

// inEach returns t in each language of f, in the order of f.Languages.
func inEach(f *rules.File, t rules.Text) []string {
	out := make([]string, len(f.Languages))
	for i, l := range f.Languages {
		out[i] = t.In(l)
	}
	return out
}
