package screen

import (
	"os"
	"strings"
	"testing"

	"github.com/cekloker/cekloker/internal/rules"
)

// TestBadRuleFilesAreRefusedWithLocation takes the semantics fixture and
// applies one edit; the result must be refused with a message naming the
// file, the line and the rule.
func TestBadRuleFilesAreRefusedWithLocation(t *testing.T) {
	good, err := os.ReadFile("testdata/semantics.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, old, new string
		want           []string
	}{
		{"unknown key", "  - id: many_jobs\n    category: promise\n", "  - id: many_jobs\n    category: promise\n    colour: red\n", []string{"field colour not found", `rule "many_jobs"`}},
		{"duplicate id", "  - id: visa_tourist\n", "  - id: fee_registration\n", []string{"duplicate rule id", `rule "fee_registration"`}},
		{"bad regex", "'/[a-z0-9#]+ my id\\b/'", "'/[a-z0-9#+ my id\\b/'", []string{"bad regular expression", `rule "cheap_site"`}},
		{"empty explanation", `explain: {id: "Banyak posisi.", en: "Many jobs."}`, `explain: {id: "Banyak posisi.", xx: "Many jobs."}`, []string{`language "xx" is not in languages`, `explain needs a text in en`, `rule "many_jobs"`}},
		{"failing example", `match: ["operator dan kasir"]`, `match: ["operator saja"]`, []string{"example does not match", `rule "many_jobs"`}},
		{"unknown category", "  - id: visa_tourist\n    category: promise\n", "  - id: visa_tourist\n    category: jobs\n", []string{"unknown category", `rule "visa_tourist"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(string(good), c.old) {
				t.Fatalf("the fixture no longer contains %q", c.old)
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
