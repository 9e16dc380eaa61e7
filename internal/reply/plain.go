package reply

import (
	"fmt"
	"strings"

	"github.com/cekloker/cekloker/internal/rules"
	"github.com/cekloker/cekloker/internal/screen"
)

// Plain renders a full verdict as plain text for a terminal.
func Plain(v screen.Verdict, f *rules.File) string {
	lang := v.Lang
	var b strings.Builder
	fmt.Fprintf(&b, "%s — %s %d (%s %d, %s %d)\n", Headline(v.Level, lang),
		label(lang, "skor", "score"), v.Score,
		label(lang, "sedang", "medium"), f.Thresholds.Medium,
		label(lang, "tinggi", "high"), f.Thresholds.High)
	b.WriteString(Meaning(v.Level, lang) + "\n")
	fmt.Fprintf(&b, "%s: %s\n", label(lang, "Lowongan kerja", "Job ad"), yesNo(v.IsJobAd, lang))
	if d := v.Destination; d != nil {
		fmt.Fprintf(&b, "%s: %s (%s) — %q\n", label(lang, "Tujuan", "Destination"), d.Name, placement(d.Placement, lang), d.Evidence)
	}
	if len(v.Hits) > 0 {
		b.WriteString("\n" + label(lang, "Tanda yang ditemukan:", "Signs found:") + "\n")
		for _, h := range v.Hits {
			fmt.Fprintf(&b, "  %+d  %s [%s]  %q\n      %s\n", h.Weight, h.Rule, h.Category, h.Match, h.Explain)
		}
	}
	if len(v.Combos) > 0 {
		b.WriteString("\n" + label(lang, "Kombinasi:", "Combinations:") + "\n")
		for _, c := range v.Combos {
			fmt.Fprintf(&b, "  %+d  %s: %s\n", c.Weight, c.ID, c.Explain)
		}
	}
	b.WriteString("\n" + label(lang, "Saran resmi:", "Official guidance:") + "\n")
	for _, a := range f.Guidance.AdviceFor(caseOf(v)) {
		fmt.Fprintf(&b, "  - %s\n", a.Text.In(lang))
	}
	for _, l := range f.Guidance.Links {
		fmt.Fprintf(&b, "  - %s: %s\n", l.Label.In(lang), l.URL)
	}
	return b.String()
}

func yesNo(b bool, lang string) string {
	if b {
		return label(lang, "ya", "yes")
	}
	return label(lang, "tidak", "no")
}

// placement says whether a country is an official placement country.
func placement(ok bool, lang string) string {
	if ok {
		return label(lang, "negara penempatan resmi", "official placement country")
	}
	return label(lang, "bukan negara penempatan resmi", "not an official placement country")
}
