package extract

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLinks(t *testing.T) {
	type want struct{ url, host, kind string }
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"bare telegram", "Join t.me/lokerkh sekarang", []want{{"t.me/lokerkh", "t.me", "telegram"}}},
		{"telegram.me and telegram.dog", "telegram.me/abc telegram.dog/xyz",
			[]want{{"telegram.me/abc", "telegram.me", "telegram"}, {"telegram.dog/xyz", "telegram.dog", "telegram"}}},
		{"bare wa.me", "wa.me/6281234", []want{{"wa.me/6281234", "wa.me", "whatsapp"}}},
		{"whatsapp hosts", "https://api.whatsapp.com/send?phone=62812 https://chat.whatsapp.com/AbCd",
			[]want{{"https://api.whatsapp.com/send?phone=62812", "api.whatsapp.com", "whatsapp"},
				{"https://chat.whatsapp.com/AbCd", "chat.whatsapp.com", "whatsapp"}}},
		{"shorteners", "bit.ly/abc s.id/loker tinyurl.com/x cutt.ly/y linktr.ee/z lynk.id/w",
			[]want{{"bit.ly/abc", "bit.ly", "shortener"}, {"s.id/loker", "s.id", "shortener"},
				{"tinyurl.com/x", "tinyurl.com", "shortener"}, {"cutt.ly/y", "cutt.ly", "shortener"},
				{"linktr.ee/z", "linktr.ee", "shortener"}, {"lynk.id/w", "lynk.id", "shortener"}}},
		{"forms", "forms.gle/AbC https://docs.google.com/forms/d/e/1FA/viewform form.jotform.com/123",
			[]want{{"forms.gle/AbC", "forms.gle", "form"},
				{"https://docs.google.com/forms/d/e/1FA/viewform", "docs.google.com", "form"},
				{"form.jotform.com/123", "form.jotform.com", "form"}}},
		{"google docs that are not forms", "https://docs.google.com/document/d/1",
			[]want{{"https://docs.google.com/document/d/1", "docs.google.com", "other"}}},
		{"goo.gl forms vs shortener", "goo.gl/forms/x goo.gl/x",
			[]want{{"goo.gl/forms/x", "goo.gl", "form"}, {"goo.gl/x", "goo.gl", "shortener"}}},
		{"official", "https://siskop2mi.bp2mi.go.id/ kemnaker.go.id mom.gov.sg",
			[]want{{"https://siskop2mi.bp2mi.go.id/", "siskop2mi.bp2mi.go.id", "official"},
				{"kemnaker.go.id", "kemnaker.go.id", "official"}, {"mom.gov.sg", "mom.gov.sg", "official"}}},
		{"fake official", "bp2mi-go.id kemnaker.go.id.info",
			[]want{{"bp2mi-go.id", "bp2mi-go.id", "other"}, {"kemnaker.go.id.info", "kemnaker.go.id.info", "other"}}},
		{"social, host lowercased, www stripped", "https://www.Facebook.com/loker m.facebook.com/x instagram.com/a tiktok.com/@b x.com/c",
			[]want{{"https://www.Facebook.com/loker", "facebook.com", "social"},
				{"m.facebook.com/x", "m.facebook.com", "social"}, {"instagram.com/a", "instagram.com", "social"},
				{"tiktok.com/@b", "tiktok.com", "social"}, {"x.com/c", "x.com", "social"}}},
		{"suffix match needs a dot boundary", "box.com/x", []want{{"box.com/x", "box.com", "other"}}},
		{"port and user info", "http://user@Example.COM:8080/path", []want{{"http://user@Example.COM:8080/path", "example.com", "other"}}},
		{"trailing punctuation and parentheses", "Info: (bit.ly/abc). Lalu t.me/lokerkh.",
			[]want{{"bit.ly/abc", "bit.ly", "shortener"}, {"t.me/lokerkh", "t.me", "telegram"}}},
		{"fullwidth link", "ｔ.ｍｅ/ｌｏｋｅｒ", []want{{"t.me/loker", "t.me", "telegram"}}},
		{"deduplicated", "t.me/abc dan t.me/abc", []want{{"t.me/abc", "t.me", "telegram"}}},
		{"glued to text", "Daftar:t.me/lokerkh", []want{{"t.me/lokerkh", "t.me", "telegram"}}},
		{"not links", "Gaji.Besar bln. PK.02.01 4.5jt hr@gmail.com mailto:hr@gmail.com", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := testX.Extract(tc.text).Links
			if len(got) != len(tc.want) {
				t.Fatalf("got %d links %+v, want %d", len(got), got, len(tc.want))
			}
			for i, w := range tc.want {
				g := got[i]
				if g.URL != w.url || g.Host != w.host || g.Kind != w.kind {
					t.Errorf("link %d = %+v, want %+v", i, g, w)
				}
				if g.Start < 0 || g.End > len(tc.text) || g.Start >= g.End {
					t.Errorf("bad span %d:%d", g.Start, g.End)
				}
			}
		})
	}
}

func TestLinkSpanPointsIntoOriginal(t *testing.T) {
	text := "🔥 Info ｔ.ｍｅ/ｌｏｋｅｒ 🔥 dan bit.ly/x"
	links := testX.Extract(text).Links
	if len(links) != 2 {
		t.Fatalf("links = %+v", links)
	}
	if got := text[links[0].Start:links[0].End]; got != "ｔ.ｍｅ/ｌｏｋｅｒ" {
		t.Errorf("first span = %q", got)
	}
	if got := text[links[1].Start:links[1].End]; got != "bit.ly/x" {
		t.Errorf("second span = %q", got)
	}
}

