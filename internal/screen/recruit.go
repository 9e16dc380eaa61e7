package screen

import "github.com/cekloker/cekloker/internal/extract"

// recruits reports whether a text calls people to apply or to make
// contact: a recruitment phrase of job_ad.recruit (found by the engine's
// one automaton pass), or a WhatsApp or Telegram link. Warning words do
// not make such a text a mere warning.
func recruits(found scanned, ents extract.Entities) bool {
	for _, l := range ents.Links {
		if l.Kind == "whatsapp" || l.Kind == "telegram" {
			return true
		}
	}
	return found.recruit
}
