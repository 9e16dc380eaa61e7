package reply

import (
	"fmt"
	"strings"

	"github.com/cekloker/cekloker/internal/i18n"
	"github.com/cekloker/cekloker/internal/rules"
	"github.com/cekloker/cekloker/internal/screen"
)

// AboutOffer answers, in a private chat, a text about a job offer rather
// than one: a question such as "I was offered admin work in Cambodia,
// 15 million, free ticket — is it safe?", or a story. It is no ad to score
// (a not_an_offer rule rated it low), but the offer it tells of has red
// flags, and the person asking should hear them. ok is false when the
// verdict is no such text or names no red flag; then [NotJobAd] fits.
func AboutOffer(v screen.Verdict, f *rules.File, lang string) (msg string, ok bool) {
	if v.IsJobAd || v.Level != rules.Low || !notAnOffer(v, f) {
		return "", false
	}
	var flags []screen.Hit
	for _, h := range strongest(v.Hits) {
		if h.Rule != screen.ModelRule && h.Category != screen.CategoryMemory {
			flags = append(flags, h)
		}
	}
	if len(flags) == 0 {
		return "", false
	}
	var b strings.Builder
	fmt.Fprintf(&b, "❓ <b>%s</b>\n%s\n\n", i18n.T(lang, "about_offer_headline"), esc(i18n.T(lang, "about_offer_meaning")))
	for i, h := range flags {
		if i == topFlags {
			break
		}
		fmt.Fprintf(&b, "🚩 «%s» — %s\n", esc(clip(h.Match, 50)), esc(shortName(f, h.Category, lang)))
	}
	// The advice is what a medium verdict with these red flags gets.
	asked := v
	asked.Level = rules.Medium
	if t := todo(asked, f, lang); t != "" {
		fmt.Fprintf(&b, "\n👉 %s", esc(t))
	}
	fmt.Fprintf(&b, "\n\n%s", esc(i18n.T(lang, "about_offer_forward")))
	return fit(SpellOut(b.String(), lang)), true
}

// notAnOffer reports whether a not_an_offer rule of f hit.
func notAnOffer(v screen.Verdict, f *rules.File) bool {
	for _, h := range v.Hits {
		if r := f.Rule(h.Rule); r != nil && r.NotAnOffer {
			return true
		}
	}
	return false
}
