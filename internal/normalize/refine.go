package normalize

import "bytes"

// piece is a token while it is refined: its text is the arena's bytes
// [a, b), and Start, End its span in the original text. Refining rewrites
// texts in place in the arena (they only shrink) or appends new ones to
// it, so no step allocates.
type piece struct {
	a, b       int
	start, end int
	// plain is set on ASCII words that refining leaves alone: no digit,
	// and no letter three times in a row.
	plain bool
}

// text returns the bytes of p in the arena.
func (sc *scratch) text(p piece) []byte { return sc.arena[p.a:p.b] }

// refine rewrites the raw tokens: numbers glued to units are split, leetspeak
// is decoded, single letters are joined, abbreviations expanded and numbers
// folded to Number. The result is in sc.
func (n *Normalizer) refine(sc *scratch, in []piece) []piece {
	out := sc.out[:0]
	for i := 0; i < len(in); {
		// Plain words are copied as they are, a run at a time.
		j := i
		for j < len(in) && in[j].plain {
			j++
		}
		out = append(out, in[i:j]...)
		if j == len(in) {
			break
		}
		k := len(out)
		out = sc.appendSplit(out, in[j])
		for ; k < len(out); k++ {
			out[k].b = out[k].a + unstretch(sc.text(out[k]))
		}
		i = j + 1
	}
	if hasSingles(out) {
		out = sc.joinSingles(out)
	}
	sc.out = out
	// in (sc.raw) is read; finish writes its result there.
	sc.raw = n.finish(sc, sc.out, sc.raw[:0])
	return sc.raw
}

// finish folds numbers to Number (a run of numbers, "20 - 35", becomes
// one) and expands abbreviations, appending to res.
func (n *Normalizer) finish(sc *scratch, toks, res []piece) []piece {
	for _, t := range toks {
		s := sc.text(t)
		if !t.plain && isDigits(s) {
			if n := len(res); n > 0 && isNumber(sc.text(res[n-1])) {
				res[n-1].end = max(res[n-1].end, t.end)
				continue
			}
			t.a, t.b = sc.add(Number)
			res = append(res, t)
			continue
		}
		words, ok := n.expand(s)
		if !ok {
			res = append(res, t)
			continue
		}
		for _, w := range words {
			t.a, t.b = sc.add(w)
			res = append(res, t)
		}
	}
	return res
}

// add appends s to the arena and returns where it is.
func (sc *scratch) add(s string) (a, b int) {
	a = len(sc.arena)
	sc.arena = append(sc.arena, s...)
	return a, len(sc.arena)
}

func isNumber(s []byte) bool { return len(s) == 1 && s[0] == Number[0] }

// appendSplit splits "15jt" into "15" "jt" and "rp5000" into "rp" "5000",
// decodes leetspeak inside words ("k4mb0j4" → "kamboja"), and appends the
// result.
func (sc *scratch) appendSplit(out []piece, t piece) []piece {
	s := sc.text(t)
	if !hasDigit(s) {
		return append(out, t) // most words: nothing to split or decode
	}
	letters, digits := count(s)
	// urus2, lama2: Indonesian reduplication written with a 2.
	if digits == 1 && letters >= 3 && s[len(s)-1] == '2' {
		t.b--
		return append(out, t)
	}
	if letters == 0 || digits == 0 {
		return append(out, t)
	}
	// 15jt, 100rb, 5star: a number glued to a unit or word.
	if i := leadingDigits(s); i > 0 && i+letters == len(s) {
		return append(out, piece{a: t.a, b: t.a + i, start: t.start, end: t.end}, piece{a: t.a + i, b: t.b, start: t.start, end: t.end})
	}
	// rp5000, usd1500, wa0812345: a word glued to a long number.
	if j := trailingDigits(s); j < len(s) && j+digits == len(s) && j > 0 {
		if currencies[string(s[:j])] || len(s)-j >= 4 {
			return append(out, piece{a: t.a, b: t.a + j, start: t.start, end: t.end}, piece{a: t.a + j, b: t.b, start: t.start, end: t.end})
		}
	}
	if len(s) < 3 {
		return append(out, t) // s1, d3, b2: school grades and codes, not leetspeak
	}
	for i, c := range s {
		if r := leet[c]; r != 0 {
			s[i] = r
		}
	}
	return append(out, t)
}

