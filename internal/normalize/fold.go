package normalize

import (
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/mtibben/confusables"
	"golang.org/x/text/unicode/norm"
)

// tokenize splits the folded view into tokens of lowercase letters and
// digits, with spans in the original text. Spaces, punctuation, symbols and
// emoji separate tokens; combining characters are dropped without
// separating (invisible ones are already gone from the view).
//
// The tokens' letters are written into sc.arena one space apart (so that
// join can copy a run of untouched tokens at once), and the tokens into
// sc.raw; both are reused from call to call.
func tokenize(v *View, sc *scratch) []piece {
	s := v.Folded
	toks, arena := sc.raw[:0], sc.arena[:0]
	open := false
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if asciiFold[c] == 0 {
				open = false
				i++
				continue
			}
			// A run of ASCII letters and digits is copied in one go; the
			// word stays plain (refine passes it on as it is) unless the
			// run has a digit or a letter three times in a row.
			if !open {
				open = true
				arena = separate(arena)
				toks = append(toks, piece{a: len(arena), start: i, plain: true})
			}
			var c1, c2 byte // the two letters before c
			for ; i < len(s); i++ {
				c := asciiFold[s[i]]
				if c == 0 {
					break
				}
				if c <= '9' || c == c1 && c == c2 {
					toks[len(toks)-1].plain = false
				}
				c1, c2 = c, c1
				arena = append(arena, c)
			}
			toks[len(toks)-1].b, toks[len(toks)-1].end = len(arena), i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			open = false
			i++
			continue
		}
		f := foldRune(r)
		if open {
			// The word goes on with letters of another script (or
			// drops a mark): refine looks at all of it.
			toks[len(toks)-1].plain = false
		}
		for j := 0; j < len(f); j++ {
			if f[j] == ' ' {
				open = false
				continue
			}
			if !open {
				open = true
				arena = separate(arena)
				toks = append(toks, piece{a: len(arena), start: i})
			}
			arena = append(arena, f[j])
			toks[len(toks)-1].b, toks[len(toks)-1].end = len(arena), i+size
		}
		i += size
	}
	if len(v.marks) > 0 { // else the spans are the same in the original
		c := cursor{v: v}
		for i := range toks {
			toks[i].start, toks[i].end = c.span(toks[i].start, toks[i].end)
		}
	}
	sc.raw, sc.arena = toks, arena
	return toks
}

// separate appends the space that comes before a token's letters in the
// arena (none before the first).
func separate(arena []byte) []byte {
	if len(arena) > 0 {
		arena = append(arena, ' ')
	}
	return arena
}

// scratch holds the buffers of one normalisation; they are reused through
// scratchPool by later calls.
type scratch struct {
	raw, out []piece // tokens as they are refined
	arena    []byte  // the tokens' letters
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooled is the largest buffer (in elements) kept for reuse, so that one
// huge text does not keep its buffers alive.
const maxPooled = 1 << 14

// maxPooledBytes is the largest byte buffer kept for reuse: room for the
// letters of the longest screened text with a space after each token (the
// arena, Joined), and then some for abbreviations expanded.
const maxPooledBytes = 2 * MaxInput

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

func (sc *scratch) release() {
	if cap(sc.raw) <= maxPooled && cap(sc.out) <= maxPooled && cap(sc.arena) <= maxPooledBytes {
		scratchPool.Put(sc)
	}
}

// asciiFold maps ASCII letters and digits to their lowercase form and
// every other byte to 0.
var asciiFold = func() (t [256]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = c, c
	}
	return t
}()

// foldCache remembers how non-ASCII runes fold; it stops growing after
// maxCached entries so that hostile text cannot make it large.
var (
	foldCache sync.Map
	cached    atomic.Int32
)

const maxCached = 1 << 14

// foldRune returns what a non-ASCII rune becomes: lowercase letters and
// digits, " " for a separator, or "" for an invisible character.
func foldRune(r rune) string {
	if v, ok := foldCache.Load(r); ok {
		return v.(string)
	}
	f := computeFold(r)
	if cached.Load() < maxCached {
		if _, loaded := foldCache.LoadOrStore(r, f); !loaded {
			cached.Add(1)
		}
	}
	return f
}

func computeFold(r rune) string {
	if Invisible(r) {
		return ""
	}
	var out []byte
	for _, c := range norm.NFKD.String(string(r)) {
		switch {
		case unicode.Is(unicode.Mn, c) || unicode.Is(unicode.Me, c) || Invisible(c):
			continue
		case c < utf8.RuneSelf:
			lc := byte(unicode.ToLower(c))
			if lc >= 'a' && lc <= 'z' || lc >= '0' && lc <= '9' {
				out = append(out, lc)
			} else {
				out = append(out, ' ')
			}
		case unicode.IsLetter(c):
			if l, ok := latinLookAlike(c); ok {
				out = append(out, l...)
			} else {
				out = utf8.AppendRune(out, unicode.ToLower(c))
			}
		case unicode.IsDigit(c):
			out = append(out, byte('0'+digitValue(c)))
		default:
			out = append(out, ' ')
		}
	}
	return string(out)
}

// latinLookAlike folds a letter that looks like a Latin letter (Cyrillic а,
// Greek ο, ...) to that Latin letter, using Unicode's confusables table.
func latinLookAlike(c rune) (string, bool) {
	for _, try := range []rune{c, unicode.ToUpper(c), unicode.ToLower(c)} {
		sk := confusables.Skeleton(string(try))
		if len(sk) == 0 || len(sk) > 2 {
			continue
		}
		ok := true
		b := []byte(sk)
		for i, ch := range b {
			if ch >= 'A' && ch <= 'Z' {
				b[i] = ch + 'a' - 'A'
				continue
			}
			if ch < 'a' || ch > 'z' {
				ok = false
				break
			}
		}
		if ok {
			return string(b), true
		}
	}
	return "", false
}

// digitValue is the value of a decimal digit of any script (0 if unknown).
func digitValue(c rune) int {
	for _, rt := range unicode.Nd.R16 {
		if c >= rune(rt.Lo) && c <= rune(rt.Hi) {
			// Decimal digit ranges in Nd are runs of ten starting at zero.
			return int(c-rune(rt.Lo)) % 10
		}
	}
	for _, rt := range unicode.Nd.R32 {
		if c >= rune(rt.Lo) && c <= rune(rt.Hi) {
			return int(c-rune(rt.Lo)) % 10
		}
	}
	return 0
}
