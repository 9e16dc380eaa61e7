package extract

import (
	"github.com/nyaruka/phonenumbers"
)

// defaultRegion is the region assumed for numbers written without a country
// code: this bot reads Indonesian job ads.
const defaultRegion = "ID"

const (
	minPhoneDigits = 9  // fewer digits are amounts, years, dates, ranges
	maxPhoneDigits = 15 // E.164 maximum
	maxChunks      = 16
)

// phoneCand is a run of digits that may be one phone number: an optional
// '+' or '(' and digit groups ("chunks") joined by short separators.
type phoneCand struct {
	start   int  // '+', '(' or first digit
	plus    bool // written with a '+'
	nd      int
	digits  [maxPhoneDigits]byte
	nchunks int
	chunkAt [maxChunks]int  // start of each chunk
	endAt   [maxChunks]int  // end of each chunk
	ndAt    [maxChunks]int  // digits up to the end of each chunk
	sepAt   [maxChunks]byte // the '-', '.' or ' ' (or '(' ')') after each chunk
	tooLong int             // > 0: the first chunk alone is longer than any phone; skip to here
}

// readPhoneCand reads a candidate at i. It consumes at most maxPhoneDigits
// digits plus three separator bytes per chunk (and one overlong digit run),
// which keeps the whole scan linear.
func readPhoneCand(s string, i int, c *phoneCand) bool {
	*c = phoneCand{start: i}
	j := i
	if s[j] == '(' {
		j++
		if j < len(s) && s[j] == '+' {
			c.plus = true
			j++
		}
	} else if s[j] == '+' {
		c.plus = true
		j++
	}
	if c.plus && j < len(s) && s[j] == ' ' {
		j++
	}
	if j >= len(s) || !isDigit(s[j]) {
		return false
	}
	for {
		k := j
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		if c.nd+k-j > maxPhoneDigits || c.nchunks == maxChunks {
			if c.nchunks == 0 {
				c.tooLong = k
				return false
			}
			break
		}
		c.chunkAt[c.nchunks] = j
		for p := j; p < k; p++ {
			c.digits[c.nd] = s[p]
			c.nd++
		}
		c.endAt[c.nchunks] = k
		c.ndAt[c.nchunks] = c.nd
		c.nchunks++
		m, sep, ok := phoneSep(s, k)
		if !ok {
			break
		}
		c.sepAt[c.nchunks-1] = sep
		j = m
	}
	return true
}

// phoneSep reads the separator after a digit group: at most three bytes of
// ' ', '-', '.', '(' and ')', with at most one '-' or '.', followed by a digit.
func phoneSep(s string, k int) (next int, sep byte, ok bool) {
	m, punct, spaces := k, 0, 0
	for m < len(s) && m-k < 3 {
		switch s[m] {
		case ' ':
			spaces++
			if sep == 0 {
				sep = ' '
			}
		case '-', '.':
			punct++
			sep = s[m]
		case '(', ')':
			if sep == 0 {
				sep = s[m]
			}
		default:
			goto done
		}
		m++
	}
done:
	if m == k || punct > 1 || spaces > 2 || m >= len(s) || !isDigit(s[m]) {
		return k, 0, false
	}
	return m, sep, true
}

// looksLikeMoneyOrDate rejects the first t chunks of c when they are
// written like an amount ("150.000.000") or a date ("12-05-2024 08.00",
// "2024-05-12").
func (c *phoneCand) looksLikeMoneyOrDate(t int) bool {
	if c.plus || t < 2 {
		return false
	}
	l0 := c.endAt[0] - c.chunkAt[0]
	l1 := c.endAt[1] - c.chunkAt[1]
	datey := c.sepAt[0] == '-' || c.sepAt[0] == '.' || c.sepAt[0] == '/'
	if datey && l0 <= 2 && l1 <= 2 {
		return true
	}
	if datey && l0 == 4 && l1 <= 2 && (c.digits[0] == '1' || c.digits[0] == '2') {
		return true
	}
	if l0 > 3 || c.digits[0] == '0' {
		return false
	}
	for k := 0; k < t-1; k++ {
		if c.sepAt[k] != '.' || c.endAt[k+1]-c.chunkAt[k+1] != 3 {
			return false
		}
	}
	return true
}

// phoneStart marks the bytes a phone candidate may start with.
var phoneStart = [256]bool{'+': true, '(': true, '0': true, '1': true, '2': true,
	'3': true, '4': true, '5': true, '6': true, '7': true, '8': true, '9': true}

// phoneHit is a valid number found in the folded text.
type phoneHit struct {
	start, end int
	res        phoneResult
}

// phoneResult is the memoised outcome of the phonenumbers library.
type phoneResult struct {
	ok     bool
	e164   string
	region string
	cc     int
}

var phoneMemo = newMemo[phoneResult](4096)

// Lookup modes, also the first byte of the memo key.
const (
	modePlus  = '+' // written with '+': international
	modeIntl  = 'w' // after wa.me/: try +digits first, then region ID
	modeLocal = 'd' // region ID first, then +digits for long numbers not starting with 0
)

