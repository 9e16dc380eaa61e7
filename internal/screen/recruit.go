package screen

import "github.com/cekloker/cekloker/internal/extract"

// recruits reports whether a text calls people to apply or to make
// contact: a recruitment phrase of job_ad.recruit (found by the engine's
// one automaton pass), or a WhatsApp or Telegram link. Warning words do
// not make such a text a mere warning.
func (e *Engine) recruits(found scanned, ents extract.Entities) bool {
	return found.recruit || e.chatLink(ents)
}

// reachable reports whether a text gives a way to make contact: a phone
// number, an e-mail address, or a WhatsApp or Telegram link. A text about
// offers (a question, a report) that does is not let off as one: "yang
// mau tanya-tanya langsung WA 0812…" is how scam posts end. The official
// numbers of lists.official_phones (the ministry's hotline, which
// warnings and posters print) do not count.
func (e *Engine) reachable(ents extract.Entities) bool {
	for _, p := range ents.Phones {
		if !e.official[p.E164] {
			return true
		}
	}
	return len(ents.Emails) > 0 || e.chatLink(ents)
}

// chatLink reports a WhatsApp or Telegram link, other than a WhatsApp link
// to an official number.
func (e *Engine) chatLink(ents extract.Entities) bool {
	for _, l := range ents.Links {
		switch l.Kind {
		case "telegram":
			return true
		case "whatsapp":
			if !e.official[extract.WhatsAppNumber(l)] {
				return true
			}
		}
	}
	return false
}
