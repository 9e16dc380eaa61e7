package extract

import (
	"slices"
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
// (zero-width spaces, variation selectors, keycap marks) are gone. off maps
// each byte of s back to the original text so that spans can be reported
// against what the user actually wrote.
type folded struct {
	orig string
	s    string
	// off[i] is the offset in orig of the rune that produced s[i];
	// off[len(s)] == len(orig). It is nil when s == orig (plain ASCII).
	off  []int
	bufs *foldBufs // pooled backing store, returned by release
}

// foldBufs are the scratch buffers of fold, reused through foldPool.
type foldBufs struct {
	out []byte
	off []int
}

var foldPool = sync.Pool{New: func() any { return new(foldBufs) }}

// fold builds the folded view of orig. It runs in time linear in len(orig).
func fold(orig string) folded {
	i := 0
	for i < len(orig) && orig[i] < utf8.RuneSelf {
		i++
	}
	if i == len(orig) {
		return folded{orig: orig, s: orig}
	}
	fb := foldPool.Get().(*foldBufs)
	out := slices.Grow(fb.out[:0], len(orig)+8)
	off := slices.Grow(fb.off[:0], len(orig)+9)
	i = 0
	for i < len(orig) {
		j := i
		for j < len(orig) && orig[j] < utf8.RuneSelf {
			j++
		}
		if j > i {
			out = append(out, orig[i:j]...)
			for k := i; k < j; k++ {
				off = append(off, k)
			}
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(orig[i:])
		n0 := len(out)
		switch {
		case r == utf8.RuneError && size == 1:
			out = append(out, ' ')
		case isInvisible(r):
			// dropped: produces no folded bytes
		case isDash(r):
			out = append(out, '-')
		case r >= 0x1F300 && r <= 0x1FAFF: // emoji: NFKC leaves them alone
			out = append(out, orig[i:i+size]...)
		case unicode.IsSpace(r):
			out = append(out, ' ')
		default:
			// One rune alone: NFKC is the identity when it has no
			// decomposition, and the decomposition itself when that is
			// ASCII (𝟭 → 1, Ａ → A, ⑩ → 10); only the rest (é, ｶ) needs
			// the full, allocating, normaliser.
			src := orig[i : i+size]
			d := norm.NFKC.PropertiesString(src).Decomposition()
			switch {
			case d == nil:
				out = append(out, src...)
			case isASCIIBytes(d):
				out = append(out, d...)
			default:
				out = norm.NFKC.AppendString(out, src)
			}
		}
		for k := n0; k < len(out); k++ {
			off = append(off, i)
		}
		i += size
	}
	off = append(off, len(orig))
	fb.out, fb.off = out, off
	return folded{orig: orig, s: string(out), off: off, bufs: fb}
}

// release returns the pooled buffers; f must not be used afterwards.
func (f *folded) release() {
	if f.bufs != nil {
		if cap(f.bufs.off) <= 1<<16 { // do not keep huge buffers alive
			foldPool.Put(f.bufs)
		}
		f.bufs, f.off = nil, nil
	}
}

// span maps the folded byte span [a, b) to the original text: from the
// start of the rune that produced s[a] to the end of the rune that produced
// s[b-1], so that a span never cuts an original rune in half.
func (f *folded) span(a, b int) (int, int) {
	if f.off == nil {
		return a, b
	}
	start := f.off[a]
	if b <= a {
		return start, start
	}
	last := f.off[b-1]
	_, size := utf8.DecodeRuneInString(f.orig[last:])
	return start, last + size
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
