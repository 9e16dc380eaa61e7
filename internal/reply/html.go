package reply

import (
	"fmt"
	"html"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cekloker/cekloker/internal/rules"
	"github.com/cekloker/cekloker/internal/screen"
)

// MaxMessage is the number of characters a Telegram message may have; the
// renderers stay well below it (Telegram counts UTF-16 units).
const MaxMessage = 4096

// budget is what a rendered message aims at, leaving room for HTML tags
// and characters outside the Basic Multilingual Plane.
const budget = 3300

// maxFlags is how many red flags a full reply lists.
const maxFlags = 8

// Full renders a complete verdict for a private chat, in lang: headline,
// meaning, every red flag with its quoted phrase and why it matters, the
// signs of an official procedure, and the official guidance. Explanations
// come from f when it knows the rule (so a stored verdict can be shown in
// another language), otherwise from the verdict.
func Full(v screen.Verdict, f *rules.File, lang string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s <b>%s</b>\n%s\n", emoji(v.Level), Headline(v.Level, lang), esc(Meaning(v.Level, lang)))
	if d := v.Destination; d != nil && !d.Placement {
		fmt.Fprintf(&b, "\n🌏 %s: <b>%s</b> — %s.\n", label(lang, "Tujuan", "Destination"), esc(destName(f, d, lang)), placement(false, lang))
	}
	flags, good := split(v.Hits)
	// The strongest flags first: on a phone, people read the top.
	sort.SliceStable(flags, func(i, j int) bool { return flags[i].Weight > flags[j].Weight })
	if len(flags) > 0 {
		b.WriteString("\n<b>" + label(lang, "Tanda bahaya:", "Red flags:") + "</b>\n")
		for i, h := range flags {
			if i == maxFlags {
				fmt.Fprintf(&b, label(lang, "…dan %d tanda lain.\n", "…and %d more.\n"), len(flags)-maxFlags)
				break
			}
			fmt.Fprintf(&b, "%d. <b>%s</b> — «%s»\n%s\n", i+1, esc(categoryName(f, h.Category, lang)), esc(h.Match), esc(explain(f, h, lang)))
		}
	}
	if len(v.Combos) > 0 {
		c := v.Combos[0]
		for _, x := range v.Combos[1:] {
			if x.Weight > c.Weight {
				c = x
			}
		}
		fmt.Fprintf(&b, "\n⚠️ %s\n", esc(comboExplain(f, c, lang)))
	}
	if len(good) > 0 {
		b.WriteString("\n<b>" + label(lang, "Tanda baik (tetap cek):", "Good signs (still check):") + "</b>\n")
		for _, h := range good {
			fmt.Fprintf(&b, "• «%s» — %s\n", esc(h.Match), esc(explain(f, h, lang)))
		}
	}
	b.WriteString("\n<b>" + label(lang, "Yang sebaiknya dilakukan:", "What to do:") + "</b>\n")
	for _, a := range f.Guidance.Advice {
		if a.ShowsFor(v.Level, v.Flagged) {
			fmt.Fprintf(&b, "• %s\n", esc(a.Text.In(lang)))
		}
	}
	return fit(b.String())
}

// maxCompactFlags is how many red flags a compact group reply lists.
const maxCompactFlags = 3

// Compact renders a short verdict for a group: headline, the strongest red
// flags, and one line of guidance.
func Compact(v screen.Verdict, f *rules.File, lang string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s <b>%s</b> — %s\n", emoji(v.Level), Headline(v.Level, lang), esc(shortMeaning(v.Level, lang)))
	flags, _ := split(v.Hits)
	sort.SliceStable(flags, func(i, j int) bool { return flags[i].Weight > flags[j].Weight })
	for i, h := range flags {
		if i == maxCompactFlags {
			break
		}
		fmt.Fprintf(&b, "• %s: «%s»\n", esc(categoryName(f, h.Category, lang)), esc(clip(h.Match, 60)))
	}
	fmt.Fprintf(&b, "ℹ️ %s", esc(f.Guidance.Summary.In(lang)))
	return fit(b.String())
}

var shortMeanings = map[string]rules.Text{
	rules.High:   {ID: "jangan daftar atau kirim uang/dokumen.", EN: "do not apply or send money or documents."},
	rules.Medium: {ID: "ada tanda bahaya, cek dulu lewat jalur resmi.", EN: "warning signs: check through official channels first."},
	rules.Low:    {ID: "tidak ada tanda bahaya yang dikenal, tapi tetap cek.", EN: "no known warning sign, but still check."},
}

func shortMeaning(level, lang string) string { return shortMeanings[level].In(lang) }

func emoji(level string) string {
	switch level {
	case rules.High:
		return "🔴"
	case rules.Medium:
		return "🟠"
	}
	return "🟢"
}

// split separates red flags (positive weight) from signs of an official
// procedure (negative weight).
func split(hits []screen.Hit) (flags, good []screen.Hit) {
	for _, h := range hits {
		if h.Weight > 0 {
			flags = append(flags, h)
		} else {
			good = append(good, h)
		}
	}
	return flags, good
}

func categoryName(f *rules.File, id, lang string) string {
	if id == screen.ModelRule { // the text model's part of the verdict
		if lang == "en" {
			return "Text model"
		}
		return "Model teks"
	}
	for _, c := range f.Categories {
		if c.ID == id {
			return c.Name.In(lang)
		}
	}
	return id
}

func explain(f *rules.File, h screen.Hit, lang string) string {
	for _, r := range f.Rules {
		if r.ID == h.Rule {
			return r.Explain.In(lang)
		}
	}
	return h.Explain
}

func comboExplain(f *rules.File, c screen.ComboHit, lang string) string {
	for _, x := range f.Combos {
		if x.ID == c.ID {
			return x.Explain.In(lang)
		}
	}
	return c.Explain
}

func destName(f *rules.File, d *screen.Destination, lang string) string {
	for _, x := range f.Destinations {
		if x.ID == d.ID {
			return x.Name.In(lang)
		}
	}
	return d.Name
}

func esc(s string) string { return html.EscapeString(s) }

// clip shortens s to at most n characters.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// fit cuts a rendered message at a line boundary so that it stays within
// the budget.
func fit(s string) string {
	if utf8.RuneCountInString(s) <= budget {
		return strings.TrimRight(s, "\n")
	}
	lines := strings.Split(s, "\n")
	var b strings.Builder
	n := 0
	for _, l := range lines {
		c := utf8.RuneCountInString(l) + 1
		if n+c > budget-2 {
			b.WriteString("…")
			break
		}
		b.WriteString(l + "\n")
		n += c
	}
	return strings.TrimRight(b.String(), "\n")
}