// lookupPhone validates digits with phonenumbers, memoised.
func lookupPhone(mode byte, digits []byte) phoneResult {
	var key [maxPhoneDigits + 1]byte
	key[0] = mode
	k := key[:1+copy(key[1:], digits)]
	if r, ok := phoneMemo.get(k); ok {
		return r
	}
	var r phoneResult
	switch mode {
	case modePlus:
		r = parsePhone("+" + string(digits))
	case modeIntl:
		if digits[0] != '0' {
			r = parsePhone("+" + string(digits))
		}
		if !r.ok {
			r = parsePhone(string(digits))
		}
	default:
		r = parsePhone(string(digits))
		if !r.ok && digits[0] != '0' && len(digits) >= 10 {
			r = parsePhone("+" + string(digits))
		}
	}
	phoneMemo.put(k, r)
	return r
}

// parsePhone parses one normalised number. A parse error means "not a
// phone number" here, which is the answer we want, so it maps to ok=false.
func parsePhone(n string) phoneResult {
	num, err := phonenumbers.Parse(n, defaultRegion)
	if err != nil || !phonenumbers.IsValidNumber(num) {
		return phoneResult{}
	}
	return phoneResult{
		ok:     true,
		e164:   phonenumbers.Format(num, phonenumbers.E164),
		region: phonenumbers.GetRegionCodeForNumber(num),
		cc:     int(num.GetCountryCode()),
	}
}

// scanPhones finds valid phone numbers in s. Digits inside e-mail
// addresses and inside links are skipped, except in WhatsApp links (where
// they are international) and "t.me/+<number>" links.
func scanPhones(s string, links []linkHit, emails spans) []phoneHit {
	var out []phoneHit
	var seen seenSet
	var c phoneCand
	li := 0
	for i := 0; i < len(s); {
		for i < len(s) && !phoneStart[s[i]] {
			i++
		}
		if i >= len(s) {
			break
		}
		if !readPhoneCand(s, i, &c) {
			i = max(i+1, c.tooLong)
			continue
		}
		next := c.endAt[c.nchunks-1]
		if c.nchunks > 1 {
			next = c.chunkAt[1]
		}
		if c.nd < minPhoneDigits {
			i = next
			continue
		}
		for li < len(links) && links[li].end <= i {
			li++
		}
		mode := byte(modeLocal)
		if c.plus {
			mode = modePlus
		}
		if li < len(links) && links[li].start <= i {
			l := links[li]
			inLinkOK := i > 0 && (s[i-1] == '/' || s[i-1] == '=' || s[i-1] == '+')
			switch {
			case !inLinkOK:
				i = next
				continue
			case l.kind == kindWhatsApp:
				if !c.plus {
					mode = modeIntl
				}
			case l.kind == kindTelegram && c.plus:
			default:
				i = next
				continue
			}
		} else if emails.has(i) {
			i = next
			continue
		} else if !c.plus && waMeBefore(s, i) {
			mode = modeIntl
		}
		if _, ok := curBefore(s, c.start, 0); ok && !c.plus {
			i = c.endAt[c.nchunks-1] // "Rp 150.000.000": money, skip it whole
			continue
		}
		accepted := false
		for t, tries := c.nchunks, 0; t >= 1 && tries < 3; t, tries = t-1, tries+1 {
			nd := c.ndAt[t-1]
			end := c.endAt[t-1]
			if nd < minPhoneDigits {
				break
			}
			if c.looksLikeMoneyOrDate(t) || moneyAfter(s, end) {
				continue
			}
			if end < len(s) && (isAlnum(s[end]) && li < len(links) && links[li].start <= i) {
				continue // digits glued to letters inside a link: an id, not a number
			}
			r := lookupPhone(mode, c.digits[:nd])
			if !r.ok {
				continue
			}
			if seen.add(r.e164) {
				out = append(out, phoneHit{start: c.start, end: end, res: r})
			}
			i, accepted = end, true
			break
		}
		if !accepted {
			i = next
		}
	}
	return out
}

// moneyAfter reports a multiplier, currency or percent sign right after a
// digit run ("150000000 IDR", "1500000 rb").
func moneyAfter(s string, end int) bool {
	if end < len(s) && s[end] == '%' {
		return true
	}
	if _, _, ok := multAfter(s, end); ok {
		return true
	}
	_, ok := curAfter(s, end)
	return ok
}

// waMeBefore reports whether the digits at i follow "wa.me/", possibly
// obfuscated with single spaces: "wa.me /", "w a . m e / 66 8 1 ...".
func waMeBefore(s string, i int) bool {
	j := skipSpacesBack(s, i, 0, 2)
	if j == 0 || s[j-1] != '/' {
		return false
	}
	j = skipSpacesBack(s, j-1, 0, 2)
	const want = "em.aw" // "wa.me" backwards
	for k := 0; k < len(want); k++ {
		if k > 0 {
			j = skipSpacesBack(s, j, 0, 1)
		}
		if j == 0 || lower(s[j-1]) != want[k] {
			return false
		}
		j--
	}
	return j == 0 || !isAlnum(s[j-1])
}
