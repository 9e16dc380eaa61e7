package screen

import (
	"slices"
	"testing"

	"github.com/cekloker/cekloker/internal/extract"
)

// fixture loads testdata/semantics.yaml, a small rule file made for these
// tests.
func fixture(t *testing.T) *Engine {
	t.Helper()
	e, err := Load("testdata/semantics.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestEngineSemantics(t *testing.T) {
	e := fixture(t)
	tests := []struct {
		name, text string
		hits       []string
		combos     []string
		score      int
	}{
		{"phrase", "Ada biaya pendaftaran", []string{"fee_registration"}, nil, 3},
		{"negated before", "Tidak ada biaya pendaftaran", nil, nil, 0},
		{"negated after", "Biaya pendaftaran gratis", nil, nil, 0},
		{"negation stops at a sentence break", "Tidak. Ada biaya pendaftaran", []string{"fee_registration"}, nil, 3},
		{"exclude", "Ini bukan visa turis", nil, nil, 0},
		{"exclude only inside", "Bukan visa turis? Cukup visa turis", []string{"visa_tourist"}, nil, 4},
		{"min_matches not reached", "Dicari operator", nil, nil, 0},
		{"min_matches reached", "Dicari operator, kasir", []string{"many_jobs"}, nil, 2},
		{"abbreviation from the lists", "brgkt sekarang", []string{"departs_now"}, nil, 3},
		{"wildcard", "segera diberangkatkan", []string{"departs_now"}, nil, 3},
		{"entity link from the lists", "daftar bit.ly/x1", []string{"short_link"}, nil, 2},
		{"entity link not listed", "daftar tinyurl.com/x1", nil, nil, 0},
		{"entity free mail", "cv ke a.b@gmail.com", []string{"free_mail"}, nil, 1},
		{"entity salary", "gaji 25 juta", []string{"big_pay"}, nil, 2},
		{"regex", "daftar di loker2025.my.id", []string{"cheap_site"}, nil, 2},
		{"combo", "cukup visa turis, brgkt sekarang", []string{"visa_tourist", "departs_now"}, []string{"promise_departure"}, 9},
		{"combo replaces its subset", "cukup visa turis, brgkt sekarang, bit.ly/x", []string{"visa_tourist", "departs_now", "short_link"}, []string{"promise_departure_channel"}, 14},
		{"not an offer: rated low, the rule takes off what it takes", "Cukup visa turis, brgkt sekarang, apakah aman?", []string{"visa_tourist", "departs_now", "question"}, []string{"promise_departure"}, 3},
		{"not an offer: its weight on a low score", "Apakah aman?", []string{"question"}, nil, -1},
		{"not an offer does not count in a text that recruits", "Cukup visa turis, apakah aman? Hubungi kami", []string{"visa_tourist"}, nil, 4},
		{"not an offer does not count in a text with a phone number", "Cukup visa turis, apakah aman? 0812 3456 7890", []string{"visa_tourist"}, nil, 4},
		{"unrelated combos both count", "visa turis brgkt sekarang bit.ly/x ada biaya pendaftaran", []string{"fee_registration", "visa_tourist", "departs_now", "short_link"}, []string{"promise_departure_channel", "channel_fee"}, 18},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := e.Screen(tt.text)
			var combos []string
			for _, c := range v.Combos {
				combos = append(combos, c.ID)
			}
			if !slices.Equal(v.HitRules(), tt.hits) && !(len(tt.hits) == 0 && len(v.Hits) == 0) {
				t.Errorf("hits %v, want %v", v.HitRules(), tt.hits)
			}
			if !slices.Equal(combos, tt.combos) {
				t.Errorf("combos %v, want %v", combos, tt.combos)
			}
			if v.Score != tt.score {
				t.Errorf("score %d, want %d", v.Score, tt.score)
			}
		})
	}
}

// TestRegexRunsAroundItsWord: a regular expression is found wherever its
// fixed word occurs in a long text, also far from the start.
func TestRegexRunsAroundItsWord(t *testing.T) {
	e := fixture(t)
	long := ""
	for len(long) < 40<<10 {
		long += "kalimat biasa tanpa apa apa. "
	}
	v := e.Screen(long + "daftar di loker.my.id " + long)
	if !slices.Equal(v.HitRules(), []string{"cheap_site"}) || v.Hits[0].Match != "loker.my.id" {
		t.Errorf("hits %+v", v.Hits)
	}
}

