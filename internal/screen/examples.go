package screen

import (
	"fmt"

	"github.com/cekloker/cekloker/internal/normalize"
	"github.com/cekloker/cekloker/internal/rules"
)

// checkExamples screens every rule's examples and reports each one that
// does not behave as declared. Disabled rules are not checked.
func (e *Engine) checkExamples() error {
	var errs rules.Errors
	for ri, r := range e.file.Rules {
		if r.Disabled {
			continue
		}
		errs = append(errs, e.exampleErrors(fmt.Sprintf("rules[%d]", ri), r.ID, r.Examples, func(text string) bool { return e.hits(text, r.ID) })...)
	}
	return errs.Err()
}

// exampleErrors runs the examples of the rule (or signal) id written at the
// YAML path at: each match example must match, each no_match one must not.
func (e *Engine) exampleErrors(at, id string, ex rules.Examples, matches func(string) bool) rules.Errors {
	var errs rules.Errors
	for i, text := range ex.Match {
		if !matches(text) {
			errs = append(errs, e.file.ErrorAt(fmt.Sprintf("%s.examples.match[%d]", at, i), id,
				fmt.Sprintf("example does not match: %q", normalize.Clean(text, 80))))
		}
	}
	for i, text := range ex.NoMatch {
		if matches(text) {
			errs = append(errs, e.file.ErrorAt(fmt.Sprintf("%s.examples.no_match[%d]", at, i), id,
				fmt.Sprintf("no_match example matches: %q", normalize.Clean(text, 80))))
		}
	}
	return errs
}

// hits reports whether rule id hits text.
func (e *Engine) hits(text, id string) bool {
	for _, h := range e.Screen(text).Hits {
		if h.Rule == id {
			return true
		}
	}
	return false
}
