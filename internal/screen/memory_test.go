package screen

import (
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/extract"
)

// stubMemory remembers one phone number.
type stubMemory struct{ e164 string }

func (s stubMemory) Recall(_ string, ents extract.Entities) []MemoryHit {
	for _, p := range ents.Phones {
		if p.E164 == s.e164 {
			return []MemoryHit{{Kind: MemoryPhone, Value: p.Raw, Entry: 3, Reports: 3, Source: "report",
				Confirmed: time.Date(time.Now().Year(), 11, 12, 8, 0, 0, 0, time.UTC)}}
		}
	}
	return nil
}

func TestScreenWithMemory(t *testing.T) {
	e := engine(t)
	text := "Halo, yang mau kerja hubungi +855 16 318 274. Transfer pendaftaran ke BRI 1234-5678-9012-345"
	plain := e.ScreenWith(text, nil)
	if len(plain.Memory) != 0 || len(plain.Entities.Banks) != 1 || plain.Entities.Banks[0].Bank != "BRI" {
		t.Fatalf("without memory: %+v", plain)
	}
	v := e.ScreenWith(text, stubMemory{"+85516318274"})
	if v.Level != "high" || v.Score != plain.Score+e.Rules().Thresholds.High || len(v.Memory) != 1 {
		t.Fatalf("with memory: level %s score %d (plain %d)", v.Level, v.Score, plain.Score)
	}
	h := v.Hits[len(v.Hits)-1]
	if h.Rule != RuleMemoryContact || h.Category != CategoryMemory || h.Match != "+855 16 318 274" || v.Memory[0].Value != h.Match {
		t.Errorf("hit %+v, memory %+v", h, v.Memory)
	}
	// reply's TestMemoryLine checks what the hit says.
}

// TestMemoryContactMakesAnAd: a remembered scammer's number makes a post
// an ad to answer, unless the post warns about scams.
func TestMemoryContactMakesAnAd(t *testing.T) {
	e := engine(t)
	mem := stubMemory{"+85516318274"}
	post := e.ScreenWith("Teman saya butuh orang untuk bantu-bantu, kerjanya santai. Yang minat langsung chat +855 16 318 274", mem)
	if !post.IsJobAd || post.Level != "high" {
		t.Errorf("post with a remembered number: job ad %v, level %s", post.IsJobAd, post.Level)
	}
	warning := e.ScreenWith("Waspada penipuan! Jangan tergiur, nomor +855 16 318 274 ini modus penipuan lowongan kerja", mem)
	if warning.IsJobAd {
		t.Errorf("a warning naming the number counts as a job ad")
	}
}
