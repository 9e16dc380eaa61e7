package extract

import (
	"strings"
	"unicode/utf8"
)

// Hint is an entity that Telegram itself marked in a message (a Bot API
// MessageEntity): its type, its place in UTF-16 code units as Telegram
// counts, and for a text_link the URL hidden behind the text.
type Hint struct {
	// Type is url, text_link, mention, phone_number or email; other types
	// (bold, hashtag, …) are ignored.
	Type string
	// Offset and Length are in UTF-16 code units of the message text.
	Offset, Length int
	// URL is the target of a text_link.
	URL string
}

// Merge adds to e what the hints mark in text (the message the hints
// belong to) and e does not have yet: a link hidden behind text
// (text_link), and links, @mentions, phone numbers and e-mail addresses
// that Telegram recognised and the scanners missed. Hints outside text
// are ignored.
func (x *Extractor) Merge(e *Entities, text string, hints []Hint) {
	x = x.get()
	for _, h := range hints {
		a, b, ok := utf16Span(text, h.Offset, h.Length)
		if !ok {
			continue
		}
		frag := strings.TrimSpace(text[a:b])
		switch h.Type {
		case "text_link":
			x.addLink(e, strings.TrimSpace(h.URL), a, b)
		case "url":
			x.addLink(e, frag, a, b)
		case "mention":
			e.addHandle(frag)
		case "email":
			x.addEmail(e, frag)
		case "phone_number":
			e.addPhone(frag, a, b)
		}
	}
	x.markOfficial(e)
}

func (x *Extractor) addLink(e *Entities, u string, a, b int) {
	if u == "" || !utf8.ValidString(u) {
		return
	}
	for _, l := range e.Links {
		if l.URL == u {
			return
		}
	}
	host := hostOf(u)
	if host == "" {
		return
	}
	e.Links = append(e.Links, Link{URL: u, Host: host, Kind: x.linkKind(host, u), Start: a, End: b})
}

func (e *Entities) addHandle(m string) {
	h := strings.ToLower(m)
	if len(h) < 2 || h[0] != '@' {
		return
	}
	for _, x := range e.Handles {
		if x == h {
			return
		}
	}
	e.Handles = append(e.Handles, h)
}

func (x *Extractor) addEmail(e *Entities, m string) {
	addr := strings.ToLower(m)
	at := strings.LastIndexByte(addr, '@')
	if at <= 0 || !validDomain(addr[at+1:]) {
		return
	}
	for _, x := range e.Emails {
		if x.Address == addr {
			return
		}
	}
	e.Emails = append(e.Emails, Email{Address: addr, FreeMail: x.isFreeMail(addr)})
}

func (e *Entities) addPhone(raw string, a, b int) {
	var digits []byte
	for i := 0; i < len(raw); i++ {
		if isDigit(raw[i]) {
			digits = append(digits, raw[i])
		}
	}
	if len(digits) < minPhoneDigits || len(digits) > maxPhoneDigits {
		return
	}
	mode := modeLocal
	if strings.HasPrefix(raw, "+") {
		mode = modePlus
	}
	r := lookupPhone(mode, digits)
	if !r.ok {
		return
	}
	for _, p := range e.Phones {
		if p.E164 == r.e164 {
			return
		}
	}
	e.Phones = append(e.Phones, Phone{Raw: raw, E164: r.e164, Region: r.region, CountryCode: r.cc, Start: a, End: b})
}

// utf16Span converts a span in UTF-16 code units of text to bytes. ok is
// false when the span does not lie inside text.
func utf16Span(text string, off, n int) (a, b int, ok bool) {
	if off < 0 || n <= 0 {
		return 0, 0, false
	}
	a, b = -1, -1
	units := 0
	for i, r := range text {
		if units == off {
			a = i
		}
		if units == off+n {
			b = i
			break
		}
		units += utf16Len(r)
	}
	if a >= 0 && b < 0 && units == off+n {
		b = len(text)
	}
	return a, b, a >= 0 && b > a
}

func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}
