package rules

import (
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/cekloker/cekloker/internal/extract"
	"github.com/cekloker/cekloker/internal/normalize"
)

// hostName is a lowercase host name with at least one dot; a free mail
// family ("yahoo.") may end in the dot.
var hostName = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.([a-z0-9-]*[a-z0-9])?$`)

// e164 is a phone number in E.164 form.
var e164 = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)

// lists validates the lists and builds the file's Normalizer. It runs
// first: every pattern is read with the abbreviations.
func (v *validator) lists() {
	l := &v.f.Lists
	var err error
	if v.f.Normalizer, err = normalize.New(l.Abbreviations); err != nil {
		v.add("lists.abbreviations", "", "%v", err)
		v.f.Normalizer, _ = normalize.New(nil)
	}
	for _, kind := range sortedKeys(l.LinkHosts) {
		at := "lists.link_hosts." + kind
		if !slices.Contains(extract.LinkKinds, kind) {
			v.add(at, "", "unknown link kind %q (want one of %v)", kind, extract.LinkKinds)
		}
		for _, h := range l.LinkHosts[kind] {
			if !hostName.MatchString(h) || strings.HasSuffix(h, ".") {
				v.add(at, "", "%q is not a lowercase host name such as bit.ly", h)
			}
		}
	}
	for _, d := range l.FreeMail {
		if !hostName.MatchString(d) {
			v.add("lists.free_mail", "", "%q is not a lowercase mail domain such as gmail.com (or a family such as yahoo.)", d)
		}
	}
	for _, n := range l.OfficialPhones {
		if !e164.MatchString(n) {
			v.add("lists.official_phones", "", "%q is not a number in E.164 form such as +628118080141", n)
		}
	}
	if len(l.RatesIDR) == 0 {
		return // a file without rates converts only rupiah
	}
	for _, c := range sortedKeys(l.RatesIDR) {
		if r := l.RatesIDR[c]; !slices.Contains(extract.Currencies(), c) || r <= 0 {
			v.add("lists.rates_idr", "", "rate %s: %v: want a known currency code and a positive rate", c, r)
		}
	}
	for _, c := range extract.Currencies() {
		if _, ok := l.RatesIDR[c]; !ok && c != "IDR" {
			v.add("lists.rates_idr", "", "currency %s has no rate", c)
		}
	}
}

// ExtractLists returns the lists the extractor uses.
func (f *File) ExtractLists() extract.Lists {
	return extract.Lists{LinkHosts: f.Lists.LinkHosts, FreeMail: f.Lists.FreeMail, RatesIDR: f.Lists.RatesIDR, OfficialPhones: f.Lists.OfficialPhones}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
