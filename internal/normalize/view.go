package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// View is the folded view of a text that every reader of the text shares:
// the tokenizer, the entity extractor and the learned model. In Folded,
// fancy Unicode digits and letters (𝟭𝟱, ＋８５５, ①, 𝗞) have become ASCII
// (NFKC, letter case kept), dashes have become '-', exotic spaces and
// invalid UTF-8 bytes have become ' ', and invisible characters (see
// Invisible) are gone. Everything else is copied as it is.
//
// Offsets map back to Original through marks: one per original multi-byte
// rune that folding replaced. Between marks the two texts advance byte for
// byte, so the table stays tiny and a text that folding leaves alone is not
// copied at all.
type View struct {
	Original string
	Folded   string
	marks    []mark // in increasing f (and o) order
}

// mark records that Original[o:o+ol] became Folded[f:f+fl].
type mark struct{ f, fl, o, ol int }

// runeClass is what folding does with a rune.
type runeClass uint8

const (
	classOther     runeClass = iota
	classInvisible           // dropped: renders as nothing
	classDash                // becomes '-'
	classSpace               // becomes ' '
)

// classify is the one table of invisible characters, dashes and spaces.
func classify(r rune) runeClass {
	switch {
	case r < utf8.RuneSelf:
		return classOther
	case Invisible(r):
		return classInvisible
	case (r >= 0x2010 && r <= 0x2015) || r == 0x2212 || r == 0xFE58 || r == 0xFE63:
		return classDash
	case unicode.IsSpace(r):
		return classSpace
	}
	return classOther
}

// Invisible reports characters that render as nothing and that obfuscators
// sprinkle inside words and numbers: zero-width spaces and joiners, bidi
// marks and isolates, every other format control (Unicode category Cf),
// variation selectors, the combining keycap and Hangul/Khmer/Mongolian
// fillers.
func Invisible(r rune) bool {
	switch r {
	case '\u00ad', '\u034f', '\u115f', '\u1160', '\u17b4', '\u17b5', '\u180e', '\u20e3', '\u3164', '\uffa0':
		return true
	}
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r)
}

var (
	spaceBytes = []byte{' '}
	dashBytes  = []byte{'-'}
	noBytes    = []byte{}
)

// Fold builds the folded view of s in time linear in len(s).
func Fold(s string) *View {
	v := &View{Original: s, Folded: s}
	i := asciiPrefix(s, 0)
	if i == len(s) {
		return v
	}
	var out strings.Builder // empty while Folded is still a prefix of s
	copying := false
	for i < len(s) {
		if j := asciiPrefix(s, i); j > i {
			if copying {
				out.WriteString(s[i:j])
			}
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		src := s[i : i+size]
		rep := foldOne(r, size, src)
		if rep == nil {
			if copying {
				out.WriteString(src)
			}
			i += size
			continue
		}
		if !copying {
			copying = true
			out.Grow(len(s) + 8)
			out.WriteString(s[:i])
		}
		if v.marks == nil {
			v.marks = make([]mark, 0, 8)
		}
		v.marks = append(v.marks, mark{f: out.Len(), fl: len(rep), o: i, ol: size})
		out.Write(rep)
		i += size
	}
	if copying {
		v.Folded = out.String()
	}
	return v
}

// foldOne returns the folded form of one rune, or nil when it stays as it
// is.
func foldOne(r rune, size int, src string) []byte {
	if r == utf8.RuneError && size == 1 {
		return spaceBytes
	}
	if r >= 0x1F300 && r <= 0x1FAFF { // emoji: none is invisible, a dash or a space, and NFKC leaves them alone
		return nil
	}
	switch classify(r) {
	case classInvisible:
		return noBytes
	case classDash:
		return dashBytes
	case classSpace:
		return spaceBytes
	}
	// One rune alone: NFKC is the identity when it has no decomposition,
	// and the decomposition itself when that is ASCII (𝟭 → 1, Ａ → A,
	// ⑩ → 10); only the rest (é, ｶ) needs the full normaliser.
	d := norm.NFKC.PropertiesString(src).Decomposition()
	switch {
	case d == nil:
		return nil
	case isASCIIBytes(d):
		return d
	}
	if n := norm.NFKC.AppendString(nil, src); string(n) != src {
		return n
	}
	return nil
}

// lastMark returns the index of the last mark with f <= i, or -1.
func (v *View) lastMark(i int) int {
	lo, hi := 0, len(v.marks)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if v.marks[m].f <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo - 1
}

// Span maps the folded byte span [a, b) to the original text: from the
// start of the rune that produced Folded[a] to the end of the rune that
// produced Folded[b-1], so that a span never cuts an original rune in half.
func (v *View) Span(a, b int) (int, int) {
	if len(v.marks) == 0 {
		return a, b
	}
	c := cursor{v: v, k: v.lastMark(a) + 1}
	return c.span(a, b)
}

// A cursor maps spans to the original text like View.Span, walking the
// marks forward instead of searching them: the spans it maps must not go
// backwards (each starts at or after the start of the one before).
type cursor struct {
	v *View
	k int // the marks before k have f <= the last offset looked up
}

// seek moves the cursor past the marks with f <= i and returns the last
// of them, or nil; i must not be less than in the call before.
func (c *cursor) seek(i int) *mark {
	marks := c.v.marks
	k := c.k
	for k < len(marks) && marks[k].f <= i {
		k++
	}
	c.k = k
	if k == 0 {
		return nil
	}
	return &marks[k-1]
}

// origStart maps a folded offset to the original offset of the rune that
// produced Folded[i] (for i == len(Folded): the end of the original), given
// m, the last mark with f <= i (or nil).
func origStart(m *mark, i int) int {
	switch {
	case m == nil:
		return i
	case i < m.f+m.fl:
		return m.o
	}
	return m.o + m.ol + i - m.f - m.fl
}

// span is View.Span.
func (c *cursor) span(a, b int) (int, int) {
	v := c.v
	if len(v.marks) == 0 {
		return a, b
	}
	start := origStart(c.seek(a), a)
	if b <= a {
		return start, start
	}
	i := b - 1
	m := c.seek(i)
	if m != nil && i < m.f+m.fl {
		return start, m.o + m.ol
	}
	end := origStart(m, i) + 1
	for end < len(v.Original) && !utf8.RuneStart(v.Original[end]) {
		end++
	}
	return start, end
}

// Raw returns the original text of the folded span [a, b), trimmed of
// surrounding white space and made valid UTF-8, and its original span.
func (v *View) Raw(a, b int) (string, int, int) {
	start, end := v.Span(a, b)
	r := strings.TrimSpace(v.Original[start:end])
	if !utf8.ValidString(r) {
		r = strings.ToValidUTF8(r, "\uFFFD")
	}
	return r, start, end
}

// asciiPrefix returns the index of the first byte >= 0x80 at or after i, or
// len(s). It tests eight bytes at a time while it can, like the fast path
// of utf8.ValidString.
func asciiPrefix(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		first := uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
		second := uint32(s[i+4]) | uint32(s[i+5])<<8 | uint32(s[i+6])<<16 | uint32(s[i+7])<<24
		if (first|second)&0x80808080 != 0 {
			break
		}
	}
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	return i
}

func isASCIIBytes(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
