package screen

import "github.com/cekloker/cekloker/internal/extract"

// Verdict is the result of screening one text. It is deterministic: the same
// text and rules always give the same verdict, and Score is the sum of the
// weights of Hits and Combos.
type Verdict struct {
	// Level is "high", "medium" or "low".
	Level string `json:"level"`
	Score int    `json:"score"`
	// IsJobAd reports whether the text looks like a job offer at all.
	IsJobAd bool `json:"is_job_ad"`
	// Hits are the rules that matched, in the order of the rule file.
	Hits []Hit `json:"hits"`
	// Combos are the extra scores for categories that occur together.
	Combos []ComboHit `json:"combos,omitempty"`
	// Entities are the phones, links, handles, emails and salaries found.
	Entities extract.Entities `json:"entities"`
	// Destination is the riskiest destination the text points to (named,
	// or given away by a telephone country code), if any.
	Destination *Destination `json:"destination,omitempty"`
	// Destinations are all destinations the text points to.
	Destinations []Destination `json:"destinations,omitempty"`
	// RulesVersion identifies the rules that gave this verdict.
	RulesVersion string `json:"rules_version,omitempty"`
	// Model is the text model's part (model.go), when a model is joined.
	Model *ModelPart `json:"model,omitempty"`
	// Truncated is set when the text was longer than the screened part.
	Truncated bool `json:"truncated,omitempty"`
	// Memory is what the text shares with remembered scams (ScreenWith).
	Memory []MemoryHit `json:"memory,omitempty"`
}

// Hit is one rule that matched.
type Hit struct {
	Rule     string `json:"rule"`
	Category string `json:"category"`
	Weight   int    `json:"weight"`
	// Match quotes the original fragment that triggered the rule.
	Match string `json:"match"`
}

// ComboHit is a combination of categories that occurred together.
type ComboHit struct {
	ID         string   `json:"id"`
	Categories []string `json:"categories"`
	Weight     int      `json:"weight"`
}

// Destination is a country a text points to.
type Destination struct {
	ID        string `json:"id"`
	Placement bool   `json:"placement"`
	// Evidence quotes what gave it away: a name, a town or a phone number.
	Evidence string `json:"evidence"`
}

// HitRules returns the ids of the rules that hit.
func (v Verdict) HitRules() []string {
	ids := make([]string, len(v.Hits))
	for i, h := range v.Hits {
		ids[i] = h.Rule
	}
	return ids
}

// Flagged reports whether a rule of the category hit with a positive
// weight (a red flag).
func (v Verdict) Flagged(category string) bool {
	for _, h := range v.Hits {
		if h.Category == category && h.Weight > 0 {
			return true
		}
	}
	return false
}

// LevelRank orders levels: low 0, medium 1, high 2 (unknown levels -1).
func LevelRank(level string) int {
	switch level {
	case "low":
		return 0
	case "medium":
		return 1
	case "high":
		return 2
	}
	return -1
}
