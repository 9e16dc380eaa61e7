package ocr_test

import (
	"context"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cekloker/cekloker/internal/jsonltest"
	"github.com/cekloker/cekloker/internal/ocr"
	"github.com/cekloker/cekloker/internal/ocr/ocrtest"
	"github.com/cekloker/cekloker/internal/screen"
)

// perLabel is how many scam and how many legit ads become images.
const perLabel = 30

// maxPosterText is the longest ad drawn: longer ones do not fit a poster.
const maxPosterText = 900

type labelledAd struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Text  string `json:"text"`
}

// posterAds are the first perLabel scam and legit ads of the screening
// tests' labelled ads that fit on a poster.
func posterAds(t *testing.T) []labelledAd {
	t.Helper()
	n := map[string]int{}
	var ads []labelledAd
	for _, a := range jsonltest.Read[labelledAd](t, "../screen/testdata/ads.jsonl") {
		if utf8.RuneCountInString(a.Text) > maxPosterText || n[a.Label] == perLabel {
			continue
		}
		n[a.Label]++
		ads = append(ads, a)
	}
	if n["scam"] != perLabel || n["legit"] != perLabel {
		t.Fatalf("only %v ads fit on a poster, want %d of each", n, perLabel)
	}
	return ads
}

// TestPosterVerdictsMatchTypedText is the bar: the ads drawn as
// posters and screenshots in every layout, read with OCR and screened,
// get the level the typed text gets for at least 90% of them, and no
// legit poster is rated high.
func TestPosterVerdictsMatchTypedText(t *testing.T) {
	r := reader(t, ocr.Options{Timeout: 2 * time.Minute, QueueTimeout: 10 * time.Minute})
	eng, err := screen.Load("../../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ads := posterAds(t)
	type result struct {
		layout       ocrtest.Layout
		typed, image string
		err          error
	}
	res := make([]result, len(ads))
	var wg sync.WaitGroup
	for i, a := range ads {
		l := ocrtest.Layouts[i%len(ocrtest.Layouts)]
		img := ocrtest.Image(t, a.Text, l)
		wg.Add(1)
		go func() {
			defer wg.Done()
			text, err := r.Read(context.Background(), img)
			res[i] = result{layout: l, typed: eng.Screen(a.Text).Level, err: err}
			if err == nil {
				res[i].image = eng.Screen(text).Level
			}
		}()
	}
	wg.Wait()
	same, legitHigh := 0, 0
	perLayout := map[ocrtest.Layout][2]int{}
	for i, x := range res {
		if x.err != nil {
			t.Errorf("%s (%s): %v", ads[i].ID, x.layout, x.err)
			continue
		}
		c := perLayout[x.layout]
		c[1]++
		if x.image == x.typed {
			same++
			c[0]++
		} else {
			t.Logf("%s %s (%s): typed %s, image %s", ads[i].ID, ads[i].Label, x.layout, x.typed, x.image)
		}
		perLayout[x.layout] = c
		if ads[i].Label == "legit" && x.image == "high" {
			legitHigh++
			t.Errorf("legit %s as a %s image is rated high", ads[i].ID, x.layout)
		}
	}
	t.Logf("same level for %d of %d images (%.0f%%); by layout (same/all): %v; legit rated high: %d",
		same, len(ads), 100*float64(same)/float64(len(ads)), perLayout, legitHigh)
	if same*10 < len(ads)*9 {
		t.Errorf("the image's level equals the typed text's for %d of %d, want at least 90%%", same, len(ads))
	}
}
