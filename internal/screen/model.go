package screen

import (
	"math"
	"strconv"
	"strings"

	"github.com/cekloker/cekloker/internal/model"
	"github.com/cekloker/cekloker/internal/normalize"
)

// The join of rules and model
//
// The text model (internal/model) reads the normalised text and the rules'
// findings (which rules and combos hit, which categories, which entities).
// Its scam head gives log-odds z; the model's part of the score is
// model.Join.Score: up to Max points above the log-odds Pos, down to Min
// points below Neg, nothing in between, and when the job head says the text
// is no job ad (news, a warning, a question) at most 0 plus NonJob. When
// the model alone is sure of a job ad (log-odds at or above the join's
// Lift cut-offs), its points are at least what the score needs to reach
// the medium or high threshold. The parameters come from the model's
// manifest, chosen by `bot train` on validation folds for the
// false-positive budget. The points are added to the rule score as one
// more hit (rule "model"), and the level comes from the rule file's
// thresholds as before. A rule that an admin adds or re-weights therefore
// moves the score by exactly its weight, except where the model alone has
// lifted the score to a threshold (there the lift makes up the rest); the
// model's points depend on which rules hit, not on their weights.
//
// With a model, a text is a job ad when the rules say so and the job head's
// probability reaches JobCut, or when the joined score is high; an
// awareness post recognised by the rules' warning phrases stays not a job
// ad.

// ModelRule is the rule id (and category) of the model's hit.
const ModelRule = "model"

// ModelPart is the model's part of a verdict.
type ModelPart struct {
	// Probability is the scam head's probability.
	Probability float64 `json:"probability"`
	// Points is what the model added to the score (may be negative).
	Points int `json:"points"`
	// JobProbability is the job head's probability.
	JobProbability float64 `json:"job_probability"`
	Version        string  `json:"version,omitempty"`
	// Top are the fragments of the original text that pushed most.
	Top []ModelFragment `json:"top"`
}

// ModelFragment is a quoted fragment and its weight in log-odds.
type ModelFragment struct {
	Match  string  `json:"match"`
	Weight float64 `json:"weight"`
}

// WithModel returns a copy of the engine that joins the model m into every
// verdict (nil: rules alone).
func (e *Engine) WithModel(m *model.Model) *Engine {
	c := *e
	c.model = m
	return &c
}

// Model returns the engine's model, or nil.
func (e *Engine) Model() *model.Model { return e.model }

// ModelSymbols are the symbolic features of a rules-only verdict: rule
// hits, combos, flagged categories, entities and destinations.
func ModelSymbols(s *model.Settings, v *Verdict) []uint32 {
	out := make([]uint32, 0, 2*len(v.Hits)+len(v.Combos)+8)
	for _, h := range v.Hits {
		out = append(out, s.Symbol("rule", h.Rule))
		if h.Weight > 0 {
			out = append(out, s.Symbol("cat", h.Category))
		}
	}
	for _, c := range v.Combos {
		out = append(out, s.Symbol("combo", c.ID))
	}
	ents := v.Entities
	if len(ents.Phones) > 0 {
		out = append(out, s.Symbol("entity", "phone"))
	}
	for _, l := range ents.Links {
		out = append(out, s.Symbol("link", l.Kind))
	}
	if len(ents.Handles) > 0 {
		out = append(out, s.Symbol("entity", "handle"))
	}
	for _, m := range ents.Emails {
		out = append(out, s.Symbol("email", strconv.FormatBool(m.FreeMail)))
	}
	if len(ents.Salaries) > 0 {
		out = append(out, s.Symbol("entity", "salary"))
	}
	for _, d := range v.Destinations {
		out = append(out, s.Symbol("placement", strconv.FormatBool(d.Placement)))
	}
	if v.IsJobAd {
		out = append(out, s.Symbol("entity", "job_ad"))
	}
	return out
}

// joinModel adds the model's part to a rules-only verdict.
// warned is set when the rules found an awareness post (warning phrases,
// no call to apply).
func (e *Engine) joinModel(v *Verdict, nt *normalize.Text, warned bool) {
	m := e.model
	if m == nil {
		return
	}
	r, top := m.ScoreExplain(nt, ModelSymbols(m.Settings(), v))
	man := &m.Manifest
	part := &ModelPart{
		Probability:    round3(r.Scam),
		Points:         man.Join.Score(v.Score, r.Logit, r.Job, e.file.Thresholds.Medium, e.file.Thresholds.High),
		JobProbability: round3(r.Job),
		Version:        m.Version,
		Top:            make([]ModelFragment, 0, len(top)),
	}
	var qs [model.MaxFragments]string
	quotes := qs[:0]
	for _, f := range top {
		q := normalize.Clean(nt.Screened[f.Start:f.End], 60)
		part.Top = append(part.Top, ModelFragment{Match: q, Weight: round3(f.Weight)})
		quotes = append(quotes, q)
	}
	v.Model = part
	if part.Points != 0 {
		v.Hits = append(v.Hits, Hit{
			Rule: ModelRule, Category: ModelRule, Weight: part.Points,
			Match: strings.Join(quotes, ", "),
		})
		v.Score += part.Points
	}
	// The job head overrules the rules' "job ad" when it doubts it (news,
	// warnings, questions that name jobs), and makes a job ad of a text it
	// is sure of although no red-flag category counted (an honest "Bengkel
	// butuh mekanik, hub 0813…" is a job ad, not "send me the ad"). A text
	// still rated high after the join is a job ad all the same, so that
	// groups are warned.
	sure := r.Job >= surelyJobAd && words(nt) >= minWordsToVouch
	v.IsJobAd = !warned && (v.IsJobAd && r.Job >= man.Join.JobCut || sure || v.Score >= e.file.Thresholds.High)
}

// surelyJobAd is the job head's probability from which a text of at least
// minWordsToVouch words is a job ad whatever the rules' job-ad categories
// found. Chosen high: of the texts written to test it, it took 22 more of
// 160 short local ads for job ads and 1 more of 30 unseen non-job texts. A
// bare phone number or handle is no ad (it is looked up in memory): the
// head has next to nothing to read there and falls back on its prior.
const (
	surelyJobAd     = 0.9
	minWordsToVouch = 8
)

// words counts the tokens of nt that are not numbers.
func words(nt *normalize.Text) int {
	n := 0
	for _, t := range nt.Tokens {
		if t.Text != "#" {
			n++
		}
	}
	return n
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
