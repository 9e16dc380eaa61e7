package normalize

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestStringFoldsDisguises(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Lowongan kerja di Kamboja", "lowongan kerja di kamboja"},
		{"leetspeak", "INFO LOKER K4MB0J4", "info loker kamboja"},
		{"leetspeak town", "lokasi M43 S0T", "lokasi mae sot"},
		{"spaced letters", "kerja di k a m b o j a", "kerja di kamboja"},
		{"spaced words, a wider gap between them", "L o k e r  K a m b o j a, g a j i  1 2 jt", "loker kamboja gaji # juta"},
		{"spaced leetspeak", "T H 4 I L A N D", "thailand"},
		{"cyrillic look-alike", "Kаmboja", "kamboja"},
		{"greek look-alike", "Kambοja", "kamboja"},
		{"math bold", "𝗞𝗮𝗺𝗯𝗼𝗷𝗮", "kamboja"},
		{"fullwidth", "ＫＡＭＢＯＪＡ", "kamboja"},
		{"zero width", "Kam\u200bbo\u200dja", "kamboja"},
		{"soft hyphen", "Kam\u00adboja", "kamboja"},
		{"emoji between letters", "K🔥a🔥m🔥b🔥o🔥j🔥a", "kamboja"},
		{"diacritics", "Kàmbôjá", "kamboja"},
		{"w.a", "hub w.a 0812", "hubungi whatsapp #"},
		{"abbreviations", "brgkt tnpa pengalaman yg penting", "berangkat tanpa pengalaman yang penting"},
		{"glued salary", "gaji 15jt", "gaji # juta"},
		{"range collapses", "gaji 20 - 35 juta/bln", "gaji # juta bulan"},
		{"currency glued", "Rp5.000.000", "rp #"},
		{"school grade is kept", "minimal S1 atau D3", "minimal s1 atau d3"},
		{"reduplication", "gak usah urus2 dokumen", "tidak usah urus dokumen"},
		{"phone digits stay numbers", "66 8 1 4 0 2", "#"},
		{"invalid utf8 separates", "kam\xffboja", "kam boja"},
		{"other scripts kept", "งาน ไทย", "งาน ไทย"},
		{"telegram leet", "telegr4m @loker_bkk", "telegram loker bkk"},
		{"expansion to two words", "saya gausah urus visa", "saya tidak usah urus visa"},
		{"expansions back to back", "gausah gaperlu gapake paspor", "tidak usah tidak perlu tidak pakai paspor"},
		{"expansion after numbers", "gaji 20 - 35 jt gausah ribet", "gaji # juta tidak usah ribet"},
		{"stretched letters", "kaaambooojaaa", "kamboja"},
		{"stretched ending", "gajiii besar", "gaji besar"},
		{"doubled letters are words", "maaf saat free", "maaf saat free"},
		{"one repeated letter is kept", "www", "www"},
		{"short abbreviations are kept", "PPPK pk CSSS", "pppk pk csss"},
		{"dots between letters", "K.A.M.B.O.J.A.", "kamboja"},
		{"dots and spaces between letters", "k. a. m. b. o. j. a", "kamboja"},
		{"flags between letters", "K🇰🇭a🇰🇭m🇰🇭b🇰🇭o🇰🇭j🇰🇭a", "kamboja"},
		{"emoji with selectors between letters", "G❤️A❤️J❤️I", "gaji"},
		{"bidi isolates inside a word", "Kam\u2066boj\u2069a", "kamboja"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := testNorm.String(tt.in)
			if j := strings.TrimSpace(got.Joined); j != tt.want {
				t.Errorf("String(%q).Joined = %q, want %q", tt.in, j, tt.want)
			}
		})
	}
}

func TestPhraseMatchesText(t *testing.T) {
	for _, p := range []string{"Kamboja", "tanpa pengalaman", "WA", "gaji 10 juta"} {
		ph := testNorm.Phrase(p)
		txt := testNorm.String("kerja di K4MB0JA, t n p a pengalaman, hub w a, gaji 15jt")
		if !strings.Contains(txt.Joined, " "+ph+" ") {
			t.Errorf("phrase %q (%q) not found in %q", p, ph, txt.Joined)
		}
	}
}

func TestQuoteMapsBackToOriginal(t *testing.T) {
	orig := "Info: kerja di 🇰🇭 K4MB0J4 sekarang, brgkt minggu ini"
	txt := testNorm.String(orig)
	for _, tc := range []struct{ phrase, want string }{
		{"kamboja", "K4MB0J4"},
		{"berangkat minggu ini", "brgkt minggu ini"},
		{"di kamboja sekarang", "di 🇰🇭 K4MB0J4 sekarang"},
	} {
		i := strings.Index(txt.Joined, " "+tc.phrase+" ")
		if i < 0 {
			t.Fatalf("%q not in %q", tc.phrase, txt.Joined)
		}
		if got := txt.Quote(i+1, i+1+len(tc.phrase)); got != tc.want {
			t.Errorf("Quote(%q) = %q, want %q", tc.phrase, got, tc.want)
		}
	}
}

func TestCleanRemovesInvisibleAndCuts(t *testing.T) {
	if got := Clean("a\u200bb \n\n c\xff", 10); got != "ab c" {
		t.Errorf("Clean = %q", got)
	}
	if got := Clean(strings.Repeat("x", 50), 10); got != strings.Repeat("x", 10)+"…" {
		t.Errorf("Clean cut = %q", got)
	}
}

