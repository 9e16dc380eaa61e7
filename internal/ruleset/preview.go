package ruleset

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/cekloker/cekloker/internal/rules"
	"github.com/cekloker/cekloker/internal/screen"
	"github.com/cekloker/cekloker/internal/store"
)

// Preview is what a change to the rules would do, computed before it is
// applied.
type Preview struct {
	// Base is the version the change was made on.
	Base int
	// YAML is the new rules file; Engine is it compiled.
	YAML   []byte
	Engine *screen.Engine
	// Same is set when YAML is identical to the base version.
	Same bool
	// Rules added, removed and changed (by id), and other changes.
	Added, Removed, Changed []string
	// OldThresholds and NewThresholds are the thresholds before and after.
	OldThresholds, NewThresholds rules.Thresholds
	// Other lists other top-level sections that changed (combos, ...).
	Other []string
	// Figures are the labelled examples re-screened with both.
	Figures
	// Recent is the effect on recent screenings, re-scored from their
	// stored rule ids (texts are not stored).
	Recent RecentImpact
}

// Figures are what the labelled examples (every rule's match and no_match
// texts) say about a change: how many were screened with the old and the
// new engine, those whose level changes (Up and Down of them), and how
// many are at each level before and after.
type Figures struct {
	Examples       int
	ExampleChanges []ExampleChange
	Up, Down       int
	Before, After  map[string]int
}

// screenExamples screens every example of files, once each, with both
// engines.
func screenExamples(files []*rules.File, oldeng, neweng *screen.Engine) Figures {
	fg := Figures{Before: map[string]int{}, After: map[string]int{}}
	seen := map[string]bool{}
	for _, f := range files {
		for _, r := range f.Rules {
			for _, ex := range slices.Concat(r.Examples.Match, r.Examples.NoMatch) {
				if seen[ex] {
					continue
				}
				seen[ex] = true
				fg.Examples++
				a, b := oldeng.Screen(ex).Level, neweng.Screen(ex).Level
				fg.Before[a]++
				fg.After[b]++
				if a == b {
					continue
				}
				fg.ExampleChanges = append(fg.ExampleChanges, ExampleChange{Rule: r.ID, Text: ex, From: a, To: b})
				if screen.LevelRank(b) > screen.LevelRank(a) {
					fg.Up++
				} else {
					fg.Down++
				}
			}
		}
	}
	return fg
}

// ExampleChange is a labelled example whose verdict level changes.
type ExampleChange struct {
	Rule, Text string
	From, To   string
}

// RecentImpact is how many recent screenings would change level.
type RecentImpact struct {
	Since         time.Time
	Total, Up, Dn int
	// Samples are up to three screenings that change level.
	Samples []RecentChange
}

// RecentChange is one re-scored screening.
type RecentChange struct {
	ID                 int64
	Time               time.Time
	RuleIDs            []string
	FromLevel, ToLevel string
	FromScore, ToScore int
}

// Summary describes the change in one line.
func (p *Preview) Summary() string {
	var parts []string
	if len(p.Added) > 0 {
		parts = append(parts, "added "+strings.Join(p.Added, ", "))
	}
	if len(p.Removed) > 0 {
		parts = append(parts, "removed "+strings.Join(p.Removed, ", "))
	}
	if len(p.Changed) > 0 {
		parts = append(parts, "changed "+strings.Join(p.Changed, ", "))
	}
	if p.OldThresholds != p.NewThresholds {
		parts = append(parts, fmt.Sprintf("thresholds %d/%d → %d/%d",
			p.OldThresholds.Medium, p.OldThresholds.High, p.NewThresholds.Medium, p.NewThresholds.High))
	}
	if len(p.Other) > 0 {
		parts = append(parts, "changed "+strings.Join(p.Other, ", "))
	}
	if len(parts) == 0 {
		return "no change"
	}
	s := strings.Join(parts, "; ")
	if len(s) > 200 {
		s = s[:197] + "..."
	}
	return s
}

// RecentWindow is how far back Preview re-scores screenings, and
// RecentLimit how many at most.
const (
	RecentWindow = 30 * 24 * time.Hour
	RecentLimit  = 5000
)

