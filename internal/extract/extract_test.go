package extract

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestExtractAd(t *testing.T) {
	e := Extract(benchAd)
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
		e := Extract(text)
		if e.Phones != nil || e.Links != nil || e.Handles != nil || e.Emails != nil || e.Salaries != nil {
			t.Errorf("Extract(%q) = %+v, want nothing", text, e)
		}
	}
}

func TestJSONShape(t *testing.T) {
	b, err := json.Marshal(Extract("Gaji 15jt/bulan WA +855 16 318 274"))
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
	if b, _ := json.Marshal(Extract("")); string(b) != "{}" {
		t.Errorf("empty JSON = %s", b)
	}
}

func TestSpansAcrossFolding(t *testing.T) {
	text := "ＷＡ：＋８５５ １６ ３１８ ２７４ ⚠️ Gaji ①⑤jt\u200b/bulan"
	e := Extract(text)
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

func TestFoldSpan(t *testing.T) {
	text := "a⑩b\u200bc–d"
	f := fold(text)
	defer f.release()
	if f.s != "a10bc-d" {
		t.Fatalf("folded = %q", f.s)
	}
	tests := []struct {
		a, b int
		want string
	}{
		{0, 1, "a"}, {1, 2, "⑩"}, {2, 3, "⑩"}, {1, 3, "⑩"}, {0, 4, "a⑩b"},
		{4, 5, "c"}, {3, 5, "b\u200bc"}, {5, 6, "–"}, {6, 7, "d"}, {0, 7, text},
	}
	for _, tc := range tests {
		a, b := f.span(tc.a, tc.b)
		if got := text[a:b]; got != tc.want {
			t.Errorf("span(%d,%d) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestFoldSameLengthReplacement(t *testing.T) {
	text := "xĲ9"
	f := fold(text)
	defer f.release()
	if f.s != "xIJ9" {
		t.Fatalf("folded = %q", f.s)
	}
	for _, tc := range []struct {
		a, b int
		want string
	}{{1, 2, "Ĳ"}, {2, 3, "Ĳ"}, {2, 4, "Ĳ9"}, {3, 4, "9"}} {
		a, b := f.span(tc.a, tc.b)
		if got := text[a:b]; got != tc.want {
			t.Errorf("span(%d,%d) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	want := Extract(benchAd)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				if i%10 == 0 {
					resetCaches()
				}
				got := Extract(benchAd)
				if len(got.Phones) != len(want.Phones) || len(got.Salaries) != len(want.Salaries) || len(got.Links) != len(want.Links) {
					t.Errorf("concurrent result differs: %+v", got)
					return
				}
			}
		}()
	}
	wg.Wait()
}
