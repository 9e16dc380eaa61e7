package screen

import (
	"strings"
	"time"

	"github.com/cekloker/cekloker/internal/extract"
	"github.com/cekloker/cekloker/internal/normalize"
)

// Memory is a read-only snapshot of what the bot remembers of confirmed
// scams: near-duplicate texts and the recruiters' contacts. The engine
// only reads it; it is built and swapped elsewhere (internal/memory).
type Memory interface {
	// Recall returns what text (as screened) and its entities have in
	// common with remembered scams, strongest first.
	Recall(text string, ents extract.Entities) []MemoryHit
}

// Memory hit kinds: a near-duplicate text, or one of the contact kinds.
const (
	MemoryText   = "text"
	MemoryPhone  = "phone"
	MemoryHandle = "handle"
	MemoryEmail  = "email"
	MemoryLink   = "link"
	MemoryBank   = "bank"
)

// Rule ids and category of memory hits in a verdict.
const (
	RuleMemoryText    = "memory_text"
	RuleMemoryContact = "memory_contact"
	CategoryMemory    = "memory"
)

// MemoryHit is one thing a text shares with a remembered scam.
type MemoryHit struct {
	// Kind is MemoryText or a contact kind.
	Kind string `json:"kind"`
	// Value is the contact as written in the text (the text's first line
	// for a text hit).
	Value string `json:"value"`
	// Similarity is the estimated Jaccard similarity (text hits).
	Similarity float64 `json:"similarity,omitempty"`
	// Entry identifies the remembered scam.
	Entry int64 `json:"entry"`
	// Confirmed is when the scam was confirmed (zero for known templates).
	Confirmed time.Time `json:"confirmed,omitzero"`
	// Reports is how many people reported it (0 for known templates).
	Reports int `json:"reports,omitempty"`
	// Source says where it comes from: "report", an import, a corpus.
	Source string `json:"source"`
}

// maxMemoryHits bounds the memory hits quoted in one verdict.
const maxMemoryHits = 3

// ScreenWith screens text like Screen, then consults the memory (see
// ScreenMessageWith).
func (e *Engine) ScreenWith(text string, mem Memory) Verdict {
	return e.ScreenMessageWith(Message{Text: text}, mem)
}

// ScreenMessageWith screens m like ScreenMessage and then consults the
// memory (nil: none): a near-duplicate of a confirmed scam, or a contact
// from one, is a hit as strong as the high threshold, quoted like a rule.
// It also fills Entities.Banks.
func (e *Engine) ScreenMessageWith(m Message, mem Memory) Verdict {
	v := e.ScreenMessage(m)
	text := m.Text
	screened := text
	if len(screened) > normalize.MaxInput {
		screened = screened[:normalize.MaxInput]
	}
	v.Entities.Banks = extract.Banks(screened)
	if mem == nil {
		return v
	}
	f := e.Rules()
	hits := mem.Recall(screened, v.Entities)
	if len(hits) > maxMemoryHits {
		hits = hits[:maxMemoryHits]
	}
	v.Memory = hits
	for _, h := range hits {
		rule := RuleMemoryContact
		if h.Kind == MemoryText {
			rule = RuleMemoryText
			v.IsJobAd = true // a repost of a remembered scam ad
		} else if !v.IsJobAd && !e.warns(screened) {
			v.IsJobAd = true // a scammer's contact in a post that does not warn about it
		}
		w := f.Thresholds.High
		v.Hits = append(v.Hits, Hit{Rule: rule, Category: CategoryMemory, Weight: w, Match: h.Value})
		v.Score += w
	}
	v.Level = e.file.Thresholds.Level(v.Score)
	return v
}

// warns reports whether text is an awareness post: it has as many of the
// rules' warning phrases as job_ad.warnings_min asks.
func (e *Engine) warns(text string) bool {
	ja := e.Rules().JobAd
	if ja.WarningsMin <= 0 {
		return false
	}
	joined := e.Normalize(text).Joined
	n := 0
	for _, p := range ja.CompiledWarnings {
		lit := p.Phrase
		if !p.AnyStart {
			lit = " " + lit
		}
		if !p.AnyEnd {
			lit += " "
		}
		if strings.Contains(joined, lit) {
			n++
		}
	}
	return n >= ja.WarningsMin
}
