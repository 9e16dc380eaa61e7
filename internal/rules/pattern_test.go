package rules

import (
	"github.com/cekloker/cekloker/internal/normalize"

	"strings"
	"testing"
)

func TestParsePattern(t *testing.T) {
	tests := []struct {
		in                string
		phrase            string
		anyStart, anyEnd  bool
		regex             bool
		literal, errWords string
	}{
		{in: "Visa Turis", phrase: "visa turis"},
		{in: "brgkt minggu ini", phrase: "berangkat minggu ini"},
		{in: "proses 2 minggu", phrase: "proses # minggu"},
		{in: "berangkat*", phrase: "berangkat", anyEnd: true},
		{in: "*berangkatan", phrase: "berangkatan", anyStart: true},
		{in: "/usia \\d+ tahun/", regex: true, literal: " tahun"},
		{in: "/(blogspot|wixsite) com/", regex: true, literal: "blogspot"},
		{in: "ber*angkat", errWords: "only stand at the start or the end"},
		{in: "!!!", errWords: "no letters or digits"},
		{in: "/[a-z]+/", errWords: "fixed word"},
		{in: "/(ab|cdef) x/", errWords: "fixed word"},
		{in: "/(unclosed/", errWords: "bad regular expression"},
		{in: "ab*", errWords: "too short"},
	}
	norm, err := normalize.New(map[string]string{"brgkt": "berangkat"})
	if err != nil {
		t.Fatal(err)
	}
	f := &File{Normalizer: norm}
	for _, tt := range tests {
		p, err := f.ParsePattern(tt.in)
		if tt.errWords != "" {
			if err == nil || !strings.Contains(err.Error(), tt.errWords) {
				t.Errorf("%q: error %v, want one about %q", tt.in, err, tt.errWords)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if tt.regex {
			found := false
			for _, l := range p.Literals {
				found = found || l == tt.literal
			}
			if p.Regexp == nil || !found {
				t.Errorf("%q: regexp %v literals %q, want literal %q", tt.in, p.Regexp, p.Literals, tt.literal)
			}
			continue
		}
		if p.Phrase != tt.phrase || p.AnyStart != tt.anyStart || p.AnyEnd != tt.anyEnd {
			t.Errorf("%q: got %q start %v end %v", tt.in, p.Phrase, p.AnyStart, p.AnyEnd)
		}
	}
}

func TestErrorNamesFileLineRule(t *testing.T) {
	e := &Error{File: "rules.yaml", Line: 42, Rule: "fast_departure", Msg: "bad pattern"}
	if got := e.Error(); got != `rules.yaml:42: rule "fast_departure": bad pattern` {
		t.Errorf("Error() = %q", got)
	}
	es := Errors{e, {File: "rules.yaml", Msg: "no rules"}}
	if got := es.Error(); !strings.Contains(got, "\nrules.yaml: no rules") {
		t.Errorf("Errors.Error() = %q", got)
	}
}

func TestParseReportsEveryProblem(t *testing.T) {
	_, err := Parse("r.yaml", []byte("version: 2\nthresholds: {medium: 5, high: 3}\n"))
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{"r.yaml:1: version must be 1", "r.yaml:2: thresholds need 0 < medium < high", "no categories", "no rules", "guidance.advice is empty"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
}
