package extract

import "unicode/utf8"

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }
func isAlnum(c byte) bool  { return isDigit(c) || isLetter(c) }
func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// wordBuf holds a lowercased ASCII word; longer words are never keywords.
type wordBuf [16]byte

// wordAt reads the ASCII word (letters only) starting at i, lowercased into
// buf. It returns nil when there is no word at i or when it is too long.
func wordAt(s string, i int, buf *wordBuf) ([]byte, int) {
	j := i
	for j < len(s) && j-i <= len(buf) && isLetter(s[j]) {
		j++
	}
	if j == i || j-i > len(buf) {
		return nil, j
	}
	for k := i; k < j; k++ {
		buf[k-i] = lower(s[k])
	}
	return buf[:j-i], j
}

// wordBefore reads the ASCII word that ends at i, lowercased into buf.
func wordBefore(s string, i int, lb int, buf *wordBuf) ([]byte, int) {
	j := i
	for j > lb && i-j <= len(buf) && isLetter(s[j-1]) {
		j--
	}
	if j == i || i-j > len(buf) {
		return nil, j
	}
	for k := j; k < i; k++ {
		buf[k-j] = lower(s[k])
	}
	return buf[:i-j], j
}

// skipSpaces skips at most max ASCII spaces forward from i.
func skipSpaces(s string, i, max int) int {
	for n := 0; n < max && i < len(s) && s[i] == ' '; n++ {
		i++
	}
	return i
}

// skipSpacesBack skips at most max ASCII spaces backward from i, not below lb.
func skipSpacesBack(s string, i, lb, max int) int {
	for n := 0; n < max && i > lb && s[i-1] == ' '; n++ {
		i--
	}
	return i
}

// curSymbol maps single-rune currency symbols, valid before or after a
// number, to their ISO 4217 code.
func curSymbol(r rune) string {
	switch r {
	case '£':
		return "GBP"
	case '€':
		return "EUR"
	case '฿':
		return "THB"
	case '₫':
		return "VND"
	case '₱':
		return "PHP"
	case '₹':
		return "INR"
	case '¥', '円':
		return "JPY"
	case '₩':
		return "KRW"
	case '元':
		return "CNY"
	}
	return ""
}

// Currency markers. Codes are ISO 4217.
var (
	// dollarPrefixes are the letters that may stand right before '$'.
	dollarPrefixes = map[string]string{
		"us": "USD", "nt": "TWD", "s": "SGD", "sg": "SGD", "hk": "HKD",
		"a": "AUD", "au": "AUD",
	}
	// curPrefixWords are codes written before a number ("Rp 5jt", "USD 800").
	// "r" (South African rand) is only accepted glued to the number.
	curPrefixWords = map[string]string{
		"rp": "IDR", "idr": "IDR", "usd": "USD", "gbp": "GBP", "eur": "EUR",
		"rm": "MYR", "myr": "MYR", "nt": "TWD", "ntd": "TWD", "twd": "TWD",
		"thb": "THB", "sgd": "SGD", "hkd": "HKD", "vnd": "VND", "jpy": "JPY",
		"krw": "KRW", "zar": "ZAR", "r": "ZAR", "aud": "AUD", "aed": "AED",
		"dhs": "AED", "sar": "SAR", "cny": "CNY", "rmb": "CNY", "php": "PHP",
		"inr": "INR",
	}
	// curSuffixWords are codes and names written after a number.
	curSuffixWords = map[string]string{
		"idr": "IDR", "rupiah": "IDR", "usd": "USD", "dollar": "USD", "dollars": "USD",
		"gbp": "GBP", "pound": "GBP", "pounds": "GBP", "eur": "EUR", "euro": "EUR",
		"euros": "EUR", "myr": "MYR", "rm": "MYR", "ringgit": "MYR", "thb": "THB",
		"baht": "THB", "sgd": "SGD", "hkd": "HKD", "twd": "TWD", "ntd": "TWD",
		"vnd": "VND", "dong": "VND", "jpy": "JPY", "yen": "JPY", "krw": "KRW",
		"won": "KRW", "zar": "ZAR", "rand": "ZAR", "aud": "AUD", "aed": "AED",
		"dirham": "AED", "dirhams": "AED", "dhs": "AED", "sar": "SAR", "riyal": "SAR",
		"riyals": "SAR", "cny": "CNY", "rmb": "CNY", "yuan": "CNY", "php": "PHP",
		"peso": "PHP", "pesos": "PHP", "inr": "INR", "rupee": "INR", "rupees": "INR",
	}
)

// currency is a detected currency marker.
type currency struct {
	code  string
	weak  bool // a bare '$': USD unless a more specific marker says otherwise
	start int  // span of the marker in the folded text
	end   int
}

