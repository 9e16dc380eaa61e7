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
// written like an amount ("150.000.000", "8.000.000 - 10") or a date
// ("12-05-2024 08.00", "2024-05-12"). Numbers written with '+' are exempt.
func (c *phoneCand) looksLikeMoneyOrDate(t int) bool {
	if c.plus || t < 2 {
		return false
	}
	l0 := c.endAt[0] - c.chunkAt[0]
	l1 := c.endAt[1] - c.chunkAt[1]
	datey := c.sepAt[0] == '-' || c.sepAt[0] == '.'
	if datey && l0 <= 2 && l1 <= 2 {
		return true
	}
	if datey && l0 == 4 && l1 <= 2 && (c.digits[0] == '1' || c.digits[0] == '2') {
		return true
	}
	// Thousands grouping: 1–3 digits without a trunk 0, then ".ddd" and,
	// if the number goes on, another '.'.
	return l0 <= 3 && c.digits[0] != '0' && c.sepAt[0] == '.' && l1 == 3 && (t == 2 || c.sepAt[1] == '.')
}

// candStart widens a digit run starting at d to a leading "+", "+ ", "("
// or "(+".
func candStart(s string, d int) int {
	switch {
	case d >= 2 && s[d-2] == '(' && s[d-1] == '+':
		return d - 2
	case d >= 1 && (s[d-1] == '+' || s[d-1] == '('):
		return d - 1
	case d >= 2 && s[d-2] == '+' && s[d-1] == ' ':
		return d - 2
	}
	return d
}

// phoneHit is a valid number found in the folded text.
type phoneHit struct {
	start, end int
	res        phoneResult
}

// phoneResult is what the phonenumbers library says about some digits.
type phoneResult struct {
	ok     bool
	e164   string
	region string
	cc     int
}

// lookupMode says how digits without a '+' are read.
type lookupMode uint8

const (
	modeLocal lookupMode = iota // region ID first, then +digits for long numbers not starting with 0
	modePlus                    // written with '+': international
	modeIntl                    // after wa.me/: try +digits first, then region ID
)

// minIntlDigits is the length from which digits written without '+' or a
// trunk 0 are also tried as an international number (66812345678).
const minIntlDigits = 10

// phoneMemo remembers what phonenumbers said (about 11 µs per call).
var phoneMemo = newMemo[phoneResult](4096)

// lookupPhone validates digits with phonenumbers, memoised.
func lookupPhone(mode lookupMode, digits []byte) phoneResult {
	var key [maxPhoneDigits + 1]byte
	key[0] = byte(mode)
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
		if !r.ok && digits[0] != '0' && len(digits) >= minIntlDigits {
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

// scanPhones returns the valid phone numbers of s; runs are the starts of
// the digit runs of s. Digits inside e-mail addresses and links are
// skipped, except in WhatsApp links (where they are international) and
// "t.me/+<number>" links.
func scanPhones(s string, runs []int, links []linkHit, emails spans) []phoneHit {
	var out []phoneHit
	var seen seenSet
	var c phoneCand
	li := 0
	resume := 0 // everything before resume has been consumed
	for _, d := range runs {
		if d < resume {
			continue
		}
		i := candStart(s, d)
		if i < resume {
			i = d
		}
		if !readPhoneCand(s, i, &c) {
			resume = max(d+1, c.tooLong)
			continue
		}
		// Where to go on when this candidate is rejected: its second
		// chunk may still start a number ("2024 0812 3456 7890").
		resume = c.endAt[c.nchunks-1]
		if c.nchunks > 1 {
			resume = c.chunkAt[1]
		}
		if c.nd < minPhoneDigits {
			continue
		}
		for li < len(links) && links[li].end <= i {
			li++
		}
		var link *linkHit
		if li < len(links) && links[li].start <= i {
			link = &links[li]
		}
		mode, ok := phoneContext(s, i, &c, link, emails)
		if !ok {
			continue
		}
		if _, money := curBefore(s, c.start, 0); money && !c.plus {
			resume = c.endAt[c.nchunks-1] // "Rp 150.000.000": money, skip it whole
			continue
		}
		if h, ok := c.bestNumber(s, mode, link != nil); ok {
			if seen.add(h.res.e164) {
				out = appendHit(out, h)
			}
			resume = h.end
		}
	}
	return out
}

// phoneContext decides how the candidate at i is read given where it
// stands: in a link, in an e-mail address, after "wa.me/". ok is false
// when its digits cannot be a phone number there.
func phoneContext(s string, i int, c *phoneCand, link *linkHit, emails spans) (mode lookupMode, ok bool) {
	mode = modeLocal
	if c.plus {
		mode = modePlus
	}
	switch {
	case link != nil:
		if i == 0 || (s[i-1] != '/' && s[i-1] != '=' && s[i-1] != '+') {
			return mode, false // digits inside a path segment or id
		}
		switch {
		case link.kind == kindWhatsApp:
			if !c.plus {
				mode = modeIntl
			}
		case link.kind == kindTelegram && c.plus:
		default:
			return mode, false
		}
	case emails.has(i):
		return mode, false
	case !c.plus && waMeBefore(s, i):
		mode = modeIntl
	}
	return mode, true
}

// maxDroppedChunks is how many trailing chunks a candidate may lose to
// become a valid number ("0812 3456 7890 15jt" is a number and an amount).
const maxDroppedChunks = 2

// bestNumber tries the whole candidate, then without its last chunk or
// two, and returns the first valid number.
func (c *phoneCand) bestNumber(s string, mode lookupMode, inLink bool) (phoneHit, bool) {
	for t := c.nchunks; t >= 1 && t >= c.nchunks-maxDroppedChunks; t-- {
		nd, end := c.ndAt[t-1], c.endAt[t-1]
		if nd < minPhoneDigits {
			break
		}
		if c.looksLikeMoneyOrDate(t) || moneyAfter(s, end) {
			continue
		}
		if inLink && end < len(s) && isAlnum(s[end]) {
			continue // digits glued to letters inside a link: an id, not a number
		}
		if r := lookupPhone(mode, c.digits[:nd]); r.ok {
			return phoneHit{start: c.start, end: end, res: r}, true
		}
	}
	return phoneHit{}, false
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
