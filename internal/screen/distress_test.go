package screen

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cekloker/cekloker/internal/jsonltest"
)

func readJSONL(t testing.TB, path string) []labelled {
	t.Helper()
	return jsonltest.Read[labelled](t, path)
}

// TestDistressRecognised checks the labelled cries for help and
// after-the-fact messages: at least 95% get help, and no chit-chat does.
func TestDistressRecognised(t *testing.T) {
	e := engine(t)
	var help, total int
	for _, l := range readJSONL(t, "testdata/distress.jsonl") {
		tr := e.Distress(l.Text)
		switch l.Want {
		case "help":
			total++
			if tr.Help {
				help++
			} else {
				t.Logf("%s: no help (score %d, signals %v): %s", l.ID, tr.Score, tr.Signals, l.Text)
			}
		case "none":
			if tr.Help {
				t.Errorf("%s: chit-chat read as a cry for help (%v): %s", l.ID, tr.Signals, l.Text)
			}
		default:
			t.Fatalf("%s: want %q", l.ID, l.Want)
		}
	}
	if total < 40 {
		t.Fatalf("only %d labelled cries for help, want at least 40", total)
	}
	t.Logf("%d of %d cries for help get help", help, total)
	if rate := float64(help) / float64(total); rate < 0.95 {
		t.Errorf("%d of %d cries for help recognised (%.0f%%), want at least 95%%", help, total, 100*rate)
	}
}

// TestJobAdsAreNotDistress checks that no job ad of the test set reads as
// a cry for help.
func TestJobAdsAreNotDistress(t *testing.T) {
	e := engine(t)
	ads := readJSONL(t, "testdata/ads.jsonl")
	if dev, err := os.Stat("../../../shared/corpus/dev.jsonl"); err == nil && !dev.IsDir() {
		ads = append(ads, readJSONL(t, "../../../shared/corpus/dev.jsonl")...)
	}
	for _, l := range ads {
		if tr := e.Distress(l.Text); tr.Help {
			t.Errorf("%s (%s): job ad read as a cry for help: %v", l.ID, l.Label, tr.Signals)
		}
	}
}

func TestDistressFindsTheCountry(t *testing.T) {
	e := engine(t)
	for text, want := range map[string]string{
		"tolong saya disekap di poipet":                                               "KH",
		"I'm trapped, they took my passport. +95 9 7812 34567":                        "MM",
		"dijanjikan kerja di Thailand, sekarang saya di Myawaddy, tidak boleh keluar": "MM",
	} {
		tr := e.Distress(text)
		if !tr.Help || tr.Country == nil || tr.Country.ID != want {
			t.Errorf("%q: help %v, country %+v, want %s", text, tr.Help, tr.Country, want)
		}
	}
}

// BenchmarkDistress checks a typical 1-2 KB ad for a cry for help, as the
// bot does before every screening.
func BenchmarkDistress(b *testing.B) {
	e := engine(b)
	ads := variants(1 << 10)
	b.SetBytes(int64(len(typicalAd)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		e.Distress(ads[i%len(ads)])
		i++
	}
}

// FuzzDistress checks arbitrary text for a cry for help: it must never
// panic, help exactly at the threshold, report only kinds of positive
// signals, and quote valid UTF-8.
func FuzzDistress(f *testing.F) {
	for _, s := range []string{
		"", "tolong paspor saya ditahan", "T: ada biaya? J: tidak", "Q: fee?\nA: no",
		"\xff\xfe tolong", "untung dia nggak jadi berangkat, tolong", "I'm in +95 9 7812 34567 help me they took my passport",
		strings.Repeat("tolong saya disekap? tidak. ", 500),
	} {
		f.Add(s)
	}
	e := engine(f)
	f.Fuzz(func(t *testing.T, s string) {
		tr := e.Distress(s)
		if tr.Help != (tr.Score >= e.Rules().Distress.MinScore) {
			t.Fatalf("help %v with score %d", tr.Help, tr.Score)
		}
		for _, h := range tr.Signals {
			if !utf8.ValidString(h.Match) {
				t.Fatalf("invalid UTF-8 quote %q", h.Match)
			}
		}
		if !tr.Help && tr.Country != nil {
			t.Fatal("a country without help")
		}
		e.Screen(s) // the Q&A and context checks must not panic either
	})
}
