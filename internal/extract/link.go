package extract

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"mvdan.cc/xurls/v2"
)

// Link kinds, as reported in Link.Kind.
const (
	kindWhatsApp  = "whatsapp"
	kindTelegram  = "telegram"
	kindShortener = "shortener"
	kindForm      = "form"
	kindOfficial  = "official"
	kindSocial    = "social"
	kindOther     = "other"
)

var (
	// urlRe finds URLs, with or without a scheme. It is compiled here, at
	// package init. It is slow (it carries every TLD as an alternation), so
	// it only ever sees whitespace-separated tokens that passed mayHoldURL,
	// and its results are memoised per token (BenchmarkExtract: without the
	// memo and fastURL an ad costs about ten times more).
	urlRe       = xurls.Relaxed()
	urlEmailSub = urlRe.SubexpIndex("relaxedEmail")
	urlMemo     = newMemo[[]urlMatch](4096)
	// tlds holds xurls' TLD lists, for the cheap pre-check.
	tlds = func() map[string]bool {
		m := make(map[string]bool, len(xurls.TLDs)+len(xurls.PseudoTLDs))
		for _, t := range xurls.TLDs {
			m[strings.ToLower(t)] = true
		}
		for _, t := range xurls.PseudoTLDs {
			m[strings.ToLower(t)] = true
		}
		return m
	}()
	// noAuthSchemes are the schemes xurls accepts without "//" ("tel:").
	noAuthSchemes = func() map[string]bool {
		m := make(map[string]bool)
		for _, sc := range xurls.SchemesNoAuthority {
			m[sc] = true
		}
		return m
	}()
)

// maxURLToken bounds the tokens handed to the regexp, whose cost is about
// 0.3–2.5 µs per byte; longer tokens (no real link is this long) are skipped.
const maxURLToken = 2048

// urlMatch is a URL found in a token, relative to the token.
type urlMatch struct{ a, b int }

// linkHit is a link found in the folded text.
type linkHit struct {
	start, end int
	kind       string
}

// scanLinks finds URLs in s. Only the whitespace-separated tokens around a
// '.' or ':' can hold one, so it jumps from one of those bytes to the next.
func (x *Extractor) scanLinks(s string) []linkHit {
	var out []linkHit
	h := hintScanner{dot: -2, colon: -2}
	for p := 0; ; {
		k := h.next(s, p)
		if k < 0 {
			break
		}
		if !urlHint(s, k) {
			p = k + 1
			continue
		}
		a, b := k, k
		for a > p && !isSpace(s[a-1]) {
			a--
		}
		for b < len(s) && !isSpace(s[b]) {
			b++
		}
		p = b
		if b-a > maxURLToken || !mayHoldURL(s[a:b]) {
			continue
		}
		for _, m := range findURLs(s[a:b]) {
			u := s[a+m.a : a+m.b]
			out = appendHit(out, linkHit{start: a + m.a, end: a + m.b, kind: x.linkKind(hostOf(u), u)})
		}
	}
	return out
}

// urlHint is the local test a '.' or ':' must pass before its token is
// looked at: a label character before it, and after it a letter (for a TLD)
// or, for ':', anything but a space ("https://", "tel:+62").
func urlHint(s string, k int) bool {
	if k == 0 || k+1 >= len(s) || isSpace(s[k-1]) {
		return false
	}
	c := s[k+1]
	if s[k] == '.' {
		return isLetter(c) || c >= utf8.RuneSelf
	}
	return !isSpace(c) && isLetter(s[k-1])
}

// hintScanner yields the positions of '.' and ':' in order, each found
// with the vectorised strings.IndexByte.
type hintScanner struct {
	dot, colon int // next known position of each; -1: none left; -2: not looked yet
}

func (h *hintScanner) next(s string, p int) int {
	if h.dot != -1 && h.dot < p {
		h.dot = indexFrom(s, '.', p)
	}
	if h.colon != -1 && h.colon < p {
		h.colon = indexFrom(s, ':', p)
	}
	switch {
	case h.dot < 0:
		return h.colon
	case h.colon < 0:
		return h.dot
	}
	return min(h.dot, h.colon)
}