// curBefore finds a currency marker that ends right before the number at d
// (allowing up to two spaces and a '.' or ':' as in "Rp. 5" or "Rp: 5"). It
// never looks below lb.
func curBefore(s string, d, lb int) (currency, bool) {
	q := skipSpacesBack(s, d, lb, 2)
	if q == lb {
		return currency{}, false
	}
	if c := s[q-1]; !isLetter(c) && c != '$' && c != '.' && c != ':' && c < utf8.RuneSelf {
		return currency{}, false
	}
	glued := q == d
	if c, ok := curEndingAt(s, q, lb, glued); ok {
		return c, true
	}
	if q > lb && (s[q-1] == '.' || s[q-1] == ':') {
		return curEndingAt(s, skipSpacesBack(s, q-1, lb, 1), lb, false)
	}
	return currency{}, false
}

// curEndingAt recognises a currency marker ending exactly at q.
func curEndingAt(s string, q, lb int, glued bool) (currency, bool) {
	if q <= lb {
		return currency{}, false
	}
	r, size := utf8.DecodeLastRuneInString(s[lb:q])
	if r == '$' {
		var buf wordBuf
		w, ws := wordBefore(s, q-1, lb, &buf)
		if code, ok := dollarPrefixes[string(w)]; ok && len(w) > 0 && !(ws > lb && isAlnum(s[ws-1])) {
			return currency{code: code, start: ws, end: q}, true
		}
		return currency{code: "USD", weak: true, start: q - 1, end: q}, true
	}
	if r >= utf8.RuneSelf {
		if code := curSymbol(r); code != "" {
			return currency{code: code, start: q - size, end: q}, true
		}
		return currency{}, false
	}
	var buf wordBuf
	w, ws := wordBefore(s, q, lb, &buf)
	if len(w) == 0 || len(w) > 4 || (ws > lb && isAlnum(s[ws-1])) {
		return currency{}, false
	}
	e := lookup(w)
	if !e.is(lxCurPrefix) || (len(w) == 1 && !glued) {
		return currency{}, false
	}
	return currency{code: e.prefixCur, start: ws, end: q}, true
}

// curAfter finds a currency marker right after position q (one optional
// space), as in "25,000 baht", "1500$" or "£2,500GBP". A marker that is
// itself followed by a number belongs to that number ("Rp 5jt USD 300").
func curAfter(s string, q int) (currency, bool) {
	c, ok := curAfterRaw(s, q)
	if ok {
		if p := skipSpaces(s, c.end, 1); p < len(s) && isDigit(s[p]) {
			return currency{}, false
		}
	}
	return c, ok
}

func curAfterRaw(s string, q int) (currency, bool) {
	p := skipSpaces(s, q, 1)
	if p >= len(s) {
		return currency{}, false
	}
	if s[p] >= utf8.RuneSelf {
		r, size := utf8.DecodeRuneInString(s[p:])
		if code := curSymbol(r); code != "" {
			return currency{code: code, start: p, end: p + size}, true
		}
		return currency{}, false
	}
	if s[p] == '$' {
		return currency{code: "USD", weak: true, start: p, end: p + 1}, true
	}
	var buf wordBuf
	w, e := wordAt(s, p, &buf)
	if w == nil || (e < len(s) && isDigit(s[e])) {
		return currency{}, false
	}
	if ent := lookup(w); ent.is(lxCurSuffix) {
		return currency{code: ent.suffixCur, start: p, end: e}, true
	}
	return currency{}, false
}

// Multipliers written after a number.
const (
	multIndo    = 'i' // jt, juta, rb, ribu: implies IDR
	multK       = 'k' // 50k
	multMillion = 'm' // million, mil, m: needs an explicit currency
)

type multiplier struct {
	factor float64
	kind   byte
	glued  bool // must touch the number ("50k", "1.2m")
}

var multipliers = map[string]multiplier{
	"jt": {1e6, multIndo, false}, "jta": {1e6, multIndo, false}, "juta": {1e6, multIndo, false},
	"jutaan": {1e6, multIndo, false}, "rb": {1e3, multIndo, false}, "ribu": {1e3, multIndo, false},
	"ribuan": {1e3, multIndo, false}, "rbu": {1e3, multIndo, false},
	"k": {1e3, multK, true}, "m": {1e6, multMillion, true}, "mn": {1e6, multMillion, true},
	"mil": {1e6, multMillion, false}, "mio": {1e6, multMillion, false},
	"million": {1e6, multMillion, false}, "millions": {1e6, multMillion, false},
}

// multAfter reads a multiplier word after the number ending at q.
func multAfter(s string, q int) (multiplier, int, bool) {
	p := skipSpaces(s, q, 1)
	var buf wordBuf
	w, e := wordAt(s, p, &buf)
	if w == nil {
		return multiplier{}, q, false
	}
	ent := lookup(w)
	if !ent.is(lxMult) || (ent.mult.glued && p != q) {
		return multiplier{}, q, false
	}
	return ent.mult, e, true
}
