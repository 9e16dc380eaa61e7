package reply

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/cekloker/cekloker/internal/i18n"
	"github.com/cekloker/cekloker/internal/screen"
)

// memoryOf finds what memory remembered for a memory hit of v.
func memoryOf(v screen.Verdict, h screen.Hit) (screen.MemoryHit, bool) {
	text := h.Rule == screen.RuleMemoryText
	for _, m := range v.Memory {
		if m.Value == h.Match && (m.Kind == screen.MemoryText) == text {
			return m, true
		}
	}
	return screen.MemoryHit{}, false
}

// MemoryLine explains a memory hit in lang, e.g. "Nomor WhatsApp +855 16
// 318 274 ada di iklan yang dikonfirmasi penipuan pada 12 Nov (3 laporan)".
func MemoryLine(h screen.MemoryHit, lang string) string {
	var what string
	switch h.Kind {
	case screen.MemoryText:
		what = i18n.T(lang, "memory_same", "Pct", int(h.Similarity*100+0.5))
	default:
		what = i18n.T(lang, "memory_appears", "Contact", ContactLabel(h.Kind, lang), "Value", h.Value)
	}
	if h.Confirmed.IsZero() {
		return i18n.T(lang, "memory_known", "What", what, "Source", h.Source)
	}
	return i18n.N(lang, "memory_confirmed", h.Reports, "What", what, "Date", ShortDate(h.Confirmed, lang))
}

// ContactLabel names a kind of contact (screen.MemoryPhone, ...).
func ContactLabel(kind, lang string) string {
	switch kind {
	case screen.MemoryPhone, screen.MemoryHandle, screen.MemoryEmail, screen.MemoryLink, screen.MemoryBank:
		return i18n.T(lang, "contact_"+kind)
	}
	return i18n.T(lang, "contact_other")
}

// ShortDate writes a date as "12 Nov" (the catalog's month names), with
// the year when it is not the current year.
func ShortDate(t time.Time, lang string) string {
	t = t.UTC()
	m := t.Month().String()[:3]
	if names := strings.Fields(i18n.T(lang, "months")); len(names) == 12 {
		m = names[t.Month()-1]
	}
	s := fmt.Sprintf("%d %s", t.Day(), m)
	if t.Year() != time.Now().UTC().Year() {
		s += fmt.Sprintf(" %d", t.Year())
	}
	return s
}

// modelExplain says how the text model read the text.
func modelExplain(p *screen.ModelPart, lang string) string {
	pct := int(math.Round(100 * p.Probability))
	switch {
	case p.Points > 0 && pct >= 50:
		return i18n.T(lang, "model_scam", "Pct", pct)
	case p.Points > 0:
		// It adds points to a text it finds less than even odds a scam
		// (it is sure of few ordinary ads with such wording): "reads like
		// known scam ads (40%)" would overstate it.
		return i18n.T(lang, "model_some", "Pct", pct)
	case pct >= 50:
		// It takes points off a text it still finds more like scams
		// than not: "only 94% like scams" would read as nonsense.
		return i18n.T(lang, "model_milder", "Pct", pct)
	}
	return i18n.T(lang, "model_ordinary", "Pct", pct)
}
