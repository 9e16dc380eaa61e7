package extract

import (
	"os"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"
)

// testX extracts with the lists of testdata/lists.yaml.
var testX = func() *Extractor {
	data, err := os.ReadFile("testdata/lists.yaml")
	if err != nil {
		panic(err)
	}
	var f struct {
		Lists struct {
			LinkHosts     map[string][]string `yaml:"link_hosts"`
			FreeMail      []string            `yaml:"free_mail"`
			Abbreviations map[string]string   `yaml:"abbreviations"`
			RatesIDR      map[string]float64  `yaml:"rates_idr"`
		} `yaml:"lists"`
	}
	if err := yaml.Unmarshal(data, &f); err != nil {
		panic(err)
	}
	return New(Lists{LinkHosts: f.Lists.LinkHosts, FreeMail: f.Lists.FreeMail, RatesIDR: f.Lists.RatesIDR})
}()

func TestListsDecideKindsFreeMailAndRates(t *testing.T) {
	text := "Daftar t.me/lokerkh atau bit.ly/abc, cv ke hr@gmail.com, gaji USD 1,000/bulan"
	plainE, listed := Extract(text), testX.Extract(text)
	var kinds []string
	for _, l := range plainE.Links {
		kinds = append(kinds, l.Kind)
	}
	if !slices.Equal(kinds, []string{"other", "other"}) || plainE.Emails[0].FreeMail || plainE.Salaries[0].MonthlyIDR != 0 {
		t.Errorf("without lists: kinds %v, emails %+v, salaries %+v", kinds, plainE.Emails, plainE.Salaries)
	}
	kinds = nil
	for _, l := range listed.Links {
		kinds = append(kinds, l.Kind)
	}
	if !slices.Equal(kinds, []string{"telegram", "shortener"}) || !listed.Emails[0].FreeMail || listed.Salaries[0].MonthlyIDR != 16300000 {
		t.Errorf("with lists: kinds %v, emails %+v, salaries %+v", kinds, listed.Emails, listed.Salaries)
	}
	if got := Extract("info di kemnaker.go.id").Links; len(got) != 1 || got[0].Kind != "official" {
		t.Errorf("official without lists: %+v", got)
	}
	fam := New(Lists{FreeMail: []string{"yahoo."}})
	if e := fam.Extract("a@yahoo.co.id b@yahoo.example.org c@notyahoo.com"); !e.Emails[0].FreeMail || !e.Emails[1].FreeMail || e.Emails[2].FreeMail {
		t.Errorf("family match: %+v", e.Emails)
	}
}

func TestCurrenciesHaveRatesInTestLists(t *testing.T) {
	for _, c := range Currencies() {
		if testX.rateIDR(c) <= 0 {
			t.Errorf("no rate for %s", c)
		}
	}
	if len(Currencies()) < 19 {
		t.Errorf("currencies = %v", Currencies())
	}
}

// TestOfficialPhones: a number of Lists.OfficialPhones is marked official,
// in the text and in Telegram's entities alike, and a WhatsApp link to one
// is an official link; other numbers and links are left as they are.
func TestOfficialPhones(t *testing.T) {
	x := New(Lists{LinkHosts: map[string][]string{"whatsapp": {"wa.me"}}, OfficialPhones: []string{"+628118080141"}})
	const text = "Lapor 0811-8080-141 atau wa.me/628118080141, bukan 0812-3456-7890 / wa.me/6281234567890"
	e := x.Extract(text)
	official := map[string]bool{}
	for _, p := range e.Phones {
		official[p.E164] = p.Official
	}
	if !official["+628118080141"] || official["+6281234567890"] || len(official) != 2 {
		t.Errorf("phones: %+v", e.Phones)
	}
	kinds := map[string]string{}
	for _, l := range e.Links {
		kinds[l.URL] = l.Kind
	}
	if kinds["wa.me/628118080141"] != "official" || kinds["wa.me/6281234567890"] != "whatsapp" {
		t.Errorf("links: %+v", e.Links)
	}
	var m Entities
	x.Merge(&m, "Tanya 0811-8080-141", []Hint{{Type: "phone_number", Offset: 6, Length: 13}})
	if len(m.Phones) != 1 || !m.Phones[0].Official {
		t.Errorf("from an entity: %+v", m.Phones)
	}
}
