package telegram

import (
	"context"
	"fmt"
	"html"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/extract"
	"github.com/cekloker/cekloker/internal/i18n"
	"github.com/cekloker/cekloker/internal/memory"
	"github.com/cekloker/cekloker/internal/normalize"
	"github.com/cekloker/cekloker/internal/reply"
	"github.com/cekloker/cekloker/internal/rules"
	"github.com/cekloker/cekloker/internal/screen"
)

// lookup is a message that only names something to check: contacts, or
// a company.
type lookup struct {
	contacts []memory.Contact
	company  string
}

// maxLookupLen bounds what counts as a look-up; longer texts are ads.
const maxLookupLen = 160

// companyWords start the name of a company or agency.
var companyWords = map[string]bool{"pt": true, "cv": true, "p3mi": true, "ptkis": true, "pjtki": true,
	"lpk": true, "yayasan": true, "agency": true, "agensi": true, "company": true}

// parseLookup reports whether text is just a phone number, @handle, link,
// e-mail, bank account (up to three of them, with a few words at most) or
// a company name.
func (b *Bot) parseLookup(text string) (lookup, bool) {
	eng, _ := b.rules.Current()
	return parseLookupWith(eng.Extract, text)
}

// parseLookupWith is parseLookup with the given entity extractor.
func parseLookupWith(entities func(string) extract.Entities, text string) (lookup, bool) {
	text = strings.TrimSpace(text)
	if text == "" || len(text) > maxLookupLen || strings.Count(text, "\n") > 2 {
		return lookup{}, false
	}
	var words []string
	for _, tk := range normalize.String(text).Tokens {
		if tk.Text != normalize.Number {
			words = append(words, tk.Text)
		}
	}
	if len(words) > 8 {
		return lookup{}, false // too many words for either kind: no need to extract
	}
	cs := memory.Contacts(entities(text))
	if len(cs) > 0 && len(cs) <= 3 && len(words) <= 8 {
		return lookup{contacts: cs}, true
	}
	if len(cs) == 0 && len(words) >= 2 && len(words) <= 6 && companyWords[words[0]] {
		return lookup{company: text}, true
	}
	return lookup{}, false
}

// plainLookup is parseLookup for a message sent without /cek: a short
// job ad with a number ("Loker Kamboja WA 0812…") is screened instead,
// and a cry for help with a number gets help.
func (b *Bot) plainLookup(text string) (lookup, bool) {
	q, ok := b.parseLookup(text)
	if !ok {
		return q, false
	}
	eng, _ := b.rules.Current()
	return q, !eng.Distress(text).Help && !eng.Screen(text).IsJobAd
}

// answerLookup answers a look-up with what memory knows.
func (b *Bot) answerLookup(ctx context.Context, m *tgbotapi.Message, q lookup, lang string) error {
	return b.say(ctx, m.Chat.ID, m.MessageID, b.lookupText(q, lang))
}

func (b *Bot) lookupText(q lookup, lang string) string {
	var sb strings.Builder
	sb.WriteString("🔎 <b>" + i18n.T(lang, "lookup_title") + "</b>\n")
	if q.company != "" {
		fmt.Fprintf(&sb, "🏢 <b>%s</b>\n%s", html.EscapeString(q.company), companyAdvice(lang))
		return sb.String()
	}
	var snap *memory.Snapshot
	if b.cfg.Memory != nil {
		snap = b.cfg.Memory.Current()
	}
	kinds := map[string]bool{}
	for _, c := range q.contacts {
		kinds[c.Kind] = true
		var st memory.Stats
		if snap != nil {
			st = snap.Lookup(c)
		}
		sb.WriteString(contactVerdict(c, st, lang) + "\n")
	}
	sb.WriteString("\n" + lookupAdvice(kinds, lang))
	return sb.String()
}

// contactVerdict is one line: reported N times, last …; or never reported.
func contactVerdict(c memory.Contact, st memory.Stats, lang string) string {
	raw := c.Raw
	if raw == "" {
		raw = c.Value
	}
	name := "<b>" + html.EscapeString(raw) + "</b>"
	switch {
	case st.Reports > 0 || !st.Last.IsZero():
		return i18n.T(lang, "contact_reported", "Name", name, "N", st.Reports, "Date", reply.ShortDate(st.Last, lang))
	case st.Entries > 0:
		return i18n.T(lang, "contact_known", "Name", name, "Sources", html.EscapeString(strings.Join(st.Sources, ", ")))
	}
	return i18n.T(lang, "contact_never", "Name", name)
}

// withMemory puts the strongest memory hit's explanation ("… ada di
// iklan yang dikonfirmasi penipuan pada 12 Nov (3 laporan)") under the
// first paragraph of a verdict, which lists only category and quote; one
// line, so the verdict stays phone-sized (the details list every hit).
func withMemory(body string, v screen.Verdict, f *rules.File, lang string) string {
	add := ""
	for _, h := range v.Hits {
		if h.Category == screen.CategoryMemory {
			add = "🧠 " + html.EscapeString(reply.Explain(v, h, f, lang))
			break
		}
	}
	if add == "" {
		return body
	}
	if i := strings.Index(body, "\n\n"); i >= 0 {
		return body[:i] + "\n\n" + add + body[i:]
	}
	return body + "\n" + add
}
