package screen

import (
	"os"
	"strings"
	"testing"

	"github.com/cekloker/cekloker/internal/rules"
)

// badRules takes rules.yaml and applies one edit; the result must be
// refused with a message naming the file, the line and the rule.
func TestBadRuleFilesAreRefusedWithLocation(t *testing.T) {
	good, err := os.ReadFile("../../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, old, new string
		want           []string
	}{
		{"unknown key", "  - id: job_office_generic\n    category: job_promise\n", "  - id: job_office_generic\n    category: job_promise\n    colour: red\n", []string{"field colour not found", `rule "job_office_generic"`}},
		{"duplicate id", "  - id: job_scam_titles\n", "  - id: job_office_generic\n", []string{"duplicate rule id", `rule "job_office_generic"`}},
		{"bad regex", "      - /[a-z0-9#]+ my id\\b/\n", "      - /[a-z0-9#+ my id\\b/\n", []string{"bad regular expression", `rule "imp_unofficial_site"`}},
		{"empty explanation", "      en: \"Titles such as crypto admin", "      xx: \"Titles such as crypto admin", []string{"field xx not found"}},
		{"failing example", "        - \"Proses 2 minggu langsung terbang\"\n", "        - \"Proses seleksi biasa saja\"\n", []string{"example does not match", `rule "departure_fast"`}},
		{"unknown category", "  - id: job_scam_titles\n    category: job_promise\n", "  - id: job_scam_titles\n    category: jobs\n", []string{"unknown category", `rule "job_scam_titles"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(string(good), c.old) {
				t.Fatalf("rules.yaml no longer contains %q", c.old)
			}
			data := strings.Replace(string(good), c.old, c.new, 1)
			f, err := rules.Parse("rules.yaml", []byte(data))
			if err == nil {
				_, err = Compile(f, "")
			}
			if err == nil {
				t.Fatal("accepted")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "rules.yaml:") {
				t.Errorf("error does not start with file:line: %q", msg)
			}
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
		})
	}
}

func TestYAMLBombAndHugeFileRefused(t *testing.T) {
	bomb := "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
	if _, err := rules.Parse("bomb.yaml", []byte(bomb)); err == nil {
		t.Error("YAML bomb accepted")
	}
	if _, err := rules.Parse("big.yaml", make([]byte, rules.MaxFileSize+1)); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("huge file: %v", err)
	}
}