// Preview validates newYAML (schema, regexes, every example) and compares
// it with version base: the rules changed, the labelled examples whose
// level changes and the recent screenings whose level would change.
func (m *Manager) Preview(ctx context.Context, base int, newYAML []byte) (*Preview, error) {
	neweng, err := m.compile("rules.yaml", newYAML, 0)
	if err != nil {
		return nil, err
	}
	oldeng, oldYAML, err := m.engineFor(ctx, base)
	if err != nil {
		return nil, err
	}
	oldf, newf := oldeng.Rules(), neweng.Rules()
	p := &Preview{Base: base, YAML: newYAML, Engine: neweng, Same: bytes.Equal(oldYAML, newYAML),
		OldThresholds: oldf.Thresholds, NewThresholds: newf.Thresholds}
	diffRules(p, oldf, newf)

	// Labelled examples: every example of either file, screened by both.
	p.Figures = screenExamples([]*rules.File{oldf, newf}, oldeng, neweng)

	since := time.Now().Add(-RecentWindow)
	recent, err := m.st.RecentScreenings(ctx, since, RecentLimit)
	if err != nil {
		return nil, err
	}
	p.Recent = Rescore(recent, oldf, newf)
	p.Recent.Since = since
	return p, nil
}

// Rescore re-scores stored screenings by their rule ids with the old and
// the new rules and counts those whose level changes. Rules a screening
// did not hit (for example rules that were disabled then) cannot be
// re-scored without the text, so only weights, switches, combos and
// thresholds are taken into account.
func Rescore(scs []store.Screening, oldf, newf *rules.File) RecentImpact {
	var ri RecentImpact
	for _, sc := range scs {
		ri.Total++
		// The text model's points (hit "model") are what the stored score
		// has beyond the rules; they stay the same under the new rules.
		extra := 0
		if slices.Contains(sc.RuleIDs, screen.ModelRule) {
			rs, _ := score(oldf, sc.RuleIDs, 0)
			extra = sc.Score - rs
		}
		os, ol := score(oldf, sc.RuleIDs, extra)
		ns, nl := score(newf, sc.RuleIDs, extra)
		ri.count(sc, ol, nl, os, ns)
	}
	return ri
}

// count counts a re-scored screening that changes level (from → to) and
// keeps the first three as samples.
func (ri *RecentImpact) count(sc store.Screening, from, to string, fromScore, toScore int) {
	if from == to {
		return
	}
	if screen.LevelRank(to) > screen.LevelRank(from) {
		ri.Up++
	} else {
		ri.Dn++
	}
	if len(ri.Samples) < 3 {
		ri.Samples = append(ri.Samples, RecentChange{ID: sc.ID, Time: sc.Time, RuleIDs: sc.RuleIDs,
			FromLevel: from, ToLevel: to, FromScore: fromScore, ToScore: toScore})
	}
}

// score is the score and level that rules f give a text on which the rules
// ids hit, with extra points (the text model's).
func score(f *rules.File, ids []string, extra int) (int, string) {
	byID := make(map[string]*rules.Rule, len(f.Rules))
	for i := range f.Rules {
		byID[f.Rules[i].ID] = &f.Rules[i]
	}
	s := extra
	cats := map[string]bool{}
	for _, id := range ids {
		r := byID[id]
		if r == nil || r.Disabled {
			continue
		}
		s += r.Weight
		if r.Weight > 0 {
			cats[r.Category] = true
		}
	}
	for _, c := range f.MatchCombos(func(cat string) bool { return cats[cat] }) {
		s += c.Weight
	}
	return s, f.Thresholds.Level(s)
}

func diffRules(p *Preview, oldf, newf *rules.File) {
	old := map[string]rules.Rule{}
	for _, r := range oldf.Rules {
		old[r.ID] = r
	}
	inNew := map[string]bool{}
	for _, r := range newf.Rules {
		inNew[r.ID] = true
		o, ok := old[r.ID]
		switch {
		case !ok:
			p.Added = append(p.Added, r.ID)
		case !sameYAML(o, r):
			p.Changed = append(p.Changed, r.ID)
		}
	}
	for _, r := range oldf.Rules {
		if !inNew[r.ID] {
			p.Removed = append(p.Removed, r.ID)
		}
	}
	for _, s := range []struct {
		name string
		a, b any
	}{
		{"job_ad", oldf.JobAd, newf.JobAd}, {"categories", oldf.Categories, newf.Categories},
		{"combos", oldf.Combos, newf.Combos}, {"destinations", oldf.Destinations, newf.Destinations},
		{"guidance", oldf.Guidance, newf.Guidance}, {"negation", oldf.Negation, newf.Negation},
		{"lists", oldf.Lists, newf.Lists}, {"name", oldf.Name, newf.Name},
	} {
		if !sameYAML(s.a, s.b) {
			p.Other = append(p.Other, s.name)
		}
	}
}

func sameYAML(a, b any) bool {
	x, err1 := yaml.Marshal(a)
	y, err2 := yaml.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}
