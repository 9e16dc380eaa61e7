package reply

import (
	"fmt"
	"html"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cekloker/cekloker/internal/i18n"
	"github.com/cekloker/cekloker/internal/rules"
	"github.com/cekloker/cekloker/internal/screen"
)

// MaxMessage is the number of characters a Telegram message may have; the
// renderers stay well below it (Telegram counts UTF-16 units).
const MaxMessage = 4096

// budget is what a rendered message aims at, leaving room for HTML tags
// and characters outside the Basic Multilingual Plane.
const budget = 3300

// topFlags is how many red flags a verdict shows before "Details".
const topFlags = 3

// Full renders a verdict for a private chat that fits one phone screen:
// the headline and its meaning, the three strongest red flags (one line
// each, a quoted phrase and a few words, one category at most once), and
// one line of what to do. A low verdict lists no red flags: it says what
// was checked. [Details] has the whole list. Explanations come from f when
// it knows the rule (so a stored verdict can be shown in another language).
func Full(v screen.Verdict, f *rules.File, lang string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s <b>%s</b>\n%s\n", emoji(v.Level), Headline(v.Level, lang), esc(meaningOf(v, f, lang)))
	if v.Level == rules.Low {
		fmt.Fprintf(&b, "\n🔎 %s\n", esc(checked(f, lang)))
	} else {
		flags := strongest(v.Hits)
		b.WriteString("\n")
		for i, h := range flags {
			if i == topFlags {
				b.WriteString(i18n.T(lang, "more_flags", "N", len(flags)-topFlags) + "\n")
				break
			}
			fmt.Fprintf(&b, "🚩 «%s» — %s\n", esc(clip(h.Match, 50)), esc(shortName(f, h.Category, lang)))
		}
	}
	if t := todo(v, f, lang); t != "" {
		fmt.Fprintf(&b, "\n👉 %s", esc(t))
	}
	return fit(SpellOut(b.String(), lang))
}

// Compact renders a short verdict for a group: headline, the strongest red
// flags (one category at most once), and one line of what to do.
func Compact(v screen.Verdict, f *rules.File, lang string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s <b>%s</b> — %s\n", emoji(v.Level), Headline(v.Level, lang), esc(shortMeaning(v.Level, lang)))
	if v.Level != rules.Low {
		for i, h := range strongest(v.Hits) {
			if i == topFlags {
				break
			}
			fmt.Fprintf(&b, "• %s: «%s»\n", esc(shortName(f, h.Category, lang)), esc(clip(h.Match, 50)))
		}
	}
	t := todo(v, f, lang)
	if t == "" {
		t = f.Text(f.Guidance.Summary, lang)
	}
	fmt.Fprintf(&b, "ℹ️ %s", esc(t))
	return fit(SpellOut(b.String(), lang))
}

func shortMeaning(level, lang string) string { return i18n.T(lang, "short_meaning_"+level) }

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

// strongest returns the red flags, strongest first, one per category.
func strongest(hits []screen.Hit) []screen.Hit {
	flags, _ := split(hits)
	sort.SliceStable(flags, func(i, j int) bool { return flags[i].Weight > flags[j].Weight })
	seen := map[string]bool{}
	out := flags[:0:0]
	for _, h := range flags {
		if !seen[h.Category] {
			seen[h.Category] = true
			out = append(out, h)
		}
	}
	return out
}

// meaningOf is the level's meaning, for a domestic case without the
// warning about leaving and passports.
func meaningOf(v screen.Verdict, f *rules.File, lang string) string {
	if v.Level == rules.High && !f.Guidance.Overseas(caseOf(v)) {
		return i18n.T(lang, "meaning_high_domestic")
	}
	return Meaning(v.Level, lang)
}

// caseOf describes a verdict for choosing advice.
func caseOf(v screen.Verdict) rules.Case {
	return rules.Case{Level: v.Level, Flagged: v.Flagged, Destination: v.Destination != nil}
}

// todo is the one line of what to do: the short form of the first advice
// that fits the case and has one.
func todo(v screen.Verdict, f *rules.File, lang string) string {
	for _, a := range f.Guidance.AdviceFor(caseOf(v)) {
		if !a.Short.Empty() {
			return f.Text(a.Short, lang)
		}
	}
	return ""
}

// checked says, for a low verdict, what was looked at.
func checked(f *rules.File, lang string) string {
	n := 0
	for _, r := range f.Rules {
		if r.Weight > 0 && !r.Disabled {
			n++
		}
	}
	return i18n.T(lang, "checked", "N", n)
}

func categoryName(f *rules.File, id, lang string) string {
	if id == screen.ModelRule { // the text model's part of the verdict
		return i18n.T(lang, "model_category")
	}
	for _, c := range f.Categories {
		if c.ID == id {
			return f.Text(c.Name, lang)
		}
	}
	return id
}

// shortName is a category's name without its explanation in brackets.
func shortName(f *rules.File, id, lang string) string {
	n := categoryName(f, id, lang)
	if i := strings.Index(n, " ("); i > 0 {
		return n[:i]
	}
	return n
}

// explain says why a hit matters: its rule's explanation, the text
// model's reading, or what memory found. v is the verdict of the hit.
func explain(f *rules.File, v screen.Verdict, h screen.Hit, lang string) string {
	switch h.Rule {
	case screen.ModelRule:
		if v.Model != nil {
			return modelExplain(v.Model, lang)
		}
	case screen.RuleMemoryText, screen.RuleMemoryContact:
		if m, ok := memoryOf(v, h); ok {
			return MemoryLine(m, lang)
		}
	}
	if r := f.Rule(h.Rule); r != nil {
		return f.Text(r.Explain, lang)
	}
	return ""
}

// Explain is the explanation of hit h of verdict v in lang, as in the
// details view and in `bot screen --json`.
func Explain(v screen.Verdict, h screen.Hit, f *rules.File, lang string) string {
	return explain(f, v, h, lang)
}

// ComboExplain is the explanation of a combination in lang.
func ComboExplain(c screen.ComboHit, f *rules.File, lang string) string {
	for _, x := range f.Combos {
		if x.ID == c.ID {
			return f.Text(x.Explain, lang)
		}
	}
	return ""
}

// DestName is the name of a destination country in lang.
func DestName(d *screen.Destination, f *rules.File, lang string) string {
	for _, x := range f.Destinations {
		if x.ID == d.ID {
			return f.Text(x.Name, lang)
		}
	}
	return d.ID
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