func TestScreenMessageSeesHiddenLink(t *testing.T) {
	e := fixture(t)
	text := "Daftar di sini"
	if v := e.Screen(text); len(v.Hits) != 0 {
		t.Fatalf("hits without hints: %v", v.HitRules())
	}
	v := e.ScreenMessage(Message{Text: text, Hints: []extract.Hint{{Type: "text_link", Offset: 7, Length: 7, URL: "https://bit.ly/xyz"}}})
	if !slices.Equal(v.HitRules(), []string{"short_link"}) || v.Hits[0].Match != "https://bit.ly/xyz" {
		t.Errorf("hits %+v", v.Hits)
	}
}

// TestNotAnOffer: a not_an_offer hit makes the text no job ad and shows
// what it took off as its weight; the score is then the medium threshold
// less one.
func TestNotAnOffer(t *testing.T) {
	e := fixture(t)
	before := e.Screen("Lowongan kerja, cukup visa turis, brgkt sekarang")
	v := e.Screen("Lowongan kerja, cukup visa turis, brgkt sekarang, apakah aman?")
	if !before.IsJobAd || before.Level == "low" {
		t.Fatalf("without the question: %s, job ad %v", before.Level, before.IsJobAd)
	}
	if v.IsJobAd || v.Level != "low" || v.Score != 3 {
		t.Errorf("with the question: %s (%d), job ad %v; want low (3), no job ad", v.Level, v.Score, v.IsJobAd)
	}
	if h := v.Hits[len(v.Hits)-1]; h.Rule != "question" || h.Weight != 3-before.Score {
		t.Errorf("last hit %+v, want question with weight %d", h, 3-before.Score)
	}
}

// TestOfficialNumbersAreNoContact: a not_an_offer text that gives a phone
// number or a WhatsApp link is not let off, unless the number is one of
// lists.official_phones (a hotline that warnings and reports print).
func TestOfficialNumbersAreNoContact(t *testing.T) {
	e := fixture(t)
	const q = "Lowongan kerja, cukup visa turis, brgkt sekarang, apakah aman? "
	for _, c := range []struct {
		tail   string
		letOff bool
	}{
		{"Tanya hotline 0811-8080-141", true},
		{"Tanya wa.me/628118080141", true},
		{"Tanya +62 811 8080 141 atau 0812-3456-7890", false},
		{"Tanya 0812-3456-7890", false},
		{"Tanya wa.me/6281234567890", false},
	} {
		v := e.Screen(q + c.tail)
		if got := v.Level == "low" && !v.IsJobAd; got != c.letOff {
			t.Errorf("%q: %s, job ad %v; let off %v, want %v", c.tail, v.Level, v.IsJobAd, got, c.letOff)
		}
	}
}

// TestDespiteContact: a not_an_offer rule with despite_contact lets a text
// off although it gives a number (a trip on sale, booked by phone), but
// not when a category of its unless list has a hit (a "trip" that
// promises work); a not_an_offer rule without it is still kept off by the
// number.
func TestDespiteContact(t *testing.T) {
	e := fixture(t)
	const trip = "Open trip, brgkt sekarang, ada biaya pendaftaran. Booking 0812-3456-7890"
	if v := e.Screen(trip); v.Level != "low" || v.IsJobAd {
		t.Errorf("trip with a booking number: %s (%d), job ad %v, hits %v", v.Level, v.Score, v.IsJobAd, v.HitRules())
	}
	if v := e.Screen("Cukup visa turis! " + trip); v.Level == "low" {
		t.Errorf("a trip that promises work was let off: %s (%d), hits %v", v.Level, v.Score, v.HitRules())
	}
	if v := e.Screen("Cukup visa turis, brgkt sekarang, apakah aman? Hub 0812-3456-7890"); v.Level == "low" {
		t.Errorf("a question with a number was let off: %s (%d), hits %v", v.Level, v.Score, v.HitRules())
	}
}
