// Package model is cekloker's learned text model: a linear classifier
// (logistic regression with L2) over hashed features of the normalised
// text — character n-grams inside words, word uni- and bigrams — and over
// symbolic features that the rule engine supplies (rule hits, combos,
// categories, extracted entities). It has two heads that share the
// features: "scam" (reads like known scam ads) and "job" (reads like a job
// ad at all). It is pure Go, does no I/O of its own beyond decoding the
// bytes it is given, and the same training input gives the same model bytes.
package model

import (
	"cmp"
	"math"
	"slices"

	"github.com/cekloker/cekloker/internal/normalize"
)

// Settings are the feature settings; they are stored in the model's
// manifest and must be the same for training and scoring.
type Settings struct {
	// Bits: the hash table has 2^Bits buckets.
	Bits int `json:"bits"`
	// CharN are the character n-gram sizes taken inside each word, with
	// "<" and ">" marking its ends (at most 8).
	CharN []int `json:"char_n"`
	// Bigrams adds word bigrams to the word unigrams.
	Bigrams bool `json:"bigrams"`
}

// DefaultSettings are the settings `bot train` uses unless told otherwise.
func DefaultSettings() Settings {
	return Settings{Bits: 17, CharN: []int{4}, Bigrams: true}
}

// Feature blocks. The text blocks are length-normalised: every occurrence
// of a character n-gram is worth 1/sqrt(number of character n-grams in the
// text), and likewise for words, so that a long ad does not score higher
// or lower merely for being long. Symbolic features are worth 1 each.
const (
	blockChar = iota
	blockWord
	blockSym
)

// Namespace seeds keep the blocks apart in the hash table.
const (
	seedChar uint64 = 0x9e3779b97f4a7c15
	seedWord uint64 = 0xc2b2ae3d27d4eb4f
	seedSym  uint64 = 0x165667b19e3779f9
)

// mix is MurmurHash3's 64-bit finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

func fnv(seed uint64, s string) uint64 {
	h := uint64(14695981039346656037) ^ seed
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// occ is one feature occurrence: its bucket, its block, and the token it
// came from (-1 for symbolic features).
type occ struct {
	idx   uint32
	block uint8
	tok   int32
}

// counts returns the numbers of character and word occurrences of a text.
func (s *Settings) counts(toks []normalize.Token) (nc, nw int) {
	for _, n := range s.CharN {
		for i := range toks {
			if L := len(toks[i].Text) + 2; n <= L {
				nc += L - n + 1
			}
		}
	}
	nw = len(toks)
	if s.Bigrams && len(toks) > 1 {
		nw += len(toks) - 1
	}
	return nc, nw
}

// Feature hashing. The scorer (Model.sums) repeats walk's loop for speed;
// both hash with these, and a test checks that they agree.

// wordHash is the hash of a word.
func wordHash(w string) uint64 { return mix(fnv(seedWord, w)) }

// bigramHash is the hash of a word bigram from its words' hashes.
func bigramHash(prev, hw uint64) uint64 { return mix(prev*31 + hw) }

// gram holds what hashing the character n-grams of one size needs: the
// n-gram is packed into a uint64 (x, masked to n bytes), mixed with the
// size's seed and hashed by multiplication (Fibonacci hashing).
type gram struct {
	n          int
	mask, seed uint64
}

func (g gram) hash(x uint64) uint64 { return (x ^ g.seed) * 0x9e3779b97f4a7c15 }

// grams are the character n-gram sizes of the settings, in order.
func (s *Settings) grams() []gram {
	out := make([]gram, len(s.CharN))
	for i, n := range s.CharN {
		mask := uint64(1)<<(8*uint(n)) - 1
		if n == 8 {
			mask = ^uint64(0)
		}
		out[i] = gram{n: n, mask: mask, seed: seedChar + uint64(n)<<56}
	}
	return out
}

// walk appends every feature occurrence of a text to rec, in a fixed
// order: for each token its word, the bigram it ends (credited to the
// token before), then its character n-grams of each size in turn.
func (s *Settings) walk(toks []normalize.Token, rec []occ) []occ {
	shift := 64 - uint(s.Bits)
	grams := s.grams()
	var prev uint64
	for ti, t := range toks {
		w := t.Text
		tok := int32(ti)
		hw := wordHash(w)
		rec = append(rec, occ{idx: uint32(hw >> shift), block: blockWord, tok: tok})
		if s.Bigrams && ti > 0 {
			rec = append(rec, occ{idx: uint32(bigramHash(prev, hw) >> shift), block: blockWord, tok: tok - 1})
		}
		prev = hw
		// Character n-grams of "<w>".
		L := len(w) + 2
		for _, g := range grams {
			n := g.n
			if n > L {
				continue
			}
			x := uint64('<')
			for i := 1; i < L; i++ {
				b := byte('>')
				if i < L-1 {
					b = w[i-1]
				}
				x = (x<<8 | uint64(b)) & g.mask
				if i < n-1 {
					continue
				}
				rec = append(rec, occ{idx: uint32(g.hash(x) >> shift), block: blockChar, tok: tok})
			}
		}
	}
	return rec
}

// Symbol returns the bucket of a symbolic feature, e.g. Symbol("rule",
// "visa_tourist") or Symbol("entity", "phone").
func (s *Settings) Symbol(kind, id string) uint32 {
	h := fnv(seedSym, kind)
	h = mix(h ^ fnv(seedSym+1, id))
	return uint32(h >> (64 - uint(s.Bits)))
}

// Feat is one entry of a sparse feature vector.
type Feat struct {
	Idx uint32
	Val float64
}

// Vector is the sparse feature vector of a text with its symbols, with the
// values of repeated buckets added up and sorted by bucket. Training uses
// it; scoring computes the same sum without building it.
func (s *Settings) Vector(toks []normalize.Token, syms []uint32) []Feat {
	nc, nw := s.counts(toks)
	vc, vw := norm(nc), norm(nw)
	rec := s.walk(toks, make([]occ, 0, nc+nw))
	occs := make([]Feat, 0, len(rec)+len(syms))
	for _, o := range rec {
		if o.block == blockChar {
			occs = append(occs, Feat{o.idx, vc})
		} else {
			occs = append(occs, Feat{o.idx, vw})
		}
	}
	for _, y := range syms {
		occs = append(occs, Feat{y, 1})
	}
	// The sort is deterministic, so the sums below are added in a fixed
	// order.
	slices.SortFunc(occs, func(a, b Feat) int { return cmp.Compare(a.Idx, b.Idx) })
	out := occs[:0]
	for _, f := range occs {
		if n := len(out); n > 0 && out[n-1].Idx == f.Idx {
			out[n-1].Val += f.Val
			continue
		}
		out = append(out, f)
	}
	return slices.Clip(out)
}

func norm(n int) float64 {
	if n == 0 {
		return 0
	}
	return 1 / math.Sqrt(float64(n))
}
