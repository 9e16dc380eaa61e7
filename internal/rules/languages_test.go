package rules

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func TestLanguagesDefaultToIndonesianAndEnglish(t *testing.T) {
	f, err := Parse("semantics.yaml", []byte(fixture(t)))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(f.Languages, []string{"id", "en"}) || f.Default() != "id" {
		t.Errorf("languages %v, default %q", f.Languages, f.Default())
	}
	if got := f.Text(Text{"id": "Biaya.", "en": "Fee."}, "vi"); got != "Biaya." {
		t.Errorf("a language the file lacks falls back to %q, want the default", got)
	}
}

func TestThirdLanguageIsData(t *testing.T) {
	data, err := os.ReadFile("testdata/tagalog.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse("tagalog.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if !f.HasLanguage("tl") || f.Text(f.Rules[0].Explain, "tl") != "May bayad." || f.Text(f.Categories[0].Name, "tl") != "Pangako" {
		t.Errorf("languages %v, first rule %v", f.Languages, f.Rules[0].Explain)
	}
}

func TestTextsCheckedAgainstLanguages(t *testing.T) {
	cases := []struct {
		name, old, new, want string
	}{
		{"a language missing", "name: engine semantics fixture\n", "name: engine semantics fixture\nlanguages: [id, en, tl]\n",
			`semantics.yaml:23: category "promise": name needs a text in tl (languages: id, en, tl)`},
		{"a rule's explanation", `explain: {id: "Biaya.", en: "Fee."}`, `explain: {id: "Biaya."}`,
			`semantics.yaml:34: rule "fee_registration": explain needs a text in en`},
		{"a language not listed", `explain: {id: "Biaya.", en: "Fee."}`, `explain: {id: "Biaya.", en: "Fee.", vi: "Phí."}`,
			`rule "fee_registration": explain: language "vi" is not in languages (id, en)`},
		{"a bad code", "name: engine semantics fixture\n", "name: engine semantics fixture\nlanguages: [id, English]\n",
			`semantics.yaml:7: language "English" must be a two- or three-letter ISO 639 code`},
		{"a code twice", "name: engine semantics fixture\n", "name: engine semantics fixture\nlanguages: [id, en, id]\n",
			`language "id" is listed twice`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := parseEdited(t, c.old, c.new); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}