func indexFrom(s string, c byte, p int) int {
	if p >= len(s) {
		return -1
	}
	if k := strings.IndexByte(s[p:], c); k >= 0 {
		return p + k
	}
	return -1
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

// findURLs runs the xurls regexp on one token, memoised. E-mail matches are
// dropped: e-mail addresses are extracted separately.
func findURLs(tok string) []urlMatch {
	if m, ok := fastURL(tok); ok {
		return []urlMatch{m}
	}
	if m, ok := plainDomain(tok); ok {
		return m
	}
	if ms, ok := urlMemo.getString(tok); ok {
		return ms
	}
	var ms []urlMatch
	for _, loc := range urlRe.FindAllStringSubmatchIndex(tok, -1) {
		if urlEmailSub >= 0 && 2*urlEmailSub < len(loc) && loc[2*urlEmailSub] >= 0 {
			continue
		}
		ms = append(ms, urlMatch{loc[0], loc[1]})
	}
	urlMemo.putString(tok, ms)
	return ms
}

// mayHoldURL is a cheap filter with no false negatives for the URLs that
// matter here: a token can only hold a link if it has "://", a scheme
// such as "tel:", or a dot followed by a known top-level domain. Tokens
// with an '@' and no '/' are e-mail addresses or handles.
func mayHoldURL(tok string) bool {
	if strings.Contains(tok, "://") {
		return true
	}
	if strings.IndexByte(tok, '@') >= 0 && strings.IndexByte(tok, '/') < 0 {
		return false
	}
	var buf [24]byte
	for k := 0; k < len(tok); k++ {
		switch tok[k] {
		case ':':
			var wb wordBuf
			if w, _ := wordBefore(tok, k, 0, &wb); noAuthSchemes[string(w)] {
				return true
			}
		case '.':
			e := k + 1
			for e < len(tok) && e-k <= len(buf) && (isAlnum(tok[e]) || tok[e] == '-' || tok[e] >= utf8.RuneSelf) {
				e++
			}
			label := tok[k+1 : e]
			if len(label) == 0 || len(label) > len(buf) || isDigit(label[0]) {
				continue
			}
			if strings.HasPrefix(label, "xn--") || strings.HasPrefix(label, "XN--") {
				return true
			}
			if isASCII(label) {
				n := copy(buf[:], label)
				for x := 0; x < n; x++ {
					buf[x] = lower(buf[x])
				}
				if tlds[string(buf[:n])] {
					return true
				}
			} else if tlds[strings.ToLower(label)] {
				return true
			}
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// hostOf returns the lowercased host of a URL, without "www." and port.
func hostOf(u string) string {
	h := u
	if k := strings.Index(h, "://"); k >= 0 {
		h = h[k+3:]
	} else if k := strings.IndexByte(h, ':'); k >= 0 && noAuthSchemes[strings.ToLower(h[:k])] {
		h = h[k+1:]
	}
	if k := strings.IndexAny(h, "/?#"); k >= 0 {
		h = h[:k]
	}
	if k := strings.LastIndexByte(h, '@'); k >= 0 {
		h = h[k+1:]
	}
	if strings.HasPrefix(h, "[") {
		if k := strings.IndexByte(h, ']'); k >= 0 {
			h = h[:k+1]
		}
	} else if k := strings.IndexByte(h, ':'); k >= 0 {
		h = h[:k]
	}
	h = strings.TrimSuffix(strings.ToLower(h), ".")
	return strings.TrimPrefix(h, "www.")
}

func hostIn(host string, list []string) bool {
	for _, d := range list {
		if host == d || (len(host) > len(d) && host[len(host)-len(d)-1] == '.' && strings.HasSuffix(host, d)) {
			return true
		}
	}
	return false
}

// isGoogleForm: docs.google.com/forms/..., goo.gl/forms/...
func isGoogleForm(host, u string) bool {
	if host != "docs.google.com" && host != "goo.gl" {
		return false
	}
	if k := strings.Index(u, "://"); k >= 0 {
		u = u[k+3:]
	}
	k := strings.IndexByte(u, '/')
	return k >= 0 && len(u)-k >= 6 && strings.EqualFold(u[k:k+6], "/forms")
}

// isOfficial reports government hosts: *.go.id (kemnaker.go.id,
// siskop2mi.bp2mi.go.id, ...), *.gov, *.gov.XX and *.go.XX (go.th, go.jp).
func isOfficial(host string) bool {
	if strings.HasSuffix(host, ".go.id") || strings.HasSuffix(host, ".gov") {
		return true
	}
	k := strings.LastIndexByte(host, '.')
	if k < 0 || len(host)-k-1 != 2 {
		return false
	}
	rest := host[:k]
	return strings.HasSuffix(rest, ".gov") || strings.HasSuffix(rest, ".go")
}

// fastHosts are the link hosts most often seen in recruitment ads; a token
// that is just a link to one of them is read without the (large) xurls
// regular expression, with the same result (TestFastURLAgreesWithXurls).
var fastHosts = []string{"t.me/", "wa.me/", "bit.ly/", "s.id/", "wa.link/", "telegram.me/", "tinyurl.com/", "linktr.ee/"}

// fastURL recognises a token that is exactly one link to a fastHost, with
// an optional http(s):// and trailing punctuation.
func fastURL(tok string) (urlMatch, bool) {
	rest := tok
	for _, scheme := range []string{"https://", "http://"} {
		if len(rest) > len(scheme) && strings.EqualFold(rest[:len(scheme)], scheme) {
			rest = rest[len(scheme):]
			break
		}
	}
	host := ""
	for _, h := range fastHosts {
		if len(rest) > len(h) && strings.EqualFold(rest[:len(h)], h) {
			host = h
			break
		}
	}
	if host == "" {
		return urlMatch{}, false
	}
	path := rest[len(host):]
	end := len(path)
	for end > 0 && strings.IndexByte(".,;:!?'\"", path[end-1]) >= 0 {
		end--
	}
	if end == 0 {
		return urlMatch{}, false
	}
	for i := 0; i < end; i++ {
		c := path[i]
		if !(isAlnum(c) || c == '_' || c == '-' || c == '/' || c == '+' || c == '=' || c == '?' || c == '&' || c == '%') {
			return urlMatch{}, false
		}
	}
	return urlMatch{0, len(tok) - len(path) + end}, true
}

// plainDomain reads a token that is two or three labels of ASCII letters
// and digits joined by dots, optionally followed by punctuation that
// cannot continue a URL ("reports.You", "www.accenture.com", "No.Km.",
// "tiket.com,"), as the xurls regular expression reads it, without
// running it (ok is false for any other token). Such tokens are mostly
// sentences run together (.you, .ms and .km are top-level domains), and
// each one the memo has not seen would cost the regexp about 10 µs.
//
// Without ':', '/' or '@' no alternative of the regexp but a host name can
// match (no scheme, port, path, e-mail or IPv6 address), and with fewer
// than three dots no IPv4 address: the match is labels followed by a
// top-level domain and a word break. The regexp is leftmost-longest, so
// the match runs from the first byte to the end of the last label after
// the first that is a top-level domain, and there is none when no such
// label is one (TestPlainDomainAgreesWithXurls).
func plainDomain(tok string) (ms []urlMatch, ok bool) {
	end := len(tok)
	for end > 0 && strings.IndexByte(".,;!?)'\"", tok[end-1]) >= 0 {
		end--
	}
	match, dots, label := 0, 0, 0 // label: start of the current label
	for i := 0; i <= end; i++ {
		if i < end && isAlnum(tok[i]) {
			continue
		}
		if i == label || i < end && tok[i] != '.' {
			return nil, false // an empty label, or a byte no label holds
		}
		if label > 0 && isTLD(tok[label:i]) {
			match = i
		}
		if i < end {
			dots++
			label = i + 1
		}
	}
	if dots == 0 || dots > 2 {
		return nil, false
	}
	if match == 0 {
		return nil, true
	}
	return []urlMatch{{0, match}}, true
}

// isTLD reports whether the ASCII label is a top-level domain of xurls
// (in any case).
func isTLD(label string) bool {
	var buf [24]byte
	if len(label) > len(buf) {
		return false // no top-level domain is this long
	}
	for i := 0; i < len(label); i++ {
		buf[i] = lower(label[i])
	}
	return tlds[string(buf[:len(label)])]
}

// WhatsAppNumber returns the number a WhatsApp link opens a chat with, in
// E.164 ("wa.me/628118080141" gives "+628118080141"): the digits of its
// path, or of its phone parameter (api.whatsapp.com/send?phone=…); "" when
// the link names no number of eight digits or more.
func WhatsAppNumber(l Link) string {
	u := l.URL
	if !strings.Contains(u, "://") {
		u = "https://" + u
	}
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	num := digitsOnly(strings.Trim(p.EscapedPath(), "/"))
	if num == "" {
		num = digitsOnly(p.Query().Get("phone"))
	}
	if len(num) < 8 {
		return ""
	}
	return "+" + num
}
