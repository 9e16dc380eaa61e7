package extract

import "strings"

// emailHit is an e-mail address found in the folded text.
type emailHit struct {
	start, end int
	addr       string // lowercased
}

func isLocalChar(c byte) bool {
	return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

func isDomainChar(c byte) bool { return isAlnum(c) || c == '.' || c == '-' }

// scanEmails finds e-mail addresses around every '@'. Since '@' is neither
// a local nor a domain character, the scans left and right of successive
// '@'s never overlap, which keeps this linear.
func scanEmails(s string) []emailHit {
	var out []emailHit
	var seen seenSet
	for i := 0; i < len(s); {
		k := strings.IndexByte(s[i:], '@')
		if k < 0 {
			break
		}
		at := i + k
		i = at + 1
		a := at
		for a > 0 && isLocalChar(s[a-1]) {
			a--
		}
		for a < at && (s[a] == '.' || s[a] == '-' || s[a] == '+') {
			a++
		}
		b := at + 1
		for b < len(s) && isDomainChar(s[b]) {
			b++
		}
		for b > at+1 && (s[b-1] == '.' || s[b-1] == '-') {
			b--
		}
		if a == at || !validDomain(s[at+1:b]) {
			continue
		}
		addr := strings.ToLower(s[a:b])
		if seen.add(addr) {
			out = append(out, emailHit{start: a, end: b, addr: addr})
		}
	}
	return out
}

// validDomain wants at least two non-empty labels and an alphabetic TLD of
// 2–24 letters.
func validDomain(d string) bool {
	dot := strings.LastIndexByte(d, '.')
	if dot <= 0 || strings.Contains(d, "..") || d[0] == '-' || d[0] == '.' {
		return false
	}
	tld := d[dot+1:]
	if len(tld) < 2 || len(tld) > 24 {
		return false
	}
	for i := 0; i < len(tld); i++ {
		if !isLetter(tld[i]) {
			return false
		}
	}
	return true
}

// scanHandles finds Telegram/Instagram style @handles: '@' not preceded by
// an address character, then a letter and 4–31 more of [A-Za-z0-9_]. An '@'
// inside an e-mail address or a link is not a handle, nor is one followed by
// ".word" (a domain or a dotted Instagram name, which Telegram forbids).
func scanHandles(s string, skip spans) []string {
	var out []string
	var seen seenSet
	for i := 0; i < len(s); {
		k := strings.IndexByte(s[i:], '@')
		if k < 0 {
			break
		}
		at := i + k
		i = at + 1
		if at > 0 && (isLocalChar(s[at-1]) || s[at-1] == '@') {
			continue
		}
		if skip.has(at) {
			continue
		}
		b := at + 1
		if b >= len(s) || !isLetter(s[b]) {
			continue
		}
		for b < len(s) && (isAlnum(s[b]) || s[b] == '_') && b-at <= 33 {
			b++
		}
		n := b - at - 1
		if n < 5 || n > 32 || (b < len(s) && (isAlnum(s[b]) || s[b] == '_' || s[b] == '@')) {
			continue
		}
		if b+1 < len(s) && (s[b] == '.' || s[b] == '-') && isAlnum(s[b+1]) {
			continue
		}
		h := strings.ToLower(s[at:b])
		if seen.add(h) {
			out = append(out, h)
		}
		i = b
	}
	return out
}

// seenSet deduplicates strings: an inline array while small (no
// allocation for the usual handful), a map beyond that, so that adversarial
// inputs with thousands of items stay linear.
type seenSet struct {
	small [8]string
	n     int
	m     map[string]bool
}

// add records x and reports whether it was new.
func (z *seenSet) add(x string) bool {
	if z.m != nil {
		if z.m[x] {
			return false
		}
		z.m[x] = true
		return true
	}
	for _, y := range z.small[:z.n] {
		if y == x {
			return false
		}
	}
	if z.n < len(z.small) {
		z.small[z.n] = x
		z.n++
		return true
	}
	z.m = make(map[string]bool, 4*len(z.small))
	for _, y := range z.small {
		z.m[y] = true
	}
	z.m[x] = true
	return true
}
