package screen

import (
	"slices"
	"strings"

	"github.com/cekloker/cekloker/internal/extract"
	"github.com/cekloker/cekloker/internal/normalize"
	"github.com/cekloker/cekloker/internal/rules"
)

// Message is a text to screen with what Telegram marked in it.
type Message struct {
	Text string
	// Hints are Telegram's message entities (links, text links, mentions,
	// phone numbers, e-mail addresses); they are merged with what the
	// extractor finds, so that a link hidden behind text is seen.
	Hints []extract.Hint
}

// Screen scores text. The verdict names rules, categories and countries
// by id and quotes fragments; package reply renders it in a language.
func (e *Engine) Screen(text string) Verdict {
	return e.ScreenMessage(Message{Text: text})
}

// ScreenMessage scores a message.
func (e *Engine) ScreenMessage(m Message) Verdict {
	nt := e.norm.String(m.Text)
	ents := e.ext.FromView(nt.View)
	e.ext.Merge(&ents, nt.Screened, m.Hints)
	found := e.scan(nt)
	byRule, jobs := found.byRule, found.jobs
	v := Verdict{
		Entities:     ents,
		RulesVersion: e.version,
		Truncated:    nt.Truncated,
		Hits:         []Hit{},
	}
	v.Destinations = e.destinations(nt, found.dests, ents)
	v.Destination = riskiest(v.Destinations)

	present := make([]bool, len(e.file.Categories))
	for _, ri := range e.candidates(byRule) {
		r := &e.file.Rules[ri]
		if r.Disabled {
			continue
		}
		quote, ok := e.ruleHit(r, nt, byRule[ri], v)
		if !ok {
			continue
		}
		v.Hits = append(v.Hits, Hit{
			Rule: r.ID, Category: r.Category, Weight: r.Weight,
			Match: quote,
		})
		v.Score += r.Weight
		if r.Weight > 0 {
			present[e.catIndex[r.Category]] = true
		}
	}
	recruiting := recruits(found, ents)
	present = e.keepInContext(&v, recruiting, reachable(ents)) // context.go
	for _, c := range e.file.MatchCombos(func(cat string) bool { return present[e.catIndex[cat]] }) {
		v.Combos = append(v.Combos, ComboHit{ID: c.ID, Categories: c.Categories, Weight: c.Weight})
		v.Score += c.Weight
	}
	if len(ents.Salaries) > 0 {
		jobs++
	}
	for _, c := range e.file.JobAd.Categories {
		if present[e.catIndex[c]] {
			jobs++
		}
	}
	v.IsJobAd = jobs >= e.file.JobAd.MinScore
	warned := e.file.JobAd.WarningsMin > 0 && found.warnings >= e.file.JobAd.WarningsMin && !recruiting
	if warned {
		v.IsJobAd = false // it warns about scams, it does not offer a job
	}
	e.joinModel(&v, nt, warned)
	e.settleNotAnOffer(&v)
	v.Level = e.file.Thresholds.Level(v.Score)
	nt.Release() // v holds no token of nt: its table can serve the next text
	return v
}

// settleNotAnOffer rates a text that a not_an_offer rule found to be about
// job offers rather than one (news, a story, a question) low and no job
// ad: that rule's hit takes off whatever brings the score below the medium
// threshold. Such rules do not count in a text that recruits
// (keepInContext), so a post that asks people to apply is never let off.
func (e *Engine) settleNotAnOffer(v *Verdict) {
	for i := range v.Hits {
		r := e.rule(v.Hits[i].Rule)
		if r == nil || !r.NotAnOffer {
			continue
		}
		v.IsJobAd = false
		if over := v.Score - (e.file.Thresholds.Medium - 1); over > 0 {
			v.Hits[i].Weight -= over
			v.Score -= over
		}
		return
	}
}

// maxQuotes is how many fragments a min_matches rule quotes.
const maxQuotes = 3

// candidates are the rules that may hit, in file order: those with a
// pattern match and those with an entity condition.
func (e *Engine) candidates(byRule map[int][]span) []int {
	c := make([]int, 0, len(byRule)+len(e.entityRules))
	c = append(c, e.entityRules...)
	for ri := range byRule {
		if e.file.Rules[ri].Entity == nil {
			c = append(c, ri)
		}
	}
	slices.Sort(c)
	return c
}

// ruleHit reports whether rule r hits, given the first spans of its
// patterns that occur, and quotes what triggered it.
func (e *Engine) ruleHit(r *rules.Rule, nt *normalize.Text, found []span, v Verdict) (string, bool) {
	need := max(1, r.MinMatches)
	if len(found) >= need {
		slices.SortFunc(found, func(a, b span) int {
			if a.start != b.start {
				return a.start - b.start
			}
			return b.end - a.end
		})
		n := 1
		if r.MinMatches > 1 {
			n = min(len(found), maxQuotes)
		}
		quotes := make([]string, 0, n)
		for _, sp := range found[:n] {
			quotes = append(quotes, nt.Quote(sp.start, sp.end))
		}
		return strings.Join(quotes, ", "), true
	}
	if r.Entity != nil {
		return entityHit(r.Entity, v)
	}
	return "", false
}

// entityHit checks an entity condition and quotes the entity.
func entityHit(c *rules.Entity, v Verdict) (string, bool) {
	ents := v.Entities
	switch c.Kind {
	case "salary":
		for _, s := range ents.Salaries {
			if c.MinMonthlyIDR > 0 && s.MonthlyIDR >= c.MinMonthlyIDR {
				return s.Raw, true
			}
			if slices.Contains(c.Periods, s.Period) {
				return s.Raw, true
			}
		}
	case "destination":
		for _, d := range v.Destinations {
			if c.Placement == nil || *c.Placement == d.Placement {
				return d.Evidence, true
			}
		}
	case "phone":
		if len(ents.Phones) > 0 {
			return ents.Phones[0].Raw, true
		}
	case "link":
		for _, l := range ents.Links {
			if len(c.LinkKinds) == 0 || slices.Contains(c.LinkKinds, l.Kind) {
				return l.URL, true
			}
		}
	case "email":
		for _, m := range ents.Emails {
			if !c.FreeMail || m.FreeMail {
				return m.Address, true
			}
		}
	case "handle":
		if len(ents.Handles) > 0 {
			return ents.Handles[0], true
		}
	}
	return "", false
}

// destinations lists the destinations named in the text or given away by
// a phone number's country code, in file order.
func (e *Engine) destinations(nt *normalize.Text, spans []span, ents extract.Entities) []Destination {
	var out []Destination
	for di, d := range e.dests {
		ev := ""
		if sp := spans[di]; sp.end != 0 {
			ev = nt.Quote(sp.start, sp.end)
		} else {
			for _, p := range ents.Phones {
				if i, ok := e.phoneDest[p.CountryCode]; ok && i == di {
					ev = p.Raw
					break
				}
			}
		}
		if ev != "" {
			out = append(out, Destination{ID: d.ID, Placement: d.Placement, Evidence: ev})
		}
	}
	return out
}

// riskiest returns the first destination that is not a placement country,
// or else the first destination.
func riskiest(ds []Destination) *Destination {
	for i := range ds {
		if !ds[i].Placement {
			return &ds[i]
		}
	}
	if len(ds) > 0 {
		return &ds[0]
	}
	return nil
}
