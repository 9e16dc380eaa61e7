package reply

import (
	"fmt"
	"strings"

	"github.com/cekloker/cekloker/internal/i18n"
	"github.com/cekloker/cekloker/internal/rules"
	"github.com/cekloker/cekloker/internal/screen"
)

// Plain renders a full verdict as plain text for a terminal, in lang.
func Plain(v screen.Verdict, f *rules.File, lang string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s — %s %d (%s %d, %s %d)\n", Headline(v.Level, lang),
		i18n.T(lang, "plain_score"), v.Score,
		i18n.T(lang, "plain_medium"), f.Thresholds.Medium,
		i18n.T(lang, "plain_high"), f.Thresholds.High)
	b.WriteString(Meaning(v.Level, lang) + "\n")
	fmt.Fprintf(&b, "%s: %s\n", i18n.T(lang, "plain_job_ad"), yesNo(v.IsJobAd, lang))
	if d := v.Destination; d != nil {
		fmt.Fprintf(&b, "%s: %s (%s) — %q\n", i18n.T(lang, "destination"), DestName(d, f, lang), placement(d.Placement, lang), d.Evidence)
	}
	if len(v.Hits) > 0 {
		b.WriteString("\n" + i18n.T(lang, "plain_signs") + "\n")
		for _, h := range v.Hits {
			fmt.Fprintf(&b, "  %+d  %s [%s]  %q\n      %s\n", h.Weight, h.Rule, h.Category, h.Match, explain(f, v, h, lang))
		}
	}
	if len(v.Combos) > 0 {
		b.WriteString("\n" + i18n.T(lang, "plain_combos") + "\n")
		for _, c := range v.Combos {
			fmt.Fprintf(&b, "  %+d  %s: %s\n", c.Weight, c.ID, ComboExplain(c, f, lang))
		}
	}
	b.WriteString("\n" + i18n.T(lang, "plain_guidance") + "\n")
	for _, a := range f.Guidance.AdviceFor(caseOf(v)) {
		fmt.Fprintf(&b, "  - %s\n", f.Text(a.Text, lang))
	}
	for _, l := range f.Guidance.Links {
		fmt.Fprintf(&b, "  - %s: %s\n", f.Text(l.Label, lang), l.URL)
	}
	return b.String()
}

func yesNo(b bool, lang string) string {
	if b {
		return i18n.T(lang, "plain_yes")
	}
	return i18n.T(lang, "plain_no")
}

// placement says whether a country is an official placement country.
func placement(ok bool, lang string) string {
	if ok {
		return i18n.T(lang, "placement_yes")
	}
	return i18n.T(lang, "placement_no")
}
