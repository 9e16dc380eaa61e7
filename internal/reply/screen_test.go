package reply

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cekloker/cekloker/internal/jsonltest"
)

// A verdict fits one phone screen: at most 12 lines and 900 characters
// (as read, without the HTML tags) before the "Lihat detail" button.
const (
	screenLines = 12
	screenChars = 900
)

var tag = regexp.MustCompile(`<[^>]+>`)

// visible is the text a person reads.
func visible(s string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&#34;", `"`, "&#39;", "'").Replace(tag.ReplaceAllString(s, ""))
}

func TestVerdictFitsOneScreen(t *testing.T) {
	e := engine(t)
	texts := jsonltest.Texts(t, "../screen/testdata/ads.jsonl", "../screen/testdata/distress.jsonl")
	maxLines, maxChars := 0, 0
	for _, text := range texts {
		for _, lang := range []string{"id", "en"} {
			v := e.Screen(text)
			out := visible(Full(v, e.Rules(), lang))
			lines, chars := strings.Count(out, "\n")+1, utf8.RuneCountInString(out)
			maxLines, maxChars = max(maxLines, lines), max(maxChars, chars)
			if lines > screenLines || chars > screenChars {
				t.Errorf("%s: %d lines, %d characters:\n%s", lang, lines, chars, out)
			}
			// Each category is quoted at most once.
			seen := map[string]bool{}
			for _, l := range strings.Split(out, "\n") {
				if _, name, ok := strings.Cut(l, "» — "); ok && strings.HasPrefix(l, "🚩") {
					if seen[name] {
						t.Errorf("%s: category %q quoted twice:\n%s", lang, name, out)
					}
					seen[name] = true
				}
			}
		}
	}
	t.Logf("%d texts: at most %d lines and %d characters", len(texts), maxLines, maxChars)
}

func TestAcronymsSpelledOutOnce(t *testing.T) {
	e := engine(t)
	v := e.Screen("Loker admin Kamboja gaji 20jt, visa turis, tiket ditanggung, brgkt minggu ini, hub WA")
	out := Details(v, e.Rules(), "id")
	for _, a := range []string{"SISKOP2MI", "KP2MI", "BP3MI", "KBRI"} {
		if n := strings.Count(out, a+" ("); n != 1 {
			t.Errorf("%s spelled out %d times:\n%s", a, n, out)
		}
	}
	if !strings.Contains(out, "KP2MI (Kementerian Pelindungan Pekerja Migran Indonesia)") {
		t.Errorf("KP2MI not spelled out:\n%s", out)
	}
	if strings.Contains(out, "siskop2mi.bp2mi.go.id (") || strings.Contains(out, "(P3MI (") {
		t.Errorf("a web address or an explained acronym was spelled out:\n%s", out)
	}
	if got := SpellOut("«KBRI palsu» lalu KBRI", "en"); got != "«KBRI palsu» lalu KBRI (Indonesian embassy)" {
		t.Errorf("quoted text changed: %q", got)
	}
}

func TestOneVoice(t *testing.T) {
	e := engine(t)
	for _, lang := range []string{"id", "en"} {
		for _, level := range []string{"high", "medium", "low"} {
			m := Meaning(level, lang)
			if strings.Contains(m, "Kami") || strings.Contains(m, "kami") || strings.HasPrefix(m, "We ") {
				t.Errorf("%s %s: %q is not in the bot's one voice", lang, level, m)
			}
		}
		if h := Help(lang); !strings.Contains(h, "🔒") || strings.Count(h[strings.Index(h, "🔒"):], "\n") != 1 {
			t.Errorf("%s: /start does not state in two lines what is stored:\n%s", lang, h)
		}
	}
	_ = e
}

func TestTroubleGetsHelpNotAVerdict(t *testing.T) {
	e := engine(t)
	for _, c := range []struct {
		text, lang string
		want       []string
	}{
		{"tolong kak saya sekarang di kamboja, paspor saya ditahan bos, gak boleh keluar, disuruh nipu orang", "id",
			[]string{"KBRI (Kedutaan Besar RI) Phnom Penh", "+62 812-9007-0027", "Safe Travel", "0-800-1000"}},
		{"Please help, I am in Myawaddy now. They took my passport and I can't leave the building.", "en",
			[]string{"KBRI (Indonesian embassy) Yangon", "+95 9 503 7055", "+62 812-9007-0027"}},
		{"uangnya udah aku transfer 500rb buat biaya medical 😭", "id",
			[]string{"iasc.ojk.go.id", "bank", "patrolisiber.id", "CekRekening.id", "AduanNomor.id", "bukti transfer"}},
	} {
		tr := e.Distress(c.text)
		if !tr.Help {
			t.Fatalf("%q: no help", c.text)
		}
		out := Trouble(tr, e.Rules(), c.lang)
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%q: help lacks %q:\n%s", c.text, w, out)
			}
		}
		for _, h := range []string{"RISIKO", "RISK"} {
			if strings.Contains(out, h) {
				t.Errorf("%q: a verdict in the help:\n%s", c.text, out)
			}
		}
		if n := strings.Count(out, "\n") + 1; n > 16 {
			t.Errorf("%q: help has %d lines", c.text, n)
		}
	}
}
