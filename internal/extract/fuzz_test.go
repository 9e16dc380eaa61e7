package extract

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkInvariants asserts what must hold for any input: spans inside the
// text and ordered, raw fragments taken from those spans, sane numbers.
func checkInvariants(t *testing.T, text string, e Entities) {
	t.Helper()
	inBounds := func(what string, a, b int) {
		if a < 0 || b > len(text) || a > b {
			t.Fatalf("%s span %d:%d out of bounds for len %d", what, a, b, len(text))
		}
	}
	rawOf := func(a, b int) string {
		return strings.ToValidUTF8(strings.TrimSpace(text[a:b]), "\uFFFD")
	}
	seen := map[string]bool{}
	for _, p := range e.Phones {
		inBounds("phone", p.Start, p.End)
		if !strings.HasPrefix(p.E164, "+") || p.CountryCode <= 0 || p.Region == "" {
			t.Fatalf("bad phone %+v", p)
		}
		if seen[p.E164] {
			t.Fatalf("duplicate phone %s", p.E164)
		}
		seen[p.E164] = true
		if p.Raw != rawOf(p.Start, p.End) {
			t.Fatalf("phone raw %q is not its span %q", p.Raw, text[p.Start:p.End])
		}
	}
	for _, l := range e.Links {
		inBounds("link", l.Start, l.End)
		if l.URL == "" || l.Kind == "" {
			t.Fatalf("bad link %+v", l)
		}
	}
	for _, s := range e.Salaries {
		inBounds("salary", s.Start, s.End)
		if s.Min > s.Max || s.Max <= 0 || s.Currency == "" || s.MonthlyIDR < 0 {
			t.Fatalf("bad salary %+v", s)
		}
		if s.Raw != rawOf(s.Start, s.End) {
			t.Fatalf("salary raw %q is not its span %q", s.Raw, text[s.Start:s.End])
		}
		if !utf8.ValidString(s.Raw) {
			t.Fatalf("salary raw is not UTF-8: %q", s.Raw)
		}
	}
	for _, h := range e.Handles {
		if len(h) < 6 || h[0] != '@' || h != strings.ToLower(h) {
			t.Fatalf("bad handle %q", h)
		}
	}
	for _, m := range e.Emails {
		if !strings.Contains(m.Address, "@") || m.Address != strings.ToLower(m.Address) {
			t.Fatalf("bad email %q", m.Address)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, seed := range []string{
		benchAd,
		"",
		"Gaji Rp 20 – 35 juta/bulan WA +855 16 318 274 t.me/lokerkh @hrd_kh_nadia hr@gmail.com",
		"w a . m e / 66 8 1 4 0 2 7 3 9 5",
		"(1, 200-8, 000 pounds per month) £2,500GBP – £3,500GBP",
		"＋８５５ １６ ３１８ ２７４ 𝟭𝟱jt ﷺ⑩",
		"\xff\xfe0812\xff3456\xff7890 Rp\xff5jt",
		"Rp 5.000.000,- s/d Rp 7.000.000,- 12-05-2024 08.00",
		"$1,500+ USD monthly R25,000 – R40,000 per month NT$ 27,470",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		e := testX.Extract(text)
		checkInvariants(t, text, e)
		if again := testX.Extract(text); !reflect.DeepEqual(e, again) {
			t.Fatalf("second call differs:\n%+v\n%+v", e, again)
		}
	})
}

func TestHugeInputs(t *testing.T) {
	tests := map[string]string{
		"1 MB of emoji":          strings.Repeat("🔥💰", 1<<20/8),
		"4096 digits":            strings.Repeat("7", 4096),
		"4096 bytes invalid":     strings.Repeat("\xff", 4096),
		"digits and invalid":     strings.Repeat("1\xff", 2048),
		"spaced digits":          strings.Repeat("1 ", 2048),
		"dotted letters":         strings.Repeat("a.", 2048),
		"at signs":               strings.Repeat("@abcdef", 600),
		"amounts":                strings.Repeat("Rp 1.000.000 - ", 300),
		"one long url token":     "https://example.com/" + strings.Repeat("a", 4096),
		"expanding runes":        strings.Repeat("ﷺ⑩", 1000),
		"1 MB of spaced numbers": strings.Repeat("0812 3456 7890 ", 1<<20/15),
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			checkInvariants(t, text, testX.Extract(text))
		})
	}
}

func TestSpacedNumbersAreFound(t *testing.T) {
	// The huge-input test above must not pass by finding nothing.
	e := testX.Extract(strings.Repeat("0812 3456 7890 ", 100))
	if len(e.Phones) != 1 || e.Phones[0].E164 != "+6281234567890" {
		t.Fatalf("phones = %+v", e.Phones)
	}
}
