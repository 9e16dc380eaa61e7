package screen

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzScreen screens arbitrary text: it must never panic, always give a
// level, keep the score equal to the weights, and quote valid UTF-8.
func FuzzScreen(f *testing.F) {
	for _, s := range []string{
		"", "LOKER K4MB0JA gaji 15jt brgkt minggu ini", "k a m b o j a", "Kаmboja 𝗞𝗮𝗺𝗯𝗼𝗷𝗮",
		"w a . m e / 66 8 1 4 0 2", "Rp 4.500.000 – 7jt/bln", "\xff\xfe", "🔥K🔥a🔥m", "+855 16 318 274",
		"tidak ada biaya pendaftaran", "bukan visa turis",
	} {
		f.Add(s)
	}
	e := engine(f)
	f.Fuzz(func(t *testing.T, s string) {
		v := e.Screen(s)
		if v.Level != "low" && v.Level != "medium" && v.Level != "high" {
			t.Fatalf("level %q", v.Level)
		}
		sum := 0
		for _, h := range v.Hits {
			sum += h.Weight
			if !utf8.ValidString(h.Match) {
				t.Fatalf("invalid UTF-8 quote %q", h.Match)
			}
		}
		for _, c := range v.Combos {
			sum += c.Weight
		}
		if sum != v.Score {
			t.Fatalf("score %d != %d", v.Score, sum)
		}
		if strings.Contains(s, "\x00") && v.Level == "" {
			t.Fatal("no level")
		}
	})
}
