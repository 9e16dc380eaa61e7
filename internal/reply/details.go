package reply

import (
	"fmt"
	"strings"

	"github.com/cekloker/cekloker/internal/i18n"
	"github.com/cekloker/cekloker/internal/rules"
	"github.com/cekloker/cekloker/internal/screen"
)

// Details renders the whole verdict, shown when "Lihat detail / Details"
// is pressed: every red flag grouped by category (each category once, with
// all its quoted phrases and why it matters), the combinations, the signs
// of an official procedure, and all the advice that fits the case.
func Details(v screen.Verdict, f *rules.File, lang string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s <b>%s</b>\n%s\n", emoji(v.Level), Headline(v.Level, lang), esc(meaningOf(v, f, lang)))
	if d := v.Destination; d != nil && !d.Placement {
		fmt.Fprintf(&b, "\n🌏 %s: <b>%s</b> — %s.\n", i18n.T(lang, "destination"), esc(DestName(d, f, lang)), placement(false, lang))
	}
	flags, good := split(v.Hits)
	if v.Level == rules.Low {
		fmt.Fprintf(&b, "\n🔎 %s\n", esc(checked(f, lang)))
	} else if len(flags) > 0 {
		b.WriteString("\n<b>" + i18n.T(lang, "red_flags") + "</b>\n")
		for i, h := range strongest(flags) {
			fmt.Fprintf(&b, "%d. <b>%s</b> — %s\n%s\n", i+1, esc(categoryName(f, h.Category, lang)), quotes(flags, h.Category), esc(explain(f, v, h, lang)))
		}
		if len(v.Combos) > 0 {
			c := v.Combos[0]
			for _, x := range v.Combos[1:] {
				if x.Weight > c.Weight {
					c = x
				}
			}
			fmt.Fprintf(&b, "\n⚠️ %s\n", esc(ComboExplain(c, f, lang)))
		}
	}
	if len(good) > 0 {
		b.WriteString("\n<b>" + i18n.T(lang, "good_signs") + "</b>\n")
		for _, h := range good {
			fmt.Fprintf(&b, "• «%s» — %s\n", esc(clip(h.Match, 60)), esc(explain(f, v, h, lang)))
		}
	}
	b.WriteString("\n<b>" + i18n.T(lang, "what_to_do") + "</b>\n")
	for _, a := range f.Guidance.AdviceFor(caseOf(v)) {
		fmt.Fprintf(&b, "• %s\n", esc(f.Text(a.Text, lang)))
	}
	return fit(SpellOut(b.String(), lang))
}

// quotes lists the distinct quoted phrases of a category's red flags.
func quotes(flags []screen.Hit, category string) string {
	var qs []string
	seen := map[string]bool{}
	for _, h := range flags {
		q := clip(h.Match, 60)
		if h.Category == category && !seen[q] {
			seen[q] = true
			qs = append(qs, "«"+esc(q)+"»")
		}
	}
	return strings.Join(qs, ", ")
}
