package reply

import (
	"os"
	"strings"
	"testing"

	"github.com/cekloker/cekloker/internal/i18n"
	"github.com/cekloker/cekloker/internal/screen"
)

// A third language is data: the rule file's languages: list with a text
// in it for every rule (../rules/testdata/tagalog.yaml) and one catalog
// (../i18n/testdata/tl.yaml, registered as a deployment would ship
// locales/tl.yaml). No code names it.
func TestThirdLanguageIsData(t *testing.T) {
	data, err := os.ReadFile("../i18n/testdata/tl.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := i18n.Register("tl.yaml", data); err != nil {
		t.Fatal(err)
	}
	e, err := screen.Load("../rules/testdata/tagalog.yaml")
	if err != nil {
		t.Fatal(err)
	}
	lang := Lang("tl-PH")
	if lang != "tl" {
		t.Fatalf("Lang(tl-PH) = %q", lang)
	}
	v := e.Screen("Lowongan kerja operator dan kasir, cukup visa turis, ada biaya pendaftaran, brgkt sekarang")
	if v.Level != "high" {
		t.Fatalf("level %s, hits %v", v.Level, v.HitRules())
	}
	full, details := Full(v, e.Rules(), lang), Details(v, e.Rules(), lang)
	for _, want := range []string{
		"MATAAS NA PANGANIB", // the catalog's headline
		"Pangako",            // a category's name from the rules
	} {
		if !strings.Contains(full, want) {
			t.Errorf("full verdict lacks %q:\n%s", want, full)
		}
	}
	for _, want := range []string{"Mga babala:", "May bayad.", "Payo ng pagsubok.", "Ano ang gagawin:"} {
		if !strings.Contains(details, want) {
			t.Errorf("details lack %q:\n%s", want, details)
		}
	}
	if id := Details(v, e.Rules(), "id"); !strings.Contains(id, "Biaya.") || strings.Contains(id, "May bayad.") {
		t.Errorf("the same verdict in Indonesian:\n%s", id)
	}
	explains := ""
	j := JSON(v, e.Rules(), lang)
	for _, h := range j.Hits {
		explains += h.Explain + " "
	}
	if j.Lang != "tl" || !strings.Contains(explains, "May bayad.") || !strings.Contains(Plain(v, e.Rules(), lang), "May bayad.") {
		t.Errorf("bot screen --json / plain in tl: %q", explains)
	}
}
