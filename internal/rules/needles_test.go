package rules

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
)

func TestNeedles(t *testing.T) {
	tests := []struct {
		re   string
		want []string
	}{
		{`[a-z0-9#]+ (web|biz) id\b`, []string{" web id", " biz id"}},
		{`[a-z0-9#]+ my id\b`, []string{" my id"}},
		{`[a-z]+ (blogspot|webnode|webhostapp) `, []string{" blogspot ", " webnode ", " webhostapp "}},
		{`gaji [0-9#]+ (juta|jt)`, []string{"gaji "}}, // the run whose shortest string is longest
		{`(?:kerja|lowongan) di (kamboja|thailand)`, []string{"kerja di kamboja", "kerja di thailand", "lowongan di kamboja", "lowongan di thailand"}},
		{`(?i)visa turis`, nil},          // case folded: not a fixed string
		{`a*`, nil},                      // no fixed string
		{`(x+ab|cd?)ef`, []string{"ef"}}, // an alternative without one: the concatenation's
		{`\bbrgkt\b`, []string{"brgkt"}},
	}
	for _, tt := range tests {
		got := needlesOf(t, tt.re)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: needles %q, want %q", tt.re, got, tt.want)
		}
	}
}

// TestNeedlesInEveryMatch checks the promise the window check relies on:
// every match of an expression holds one of its needles.
func TestNeedlesInEveryMatch(t *testing.T) {
	text := " situs kerja web id dan toko biz id atau abc my id serta x blogspot y webnode webhostapp z " +
		"gaji 5 juta gaji # jt lowongan di kamboja kerja di thailand ab cdef xxabef "
	for _, expr := range []string{
		`[a-z0-9#]+ (web|biz) id\b`, `[a-z0-9#]+ my id\b`, `[a-z]+ (blogspot|webnode|webhostapp) `,
		`gaji [0-9#]+ (juta|jt)`, `(?:kerja|lowongan) di (kamboja|thailand)`, `(x+ab|cd?)ef`,
	} {
		re := regexp.MustCompile(expr)
		ns := needlesOf(t, expr)
		ms := re.FindAllString(text, -1)
		if len(ms) == 0 {
			t.Errorf("%s: no match in the test text", expr)
		}
		for _, m := range ms {
			if !slices.ContainsFunc(ns, func(n string) bool { return strings.Contains(m, n) }) {
				t.Errorf("%s: match %q holds none of %q", expr, m, ns)
			}
		}
	}
}

// needlesOf parses expr as a rule's regular expression is parsed and
// returns its needles.
func needlesOf(t *testing.T, expr string) []string {
	t.Helper()
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	return required(tree.Simplify())
}
