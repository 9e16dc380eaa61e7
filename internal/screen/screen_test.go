package screen

import (
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/cekloker/cekloker/internal/normalize"
	"github.com/cekloker/cekloker/internal/rules"
)

var (
	loadOnce sync.Once
	testEng  *Engine
	loadErr  error
)

// engine loads the project's rules.yaml once.
func engine(t testing.TB) *Engine {
	t.Helper()
	loadOnce.Do(func() { testEng, loadErr = Load("../../rules.yaml") })
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return testEng
}

type labelled struct {
	ID, Label, Lang, Want, Text string
	Covers                      []string
}

func readAds(t testing.TB) []labelled {
	t.Helper()
	return readAtLeast(t, "testdata/ads.jsonl", 80, "test ads")
}

// readAtLeast reads the labelled texts of path and fails unless there are
// at least least of them (what they are, for the message).
func readAtLeast(t testing.TB, path string, least int, what string) []labelled {
	t.Helper()
	ls := readJSONL(t, path)
	if len(ls) < least {
		t.Fatalf("only %d %s", len(ls), what)
	}
	return ls
}

// TestLabelledAds screens the project's own labelled ads: scams high (or at
// least medium where the ad is thin), legitimate ads low.
func TestLabelledAds(t *testing.T) {
	e := engine(t)
	for _, a := range readAds(t) {
		v := e.Screen(a.Text)
		ok := false
		switch a.Want {
		case "high", "low", "medium":
			ok = v.Level == a.Want
		case "medium+":
			ok = LevelRank(v.Level) >= 1
		default:
			t.Fatalf("%s: unknown want %q", a.ID, a.Want)
		}
		if !ok {
			t.Errorf("%s (%s, %v): level %s score %d, want %s; hits %v", a.ID, a.Label, a.Covers, v.Level, v.Score, a.Want, v.HitRules())
		}
		if a.Label == "scam" && !v.IsJobAd {
			t.Errorf("%s: a scam job ad was not recognised as a job ad", a.ID)
		}
	}
}

func TestScoreIsSumOfHitsAndCombosAndDeterministic(t *testing.T) {
	e := engine(t)
	for _, a := range readAds(t) {
		v := e.Screen(a.Text)
		sum := 0
		for _, h := range v.Hits {
			sum += h.Weight
			if h.Match == "" || h.Rule == "" {
				t.Errorf("%s: hit %s without quote or explanation", a.ID, h.Rule)
			}
		}
		for _, c := range v.Combos {
			sum += c.Weight
		}
		if sum != v.Score {
			t.Errorf("%s: score %d, sum of weights %d", a.ID, v.Score, sum)
		}
		if again := e.Screen(a.Text); !reflect.DeepEqual(v, again) {
			t.Errorf("%s: two screenings differ", a.ID)
		}
	}
}

func TestDisguisedDestinationIsFoundAndQuoted(t *testing.T) {
	e := engine(t)
	for _, in := range []string{
		"kerja di K4MB0J4", "kerja di k a m b o j a", "kerja di Kаmboja", "kerja di 𝗞𝗮𝗺𝗯𝗼𝗷𝗮",
		"kerja di Kam\u200bboja", "kerja di K🔥a🔥m🔥b🔥o🔥j🔥a", "kerja di ＫＡＭＢＯＪＡ",
	} {
		v := e.Screen(in)
		if v.Destination == nil || v.Destination.ID != "KH" || v.Destination.Placement {
			t.Errorf("%q: destination %+v, want Cambodia (not placement)", in, v.Destination)
			continue
		}
		if q := v.Destination.Evidence; !strings.Contains(normalize.Clean(in, 200), q) || q == "" {
			t.Errorf("%q: evidence %q is not a fragment of the original", in, q)
		}
	}
}

func TestPhoneCountryCodeGivesDestination(t *testing.T) {
	v := engine(t).Screen("Lowongan admin, gaji besar. Hubungi WA +855 16 318 274")
	if v.Destination == nil || v.Destination.ID != "KH" || v.Destination.Evidence == "" {
		t.Fatalf("destination %+v, want KH from the +855 number", v.Destination)
	}
	quoted := false
	for _, h := range v.Hits {
		quoted = quoted || strings.Contains(h.Match, "+855 16 318 274")
	}
	if !quoted {
		t.Errorf("no hit quotes the +855 number: %+v", v.Hits)
	}
}

func TestSmallTalkIsNotAJobAd(t *testing.T) {
	e := engine(t)
	for _, s := range []string{"selamat pagi semua", "thanks, see you tomorrow", "ada yang tahu jadwal kapal ke Batam?", "🙏🙏🙏"} {
		if v := e.Screen(s); v.IsJobAd || v.Level != "low" {
			t.Errorf("%q: is_job_ad %v level %s", s, v.IsJobAd, v.Level)
		}
	}
}

func TestHostileInputs(t *testing.T) {
	e := engine(t)
	for name, in := range map[string]string{
		"4096 chars":       strings.Repeat("Kerja di K4MB0JA gaji 20jt ", 152),
		"invalid utf8":     strings.Repeat("\xff\xfe\xfd", 2000),
		"megabyte emoji":   strings.Repeat("😀", 1<<18),
		"zero width flood": strings.Repeat("a\u200b", 50000),
		"digits":           strings.Repeat("0812 ", 20000),
	} {
		v := e.Screen(in)
		if v.Level == "" {
			t.Errorf("%s: no level", name)
		}
	}
}

// TestWarningPostIsLow: a warning that lists the lures and asks no one to
// apply is rated low and no job ad, also when it prints the ministry's
// hotline; the same lures with a recruiter's number are not let off.
func TestWarningPostIsLow(t *testing.T) {
	e := engine(t)
	const warning = "AWAS LOWONGAN KERJA PALSU! Jangan tergiur kerja admin di Kamboja dengan gaji 20 juta, tiket gratis dan visa turis. "
	v := e.Screen(warning + "Tanya dulu ke WhatsApp KP2MI 0811-8080-141.")
	if v.Level != rules.Low || v.IsJobAd {
		t.Errorf("warning with the hotline: %s (%d), job ad %v, hits %v", v.Level, v.Score, v.IsJobAd, v.HitRules())
	}
	v = e.Screen(warning + "Yang mau kerja beneran, chat aku 0812-7777-1234.")
	if v.Level == rules.Low {
		t.Errorf("lures with a recruiter's number let off: %s (%d), hits %v", v.Level, v.Score, v.HitRules())
	}
}

func TestScamWarningsAreNotJobAds(t *testing.T) {
	e := engine(t)
	for _, w := range []string{
		"WASPADA! Modus lowongan kerja ke Kamboja: dijanjikan kerja admin dengan gaji 15 juta, tiket ditanggung, visa turis. Jangan tergiur!",
		"Polisi mengungkap kasus TPPO: korban direkrut lewat Facebook sebagai operator di Myanmar, lalu dipaksa menjadi scammer.",
		"Beware of fake job offers: human trafficking rings promise customer service jobs in Thailand with free flights.",
	} {
		if v := e.Screen(w); v.IsJobAd {
			t.Errorf("a warning counted as a job ad: %q", w)
		}
	}
	// One warning word in a real scam ad does not hide it.
	v := e.Screen("Loker admin Kamboja gaji 20jt, brgkt minggu ini, visa turis. Waspada penipuan mengatasnamakan kami!")
	if !v.IsJobAd || v.Level != "high" {
		t.Errorf("scam with one warning phrase: is_job_ad %v, level %s", v.IsJobAd, v.Level)
	}
}
