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
