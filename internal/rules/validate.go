package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/cekloker/cekloker/internal/extract"
)

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{1,63}$`)

// entityKinds are the kinds of Entity conditions.
var entityKinds = []string{"salary", "destination", "phone", "link", "email", "handle"}

// linkKinds are the kinds of links the extractor knows.
var linkKinds = append(slices.Clone(extract.LinkKinds), "official", "other")

// validator collects errors with their locations.
type validator struct {
	f    *File
	errs Errors
}

func (v *validator) add(path, rule, format string, args ...any) {
	v.errs = append(v.errs, v.f.ErrorAt(path, rule, fmt.Sprintf(format, args...)))
}

func (f *File) validate() error {
	v := &validator{f: f}
	v.languages()
	if f.Version != 1 {
		v.add("version", "", "version must be 1, not %d", f.Version)
	}
	if f.Thresholds.Medium <= 0 || f.Thresholds.High <= f.Thresholds.Medium {
		v.add("thresholds", "", "thresholds need 0 < medium < high (got medium %d, high %d)", f.Thresholds.Medium, f.Thresholds.High)
	}
	v.lists()
	v.jobAd()
	cats := v.categories()
	v.jobAdCategories(cats)
	v.rules(cats)
	v.combos(cats)
	v.comboReplaces()
	v.destinations()
	v.guidance(cats)
	v.negation()
	v.distress()
	return v.errs.Err()
}

func (v *validator) jobAd() {
	j := &v.f.JobAd
	if j.MinScore < 1 {
		v.add("job_ad.min_score", "", "job_ad.min_score must be at least 1")
	}
	if len(j.Patterns) == 0 {
		v.add("job_ad", "", "job_ad.patterns is empty")
	}
	j.Compiled = v.patterns("job_ad.patterns", "", j.Patterns)
	j.CompiledWarnings = v.patterns("job_ad.warnings", "", j.Warnings)
	j.CompiledRecruit = v.patterns("job_ad.recruit", "", j.Recruit)
	for _, w := range j.CompiledRecruit {
		if w.Regexp != nil {
			v.add("job_ad.recruit", "", "recruit phrases must be phrases, not regular expressions")
		}
	}
	for _, w := range j.CompiledWarnings {
		if w.Regexp != nil {
			v.add("job_ad.warnings", "", "warnings must be phrases, not regular expressions")
		}
	}
	if len(j.Warnings) > 0 && j.WarningsMin < 1 {
		v.add("job_ad.warnings_min", "", "job_ad.warnings_min must be at least 1 when warnings are listed")
	}
}

func (v *validator) jobAdCategories(cats map[string]bool) {
	for _, c := range v.f.JobAd.Categories {
		if !cats[c] {
			v.add("job_ad.categories", "", "job_ad: unknown category %q", c)
		}
	}
}

func (v *validator) patterns(path, rule string, raw []string) []Pattern {
	out := make([]Pattern, 0, len(raw))
	seen := map[string]bool{}
	for i, s := range raw {
		p, err := v.f.ParsePattern(s)
		at := fmt.Sprintf("%s[%d]", path, i)
		if err != nil {
			v.add(at, rule, "bad pattern %q: %v", s, err)
			continue
		}
		key := fmt.Sprint(p.Phrase, p.AnyStart, p.AnyEnd, p.Raw)
		if p.Regexp == nil {
			key = fmt.Sprint(p.Phrase, p.AnyStart, p.AnyEnd)
		}
		if seen[key] {
			v.add(at, rule, "pattern %q is listed twice (after normalisation)", s)
		}
		seen[key] = true
		out = append(out, p)
	}
	return out
}

func (v *validator) categories() map[string]bool {
	cats := map[string]bool{}
	if len(v.f.Categories) == 0 {
		v.add("categories", "", "no categories")
	}
	for i, c := range v.f.Categories {
		at := fmt.Sprintf("categories[%d]", i)
		switch {
		case !idPattern.MatchString(c.ID):
			v.add(at, "", "category id %q must be lowercase letters, digits and _", c.ID)
		case cats[c.ID]:
			v.add(at, "", "category %q is defined twice", c.ID)
		}
		cats[c.ID] = true
		v.text(at+".name", "", fmt.Sprintf("category %q: name", c.ID), c.Name)
	}
	return cats
}

func (v *validator) rules(cats map[string]bool) {
	ids := map[string]bool{}
	if len(v.f.Rules) == 0 {
		v.add("rules", "", "no rules")
	}
	for i := range v.f.Rules {
		r := &v.f.Rules[i]
		at := fmt.Sprintf("rules[%d]", i)
		switch {
		case !idPattern.MatchString(r.ID):
			v.add(at, r.ID, "rule id must be 2-64 lowercase letters, digits and _")
		case ids[r.ID]:
			v.add(at, r.ID, "duplicate rule id")
		}
		ids[r.ID] = true
		if !cats[r.Category] {
			v.add(at+".category", r.ID, "unknown category %q", r.Category)
		}
		if r.Weight == 0 || r.Weight < -20 || r.Weight > 20 {
			v.add(at+".weight", r.ID, "weight must be between -20 and 20 and not 0 (got %d)", r.Weight)
		}
		if len(r.Patterns) == 0 && r.Entity == nil {
			v.add(at, r.ID, "a rule needs patterns or an entity condition")
		}
		r.Compiled = v.patterns(at+".patterns", r.ID, r.Patterns)
		r.CompiledExclude = v.patterns(at+".exclude", r.ID, r.Exclude)
		if len(r.Exclude) > 0 && len(r.Patterns) == 0 {
			v.add(at+".exclude", r.ID, "exclude needs patterns to cancel")
		}
		if r.MinMatches < 0 || r.MinMatches > len(r.Patterns) {
			v.add(at+".min_matches", r.ID, "min_matches must be between 0 and the number of patterns (%d)", len(r.Patterns))
		}
		if r.MinMatches > 1 && r.Entity != nil {
			v.add(at+".min_matches", r.ID, "min_matches cannot be combined with an entity condition")
		}
		if r.Entity != nil {
			v.entity(at+".entity", r.ID, r.Entity)
		}
		if r.NotAnOffer && (r.Weight > 0 || !r.NotWhenRecruiting) {
			v.add(at+".not_an_offer", r.ID, "a not_an_offer rule needs a negative weight and not_when_recruiting: true")
		}
		if r.DespiteContact && (!r.NotAnOffer || len(r.Unless) == 0) {
			v.add(at+".despite_contact", r.ID, "despite_contact goes with not_an_offer: true and an unless list (the categories of a job offer)")
		}
		v.ruleContext(at, r, cats)
		v.text(at+".explain", r.ID, "explain", r.Explain)
		if len(r.Examples.Match) == 0 || len(r.Examples.NoMatch) == 0 {
			v.add(at+".examples", r.ID, "examples need at least one match and one no_match text")
		}
	}
}

func (v *validator) entity(at, rule string, e *Entity) {
	if !slices.Contains(entityKinds, e.Kind) {
		v.add(at+".kind", rule, "unknown entity kind %q (want one of %v)", e.Kind, entityKinds)
		return
	}
	if e.Kind != "salary" && (e.MinMonthlyIDR != 0 || len(e.Periods) > 0) {
		v.add(at, rule, "min_monthly_idr and periods apply to kind salary only")
	}
	if e.Kind == "salary" && e.MinMonthlyIDR <= 0 && len(e.Periods) == 0 {
		v.add(at, rule, "a salary condition needs min_monthly_idr or periods")
	}
	if e.Kind != "destination" && e.Placement != nil {
		v.add(at, rule, "placement applies to kind destination only")
	}
	if e.Kind != "link" && len(e.LinkKinds) > 0 {
		v.add(at, rule, "link_kinds applies to kind link only")
	}
	for _, k := range e.LinkKinds {
		if !slices.Contains(linkKinds, k) {
			v.add(at+".link_kinds", rule, "unknown link kind %q (want one of %v)", k, linkKinds)
		}
	}
	if e.Kind != "email" && e.FreeMail {
		v.add(at, rule, "free_mail applies to kind email only")
	}
}

func (v *validator) combos(cats map[string]bool) {
	ids := map[string]bool{}
	for i, c := range v.f.Combos {
		at := fmt.Sprintf("combos[%d]", i)
		if !idPattern.MatchString(c.ID) || ids[c.ID] {
			v.add(at, "", "combo id %q is missing, malformed or used twice", c.ID)
		}
		ids[c.ID] = true
		if len(c.Categories) < 2 {
			v.add(at, "", "combo %q needs at least two categories", c.ID)
		}
		for _, cat := range c.Categories {
			if !cats[cat] {
				v.add(at+".categories", "", "combo %q: unknown category %q", c.ID, cat)
			}
		}
		if c.Weight <= 0 {
			v.add(at+".weight", "", "combo %q: weight must be positive", c.ID)
		}
		v.text(at+".explain", "", fmt.Sprintf("combo %q: explain", c.ID), c.Explain)
	}
}

var countryCode = regexp.MustCompile(`^[A-Z]{2}$`)

func (v *validator) destinations() {
	ids := map[string]bool{}
	for i, d := range v.f.Destinations {
		at := fmt.Sprintf("destinations[%d]", i)
		if !countryCode.MatchString(d.ID) || ids[d.ID] {
			v.add(at, "", "destination id %q must be a two-letter country code, used once", d.ID)
		}
		ids[d.ID] = true
		v.text(at+".name", "", fmt.Sprintf("destination %s: name", d.ID), d.Name)
		if len(d.Aliases) == 0 {
			v.add(at+".aliases", "", "destination %s needs at least one alias", d.ID)
		}
		v.patterns(at+".aliases", "", d.Aliases)
		v.patterns(at+".towns", "", d.Towns)
		for _, c := range d.PhoneCodes {
			if c < 1 || c > 999 {
				v.add(at+".phone_codes", "", "destination %s: bad phone code %d", d.ID, c)
			}
		}
		if d.Source == "" {
			v.add(at+".source", "", "destination %s needs a source for its placement status", d.ID)
		}
	}
}

func (v *validator) guidance(cats map[string]bool) {
	g := v.f.Guidance
	v.text("guidance.summary", "", "guidance.summary", g.Summary)
	if len(g.Advice) == 0 {
		v.add("guidance", "", "guidance.advice is empty")
	}
	for i, a := range g.Advice {
		at := fmt.Sprintf("guidance.advice[%d]", i)
		v.sourced(at, "advice", a.Text, a.Source)
		if !a.Short.Empty() {
			v.text(at+".short", "", "advice: short", a.Short)
		}
		for _, l := range a.Levels {
			if l != Low && l != Medium && l != High {
				v.add(at+".levels", "", "unknown level %q", l)
			}
		}
		for _, c := range a.Categories {
			if !cats[c] {
				v.add(at+".categories", "", "unknown category %q", c)
			}
		}
		if a.Scope != "" && a.Scope != ScopeDomestic && a.Scope != ScopeOverseas {
			v.add(at+".scope", "", "scope must be %q or %q, not %q", ScopeDomestic, ScopeOverseas, a.Scope)
		}
	}
	for _, c := range g.OverseasCategories {
		if !cats[c] {
			v.add("guidance.overseas_categories", "", "unknown category %q", c)
		}
	}
	for i, l := range g.Links {
		v.link(fmt.Sprintf("guidance.links[%d]", i), l)
	}
}

func (v *validator) negation() {
	n := v.f.Negation
	uses := false
	for _, r := range v.f.Rules {
		uses = uses || r.Negatable
	}
	if uses && (len(n.Before) == 0 || n.Window < 1 || n.Window > 8) {
		v.add("negation", "", "negatable rules need negation.before words and a window of 1 to 8 words")
	}
	for i, w := range append(append([]string{}, n.Before...), n.After...) {
		if p := v.f.Normalizer.Phrase(w); p == "" || strings.Contains(p, " ") {
			v.add("negation", "", "negation word %d (%q) must be a single word", i+1, w)
		}
	}
}

var langPattern = regexp.MustCompile(`^[a-z]{2,3}$`)

// languages checks the languages: list; a file without one has
// DefaultLanguages.
func (v *validator) languages() {
	f := v.f
	if len(f.Languages) == 0 {
		f.Languages = slices.Clone(DefaultLanguages)
		return
	}
	seen := map[string]bool{}
	for i, l := range f.Languages {
		at := fmt.Sprintf("languages[%d]", i)
		switch {
		case !langPattern.MatchString(l):
			v.add(at, "", "language %q must be a two- or three-letter ISO 639 code such as id, en, tl", l)
		case seen[l]:
			v.add(at, "", "language %q is listed twice", l)
		}
		seen[l] = true
	}
}

// text checks a text that people read: it has every language of the
// file, and no other.
func (v *validator) text(at, rule, what string, t Text) {
	var missing, unknown []string
	for _, l := range v.f.Languages {
		if strings.TrimSpace(t[l]) == "" {
			missing = append(missing, l)
		}
	}
	for l := range t {
		if !slices.Contains(v.f.Languages, l) {
			unknown = append(unknown, l)
		}
	}
	slices.Sort(unknown)
	if len(missing) > 0 {
		v.add(at, rule, "%s needs a text in %s (languages: %s)", what, strings.Join(missing, ", "), strings.Join(v.f.Languages, ", "))
	}
	for _, l := range unknown {
		v.add(at+"."+l, rule, "%s: language %q is not in languages (%s)", what, l, strings.Join(v.f.Languages, ", "))
	}
}
