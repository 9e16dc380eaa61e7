package rules

import "slices"

// ruleContext checks a rule's With and Unless categories.
func (v *validator) ruleContext(at string, r *Rule, cats map[string]bool) {
	for _, c := range r.With {
		if !cats[c] {
			v.add(at+".with", r.ID, "unknown category %q", c)
		}
		if c == r.Category {
			v.add(at+".with", r.ID, "with names the rule's own category %q", c)
		}
	}
	for _, c := range r.Unless {
		if !cats[c] {
			v.add(at+".unless", r.ID, "unknown category %q", c)
		}
		if c == r.Category {
			v.add(at+".unless", r.ID, "unless names the rule's own category %q", c)
		}
		if slices.Contains(r.With, c) {
			v.add(at+".unless", r.ID, "category %q is both in with and in unless", c)
		}
	}
}
