package screen

import (
	"fmt"
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
func (e *Engine) ScreenWith(text, lang string, mem Memory) Verdict {
	return e.ScreenMessageWith(Message{Text: text, Lang: lang}, mem)
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
		v.Hits = append(v.Hits, Hit{Rule: rule, Category: CategoryMemory, Weight: w, Match: h.Value, Explain: MemoryLine(h, v.Lang)})
		v.Score += w
	}
	v.Level = e.level(v.Score)
	return v
}

// MemoryLine explains a memory hit in lang, e.g. "Nomor WhatsApp +855 16
// 318 274 ada di iklan yang dikonfirmasi penipuan pada 12 Nov (3 laporan)".
func MemoryLine(h MemoryHit, lang string) string {
	en := lang == "en"
	var what string
	switch h.Kind {
	case MemoryText:
		pct := int(h.Similarity*100 + 0.5)
		if en {
			what = fmt.Sprintf("This ad is %d%% the same as", pct)
		} else {
			what = fmt.Sprintf("Iklan ini %d%% sama dengan", pct)
		}
	default:
		what = contactLabel(h.Kind, en) + " " + h.Value
		if en {
			what += " appears in"
		} else {
			what += " ada di"
		}
	}
	if h.Confirmed.IsZero() {
		if en {
			return fmt.Sprintf("%s a known scam ad (source: %s).", what, h.Source)
		}
		return fmt.Sprintf("%s iklan penipuan yang dikenal (sumber: %s).", what, h.Source)
	}
	if en {
		return fmt.Sprintf("%s an ad confirmed as a scam on %s (%s).", what, ShortDate(h.Confirmed, "en"), plural(h.Reports, "report", "reports"))
	}
	return fmt.Sprintf("%s iklan yang dikonfirmasi penipuan pada %s (%d laporan).", what, ShortDate(h.Confirmed, "id"), h.Reports)
}

func contactLabel(kind string, en bool) string {
	labels := map[string][2]string{
		MemoryPhone:  {"Nomor WhatsApp/telepon", "WhatsApp/phone number"},
		MemoryHandle: {"Akun", "Account"},
		MemoryEmail:  {"Alamat e-mail", "E-mail address"},
		MemoryLink:   {"Tautan", "Link"},
		MemoryBank:   {"Rekening", "Bank account"},
	}
	l, ok := labels[kind]
	if !ok {
		l = [2]string{"Kontak", "Contact"}
	}
	if en {
		return l[1]
	}
	return l[0]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

var monthsID = [...]string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}

// ShortDate writes a date as "12 Nov" (Indonesian month names for "id"),
// with the year when it is not the current year.
func ShortDate(t time.Time, lang string) string {
	t = t.UTC()
	m := t.Month().String()[:3]
	if lang != "en" {
		m = monthsID[t.Month()-1]
	}
	s := fmt.Sprintf("%d %s", t.Day(), m)
	if t.Year() != time.Now().UTC().Year() {
		s += fmt.Sprintf(" %d", t.Year())
	}
	return s
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
