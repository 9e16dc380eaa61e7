// Package normalize turns hostile, obfuscated text into a plain stream of
// lowercase tokens for matching, and keeps a map from every token back to the
// bytes of the original text, so that each match can quote what was written.
//
// Scammers write K4MB0J4, "k a m b o j a", Kаmboja with a Cyrillic а,
// zero-width characters, 𝗞𝗮𝗺𝗯𝗼𝗷𝗮, emoji between letters, w.a and brgkt.
// Text goes through these steps:
//
//  1. Unicode compatibility folding (NFKC/NFKD from golang.org/x/text),
//     diacritics removed, lowercased, and look-alike letters of other scripts
//     folded to Latin (Unicode's confusables table).
//  2. Zero-width and format characters are dropped inside words; everything
//     that is not a letter or a digit separates tokens.
//  3. Numbers glued to units are split (15jt → 15 jt), leetspeak inside
//     words is decoded (k4mb0j4 → kamboja), runs of single letters are
//     joined (k a m b o j a → kamboja; words spelled out one after
//     another are told apart by the wider gap between them: L o k e r
//     K a m b o j a → loker kamboja), stretched letters folded (gajiii →
//     gaji), the abbreviations of the rule file expanded (brgkt →
//     berangkat; see Normalizer) and every number becomes "#".
//
// Patterns in the rules go through the same steps, so a rule written in
// plain words matches every disguise of those words.
package normalize

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// MaxInput is the number of bytes of a text that is screened. Telegram
// messages are at most 4096 characters, so this only bounds hostile input.
const MaxInput = 64 << 10

// Number is the token every number becomes.
const Number = "#"

// Token is one normalised word and the span of original bytes it came from.
type Token struct {
	Text       string
	Start, End int
}

// Text is a normalised text: its tokens, and the tokens joined by single
// spaces with a space at each end (so every token is surrounded by spaces
// and a phrase " a b " matches whole words only).
type Text struct {
	Original string
	Tokens   []Token
	Joined   string
	// Screened is the part of Original that was screened (all of it
	// unless Truncated); it always ends on a character boundary.
	Screened  string
	Truncated bool
	// View is the folded view of Screened that the tokens were read from;
	// the entity extractor and the model read it too.
	View *View
	// starts[i] is the byte offset of token i in Joined.
	starts []int
	// buf holds Tokens, starts and Joined until Release hands them back.
	buf *tokenBuf
}

// String normalises s without expanding abbreviations (the screening
// engine expands the rule file's: Normalizer.String).
func String(s string) *Text { return plain.String(s) }

// String normalises s.
func (n *Normalizer) String(s string) *Text {
	if n == nil {
		n = plain
	}
	t := &Text{Original: s}
	if len(s) > MaxInput {
		cut := MaxInput
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
		t.Truncated = true
	}
	t.Screened = s
	t.View = Fold(s)
	sc := getScratch()
	t.buf = tokenPool.Get().(*tokenBuf)
	t.Tokens, t.starts, t.Joined = sc.join(n.refine(sc, tokenize(t.View, sc)), t.buf)
	sc.release()
	return t
}

// tokenBuf is the memory of a Text's Tokens, starts and Joined, reused
// through tokenPool by texts that are released (Text.Release).
type tokenBuf struct {
	toks   []Token
	starts []int
	line   []byte // Joined
}

var tokenPool = sync.Pool{New: func() any { return new(tokenBuf) }}

// Release hands the memory of t's token table and joined text back for
// reuse by a later String, and empties t: neither t nor anything cut from
// its Tokens or Joined may be used afterwards (a later text overwrites
// them). Calling it is optional; the screening engine does once a verdict
// is made, so that screening a batch of texts does not allocate a token
// table and a joined text for each.
func (t *Text) Release() {
	b := t.buf
	if b == nil {
		return
	}
	t.buf, t.Tokens, t.starts, t.Joined = nil, nil, nil, ""
	if cap(b.toks) <= maxPooled && cap(b.line) <= maxPooledBytes {
		tokenPool.Put(b)
	}
}

// join returns the tokens of ps, their offsets in Joined and Joined, in
// the memory of tb. The tokens' texts are cut from Joined: one string
// holds them all, in tb.line (not copied: tb is not reused before the
// Text is released).
func (sc *scratch) join(ps []piece, tb *tokenBuf) (toks []Token, starts []int, joined string) {
	size := 1
	for i := range ps {
		size += ps[i].b - ps[i].a + 1
	}
	buf := slices.Grow(tb.line[:0], size)[:size]
	buf[0] = ' '
	at := 1
	starts = slices.Grow(tb.starts[:0], len(ps))[:len(ps)]
	for i := 0; i < len(ps); {
		// Tokens that stand one space apart in the arena (as tokenize
		// wrote them, untouched since) are copied together.
		j := i + 1
		for j < len(ps) && ps[j].a == ps[j-1].b+1 && sc.arena[ps[j-1].b] == ' ' {
			j++
		}
		base := at - ps[i].a
		for k := i; k < j; k++ {
			starts[k] = base + ps[k].a
		}
		at += copy(buf[at:], sc.arena[ps[i].a:ps[j-1].b])
		buf[at] = ' '
		at++
		i = j
	}
	joined = unsafe.String(unsafe.SliceData(buf), len(buf))
	tb.line = buf
	toks = slices.Grow(tb.toks[:0], len(ps))[:len(ps)]
	for i := range ps {
		p := &ps[i]
		toks[i] = Token{Text: joined[starts[i] : starts[i]+p.b-p.a], Start: p.start, End: p.end}
	}
	tb.toks, tb.starts = toks, starts
	return toks, starts, joined
}

