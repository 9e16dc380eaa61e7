package reply

import (
	"github.com/cekloker/cekloker/internal/extract"
	"github.com/cekloker/cekloker/internal/rules"
	"github.com/cekloker/cekloker/internal/screen"
)

// JSONVerdict is a verdict with its explanations rendered in Lang: what
// `bot screen --json` prints. Its fields are those of screen.Verdict, in
// the same order, plus the texts.
type JSONVerdict struct {
	Level        string             `json:"level"`
	Score        int                `json:"score"`
	IsJobAd      bool               `json:"is_job_ad"`
	Hits         []JSONHit          `json:"hits"`
	Combos       []JSONCombo        `json:"combos,omitempty"`
	Entities     extract.Entities   `json:"entities"`
	Destination  *JSONDestination   `json:"destination,omitempty"`
	Destinations []JSONDestination  `json:"destinations,omitempty"`
	Lang         string             `json:"lang"`
	RulesVersion string             `json:"rules_version,omitempty"`
	Model        *screen.ModelPart  `json:"model,omitempty"`
	Truncated    bool               `json:"truncated,omitempty"`
	Memory       []screen.MemoryHit `json:"memory,omitempty"`
}

// JSONHit is a hit with its explanation.
type JSONHit struct {
	screen.Hit
	Explain string `json:"explain"`
}

// JSONCombo is a combination with its explanation.
type JSONCombo struct {
	screen.ComboHit
	Explain string `json:"explain"`
}

// JSONDestination is a destination with its name.
type JSONDestination struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Placement bool   `json:"placement"`
	Evidence  string `json:"evidence"`
}

// JSON renders v's explanations and names in lang.
func JSON(v screen.Verdict, f *rules.File, lang string) JSONVerdict {
	out := JSONVerdict{
		Level: v.Level, Score: v.Score, IsJobAd: v.IsJobAd, Hits: make([]JSONHit, len(v.Hits)),
		Entities: v.Entities, Lang: lang, RulesVersion: v.RulesVersion, Model: v.Model,
		Truncated: v.Truncated, Memory: v.Memory,
	}
	for i, h := range v.Hits {
		out.Hits[i] = JSONHit{Hit: h, Explain: explain(f, v, h, lang)}
	}
	for _, c := range v.Combos {
		out.Combos = append(out.Combos, JSONCombo{ComboHit: c, Explain: ComboExplain(c, f, lang)})
	}
	dest := func(d *screen.Destination) JSONDestination {
		return JSONDestination{ID: d.ID, Name: DestName(d, f, lang), Placement: d.Placement, Evidence: d.Evidence}
	}
	if v.Destination != nil {
		d := dest(v.Destination)
		out.Destination = &d
	}
	for i := range v.Destinations {
		out.Destinations = append(out.Destinations, dest(&v.Destinations[i]))
	}
	return out
}
