package telegram

import (
	"slices"
	"strings"
	"unicode"

	"github.com/cekloker/cekloker/internal/screen"
)

// redacted stands in a stored fragment that could identify someone.
const redacted = "…"

// storableVerdict is what is kept of a group verdict behind its "full
// explanation" link: the level, the rules, categories, weights and
// destinations by country (explanations are re-rendered from the rules). Phone numbers, e-mails,
// links, handles and salaries are dropped, and a quoted fragment is kept
// only when it is plain words (no digit, @, link or e-mail); the deep-link
// view re-renders from this.
//
// This was chosen over encrypting the whole verdict with a key that
// expires with it: the view only needs rule ids and kinds, so there is
// nothing worth protecting with a key that would itself have to be kept
// in the same database.
func storableVerdict(v screen.Verdict) screen.Verdict {
	out := v
	out.Entities = screen.Verdict{}.Entities
	out.Hits = make([]screen.Hit, len(v.Hits))
	for i, h := range v.Hits {
		if !safeFragment(h.Match) {
			h.Match = redacted
		}
		out.Hits[i] = h
	}
	out.Combos = slices.Clone(v.Combos)
	strip := func(d screen.Destination) screen.Destination {
		if !safeFragment(d.Evidence) {
			d.Evidence = ""
		}
		return d
	}
	if v.Destination != nil {
		d := strip(*v.Destination)
		out.Destination = &d
	}
	out.Destinations = make([]screen.Destination, len(v.Destinations))
	for i, d := range v.Destinations {
		out.Destinations[i] = strip(d)
	}
	return out
}

// safeFragment reports whether a quoted fragment is plain words: short,
// with no digit (phones, salaries), no @ (handles, e-mails) and nothing
// that looks like a link.
func safeFragment(s string) bool {
	if len(s) > 80 {
		return false
	}
	if strings.ContainsAny(s, "@/:") || strings.Contains(s, "www") {
		return false
	}
	for i, r := range s {
		if unicode.IsDigit(r) {
			return false
		}
		// a dot between letters: a domain such as wa.me or bit.ly
		if r == '.' && i > 0 && i+1 < len(s) && s[i+1] != ' ' && s[i-1] != ' ' {
			return false
		}
	}
	return true
}
