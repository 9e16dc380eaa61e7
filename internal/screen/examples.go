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
		for i, ex := range r.Examples.Match {
			if !e.hits(ex, r.ID) {
				errs = append(errs, e.file.ErrorAt(fmt.Sprintf("rules[%d].examples.match[%d]", ri, i), r.ID,
					fmt.Sprintf("example does not match: %q", normalize.Clean(ex, 80))))
			}
		}
		for i, ex := range r.Examples.NoMatch {
			if e.hits(ex, r.ID) {
				errs = append(errs, e.file.ErrorAt(fmt.Sprintf("rules[%d].examples.no_match[%d]", ri, i), r.ID,
					fmt.Sprintf("no_match example matches: %q", normalize.Clean(ex, 80))))
			}
		}
	}
	return errs.Err()
}

// hits reports whether rule id hits text.
func (e *Engine) hits(text, id string) bool {
	for _, h := range e.Screen(text, "id").Hits {
		if h.Rule == id {
			return true
		}
	}
	return false
}