// Phrase normalises p like Normalizer.Phrase, without abbreviations.
func Phrase(p string) string { return plain.Phrase(p) }

// Phrase normalises a pattern phrase the same way as a text and returns its
// tokens joined by single spaces, without surrounding spaces. A number, or
// a # standing alone, matches any number.
func (n *Normalizer) Phrase(p string) string {
	if n == nil {
		n = plain
	}
	// A # written in a phrase stands for any number.
	sc := getScratch()
	defer sc.release()
	var b strings.Builder
	for i, tk := range n.refine(sc, tokenize(Fold(strings.ReplaceAll(p, Number, " 0 ")), sc)) {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.Write(sc.text(tk))
	}
	return b.String()
}

// Negated reports whether the words of Joined[start:end] are negated: one
// of the `before` words stands among the `window` tokens before them, or one
// of the `after` words among the two tokens after them, with no sentence
// break (. ! ? ; : or a new line in the original) in between.
func (t *Text) Negated(start, end, window int, before, after map[string]bool) bool {
	first := sort.Search(len(t.starts), func(i int) bool { return t.starts[i]+len(t.Tokens[i].Text) > start })
	last := sort.Search(len(t.starts), func(i int) bool { return t.starts[i] >= end }) - 1
	if first >= len(t.Tokens) || last < first {
		return false
	}
	for i := first - 1; i >= 0 && i >= first-window; i-- {
		if t.breakBetween(i, i+1) {
			break
		}
		if before[t.Tokens[i].Text] {
			return true
		}
	}
	for i := last + 1; i < len(t.Tokens) && i <= last+2; i++ {
		if t.breakBetween(i-1, i) {
			break
		}
		if after[t.Tokens[i].Text] {
			return true
		}
	}
	return false
}

// breakBetween reports a sentence break in the original between tokens i
// and j (i < j).
func (t *Text) breakBetween(i, j int) bool {
	a, b := t.Tokens[i].End, t.Tokens[j].Start
	if a >= b {
		return false
	}
	return strings.ContainsAny(t.Original[a:b], ".!?;:\n")
}

// Span maps a byte range of Joined to the range of original bytes covered by
// the tokens it touches. ok is false when the range touches no token.
func (t *Text) Span(start, end int) (os, oe int, ok bool) {
	first := sort.Search(len(t.starts), func(i int) bool {
		return t.starts[i]+len(t.Tokens[i].Text) > start
	})
	if first >= len(t.Tokens) || t.starts[first] >= end {
		return 0, 0, false
	}
	last := sort.Search(len(t.starts), func(i int) bool { return t.starts[i] >= end }) - 1
	if last < first {
		last = first
	}
	os, oe = t.Tokens[first].Start, t.Tokens[first].End
	for i := first + 1; i <= last; i++ {
		if t.Tokens[i].End > oe {
			oe = t.Tokens[i].End
		}
		if t.Tokens[i].Start < os {
			os = t.Tokens[i].Start
		}
	}
	return os, oe, true
}

// Quote returns the original fragment behind a byte range of Joined, cleaned
// for display: valid UTF-8, no invisible characters, single spaces, and at
// most maxQuote characters.
func (t *Text) Quote(start, end int) string {
	os, oe, ok := t.Span(start, end)
	if !ok {
		return ""
	}
	return Clean(t.Original[os:oe], maxQuote)
}

const maxQuote = 120

// asciiSpace marks the ASCII bytes that unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// Clean makes a fragment of untrusted text safe to show: invalid bytes and
// invisible characters removed, whitespace collapsed, and at most max runes
// (with an ellipsis when cut).
func Clean(s string, max int) string {
	if len(s) <= max && plainASCII(s) {
		// Most quoted fragments: cleanRunes would give them back unchanged.
		return strings.Clone(s)
	}
	return cleanRunes(s, max)
}

// plainASCII reports whether s is printable ASCII with single spaces
// between words and none at either end.
func plainASCII(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == ' ' && s[i-1] == ' ' {
			return false
		}
	}
	return true
}

// cleanRunes is Clean, rune by rune.
func cleanRunes(s string, max int) string {
	var b strings.Builder
	b.Grow(min(len(s), 4*max+4))
	space := false
	n := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			// ASCII, most of what is quoted: never invisible, and
			// white space only as asciiSpace says.
			i++
			if asciiSpace[c] {
				space = b.Len() > 0
				continue
			}
			if n >= max {
				b.WriteString("…")
				return b.String()
			}
			if space {
				b.WriteByte(' ')
				space = false
				n++
			}
			b.WriteByte(c)
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			continue
		case Invisible(r):
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if n >= max {
			b.WriteString("…")
			return b.String()
		}
		if space {
			b.WriteByte(' ')
			space = false
			n++
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