func TestMayHoldURL(t *testing.T) {
	tests := []struct {
		tok  string
		want bool
	}{
		{"t.me/x", true}, {"https://a", true}, {"EXAMPLE.COM", true}, {"tel:+62812", true},
		{"xn--80ak6aa92e.xn--p1ai", true}, {"Gaji.Besar", false}, {"15.000.000", false},
		{"hr@gmail.com", false}, {"bln.", false}, {"Penempatan:", false},
	}
	for _, tc := range tests {
		if got := mayHoldURL(tc.tok); got != tc.want {
			t.Errorf("mayHoldURL(%q) = %v, want %v", tc.tok, got, tc.want)
		}
	}
}

// TestFastURLAgreesWithXurls checks the shortcut for common hosts against
// the xurls regular expression it stands in for.
func TestFastURLAgreesWithXurls(t *testing.T) {
	for _, tok := range []string{
		"t.me/lokerkh", "https://t.me/lokerkh_resmi", "t.me/lokerkh.", "wa.me/628123456789", "wa.me/628123456789,",
		"http://bit.ly/abc-DEF", "s.id/loker2025", "https://wa.link/x1y2z3", "telegram.me/joinchat/AbC", "t.me/+6281234",
		"tinyurl.com/abc?x=1&y=2", "linktr.ee/lokerln!", "T.ME/LOKER",
	} {
		fast, ok := fastURL(tok)
		if !ok {
			t.Errorf("%q: not taken by the shortcut", tok)
			continue
		}
		var slow []urlMatch
		for _, loc := range urlRe.FindAllStringSubmatchIndex(tok, -1) {
			slow = append(slow, urlMatch{loc[0], loc[1]})
		}
		if len(slow) != 1 || slow[0] != fast {
			t.Errorf("%q: shortcut %v, xurls %v", tok, fast, slow)
		}
	}
	for _, tok := range []string{"t.me/", "example.com/t.me/x", "t.me/a<b", "wa.me", "xt.me/abc"} {
		if m, ok := fastURL(tok); ok {
			t.Errorf("%q: shortcut took it as %v", tok, m)
		}
	}
}

// TestPlainDomainAgreesWithXurls checks the reading of plain dotted words
// against the xurls regular expression it stands in for, on every
// combination of a few labels (top-level domains or not, any case, with
// digits), dots and trailing punctuation.
func TestPlainDomainAgreesWithXurls(t *testing.T) {
	maxTLD := 0
	for tld := range tlds {
		if !strings.ContainsFunc(tld, func(r rune) bool { return r >= utf8.RuneSelf || !isAlnum(byte(r)) }) {
			maxTLD = max(maxTLD, len(tld)) // a label plainDomain may look up
		}
	}
	if maxTLD > 24 {
		t.Fatalf("a top-level domain of %d bytes: isTLD reads at most 24", maxTLD)
	}
	labels := []string{"reports", "You", "MS", "com", "www", "accenture", "5", "2024", "Km", "No", "a", "id", "co", "xyz1", "abcdefghijklmnopqrstuvwxyz", "I2P", "onion"}
	tails := []string{"", ".", ",", ").", "!?", "'", `"`, "..", ":", "/", "-", "_", "@x"}
	var toks []string
	for _, a := range labels {
		for _, b := range labels {
			for _, tail := range tails {
				toks = append(toks, a+"."+b+tail, a+b+tail)
				for _, c := range []string{"com", "Kh", "foo", "9"} {
					toks = append(toks, a+"."+b+"."+c+tail, c+"."+a+"."+b+"."+c+tail)
				}
			}
		}
	}
	toks = append(toks, "a..com", ".com", "com.", "a.-b.com", "1.2.3.4", "1.2.3", "k.ſ", "ab.cK")
	taken := 0
	for _, tok := range toks {
		fast, ok := plainDomain(tok)
		if !ok {
			continue
		}
		taken++
		var slow []urlMatch
		for _, loc := range urlRe.FindAllStringSubmatchIndex(tok, -1) {
			if loc[2*urlEmailSub] >= 0 {
				continue
			}
			slow = append(slow, urlMatch{loc[0], loc[1]})
		}
		if !slices.Equal(fast, slow) {
			t.Errorf("%q: shortcut %v, xurls %v", tok, fast, slow)
		}
	}
	if taken < len(toks)/4 {
		t.Errorf("the shortcut took only %d of %d tokens", taken, len(toks))
	}
	for _, tok := range []string{"reports.You", "www.accenture.com", "No.Km.", "tiket.com,", "5.Select"} {
		if _, ok := plainDomain(tok); !ok {
			t.Errorf("%q: not taken by the shortcut", tok)
		}
	}
}

func TestWhatsAppNumber(t *testing.T) {
	for url, want := range map[string]string{
		"wa.me/628118080141":                                "+628118080141",
		"https://wa.me/62-811-8080-141?text=halo":           "+628118080141",
		"https://api.whatsapp.com/send?phone=6281234567890": "+6281234567890",
		"wa.me/1234567":                                     "",
		"chat.whatsapp.com/AbCdEf":                          "",
	} {
		if got := WhatsAppNumber(Link{URL: url, Kind: "whatsapp"}); got != want {
			t.Errorf("%s: %q, want %q", url, got, want)
		}
	}
}
