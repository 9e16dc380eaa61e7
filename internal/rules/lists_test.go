package rules

import (
	"os"
	"strings"
	"testing"
)

// fixture is the engine-semantics rule file of the screen package, a small
// valid file to edit.
func fixture(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../screen/testdata/semantics.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// parseEdited parses the fixture with the first old in it replaced by new.
func parseEdited(t *testing.T, old, new string) error {
	t.Helper()
	s := fixture(t)
	if !strings.Contains(s, old) {
		t.Fatalf("fixture lacks %q", old)
	}
	_, err := Parse("semantics.yaml", []byte(strings.Replace(s, old, new, 1)))
	return err
}

func TestBadListsAndCombosRefused(t *testing.T) {
	cases := []struct {
		name, old, new, want string
	}{
		{"unknown link kind", "    shortener: [bit.ly]", "    shorteners: [bit.ly]", "unknown link kind \"shorteners\""},
		{"host with a scheme", "    shortener: [bit.ly]", "    shortener: [https://bit.ly]", "not a lowercase host name"},
		{"upper-case mail domain", "free_mail: [gmail.com]", "free_mail: [GMail.com]", "not a lowercase mail domain"},
		{"abbreviation of two words", "    brgkt: berangkat", "    brgkt cpt: berangkat", "must be one word"},
		{"unknown currency", "    brgkt: berangkat", "    brgkt: berangkat\n  rates_idr: {XYZ: 3}", "rate XYZ"},
		{"official phone not in E.164", "official_phones: [+628118080141]", "official_phones: [0811-8080-141]", "not a number in E.164 form"},
		{"despite_contact without unless", "    unless: [promise]\n", "", "despite_contact goes with not_an_offer"},
		{"missing rates", "    brgkt: berangkat", "    brgkt: berangkat\n  rates_idr: {USD: 16000}", "has no rate"},
		{"replaces unknown", "    replaces: [promise_departure]", "    replaces: [nothing_here]", "replaces unknown combo \"nothing_here\""},
		{"replaces itself", "    replaces: [promise_departure]", "    replaces: [promise_departure_channel]", "replaces itself"},
		{"replace each other", "    categories: [promise, departure]\n    weight: 2\n", "    categories: [promise, departure]\n    weight: 2\n    replaces: [promise_departure_channel]\n", "replace each other"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := parseEdited(t, c.old, c.new)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "semantics.yaml:") {
				t.Errorf("error %v, want one at semantics.yaml:LINE about %q", err, c.want)
			}
		})
	}
	if _, err := Parse("semantics.yaml", []byte(fixture(t))); err != nil {
		t.Fatalf("the fixture itself: %v", err)
	}
}

func TestMatchCombosDropsReplaced(t *testing.T) {
	f, err := Parse("semantics.yaml", []byte(fixture(t)))
	if err != nil {
		t.Fatal(err)
	}
	has := func(cats ...string) func(string) bool {
		return func(c string) bool { return strings.Contains(strings.Join(cats, ","), c) }
	}
	ids := func(cs []*Combo) string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return strings.Join(out, ",")
	}
	if got := ids(f.MatchCombos(has("promise", "departure"))); got != "promise_departure" {
		t.Errorf("two categories: %s", got)
	}
	if got := ids(f.MatchCombos(has("promise", "departure", "channel", "fee"))); got != "promise_departure_channel,channel_fee" {
		t.Errorf("all categories: %s", got)
	}
}
