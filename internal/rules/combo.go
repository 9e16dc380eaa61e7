package rules

import (
	"fmt"
	"slices"
)

// MatchCombos returns the combos that count for a text whose red-flag
// categories are those for which has reports true, in file order: every
// combo whose categories all occur, except those that another such combo
// replaces.
func (f *File) MatchCombos(has func(category string) bool) []*Combo {
	var hit []*Combo
	for i := range f.Combos {
		c := &f.Combos[i]
		all := true
		for _, cat := range c.Categories {
			if !has(cat) {
				all = false
				break
			}
		}
		if all {
			hit = append(hit, c)
		}
	}
	out := hit[:0:0]
	for _, c := range hit {
		replaced := false
		for _, by := range hit {
			replaced = replaced || slices.Contains(by.Replaces, c.ID)
		}
		if !replaced {
			out = append(out, c)
		}
	}
	return out
}

// comboReplaces checks the replaces lists: known combos, not itself, and no
// cycle (a combo that in the end replaces itself would make the outcome
// depend on the order of the file).
func (v *validator) comboReplaces() {
	byID := map[string]*Combo{}
	for i := range v.f.Combos {
		byID[v.f.Combos[i].ID] = &v.f.Combos[i]
	}
	for i, c := range v.f.Combos {
		at := fmt.Sprintf("combos[%d].replaces", i)
		for _, r := range c.Replaces {
			switch {
			case byID[r] == nil:
				v.add(at, "", "combo %q replaces unknown combo %q", c.ID, r)
			case r == c.ID:
				v.add(at, "", "combo %q replaces itself", c.ID)
			case replacesPath(byID, r, c.ID, len(byID)):
				v.add(at, "", "combo %q and %q replace each other", c.ID, r)
			}
		}
	}
}

// replacesPath reports whether combo from replaces target, directly or
// through other combos, within depth steps.
func replacesPath(byID map[string]*Combo, from, target string, depth int) bool {
	c := byID[from]
	if c == nil || depth == 0 {
		return false
	}
	for _, r := range c.Replaces {
		if r == target || replacesPath(byID, r, target, depth-1) {
			return true
		}
	}
	return false
}
