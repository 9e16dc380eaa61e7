package screen

import (
	"slices"
)

// keepInContext drops the hits whose rule needs a red flag of another
// category that is not there (With), or is cancelled by a hit of a
// category that is (Unless), adjusts the score, and returns which
// categories still have a red flag (indexed like the rule file's
// categories). recruiting tells whether the text recruits, for the rules
// that do not count then; contact whether it gives a way to make contact
// (see reachable), in which not_an_offer rules do not count either.
func (e *Engine) keepInContext(v *Verdict, recruiting, contact bool) []bool {
	present := make([]bool, len(e.file.Categories))
	need := false
	for _, h := range v.Hits {
		if h.Weight > 0 {
			present[e.catIndex[h.Category]] = true
		}
		if r := e.rule(h.Rule); r != nil && (len(r.With) > 0 || len(r.Unless) > 0 || r.NotWhenRecruiting || r.NotAnOffer) {
			need = true
		}
	}
	if !need {
		return present
	}
	flagged := map[string]bool{}
	hit := map[string]bool{}
	for _, h := range v.Hits {
		hit[h.Category] = true
		if h.Weight > 0 {
			flagged[h.Category] = true
		}
	}
	kept := v.Hits[:0]
	for _, h := range v.Hits {
		r := e.rule(h.Rule)
		if r != nil && (!inContext(r.With, r.Unless, flagged, hit) || recruiting && r.NotWhenRecruiting || contact && r.NotAnOffer && !r.DespiteContact) {
			v.Score -= h.Weight
			continue
		}
		kept = append(kept, h)
	}
	v.Hits = kept
	clear(present)
	for _, h := range v.Hits {
		if h.Weight > 0 {
			present[e.catIndex[h.Category]] = true
		}
	}
	return present
}

func inContext(with, unless []string, flagged, hit map[string]bool) bool {
	if len(with) > 0 && !slices.ContainsFunc(with, func(c string) bool { return flagged[c] }) {
		return false
	}
	return !slices.ContainsFunc(unless, func(c string) bool { return hit[c] })
}
