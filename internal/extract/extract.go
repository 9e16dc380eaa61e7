// Package extract pulls contact details and pay claims out of the original
// text of a job ad: phone numbers, links, @handles, e-mail addresses and
// salaries. It is pure (no I/O) and safe for concurrent use.
//
// It reads the folded view of the text that package normalize makes (the
// same view the tokenizer reads), so that 𝟬𝟴𝟭𝟮, ＋８５５, ①⑤ or digits split
// by invisible characters read as plain digits; every span reported still
// points into the original text.
//
// Phone numbers are validated with github.com/nyaruka/phonenumbers and
// links found with mvdan.cc/xurls/v2. Both cost 10–20 µs per call, so cheap
// hand-written pre-filters decide what reaches them.
package extract

import (
	"slices"

	"github.com/cekloker/cekloker/internal/normalize"
)

// Entities is everything extracted from one text.
type Entities struct {
	Phones   []Phone  `json:"phones,omitempty"`
	Links    []Link   `json:"links,omitempty"`
	Handles  []string `json:"handles,omitempty"` // Telegram/Instagram style @handles, with the @, lowercased, deduped, in order of appearance
	Emails   []Email  `json:"emails,omitempty"`
	Salaries []Salary `json:"salaries,omitempty"`
	Banks    []Bank   `json:"banks,omitempty"` // bank accounts (see Banks; filled by screen.Engine)
}

// Phone is a valid phone number, deduplicated by E164.
type Phone struct {
	Raw         string `json:"raw"`          // as written in the text (trimmed)
	E164        string `json:"e164"`         // +855xxxxxxxx
	Region      string `json:"region"`       // ISO 3166 alpha-2 from phonenumbers, e.g. "KH"
	CountryCode int    `json:"country_code"` // 855
	// Official marks a number of Lists.OfficialPhones (a ministry's
	// hotline): no way to reach a text's writer.
	Official   bool `json:"official,omitempty"`
	Start, End int  `json:"-"` // byte span in the original text
}

// Link is a URL, with or without a scheme ("t.me/lokerkh" counts).
type Link struct {
	URL        string `json:"url"`  // as written, after Unicode folding
	Host       string `json:"host"` // lowercased, without "www."
	Kind       string `json:"kind"` // whatsapp, telegram, shortener, form, official, social or other
	Start, End int    `json:"-"`    // byte span in the original text
}

// Email is an e-mail address, lowercased and deduplicated.
type Email struct {
	Address  string `json:"address"`
	FreeMail bool   `json:"free_mail"` // at a domain of Lists.FreeMail
}

// Salary is a pay claim: one amount or a range, with currency and period.
type Salary struct {
	Raw        string  `json:"raw"`              // the fragment as written
	Currency   string  `json:"currency"`         // ISO 4217 code
	Min        float64 `json:"min"`              // in units of Currency (a single amount: Min == Max)
	Max        float64 `json:"max"`              //
	Period     string  `json:"period,omitempty"` // month, week, day, hour, year, task or "" when not stated
	MonthlyIDR float64 `json:"monthly_idr"`      // Max in rupiah per month at the rates of Lists.RatesIDR; 0 for "task" or without a rate
	Start, End int     `json:"-"`                // byte span in the original text
}

// Extract is Extractor.Extract without lists (see Extractor).
func Extract(text string) Entities { return plain.Extract(text) }

// FromView is Extractor.FromView without lists.
func FromView(v *normalize.View) Entities { return plain.FromView(v) }

// Extract finds all entities. It never panics and runs in time linear in
// len(text), for any input including invalid UTF-8.
func (x *Extractor) Extract(text string) Entities {
	return x.FromView(normalize.Fold(text))
}

// FromView finds all entities in a folded view (normalize.Text.View); the
// spans reported are in v.Original.
func (x *Extractor) FromView(v *normalize.View) Entities {
	x = x.get()
	s := v.Folded
	var runBuf [64]int // most texts have fewer digit runs: no allocation
	runs := digitRuns(s, runBuf[:0])
	links := x.scanLinks(s)
	emails := scanEmails(s)
	var linkSpans, emailSpans spans
	for _, l := range links {
		linkSpans = append(linkSpans, span{l.start, l.end})
	}
	for _, e := range emails {
		emailSpans = append(emailSpans, span{e.start, e.end})
	}
	emailSpans = emailSpans.normalize()
	phones := scanPhones(s, runs, links, emailSpans)

	busy := append(linkSpans, emailSpans...).normalize()
	handles := scanHandles(s, busy)
	for _, p := range phones {
		busy = append(busy, span{p.start, p.end})
	}
	salaries := scanSalaries(s, runs, busy.normalize())

	e := Entities{Handles: handles}
	if len(phones) > 0 {
		e.Phones = make([]Phone, 0, len(phones))
	}
	for _, p := range phones {
		raw, a, b := v.Raw(p.start, p.end)
		e.Phones = append(e.Phones, Phone{Raw: raw, E164: p.res.e164, Region: p.res.region, CountryCode: p.res.cc, Start: a, End: b})
	}
	if len(links) > 0 {
		e.Links = make([]Link, 0, len(links))
	}
	var seen seenSet
	for _, l := range links {
		u := s[l.start:l.end]
		if !seen.add(u) {
			continue
		}
		a, b := v.Span(l.start, l.end)
		e.Links = append(e.Links, Link{URL: u, Host: hostOf(u), Kind: l.kind, Start: a, End: b})
	}
	if len(emails) > 0 {
		e.Emails = make([]Email, 0, len(emails))
	}
	for _, m := range emails {
		e.Emails = append(e.Emails, Email{Address: m.addr, FreeMail: x.isFreeMail(m.addr)})
	}
	if len(salaries) > 0 {
		e.Salaries = make([]Salary, 0, len(salaries))
	}
	for _, h := range salaries {
		raw, a, b := v.Raw(h.start, h.end)
		e.Salaries = append(e.Salaries, Salary{
			Raw: raw, Currency: h.cur, Min: h.min, Max: h.max, Period: h.period,
			MonthlyIDR: x.monthlyIDR(h.max, h.cur, h.period), Start: a, End: b,
		})
	}
	x.markOfficial(&e)
	return e
}

// digitRuns appends the start of every run of ASCII digits in s to out.
func digitRuns(s string, out []int) []int {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			out = append(out, i)
			for i+1 < len(s) && isDigit(s[i+1]) {
				i++
			}
		}
	}
	return out
}

// firstCap is the capacity of a result slice at its first element: most
// texts have a handful of each entity, so one allocation holds them.
const firstCap = 4

// appendHit appends x to out, giving out firstCap at the first element.
func appendHit[T any](out []T, x T) []T {
	if out == nil {
		out = make([]T, 0, firstCap)
	}
	return append(out, x)
}

// span is a half-open byte range of the folded text.
type span struct{ a, b int }

// spans is a sorted list of disjoint spans (after normalize).
type spans []span

// normalize sorts the spans and merges overlapping ones.
func (z spans) normalize() spans {
	if len(z) < 2 {
		return z
	}
	slices.SortFunc(z, func(x, y span) int { return x.a - y.a })
	out := z[:1]
	for _, x := range z[1:] {
		last := &out[len(out)-1]
		if x.a < last.b {
			last.b = max(last.b, x.b)
			continue
		}
		out = append(out, x)
	}
	return out
}

// has reports whether position i lies in one of the spans.
func (z spans) has(i int) bool {
	lo, hi := 0, len(z) // first span ending after i
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if z[m].b > i {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo < len(z) && z[lo].a <= i
}
