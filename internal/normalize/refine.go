package normalize

import "strings"

// refine rewrites the raw tokens: numbers glued to units are split, leetspeak
// is decoded, single letters are joined, abbreviations expanded and numbers
// folded to Number.
func (n *Normalizer) refine(in []Token) []Token {
	out := make([]Token, 0, len(in)+8)
	for _, t := range in {
		n := len(out)
		out = appendSplit(out, t)
		for i := n; i < len(out); i++ {
			out[i].Text = unstretch(out[i].Text)
		}
	}
	return n.finish(joinSingles(out))
}

// finish folds numbers to Number (a run of numbers, "20 - 35", becomes
// one) and expands abbreviations. It works in place until an abbreviation
// expands to more words than there is room for, then copies.
func (n *Normalizer) finish(toks []Token) []Token {
	res := toks[:0]
	for r, t := range toks {
		if isDigits(t.Text) {
			if n := len(res); n > 0 && res[n-1].Text == Number {
				res[n-1].End = max(res[n-1].End, t.End)
				continue
			}
			t.Text = Number
			res = append(res, t)
			continue
		}
		words, ok := n.expand(t.Text)
		if !ok {
			res = append(res, t)
			continue
		}
		if len(res)+len(words) > r+1 && cap(res) == cap(toks) && &res[:1][0] == &toks[:1][0] {
			// Writing here would overwrite tokens not read yet.
			grown := make([]Token, len(res), len(toks)+len(words)+8)
			copy(grown, res)
			res = grown
		}
		for _, w := range words {
			res = append(res, Token{Text: w, Start: t.Start, End: t.End})
		}
	}
	return res
}

// appendSplit splits "15jt" into "15" "jt" and "rp5000" into "rp" "5000",
// decodes leetspeak inside words ("k4mb0j4" → "kamboja"), and appends the
// result.
func appendSplit(out []Token, t Token) []Token {
	s := t.Text
	if !hasDigit(s) {
		return append(out, t) // most words: nothing to split or decode
	}
	letters, digits := count(s)
	// urus2, lama2: Indonesian reduplication written with a 2.
	if digits == 1 && letters >= 3 && s[len(s)-1] == '2' {
		t.Text = s[:len(s)-1]
		return append(out, t)
	}
	if letters == 0 || digits == 0 {
		return append(out, t)
	}
	// 15jt, 100rb, 5star: a number glued to a unit or word.
	if i := leadingDigits(s); i > 0 && i+letters == len(s) {
		return append(out, Token{s[:i], t.Start, t.End}, Token{s[i:], t.Start, t.End})
	}
	// rp5000, usd1500, wa0812345: a word glued to a long number.
	if j := trailingDigits(s); j < len(s) && j+digits == len(s) && j > 0 {
		if currencies[s[:j]] || len(s)-j >= 4 {
			return append(out, Token{s[:j], t.Start, t.End}, Token{s[j:], t.Start, t.End})
		}
	}
	if len(s) < 3 {
		return append(out, t) // s1, d3, b2: school grades and codes, not leetspeak
	}
	b := []byte(s)
	for i, c := range b {
		if r, ok := leet[c]; ok {
			b[i] = r
		}
	}
	t.Text = string(b)
	return append(out, t)
}

// joinSingles joins runs of one-character tokens that spell a word:
// "k a m b o j a" → "kamboja", "w . a" → "wa", "k 4 m b 0 j 4" → "kamboja".
// A run joins when it has at least two letters; runs of digits alone (phone
// numbers written with spaces) stay as they are. It works in place: the
// result is never longer than toks.
func joinSingles(toks []Token) []Token {
	out := toks[:0]
	for i := 0; i < len(toks); {
		if len(toks[i].Text) != 1 {
			out = append(out, toks[i])
			i++
			continue
		}
		j, letters := i, 0
		for j < len(toks) && len(toks[j].Text) == 1 {
			if c := toks[j].Text[0]; c >= 'a' && c <= 'z' {
				letters++
			}
			j++
		}
		if j-i < 2 || letters < 2 {
			out = append(out, toks[i:j]...)
			i = j
			continue
		}
		b := make([]byte, 0, j-i)
		for _, t := range toks[i:j] {
			c := t.Text[0]
			if r, ok := leet[c]; ok {
				c = r
			}
			b = append(b, c)
		}
		out = append(out, Token{Text: string(b), Start: toks[i].Start, End: toks[j-1].End})
		i = j
	}
	return out
}

// leet maps digits used as letters inside words.
var leet = map[byte]byte{
	'0': 'o', '1': 'i', '2': 'z', '3': 'e', '4': 'a',
	'5': 's', '6': 'g', '7': 't', '8': 'b', '9': 'g',
}

// currencies are currency words that are written glued to an amount.
var currencies = map[string]bool{
	"rp": true, "idr": true, "usd": true, "us": true, "rm": true, "myr": true,
	"nt": true, "twd": true, "thb": true, "sgd": true, "hkd": true, "vnd": true,
	"gbp": true, "eur": true, "jpy": true, "krw": true, "php": true, "aud": true,
}

func count(s string) (letters, digits int) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'a' && c <= 'z':
			letters++
		}
	}
	return letters, digits
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

func leadingDigits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

func trailingDigits(s string) int {
	j := len(s)
	for j > 0 && s[j-1] >= '0' && s[j-1] <= '9' {
		j--
	}
	return j
}

func isDigits(s string) bool {
	return s != "" && leadingDigits(s) == len(s)
}

// unstretch folds stretched letters: a letter written three or more times
// in a row counts once ("kaaambooojaaa" → "kamboja", "gajiii" → "gaji").
// Doubled letters are kept (saat, maaf, free), and so are a word of one
// repeated letter (www, iii) and words that would shrink to fewer than
// three letters (pppk).
func unstretch(s string) string {
	run, stretched := 1, false
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1] && s[i] >= 'a' && s[i] <= 'z' {
			run++
			stretched = stretched || run == 3
			continue
		}
		run = 1
	}
	if !stretched || strings.Count(s, s[:1]) == len(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' && i+2 < len(s) && s[i+1] == c && s[i+2] == c {
			for i+1 < len(s) && s[i+1] == c {
				i++
			}
		}
		b = append(b, c)
	}
	if len(b) < minUnstretched {
		return s // PPPK, CSSS: an abbreviation, not a stretched word
	}
	return string(b)
}

// minUnstretched is the shortest word that unstretch produces.
const minUnstretched = 3
