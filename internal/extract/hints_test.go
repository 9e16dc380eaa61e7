package extract

import (
	"testing"
	"unicode/utf16"
)

// at returns the UTF-16 offset and length of sub in text, as Telegram
// would mark it.
func at(t *testing.T, text, sub string) (int, int) {
	t.Helper()
	for i := 0; i+len(sub) <= len(text); i++ {
		if text[i:i+len(sub)] == sub {
			return len(utf16.Encode([]rune(text[:i]))), len(utf16.Encode([]rune(sub)))
		}
	}
	t.Fatalf("%q not in %q", sub, text)
	return 0, 0
}

func TestMergeHiddenLink(t *testing.T) {
	text := "🔥🔥 Daftar di sini ya, kuota terbatas"
	off, n := at(t, text, "di sini")
	e := testX.Extract(text)
	if len(e.Links) != 0 {
		t.Fatalf("links before merge: %+v", e.Links)
	}
	testX.Merge(&e, text, []Hint{{Type: "text_link", Offset: off, Length: n, URL: "https://bit.ly/loker-kh"}, {Type: "bold", Offset: 0, Length: 2}})
	if len(e.Links) != 1 {
		t.Fatalf("links = %+v", e.Links)
	}
	l := e.Links[0]
	if l.URL != "https://bit.ly/loker-kh" || l.Host != "bit.ly" || l.Kind != "shortener" || text[l.Start:l.End] != "di sini" {
		t.Errorf("link = %+v (anchor %q)", l, text[l.Start:l.End])
	}
}

func TestMergeAddsOnlyWhatIsNew(t *testing.T) {
	text := "Hub @hrd_nadia atau 0812-3456-7890, cv ke Rekrut@Gmail.com, info t.me/lokerkh"
	e := testX.Extract(text)
	before := len(e.Handles) + len(e.Phones) + len(e.Emails) + len(e.Links)
	var hints []Hint
	for typ, sub := range map[string]string{"mention": "@hrd_nadia", "phone_number": "0812-3456-7890", "email": "Rekrut@Gmail.com", "url": "t.me/lokerkh"} {
		off, n := at(t, text, sub)
		hints = append(hints, Hint{Type: typ, Offset: off, Length: n})
	}
	testX.Merge(&e, text, hints)
	if after := len(e.Handles) + len(e.Phones) + len(e.Emails) + len(e.Links); after != before || before != 4 {
		t.Errorf("entities before %d, after merge %d, want 4 and 4: %+v", before, after, e)
	}
}

func TestMergeEntitiesTheScannersMiss(t *testing.T) {
	text := "kontak: Nadia, nomor: +855 16 318 274"
	off, n := at(t, text, "Nadia")
	poff, pn := at(t, text, "+855 16 318 274")
	var e Entities
	testX.Merge(&e, text, []Hint{
		{Type: "mention", Offset: off, Length: n}, // not an @handle: ignored
		{Type: "phone_number", Offset: poff, Length: pn},
		{Type: "url", Offset: 1000, Length: 5},  // outside the text: ignored
		{Type: "email", Offset: off, Length: n}, // not an address: ignored
	})
	if len(e.Handles) != 0 || len(e.Emails) != 0 || len(e.Links) != 0 {
		t.Errorf("merged bad hints: %+v", e)
	}
	if len(e.Phones) != 1 || e.Phones[0].CountryCode != 855 || text[e.Phones[0].Start:e.Phones[0].End] != "+855 16 318 274" {
		t.Errorf("phones = %+v", e.Phones)
	}
}

func TestUTF16Span(t *testing.T) {
	text := "a😀b€c"
	for _, tc := range []struct {
		off, n int
		want   string
		ok     bool
	}{{0, 1, "a", true}, {1, 2, "😀", true}, {3, 1, "b", true}, {4, 2, "€c", true}, {2, 1, "", false}, {5, 2, "", false}, {-1, 1, "", false}} {
		a, b, ok := utf16Span(text, tc.off, tc.n)
		if ok != tc.ok || (ok && text[a:b] != tc.want) {
			t.Errorf("utf16Span(%d,%d) = %d,%d,%v", tc.off, tc.n, a, b, ok)
		}
	}
}
