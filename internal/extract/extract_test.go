package extract

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/cekloker/cekloker/internal/normalize"
)

func TestExtractAd(t *testing.T) {
	e := testX.Extract(benchAd)
	checkInvariants(t, benchAd, e)

	var phones []string
	for _, p := range e.Phones {
		phones = append(phones, p.E164)
	}
	if want := []string{"+6281234567890", "+85516318274"}; !slices.Equal(phones, want) {
		t.Errorf("phones = %v, want %v", phones, want)
	}
	var kinds []string
	for _, l := range e.Links {
		kinds = append(kinds, l.Kind)
	}
	if want := []string{"telegram", "form", "shortener"}; !slices.Equal(kinds, want) {
		t.Errorf("link kinds = %v, want %v", kinds, want)
	}
	if want := []string{"@hrd_kh_nadia"}; !slices.Equal(e.Handles, want) {
		t.Errorf("handles = %v, want %v", e.Handles, want)
	}
	if len(e.Emails) != 1 || e.Emails[0] != (Email{"rekrutmen.kh@gmail.com", true}) {
		t.Errorf("emails = %+v", e.Emails)
	}
	var raws []string
	for _, s := range e.Salaries {
		raws = append(raws, s.Raw)
	}
	want := []string{"𝟭𝟱 - 𝟮𝟱 juta/bulan", "$500 per minggu", "USD 1,200 – 1,600", "Rp 2.500.000", "100rb/hari"}
	if !slices.Equal(raws, want) {
		t.Errorf("salaries = %q, want %q", raws, want)
	}
	for _, p := range e.Phones {
		if got := strings.TrimSpace(benchAd[p.Start:p.End]); got != p.Raw {
			t.Errorf("phone span %q != raw %q", got, p.Raw)
		}
	}
}

func TestEmptyAndPlain(t *testing.T) {
	for _, text := range []string{"", " ", "Lowongan kerja tanpa kontak."} {
		e := testX.Extract(text)
		if e.Phones != nil || e.Links != nil || e.Handles != nil || e.Emails != nil || e.Salaries != nil {
			t.Errorf("testX.Extract(%q) = %+v, want nothing", text, e)
		}
	}
}

func TestJSONShape(t *testing.T) {
	b, err := json.Marshal(testX.Extract("Gaji 15jt/bulan WA +855 16 318 274"))
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	for _, want := range []string{
		`"phones":[{"raw":"+855 16 318 274","e164":"+85516318274","region":"KH","country_code":855}]`,
		`"salaries":[{"raw":"15jt/bulan","currency":"IDR","min":15000000,"max":15000000,"period":"month","monthly_idr":15000000}]`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("JSON %s lacks %s", got, want)
		}
	}
	for _, absent := range []string{"Start", "links", "handles", "emails"} {
		if strings.Contains(got, absent) {
			t.Errorf("JSON %s should not contain %s", got, absent)
		}
	}
	if b, _ := json.Marshal(testX.Extract("")); string(b) != "{}" {
		t.Errorf("empty JSON = %s", b)
	}
}

func TestSpansAcrossFolding(t *testing.T) {
	text := "ＷＡ：＋８５５ １６ ３１８ ２７４ ⚠️ Gaji ①⑤jt\u200b/bulan"
	e := testX.Extract(text)
	if len(e.Phones) != 1 || text[e.Phones[0].Start:e.Phones[0].End] != "＋８５５ １６ ３１８ ２７４" {
		t.Errorf("phones = %+v", e.Phones)
	}
	if len(e.Salaries) != 1 || e.Salaries[0].Max != 15e6 || e.Salaries[0].Period != "month" {
		t.Fatalf("salaries = %+v", e.Salaries)
	}
	if got := text[e.Salaries[0].Start:e.Salaries[0].End]; got != "①⑤jt\u200b/bulan" {
		t.Errorf("salary span = %q", got)
	}
}

func TestConcurrentUse(t *testing.T) {
	want := testX.Extract(benchAd)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				got := testX.Extract(benchAd)
				if len(got.Phones) != len(want.Phones) || len(got.Salaries) != len(want.Salaries) || len(got.Links) != len(want.Links) {
					t.Errorf("concurrent result differs: %+v", got)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestInvisibleCharactersInsideNumbers puts every character that normalize
// counts as invisible between the digits of a number: the extractor reads
// the same folded view as the tokenizer, so it must still find the number.
func TestInvisibleCharactersInsideNumbers(t *testing.T) {
	n := 0
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if !normalize.Invisible(r) {
			continue
		}
		n++
		c := string(r)
		text := "WA 0812" + c + "3456" + c + "7890"
		ph := testX.Extract(text).Phones
		if len(ph) != 1 || ph[0].E164 != "+6281234567890" {
			t.Errorf("U+%04X between digits: phones %+v", r, ph)
			continue
		}
		if got := text[ph[0].Start:ph[0].End]; got != text[3:] {
			t.Errorf("U+%04X: span %q, want %q", r, got, text[3:])
		}
	}
	if n < 100 {
		t.Fatalf("only %d invisible characters known", n)
	}
}

// TestBidiIsolatedNumberGivesItsCountry: a +855 number whose digits are
// split by bidi isolates (U+2066 … U+2069) still gives away Cambodia.
func TestBidiIsolatedNumberGivesItsCountry(t *testing.T) {
	for _, text := range []string{"WA 0812\u20663456\u20697890", "hub +855\u2066 16 318\u2069 274"} {
		ph := testX.Extract(text).Phones
		if len(ph) != 1 {
			t.Fatalf("%q: phones %+v", text, ph)
		}
	}
	if ph := testX.Extract("hub +855\u2066 16 318\u2069 274").Phones; ph[0].CountryCode != 855 || ph[0].Region != "KH" {
		t.Errorf("country = %d %s", ph[0].CountryCode, ph[0].Region)
	}
}
