package normalize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzString normalises arbitrary text: tokens must map inside the
// original, the joined text must be valid UTF-8 with single spaces, and
// every token must be non-empty.
func FuzzString(f *testing.F) {
	for _, s := range []string{"", "K4MB0J4", "k a m b o j a", "Kаmboja", "𝗞𝗮𝗺𝗯𝗼𝗷𝗮", "\xff", "a\u200bb", "15jt", "w.a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		txt := String(s)
		if !utf8.ValidString(txt.Joined) || strings.Contains(txt.Joined, "  ") {
			t.Fatalf("bad joined text %q", txt.Joined)
		}
		for _, tk := range txt.Tokens {
			if tk.Text == "" || tk.Start < 0 || tk.End > len(s) || tk.Start >= tk.End {
				t.Fatalf("bad token %+v for %q", tk, s)
			}
		}
		for i := 0; i+1 < len(txt.Joined); i++ {
			if q := txt.Quote(i, i+1); !utf8.ValidString(q) {
				t.Fatalf("invalid quote %q", q)
			}
		}
	})
}
