package memory

import (
	"net/url"
	"strings"

	"golang.org/x/net/publicsuffix"

	"github.com/cekloker/cekloker/internal/extract"
	"github.com/cekloker/cekloker/internal/screen"
)

// Contact is a recruiter's published contact: a phone number (E.164), a
// Telegram/Instagram @handle, an e-mail address, a link (the registrable
// domain, or the full address for shorteners, forms and social pages) or
// a bank account number.
type Contact struct {
	Kind  string `json:"kind"`          // screen.MemoryPhone, MemoryHandle, MemoryEmail, MemoryLink or MemoryBank
	Value string `json:"value"`         // canonical: +85516318274, @lokerkh, a@b.com, example.com, bit.ly/abc, 1234567890
	Raw   string `json:"raw,omitempty"` // as first written, for people
}

// Key is the contact's index key, "kind:value".
func (c Contact) Key() string { return c.Kind + ":" + c.Value }

// platformDomains are sites that carry everybody's pages: their domain
// alone says nothing about who posted.
var platformDomains = map[string]bool{
	"google.com": true, "youtube.com": true, "linkedin.com": true, "jobstreet.co.id": true,
	"jobstreet.com": true, "indeed.com": true, "glassdoor.com": true, "kalibrr.com": true,
	"karir.com": true, "loker.id": true, "glints.com": true, "wikipedia.org": true,
	"microsoft.com": true, "apple.com": true, "github.com": true, "blogspot.com": true,
	"wordpress.com": true, "medium.com": true, "gmail.com": true, "yahoo.com": true,
	"turnbackhoax.id": true, "cekfakta.com": true, "kompas.com": true, "detik.com": true,
}

// Contacts lists the contacts in a text's entities, deduplicated, in the
// order phones, handles, e-mails, links, bank accounts. Official numbers
// and links to official sites (or official numbers) are not contacts.
func Contacts(e extract.Entities) []Contact {
	var out []Contact
	seen := map[string]bool{}
	add := func(c Contact) {
		if c.Value == "" || seen[c.Key()] {
			return
		}
		seen[c.Key()] = true
		out = append(out, c)
	}
	for _, p := range e.Phones {
		inBank := false
		for _, b := range e.Banks {
			inBank = inBank || p.Start < b.End && b.Start < p.End
		}
		if !inBank && !p.Official { // "BRI 1234-5678-9012-345" is no phone number, a hotline no contact
			add(Contact{screen.MemoryPhone, p.E164, p.Raw})
		}
	}
	for _, h := range e.Handles {
		add(Contact{screen.MemoryHandle, h, h})
	}
	for _, m := range e.Emails {
		add(Contact{screen.MemoryEmail, m.Address, m.Address})
	}
	for _, l := range e.Links {
		if c, ok := linkContact(l); ok {
			add(c)
		}
	}
	for _, b := range e.Banks {
		raw := b.Raw
		if b.Bank != "" {
			raw = b.Bank + " " + b.Raw
		}
		add(Contact{screen.MemoryBank, b.Number, raw})
	}
	return out
}

// linkContact turns a link into a contact: wa.me numbers become phones,
// t.me names handles, shorteners, forms and social pages keep their full
// address, other sites their registrable domain.
func linkContact(l extract.Link) (Contact, bool) {
	u := l.URL
	if !strings.Contains(u, "://") {
		u = "https://" + u
	}
	p, err := url.Parse(u)
	if err != nil || l.Host == "" {
		return Contact{}, false
	}
	path := strings.Trim(p.EscapedPath(), "/")
	kind := l.Kind
	if kind == "" || kind == "other" {
		kind = hostKind(l.Host)
	}
	switch kind {
	case "official":
		return Contact{}, false
	case "whatsapp":
		if num := extract.WhatsAppNumber(l); num != "" {
			return Contact{screen.MemoryPhone, num, l.URL}, true
		}
	case "telegram":
		name, _, _ := strings.Cut(path, "/")
		if name != "" && !strings.HasPrefix(name, "+") && name != "joinchat" && name != "s" {
			return Contact{screen.MemoryHandle, "@" + strings.ToLower(name), l.URL}, true
		}
	case "other":
		d, err := publicsuffix.EffectiveTLDPlusOne(l.Host)
		if err != nil || platformDomains[d] || !looksLikeLink(l.URL, path, d) {
			return Contact{}, false
		}
		return Contact{screen.MemoryLink, d, l.URL}, true
	}
	if path == "" {
		return Contact{}, false // a bare platform domain
	}
	return Contact{screen.MemoryLink, l.Host + "/" + path, l.URL}, true
}

// hostKinds classify the hosts whose links are kept whole, or turned into
// phones and handles, when the extractor had no host lists (the rule
// file's lists: section classifies many more): the keys must not depend
// on it.
var hostKinds = map[string]string{
	"wa.me": "whatsapp", "whatsapp.com": "whatsapp", "wa.link": "whatsapp",
	"t.me": "telegram", "telegram.me": "telegram", "telegram.dog": "telegram",
	"bit.ly": "shortener", "s.id": "shortener", "tinyurl.com": "shortener", "cutt.ly": "shortener",
	"shorturl.at": "shortener", "rb.gy": "shortener", "is.gd": "shortener", "linktr.ee": "shortener", "lynk.id": "shortener",
	"forms.gle": "form", "docs.google.com": "form",
	"facebook.com": "social", "fb.me": "social", "instagram.com": "social", "tiktok.com": "social", "x.com": "social", "twitter.com": "social",
}

// hostKind is the kind of a host or of its parent domains, or "other".
func hostKind(host string) string {
	for h := host; h != ""; {
		if k, ok := hostKinds[h]; ok {
			return k
		}
		_, rest, ok := strings.Cut(h, ".")
		if !ok {
			break
		}
		h = rest
	}
	if strings.HasSuffix(host, ".go.id") {
		return "official"
	}
	return "other"
}

// linkTLDs are the endings a bare domain written without scheme or www.
// may have to count as a link.
var linkTLDs = map[string]bool{
	"com": true, "net": true, "org": true, "id": true, "co.id": true, "my.id": true, "web.id": true,
	"biz.id": true, "site": true, "click": true, "online": true, "xyz": true, "top": true, "info": true,
	"biz": true, "store": true, "shop": true, "live": true, "vip": true, "cc": true, "io": true, "me": true,
	"icu": true, "link": true, "cam": true, "work": true, "asia": true, "space": true, "website": true,
}

// looksLikeLink tells a real link from text like "PT.ET/XI/2024" or
// "preferred.MS Office" that only looks like one: a scheme or "www."
// decides; otherwise the host must be written in lowercase and end in a
// common link ending.
func looksLikeLink(raw, path, domain string) bool {
	if strings.Contains(raw, "://") || strings.HasPrefix(strings.ToLower(raw), "www.") {
		return true
	}
	host, _, _ := strings.Cut(raw, "/")
	if host != strings.ToLower(host) {
		return false
	}
	suffix, _ := publicsuffix.PublicSuffix(domain)
	return linkTLDs[suffix]
}
