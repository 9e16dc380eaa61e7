package i18n

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestCatalogsHaveTheSameMessages(t *testing.T) {
	want := Messages(Default)
	if len(want) == 0 {
		t.Fatal("the default catalog is empty")
	}
	for _, l := range Languages() {
		if got := Messages(l); !slices.Equal(got, want) {
			t.Errorf("%s.yaml and %s.yaml differ: %v vs %v", l, Default, missing(got, want), missing(want, got))
		}
	}
}

func missing(have, want []string) []string {
	var out []string
	for _, w := range want {
		if !slices.Contains(have, w) {
			out = append(out, w)
		}
	}
	return out
}

// used finds the message ids that the code names in calls of T and N
// (and of admin's c.t).
var used = regexp.MustCompile(`(?:i18n\.[TN]\([^,()]+, |\bc\.t\()"([a-z0-9_]+)"[,)]`)

func TestEveryMessageUsedExists(t *testing.T) {
	have := Messages(Default)
	n := 0
	err := filepath.WalkDir("../..", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range used.FindAllStringSubmatch(string(data), -1) {
			n++
			if !slices.Contains(have, m[1]) {
				t.Errorf("%s: message %q is in no catalog", p, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Error("found no use of the catalogs")
	}
}

func TestRender(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{T("en", "headline_high"), "HIGH RISK"},
		{T("id", "checked", "N", 42)[:25], "Yang saya periksa: 42 tan"},
		{T("fr", "headline_low"), "RISIKO RENDAH"},
		{N("en", "memory_confirmed", 1, "What", "X", "Date", "1 Jan"), "X an ad confirmed as a scam on 1 Jan (1 report)."},
		{N("en", "memory_confirmed", 3, "What", "X", "Date", "1 Jan"), "X an ad confirmed as a scam on 1 Jan (3 reports)."},
		{N("id", "memory_confirmed", 1, "What", "X", "Date", "1 Jan"), "X iklan yang dikonfirmasi penipuan pada 1 Jan (1 laporan)."},
		{T("en", "no_such_message"), "!no_such_message"},
		{Match("en-GB"), "en"}, {Match("EN"), "en"}, {Match("ms"), "id"}, {Match(""), "id"}, {Match("ru"), "id"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// A third language is one catalog file: registered, it is matched and
// rendered, and messages it lacks come from the default catalog.
func TestThirdLanguageIsOneCatalog(t *testing.T) {
	data, err := os.ReadFile("testdata/tl.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := Register("tl.yaml", data); err != nil {
		t.Fatal(err)
	}
	if !Has("tl") || Match("tl-PH") != "tl" || Languages()[0] != Default {
		t.Errorf("languages %v", Languages())
	}
	if got := T("tl", "headline_high"); got != "MATAAS NA PANGANIB" {
		t.Errorf("tl headline %q", got)
	}
	if got := T("tl", "months"); got != T(Default, "months") {
		t.Errorf("a message tl lacks: %q, want the default's", got)
	}
}
