package extract

import (
	"slices"
	"strings"
)

// Lists are the lists that change as scammers change; they live in the
// rule file (lists:) and are given to New.
type Lists struct {
	// LinkHosts are link hosts by kind (whatsapp, telegram, form,
	// shortener, social); a host matches a listed domain or any subdomain.
	LinkHosts map[string][]string
	// FreeMail are free mail domains; an entry ending in "." ("yahoo.")
	// matches every domain that starts with it (yahoo.co.id, yahoo.com).
	FreeMail []string
	// RatesIDR are rupiah per unit of each currency, to put salaries on
	// one scale (Salary.MonthlyIDR). Rupiah itself is always 1.
	RatesIDR map[string]float64
	// OfficialPhones are the numbers (E.164) of official channels: such a
	// phone is marked Official, and a WhatsApp link to one is an
	// "official" link.
	OfficialPhones []string
}

// LinkKinds are the kinds of links that Lists.LinkHosts may list, in the
// order in which they are tried. Links are also "official" (government
// hosts, by their form: *.go.id, *.gov, *.go.XX) or else "other".
var LinkKinds = []string{kindWhatsApp, kindTelegram, kindForm, kindShortener, kindSocial}

// Currencies returns the ISO 4217 codes that salaries can be reported in.
func Currencies() []string {
	var out []string
	for _, m := range []map[string]string{curPrefixWords, curSuffixWords, dollarPrefixes} {
		for _, c := range m {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	slices.Sort(out)
	return out
}

// Extractor extracts entities with a set of Lists. It never changes after
// New and is safe for concurrent use.
type Extractor struct {
	lists Lists
}

// plain is the Extractor of the package-level functions: no lists, so
// links are only official or other, no mail is free and only rupiah get a
// monthly figure.
var plain = &Extractor{}

// New returns an Extractor that classifies with lists.
func New(lists Lists) *Extractor {
	return &Extractor{lists: lists}
}

// get returns x, or the plain Extractor for nil.
func (x *Extractor) get() *Extractor {
	if x == nil {
		return plain
	}
	return x
}

// markOfficial marks the phones of Lists.OfficialPhones as official and
// makes WhatsApp links to them "official" links.
func (x *Extractor) markOfficial(e *Entities) {
	if len(x.lists.OfficialPhones) == 0 {
		return
	}
	for i := range e.Phones {
		e.Phones[i].Official = slices.Contains(x.lists.OfficialPhones, e.Phones[i].E164)
	}
	for i := range e.Links {
		if l := &e.Links[i]; l.Kind == kindWhatsApp && slices.Contains(x.lists.OfficialPhones, WhatsAppNumber(*l)) {
			l.Kind = kindOfficial
		}
	}
}

// linkKind classifies a link by host (and path, for Google forms).
func (x *Extractor) linkKind(host, u string) string {
	for _, kind := range LinkKinds {
		if hostIn(host, x.lists.LinkHosts[kind]) || (kind == kindForm && isGoogleForm(host, u)) {
			return kind
		}
		if kind == kindShortener && isOfficial(host) {
			return kindOfficial // before social hosts, as always
		}
	}
	return kindOther
}

// isFreeMail reports whether the (lowercased) address is at a free provider.
func (x *Extractor) isFreeMail(addr string) bool {
	d := addr[strings.LastIndexByte(addr, '@')+1:]
	for _, f := range x.lists.FreeMail {
		if d == f || (strings.HasSuffix(f, ".") && strings.HasPrefix(d, f)) {
			return true
		}
	}
	return false
}

// rateIDR is the rupiah per unit of cur (0 when unknown).
func (x *Extractor) rateIDR(cur string) float64 {
	if cur == "IDR" {
		return 1
	}
	return x.lists.RatesIDR[cur]
}
