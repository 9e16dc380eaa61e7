package screen

import "github.com/cekloker/cekloker/internal/extract"

// recruits reports whether a text calls people to apply or to make
// contact: a recruitment phrase of job_ad.recruit (found by the engine's
// one automaton pass), or a WhatsApp or Telegram link. Warning words do
// not make such a text a mere warning.
func recruits(found scanned, ents extract.Entities) bool {
	return found.recruit || chatLink(ents)
}

// reachable reports whether a text gives a way to make contact: a phone
// number, an e-mail address, or a WhatsApp or Telegram link. A text about
// offers (a question, a report) that does is not let off as one: "yang
// mau tanya-tanya langsung WA 0812…" is how scam posts end. The official
// numbers of lists.official_phones (the ministry's hotline, which
// warnings and posters print) do not count.
func reachable(ents extract.Entities) bool {
	for _, p := range ents.Phones {
		if !p.Official {
			return true
		}
	}
	return len(ents.Emails) > 0 || chatLink(ents)
}

// chatLink reports a WhatsApp or Telegram link (a WhatsApp link to an
// official number is an "official" link).
func chatLink(ents extract.Entities) bool {
	for _, l := range ents.Links {
		if l.Kind == "whatsapp" || l.Kind == "telegram" {
			return true
		}
	}
	return false
}
