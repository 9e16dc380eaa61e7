package rules

// Advice scopes: a fake vacancy at home, or an offer of work abroad.
const (
	ScopeDomestic = "domestic"
	ScopeOverseas = "overseas"
)

// Case is what a verdict says about the kind of offer, for choosing the
// advice that fits it.
type Case struct {
	Level string
	// Flagged reports whether a category has a red flag.
	Flagged func(category string) bool
	// Destination is set when the text points to a country abroad.
	Destination bool
}

// Overseas reports whether the case is an offer of work abroad: a
// destination was found, or one of the guidance's overseas categories has a
// red flag. Everything else is treated as a domestic case.
func (g Guidance) Overseas(c Case) bool {
	if c.Destination {
		return true
	}
	for _, cat := range g.OverseasCategories {
		if c.Flagged(cat) {
			return true
		}
	}
	return false
}

// ShowsIn reports whether the advice fits the case: its levels and
// categories (see [Advice.ShowsFor]), its scope and its need of a
// destination.
func (a Advice) ShowsIn(c Case, overseas bool) bool {
	if !a.ShowsFor(c.Level, c.Flagged) {
		return false
	}
	if a.NeedsDestination && !c.Destination {
		return false
	}
	switch a.Scope {
	case ScopeDomestic:
		return !overseas
	case ScopeOverseas:
		return overseas
	}
	return true
}

// AdviceFor returns the advice that fits the case, the items scoped to the
// case first, in file order otherwise.
func (g Guidance) AdviceFor(c Case) []Advice {
	overseas := g.Overseas(c)
	var first, rest []Advice
	for _, a := range g.Advice {
		if !a.ShowsIn(c, overseas) {
			continue
		}
		if a.Scope != "" {
			first = append(first, a)
		} else {
			rest = append(rest, a)
		}
	}
	return append(first, rest...)
}