func TestHostileInputIsBounded(t *testing.T) {
	inputs := map[string]string{
		"megabyte of emoji": strings.Repeat("🔥", 1<<18),
		"invalid utf8":      strings.Repeat("\xff\xfe", 4096),
		"4096 chars":        strings.Repeat("k a m b o j a ", 300),
		"zero width flood":  strings.Repeat("\u200b", 100000),
		"combining flood":   "a" + strings.Repeat("\u0301", 100000),
		"single letters":    strings.Repeat("a ", 100000),
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			txt := String(in)
			if len(in) > MaxInput && !txt.Truncated {
				t.Error("long input not marked truncated")
			}
			if !strings.HasPrefix(in, txt.Screened) || len(txt.Screened) > MaxInput || (utf8.ValidString(in) && !utf8.ValidString(txt.Screened)) {
				t.Errorf("screened part: %d bytes, not a whole-character prefix", len(txt.Screened))
			}
			if !utf8.ValidString(txt.Joined) {
				t.Error("joined text is not valid UTF-8")
			}
			for _, tk := range txt.Tokens {
				if tk.Start < 0 || tk.End > len(in) || tk.Start >= tk.End {
					t.Fatalf("token %+v out of bounds", tk)
				}
			}
		})
	}
}

// testNorm expands a few abbreviations, as a rule file's list would.
var testNorm = func() *Normalizer {
	n, err := New(map[string]string{
		"wa": "whatsapp", "hub": "hubungi", "jt": "juta", "bln": "bulan", "brgkt": "berangkat",
		"tnpa": "tanpa", "yg": "yang", "gak": "tidak", "gausah": "tidak usah",
		"gaperlu": "tidak perlu", "gapake": "tidak pakai",
	})
	if err != nil {
		panic(err)
	}
	return n
}()

func TestNewRefusesBadAbbreviations(t *testing.T) {
	for _, m := range []map[string]string{{"two words": "x"}, {"ok": ""}, {"!!": "x"}, {"Yg": "yang", "yg": "yang"}, {"15": "x"}} {
		if _, err := New(m); err == nil {
			t.Errorf("New(%v) accepted", m)
		}
	}
	if got := strings.TrimSpace(String("brgkt yg").Joined); got != "brgkt yg" {
		t.Errorf("package String expands abbreviations: %q", got)
	}
}

// TestReleaseReusesTokenTable checks that a text normalised into the token
// table of a released one reads exactly as a text normalised afresh, and
// that a released text is empty.
func TestReleaseReusesTokenTable(t *testing.T) {
	long := strings.Repeat("INFO LOKER K4MB0J4 gaji 15jt brgkt cepat ", 40)
	short := "Lowongan k a m b o j a, hub w.a 0812"
	want := String(short)
	for range 3 {
		a := String(long)
		a.Release()
		if _, _, ok := a.Span(0, 10); a.Tokens != nil || a.Joined != "" || ok {
			t.Fatalf("a released text still has tokens: %v", a.Tokens)
		}
		got := String(short)
		if got.Joined != want.Joined || !slices.Equal(got.Tokens, want.Tokens) || !slices.Equal(got.starts, want.starts) {
			t.Fatalf("after a release: %q %v, want %q %v", got.Joined, got.Tokens, want.Joined, want.Tokens)
		}
		got.Release()
	}
}

// TestCleanASCIIAsUnicode checks Clean's reading of ASCII bytes against
// the unicode package it stands in for.
func TestCleanASCIIAsUnicode(t *testing.T) {
	for c := rune(0); c < utf8.RuneSelf; c++ {
		if asciiSpace[c] != unicode.IsSpace(c) || Invisible(c) {
			t.Errorf("%q: asciiSpace %v, unicode.IsSpace %v, Invisible %v", c, asciiSpace[c], unicode.IsSpace(c), Invisible(c))
		}
	}
}

// TestCleanPlainShortcut checks Clean's shortcut for plain fragments
// against cleanRunes: on every stretch of up to eight tokens of the
// screener's labelled texts and on made-up edge cases, both at the model's
// 60 runes and at a small limit.
func TestCleanPlainShortcut(t *testing.T) {
	cases := []string{"", " ", "a", " a", "a ", "a  b", "a b", "a\tb", "a\nb", "~", "\x7f", "a\u00a0b", "é", "\xff",
		strings.Repeat("x", 60), strings.Repeat("x", 61), strings.Repeat("ab ", 20) + "c"}
	for _, text := range jsonlTexts(t, "../screen/testdata/ads.jsonl", "../screen/testdata/nonjob.jsonl") {
		nt := String(text)
		for i := range nt.Tokens {
			for j := i; j < min(i+8, len(nt.Tokens)); j++ {
				cases = append(cases, nt.Screened[nt.Tokens[i].Start:nt.Tokens[j].End])
			}
		}
	}
	plain := 0
	for _, s := range cases {
		for _, max := range []int{60, 5} {
			if got, want := Clean(s, max), cleanRunes(s, max); got != want {
				t.Errorf("Clean(%q, %d) = %q, cleanRunes gives %q", s, max, got, want)
			}
		}
		if plainASCII(s) {
			plain++
		}
	}
	if plain < len(cases)/4 || plain == len(cases) {
		t.Errorf("%d of %d fragments plain: the test does not exercise both ways", plain, len(cases))
	}
}