// joinSingles joins runs of one-character tokens that spell a word:
// "k a m b o j a" → "kamboja", "w . a" → "wa", "k 4 m b 0 j 4" → "kamboja".
// Words spelled out one after the other are told apart by a wider gap:
// in "L o k e r  K a m b o j a" the letters stand one space apart and the
// words two, so it reads "loker kamboja". A run joins when it has at least
// two letters; runs of digits alone (phone numbers written with spaces)
// stay as they are. It works in place: the result is never longer than
// toks.
func (sc *scratch) joinSingles(toks []piece) []piece {
	out := toks[:0]
	for i := 0; i < len(toks); {
		if toks[i].b-toks[i].a != 1 {
			out = append(out, toks[i])
			i++
			continue
		}
		j, gap := i+1, -1
		for j < len(toks) && toks[j].b-toks[j].a == 1 {
			if g := toks[j].start - toks[j-1].end; gap < 0 || g < gap {
				gap = g
			}
			j++
		}
		// Each stretch of the run whose letters stand at the run's
		// narrowest gap is one word.
		for k := i; k < j; {
			m := k + 1
			for m < j && toks[m].start-toks[m-1].end <= gap {
				m++
			}
			out = sc.joinRun(out, toks[k:m])
			k = m
		}
		i = j
	}
	return out
}

// joinRun appends the one-character tokens of run joined into one word,
// or as they are when they hold fewer than two letters.
func (sc *scratch) joinRun(out, run []piece) []piece {
	letters := 0
	for _, t := range run {
		if c := sc.arena[t.a]; c >= 'a' && c <= 'z' {
			letters++
		}
	}
	if len(run) < 2 || letters < 2 {
		return append(out, run...)
	}
	a := len(sc.arena)
	for _, t := range run {
		c := sc.arena[t.a]
		if r := leet[c]; r != 0 {
			c = r
		}
		sc.arena = append(sc.arena, c)
	}
	return append(out, piece{a: a, b: len(sc.arena), start: run[0].start, end: run[len(run)-1].end})
}

// hasSingles reports two one-character tokens in a row, which
// joinSingles may join.
func hasSingles(toks []piece) bool {
	for i := 1; i < len(toks); i++ {
		if toks[i].b-toks[i].a == 1 && toks[i-1].b-toks[i-1].a == 1 {
			return true
		}
	}
	return false
}

// leet maps digits used as letters inside words; other bytes map to 0.
var leet = [256]byte{
	'0': 'o', '1': 'i', '2': 'z', '3': 'e', '4': 'a',
	'5': 's', '6': 'g', '7': 't', '8': 'b', '9': 'g',
}

// currencies are currency words that are written glued to an amount.
var currencies = map[string]bool{
	"rp": true, "idr": true, "usd": true, "us": true, "rm": true, "myr": true,
	"nt": true, "twd": true, "thb": true, "sgd": true, "hkd": true, "vnd": true,
	"gbp": true, "eur": true, "jpy": true, "krw": true, "php": true, "aud": true,
}

func count(s []byte) (letters, digits int) {
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'a' && c <= 'z':
			letters++
		}
	}
	return letters, digits
}

func hasDigit(s []byte) bool {
	for _, c := range s {
		if c >= '0' && c <= '9' {
			return true
		}
	}
	return false
}

func leadingDigits(s []byte) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

func trailingDigits(s []byte) int {
	j := len(s)
	for j > 0 && s[j-1] >= '0' && s[j-1] <= '9' {
		j--
	}
	return j
}

func isDigits(s []byte) bool {
	return len(s) > 0 && leadingDigits(s) == len(s)
}

// unstretch folds stretched letters in place and returns the new length of
// s: a letter written three or more times in a row counts once
// ("kaaambooojaaa" → "kamboja", "gajiii" → "gaji"). Doubled letters are
// kept (saat, maaf, free), and so are a word of one repeated letter (www,
// iii) and words that would shrink to fewer than three letters (pppk).
func unstretch(s []byte) int {
	run, stretched := 1, false
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1] && s[i] >= 'a' && s[i] <= 'z' {
			run++
			stretched = stretched || run == 3
			continue
		}
		run = 1
	}
	if !stretched || bytes.Count(s, s[:1]) == len(s) {
		return len(s)
	}
	// Count first: a word that would become too short stays as it is.
	n := 0
	for i := 0; i < len(s); i++ {
		i += stretch(s, i)
		n++
	}
	if n < minUnstretched {
		return len(s) // PPPK, CSSS: an abbreviation, not a stretched word
	}
	n = 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		i += stretch(s, i)
		s[n] = c
		n++
	}
	return n
}

// stretch returns how many copies of the letter s[i] follow it when they
// make a run of three or more, and 0 otherwise.
func stretch(s []byte, i int) int {
	c := s[i]
	if c < 'a' || c > 'z' || i+2 >= len(s) || s[i+1] != c || s[i+2] != c {
		return 0
	}
	k := 0
	for i+k+1 < len(s) && s[i+k+1] == c {
		k++
	}
	return k
}

// minUnstretched is the shortest word that unstretch produces.
const minUnstretched = 3
