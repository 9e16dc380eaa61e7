package screen

import (
	"fmt"

	"github.com/cekloker/cekloker/internal/extract"
	"github.com/cekloker/cekloker/internal/normalize"
)

// compileHelpers compiles what the engine needs besides the rules: the
// distress section and the recruitment phrases.
func (e *Engine) compileHelpers() error {
	ids := make([]int, len(e.file.JobAd.CompiledRecruit))
	rs, err := newPhraseSet(e.file.JobAd.CompiledRecruit, ids)
	if err != nil {
		return fmt.Errorf("%s: job_ad.recruit: %w", e.file.Path, err)
	}
	e.recruit = rs
	return e.compileDistress()
}

// recruits reports whether a text calls people to apply or to make
// contact: a recruitment phrase, or a WhatsApp or Telegram link. Warning
// words do not make such a text a mere warning.
func (e *Engine) recruits(nt *normalize.Text, ents extract.Entities) bool {
	for _, l := range ents.Links {
		if l.Kind == "whatsapp" || l.Kind == "telegram" {
			return true
		}
	}
	return e.recruit.any(nt)
}
