package extract

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// folded is a compatibility-folded view of a text. Every scanner in this
// package works on s, in which fancy Unicode digits and letters (𝟭𝟱, ＋８５５,
// ①) have become ASCII, dashes have become '-', exotic spaces have become
// ' ', invalid UTF-8 bytes have become ' ' and invisible characters
// (zero-width spaces, variation selectors, keycap marks) are gone.
//
// Spans are mapped back to the original through marks: one per original
// multi-byte rune that folding replaced. Between marks the two
// texts advance byte for byte, so the table stays tiny and a text that
// folding leaves alone is not even copied.
type folded struct {
	orig  string
	s     string
	marks []mark // in increasing f (and o) order
	bufs  *foldBufs
}

// mark records that orig[o:o+ol] became s[f:f+fl].
type mark struct{ f, fl, o, ol int }

var (
	spaceBytes = []byte{' '}
	dashBytes  = []byte{'-'}
	noBytes    = []byte{}
)

// foldBufs are the scratch buffers of fold, reused through foldPool.
type foldBufs struct {
	marks []mark
}

var foldPool = sync.Pool{New: func() any { return new(foldBufs) }}

// fold builds the folded view of orig. It runs in time linear in len(orig).
func fold(orig string) folded {
	i := asciiPrefix(orig, 0)
	if i == len(orig) {
		return folded{orig: orig, s: orig}
	}
	fb := foldPool.Get().(*foldBufs)
	marks := fb.marks[:0]
	var out strings.Builder // empty while s is still a prefix of orig
	copying := false
	for i < len(orig) {
		if j := asciiPrefix(orig, i); j > i {
			if copying {
				out.WriteString(orig[i:j])
			}
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(orig[i:])
		src := orig[i : i+size]
		var rep []byte // folded form; nil: same as src
		switch {
		case r == utf8.RuneError && size == 1:
			rep = spaceBytes
		case isInvisible(r):
			rep = noBytes
		case isDash(r):
			rep = dashBytes
		case r >= 0x1F300 && r <= 0x1FAFF: // emoji: NFKC leaves them alone
		case unicode.IsSpace(r):
			rep = spaceBytes
		default:
			// One rune alone: NFKC is the identity when it has no
			// decomposition, and the decomposition itself when that is
			// ASCII (𝟭 → 1, Ａ → A, ⑩ → 10); only the rest (é, ｶ) needs
			// the full, allocating, normaliser.
			d := norm.NFKC.PropertiesString(src).Decomposition()
			switch {
			case d == nil:
			case isASCIIBytes(d):
				rep = d
			default:
				if n := norm.NFKC.AppendString(nil, src); string(n) != src {
					rep = n
				}
			}
		}
		if rep == nil {
			if copying {
				out.WriteString(src)
			}
			i += size
			continue
		}
		if !copying {
			copying = true
			out.Grow(len(orig) + 8)
			out.WriteString(orig[:i])
		}
		if len(rep) != size || size > 1 { // Ĳ → IJ keeps its length but must map as a whole
			marks = append(marks, mark{f: out.Len(), fl: len(rep), o: i, ol: size})
		}
		out.Write(rep)
		i += size
	}
	fb.marks = marks
	f := folded{orig: orig, s: orig, marks: marks, bufs: fb}
	if copying {
		f.s = out.String() // no copy: the builder hands over its buffer
	}
	return f
}

// release returns the pooled buffers; f must not be used afterwards.
func (f *folded) release() {
	if f.bufs != nil {
		if cap(f.bufs.marks) <= 1<<12 { // do not keep huge tables alive
			foldPool.Put(f.bufs)
		}
		f.bufs, f.marks = nil, nil
	}
}

// lastMark returns the index of the last mark with f <= i, or -1.
func (f *folded) lastMark(i int) int {
	lo, hi := 0, len(f.marks)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if f.marks[m].f <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo - 1
}

// origStart maps a folded offset to the original offset of the rune that
// produced s[i] (for i == len(s): the end of the original).
func (f *folded) origStart(i int) int {
	k := f.lastMark(i)
	if k < 0 {
		return i
	}
	m := f.marks[k]
	if i < m.f+m.fl {
		return m.o
	}
	return m.o + m.ol + i - m.f - m.fl
}

// span maps the folded byte span [a, b) to the original text: from the
// start of the rune that produced s[a] to the end of the rune that produced
// s[b-1], so that a span never cuts an original rune in half.
func (f *folded) span(a, b int) (int, int) {
	if len(f.marks) == 0 && len(f.s) == len(f.orig) {
		return a, b
	}
	start := f.origStart(a)
	if b <= a {
		return start, start
	}
	i := b - 1
	var end int
	if k := f.lastMark(i); k >= 0 && i < f.marks[k].f+f.marks[k].fl {
		end = f.marks[k].o + f.marks[k].ol
	} else {
		end = f.origStart(i) + 1
		for end < len(f.orig) && !utf8.RuneStart(f.orig[end]) {
			end++
		}
	}
	return start, end
}

// raw returns the original text of the folded span [a, b), trimmed of
// surrounding white space and made valid UTF-8.
func (f *folded) raw(a, b int) (string, int, int) {
	start, end := f.span(a, b)
	r := strings.TrimSpace(f.orig[start:end])
	if !utf8.ValidString(r) {
		r = strings.ToValidUTF8(r, "\uFFFD")
	}
	return r, start, end
}

// isInvisible reports runes that obfuscators sprinkle inside numbers and
// words and that carry no meaning for extraction.
func isInvisible(r rune) bool {
	switch {
	case r == 0x00AD, r == 0x034F, r == 0x180E, r == 0x20E3, r == 0xFEFF:
		return true
	case r >= 0x200B && r <= 0x200F, r >= 0x2060 && r <= 0x2064:
		return true
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF:
		return true
	}
	return false
}

// isDash reports the hyphen and dash characters that NFKC leaves alone.
func isDash(r rune) bool {
	return (r >= 0x2010 && r <= 0x2015) || r == 0x2212 || r == 0xFE58 || r == 0xFE63
}

func isASCIIBytes(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
