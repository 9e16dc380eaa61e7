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
	plain := e.ScreenWith(text, "id", nil)
	if len(plain.Memory) != 0 || len(plain.Entities.Banks) != 1 || plain.Entities.Banks[0].Bank != "BRI" {
		t.Fatalf("without memory: %+v", plain)
	}
	v := e.ScreenWith(text, "id", stubMemory{"+85516318274"})
	if v.Level != "high" || v.Score != plain.Score+e.Rules().Thresholds.High || len(v.Memory) != 1 {
		t.Fatalf("with memory: level %s score %d (plain %d)", v.Level, v.Score, plain.Score)
	}
	h := v.Hits[len(v.Hits)-1]
	want := "Nomor WhatsApp/telepon +855 16 318 274 ada di iklan yang dikonfirmasi penipuan pada 12 Nov (3 laporan)."
	if h.Rule != RuleMemoryContact || h.Category != CategoryMemory || h.Match != "+855 16 318 274" || h.Explain != want {
		t.Errorf("hit %+v, want explain %q", h, want)
	}
	en := e.ScreenWith(text, "en", stubMemory{"+85516318274"})
	if got := en.Hits[len(en.Hits)-1].Explain; got != "WhatsApp/phone number +855 16 318 274 appears in an ad confirmed as a scam on 12 Nov (3 reports)." {
		t.Errorf("English: %q", got)
	}
	seed := MemoryLine(MemoryHit{Kind: MemoryText, Similarity: 0.874, Source: "corpus turnbackhoax t-00001"}, "id")
	if seed != "Iklan ini 87% sama dengan iklan penipuan yang dikenal (sumber: corpus turnbackhoax t-00001)." {
		t.Errorf("known template line: %q", seed)
	}
}

// TestMemoryContactMakesAnAd: a remembered scammer's number makes a post
// an ad to answer, unless the post warns about scams.
func TestMemoryContactMakesAnAd(t *testing.T) {
	e := engine(t)
	mem := stubMemory{"+85516318274"}
	post := e.ScreenWith("Teman saya butuh orang untuk bantu-bantu, kerjanya santai. Yang minat langsung chat +855 16 318 274", "id", mem)
	if !post.IsJobAd || post.Level != "high" {
		t.Errorf("post with a remembered number: job ad %v, level %s", post.IsJobAd, post.Level)
	}
	warning := e.ScreenWith("Waspada penipuan! Jangan tergiur, nomor +855 16 318 274 ini modus penipuan lowongan kerja", "id", mem)
	if warning.IsJobAd {
		t.Errorf("a warning naming the number counts as a job ad")
	}
}
