package memory

import (
	"encoding/base64"
	"errors"
	"strings"

	"github.com/cekloker/cekloker/internal/normalize"
)

// Bins is the number of values in a signature; Bands × Rows of them make
// the LSH buckets.
const (
	Bins  = 64
	Bands = 16
	Rows  = Bins / Bands
)

// MinShingles is the fewest shingles a text needs for a signature: shorter
// texts are remembered by their contacts only.
const MinShingles = 12

// Signature is a one-permutation MinHash of a text's shingles, with each
// bin's minimum cut to its low 8 bits (b-bit MinHash): 64 bytes estimate
// the Jaccard similarity of the shingle sets.
type Signature [Bins]byte

// Sign computes the signature of text. Shingles are pairs of consecutive
// words on the same line of the normalised text (lowercase, look-alikes,
// leetspeak and emoji folded away), without numbers: a repost with other
// numbers, emoji, line breaks or lines in another order keeps almost all
// of its shingles, and a changed name loses only the two around it. ok is
// false when the text has fewer than MinShingles shingles.
func Sign(text string) (sig Signature, ok bool) {
	nt := normalize.String(text)
	var mins [Bins]uint64
	var filled [Bins]bool
	n := 0
	prev := ""
	prevEnd := -1
	for _, tk := range nt.Tokens {
		if tk.Text == normalize.Number {
			continue
		}
		if prev != "" && (tk.Start <= prevEnd || !strings.Contains(nt.Original[prevEnd:tk.Start], "\n")) {
			h := shingleHash(prev, tk.Text)
			bin := h % Bins
			v := h / Bins
			if !filled[bin] || v < mins[bin] {
				mins[bin], filled[bin] = v, true
			}
			n++
		}
		prev, prevEnd = tk.Text, tk.End
	}
	if n < MinShingles {
		return sig, false
	}
	densify(&mins, &filled)
	for i, m := range mins {
		sig[i] = byte(m)
	}
	return sig, true
}

// shingleHash is FNV-1a of "a b", finished with a 64-bit mixer. It must
// never change: signatures are stored and shipped (the seed).
func shingleHash(a, b string) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	for i := 0; i < len(a); i++ {
		h = (h ^ uint64(a[i])) * prime
	}
	h = (h ^ ' ') * prime
	for i := 0; i < len(b); i++ {
		h = (h ^ uint64(b[i])) * prime
	}
	return mix(h)
}

// mix is the splitmix64 finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// densify fills empty bins from non-empty ones chosen by a hash of the
// bin and the attempt (optimal densification, Shrivastava 2017), so that
// two similar texts fill their empty bins the same way.
func densify(mins *[Bins]uint64, filled *[Bins]bool) {
	var src [Bins]uint64
	copy(src[:], mins[:])
	for i := range Bins {
		if filled[i] {
			continue
		}
		for attempt := uint64(1); ; attempt++ {
			j := mix(uint64(i)<<32|attempt) % Bins
			if filled[j] {
				mins[i] = src[j]
				break
			}
		}
	}
}

// Similarity estimates the Jaccard similarity of the shingle sets of two
// signatures, correcting for the 1-in-256 chance that two different
// minima share their low byte.
func Similarity(a, b *Signature) float64 {
	eq := 0
	for i := range Bins {
		if a[i] == b[i] {
			eq++
		}
	}
	const c = 1.0 / 256
	s := (float64(eq)/Bins - c) / (1 - c)
	return max(0, s)
}

// band returns band i of the signature as a bucket key.
func (s *Signature) band(i int) uint32 {
	o := i * Rows
	return uint32(s[o]) | uint32(s[o+1])<<8 | uint32(s[o+2])<<16 | uint32(s[o+3])<<24
}

// String encodes the signature in base64 (for JSON).
func (s Signature) String() string { return base64.StdEncoding.EncodeToString(s[:]) }

// ParseSignature decodes String's form.
func ParseSignature(t string) (Signature, error) {
	var s Signature
	b, err := base64.StdEncoding.DecodeString(t)
	if err != nil {
		return s, err
	}
	if len(b) != Bins {
		return s, errors.New("signature: wrong length")
	}
	copy(s[:], b)
	return s, nil
}
