package rules

import (
	"fmt"
	"net/url"
	"slices"
)

// Distress recognises messages from people who are in trouble or have
// already been scammed ("my passport was taken", "I already transferred
// the fee"). Such a message gets help, never a risk verdict. A message is
// a cry for help when the weights of its signals add up to MinScore.
type Distress struct {
	MinScore int      `yaml:"min_score"`
	Signals  []Signal `yaml:"signals"`
	// Embassies name the Indonesian mission of a destination country, with
	// a telephone number only when facts.md confirms one.
	Embassies []Embassy `yaml:"embassies"`
	// Help is what to do now, item by item, each for some kinds of trouble.
	Help []DistressHelp `yaml:"help"`
	// Links become URL buttons under the help, each for some kinds.
	Links []DistressLink `yaml:"links"`
}

// DistressLink is an official channel shown as a button with the help.
type DistressLink struct {
	Link  `yaml:",inline"`
	Kinds []string `yaml:"kinds"`
}

// DistressKinds are the kinds of trouble a signal can point to. "paid"
// (money or data already given to a scammer) gets the after-the-fact
// steps; the others get the help for people in danger abroad; "plea" (a
// call for help) only adds to the score.
var DistressKinds = []string{"held", "passport", "forced_scam", "abroad", "paid", "threatened", "missing", "plea"}

// Signal is one sign of distress: phrases, a weight and a kind. A negative
// weight marks a story that ended well or a warning to others ("untung dia
// nggak jadi berangkat"); its kind is not reported.
type Signal struct {
	ID     string `yaml:"id"`
	Kind   string `yaml:"kind"`
	Weight int    `yaml:"weight"`
	// Patterns match like rule patterns (whole words after normalisation,
	// * for any ending); regular expressions are not allowed here.
	Patterns []string `yaml:"patterns"`
	// Negatable signals ignore matches negated by the negation words:
	// "paspor tidak ditahan" is not a held passport.
	Negatable bool     `yaml:"negatable"`
	Examples  Examples `yaml:"examples"`

	// Compiled holds Patterns compiled by Parse.
	Compiled []Pattern `yaml:"-"`
}

// Embassy is the Indonesian mission in a destination country.
type Embassy struct {
	// Country is a destination id (KH, MM, ...).
	Country string `yaml:"country"`
	Name    Text   `yaml:"name"`
	// Phone is shown only when set; leave it empty when the number is
	// uncertain in facts.md.
	Phone string `yaml:"phone"`
	// Note qualifies the phone number (its age, what to do if it fails).
	Note   Text   `yaml:"note"`
	Source string `yaml:"source"`
}

// DistressHelp is one step of help with its source.
type DistressHelp struct {
	Text   Text   `yaml:"text"`
	Source string `yaml:"source"`
	// Kinds, when set, show the step only for those kinds of trouble.
	Kinds []string `yaml:"kinds"`
}

// ShowsFor reports whether the step is shown when the kinds of trouble
// found are kinds.
func (h DistressHelp) ShowsFor(kinds []string) bool { return anyKind(h.Kinds, kinds) }

// ShowsFor reports whether the link is shown for the kinds of trouble.
func (l DistressLink) ShowsFor(kinds []string) bool { return anyKind(l.Kinds, kinds) }

func anyKind(want, kinds []string) bool {
	if len(want) == 0 {
		return true
	}
	for _, k := range want {
		if slices.Contains(kinds, k) {
			return true
		}
	}
	return false
}

func (v *validator) distress() {
	d := &v.f.Distress
	if len(d.Signals) == 0 {
		return // the section is optional
	}
	if d.MinScore < 1 {
		v.add("distress.min_score", "", "distress.min_score must be at least 1")
	}
	ids, ruleIDs := map[string]bool{}, v.ruleIDs()
	for i := range d.Signals {
		s := &d.Signals[i]
		at := fmt.Sprintf("distress.signals[%d]", i)
		switch {
		case !idPattern.MatchString(s.ID):
			v.add(at, s.ID, "signal id must be 2-64 lowercase letters, digits and _")
		case ids[s.ID] || ruleIDs[s.ID]:
			v.add(at, s.ID, "duplicate id (signal ids and rule ids share one name space)")
		}
		ids[s.ID] = true
		if !slices.Contains(DistressKinds, s.Kind) {
			v.add(at+".kind", s.ID, "unknown kind %q (want one of %v)", s.Kind, DistressKinds)
		}
		if s.Weight == 0 || s.Weight < -10 || s.Weight > 10 {
			v.add(at+".weight", s.ID, "weight must be between -10 and 10 and not 0 (got %d)", s.Weight)
		}
		if len(s.Patterns) == 0 {
			v.add(at, s.ID, "a signal needs patterns")
		}
		s.Compiled = v.patterns(at+".patterns", s.ID, s.Patterns)
		for _, p := range s.Compiled {
			if p.Regexp != nil {
				v.add(at+".patterns", s.ID, "signal patterns must be phrases, not regular expressions")
			}
		}
		if len(s.Examples.Match) == 0 || len(s.Examples.NoMatch) == 0 {
			v.add(at+".examples", s.ID, "examples need at least one match and one no_match text")
		}
	}
	dests := map[string]bool{}
	for _, x := range v.f.Destinations {
		dests[x.ID] = true
	}
	for i, e := range d.Embassies {
		at := fmt.Sprintf("distress.embassies[%d]", i)
		if !dests[e.Country] {
			v.add(at+".country", "", "embassy: unknown destination %q", e.Country)
		}
		v.text(at+".name", "", "embassy: name", e.Name)
		if !e.Note.Empty() {
			v.text(at+".note", "", "embassy: note", e.Note)
		}
		if e.Source == "" {
			v.add(at, "", "embassy needs a source (a fact from guidance/facts.md)")
		}
	}
	v.distressLinks()
	if len(d.Help) == 0 {
		v.add("distress", "", "distress.help is empty")
	}
	for i, h := range d.Help {
		at := fmt.Sprintf("distress.help[%d]", i)
		v.sourced(at, "help", h.Text, h.Source)
		v.kinds(at+".kinds", h.Kinds)
	}
}

func (v *validator) kinds(at string, kinds []string) {
	for _, k := range kinds {
		if !slices.Contains(DistressKinds, k) {
			v.add(at, "", "unknown kind %q", k)
		}
	}
}

// sourced checks a text shown to users and its source.
func (v *validator) sourced(at, what string, t Text, source string) {
	v.text(at+".text", "", what, t)
	if source == "" {
		v.add(at, "", "%s needs a source (a fact from guidance/facts.md)", what)
	}
}

// link checks an official link shown as a button.
func (v *validator) link(at string, l Link) {
	u, err := url.Parse(l.URL)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		v.add(at+".url", "", "link url %q must be an https URL", l.URL)
	}
	v.text(at+".label", "", "link: label", l.Label)
	if l.Source == "" {
		v.add(at, "", "link needs a source")
	}
}

func (v *validator) distressLinks() {
	for i, l := range v.f.Distress.Links {
		at := fmt.Sprintf("distress.links[%d]", i)
		v.link(at, l.Link)
		v.kinds(at+".kinds", l.Kinds)
	}
}

func (v *validator) ruleIDs() map[string]bool {
	ids := make(map[string]bool, len(v.f.Rules))
	for _, r := range v.f.Rules {
		ids[r.ID] = true
	}
	return ids
}

// EmbassyOf returns the embassy of a destination, if the file names one.
func (d Distress) EmbassyOf(country string) (Embassy, bool) {
	for _, e := range d.Embassies {
		if e.Country == country {
			return e, true
		}
	}
	return Embassy{}, false
}
