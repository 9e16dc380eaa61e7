package model

import (
	"math"

	"github.com/cekloker/cekloker/internal/normalize"
)

// Model is a trained model. It never changes after Decode and is safe for
// concurrent use.
type Model struct {
	Manifest Manifest
	// Version is the first 12 hex digits of the SHA-256 of the model file.
	Version string
	// w holds both heads' quantised weights by bucket: w[i][0] scam,
	// w[i][1] job (4 bytes a bucket, in one cache line, keeps the table
	// small for the cache); scale dequantises them.
	w        [][2]int16
	scale    [2]float32
	settings Settings
	grams    []gram // settings.grams(), computed once
}

// Result is what the model says about one text.
type Result struct {
	// Scam is the scam head's probability as shown to people (calibrated,
	// see Manifest.Calibration); Logit its raw log-odds, which the join
	// reads.
	Scam, Logit float64
	// Job is the probability that the text is a job ad.
	Job float64
}

// Fragment is a stretch of the original text and how much it pushed the
// scam head (log-odds).
type Fragment struct {
	Start, End int
	Weight     float64
}

// MaxFragments is the most fragments Explain quotes.
const MaxFragments = 3

// Settings returns the feature settings of the model.
func (m *Model) Settings() *Settings { return &m.settings }

// Score scores a normalised text together with its symbolic features
// (buckets from Settings.Symbol).
func (m *Model) Score(nt *normalize.Text, syms []uint32) Result {
	scam, job := m.sums(nt.Tokens, m.values(nt.Tokens), nil)
	return m.result(scam, job, syms)
}

// Explain returns the fragments of the original text that pushed the scam
// head most, strongest first: at most MaxFragments, each with a positive
// weight in log-odds (see top). The symbolic features are not part of the
// text and are not quoted.
func (m *Model) Explain(nt *normalize.Text) []Fragment {
	_, top := m.ScoreExplain(nt, nil)
	return top
}

// ScoreExplain returns what Score and Explain return, reading the text's
// features once: cheaper than calling both when the fragments are shown.
func (m *Model) ScoreExplain(nt *normalize.Text, syms []uint32) (Result, []Fragment) {
	toks := nt.Tokens
	var buf [512]float32 // most ads have fewer tokens: no allocation
	contrib := buf[:]
	if len(toks) > len(buf) {
		contrib = make([]float32, len(toks))
	}
	contrib = contrib[:len(toks)]
	scam, job := m.sums(toks, m.values(toks), contrib)
	return m.result(scam, job, syms), top(nt, contrib, MaxFragments)
}

// result adds the symbolic features to the heads' sums over the text and
// turns them into probabilities.
func (m *Model) result(scam, job float32, syms []uint32) Result {
	ss, sj := m.scale[0], m.scale[1]
	for _, y := range syms {
		scam += float32(m.w[y][0]) * ss
		job += float32(m.w[y][1]) * sj
	}
	logit := float64(scam) + m.Manifest.Heads.Scam.Bias
	return Result{
		Scam:  m.Manifest.Shown(logit),
		Logit: logit,
		Job:   sigmoid(float64(job) + m.Manifest.Heads.Job.Bias),
	}
}

// values are the worth of one character and one word occurrence in a
// text (see the feature blocks), times each head's scale.
type values struct {
	cS, cJ, wS, wJ float32
}

func (m *Model) values(toks []normalize.Token) values {
	nc, nw := m.settings.counts(toks)
	vc, vw := float32(norm(nc)), float32(norm(nw))
	ss, sj := m.scale[0], m.scale[1]
	return values{cS: vc * ss, cJ: vc * sj, wS: vw * ss, wJ: vw * sj}
}

// sums adds up both heads over every feature occurrence of the text, in
// the order of Settings.walk (float32 sums depend on the order). With
// contrib (one per token) it also sets each token's contribution to the
// scam head, added up in the same order. It is walk's loop specialised
// for scoring: the sums stay in registers, the per-size n-gram constants
// are computed once, and a token's contribution is stored once.
func (m *Model) sums(toks []normalize.Token, v values, contrib []float32) (scam, job float32) {
	w := m.w
	shift := (64 - uint(m.settings.Bits)) & 63 // & 63: no test for shifts of 64 or more
	bigrams := m.settings.Bigrams
	var prev uint64
	var last float32 // the previous token's contribution so far
	for ti := range toks {
		s := toks[ti].Text
		hw := wordHash(s)
		p := &w[hw>>shift]
		x := float32(p[0]) * v.wS
		scam += x
		job += float32(p[1]) * v.wJ
		var c float32 // this token's contribution
		c += x
		if bigrams && ti > 0 {
			p := &w[bigramHash(prev, hw)>>shift]
			x := float32(p[0]) * v.wS
			scam += x
			job += float32(p[1]) * v.wJ
			last += x // the bigram is credited to its first word
		}
		if contrib != nil && ti > 0 {
			contrib[ti-1] = last
		}
		prev = hw
		// Character n-grams of "<s>", of each size in turn.
		for _, g := range m.grams {
			scam, job, c = g.sums(w, s, shift, v.cS, v.cJ, scam, job, c)
		}
		last = c
	}
	if contrib != nil && len(toks) > 0 {
		contrib[len(toks)-1] = last
	}
	return scam, job
}

// sums adds the character n-grams of size g.n of "<s>" (the bytes of s,
// then ">") to the sums of the heads and of the token's contribution, in
// walk's order.
func (g gram) sums(w [][2]int16, s string, shift uint, cS, cJ, scam, job, c float32) (float32, float32, float32) {
	if g.n > len(s)+2 {
		return scam, job, c
	}
	shift &= 63
	x, k := uint64('<'), 0
	for ; k < len(s) && k+2 < g.n; k++ { // not yet n bytes
		x = (x<<8 | uint64(s[k])) & g.mask
	}
	for ; k < len(s); k++ {
		x = (x<<8 | uint64(s[k])) & g.mask
		p := &w[g.hash(x)>>shift]
		y := float32(p[0]) * cS
		scam += y
		job += float32(p[1]) * cJ
		c += y
	}
	x = (x<<8 | '>') & g.mask
	p := &w[g.hash(x)>>shift]
	y := float32(p[0]) * cS
	scam += y
	job += float32(p[1]) * cJ
	c += y
	return scam, job, c
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// top picks up to k windows of up to three tokens (a token and its
// neighbours on the same line, where they push too) with the largest
// positive contribution, without overlap; ties go to the earlier window.
// A window that pushed less than a quarter of the strongest is not quoted.
// It scans k times instead of sorting: k is small.
func top(nt *normalize.Text, c []float32, k int) []Fragment {
	n := len(c)
	sameLine := func(i, j int) bool { // tokens i < j
		a, b := nt.Tokens[i].End, nt.Tokens[j].Start
		return a >= b || !breaks(nt.Screened[a:b])
	}
	window := func(i int) (lo, hi int, w float32) {
		lo, hi, w = i, i, c[i]
		if i > 0 && c[i-1] > 0 && sameLine(i-1, i) {
			lo, w = i-1, w+c[i-1]
		}
		if i+1 < n && c[i+1] > 0 && sameLine(i, i+1) {
			hi, w = i+1, w+c[i+1]
		}
		return lo, hi, w
	}
	var buf [MaxFragments][2]int
	out, chosen := make([]Fragment, 0, k), buf[:0]
	for len(out) < k {
		best, blo, bhi := float32(0), -1, -1
		cut := best / 3 // a window of three cannot beat best from c[i] <= cut
		for i := range n {
			if c[i] <= cut {
				continue
			}
			lo, hi, w := window(i)
			if w <= best {
				continue
			}
			free := true
			for _, ch := range chosen {
				free = free && (hi < ch[0] || lo > ch[1])
			}
			if free {
				best, blo, bhi = w, lo, hi
				cut = best / 3
			}
		}
		if blo < 0 || len(out) > 0 && float64(best) < out[0].Weight/4 {
			break // none left, or too weak beside the strongest to quote
		}
		chosen = append(chosen, [2]int{blo, bhi})
		s, e := nt.Tokens[blo].Start, nt.Tokens[blo].End
		for i := blo + 1; i <= bhi; i++ {
			s, e = min(s, nt.Tokens[i].Start), max(e, nt.Tokens[i].End)
		}
		out = append(out, Fragment{Start: s, End: e, Weight: float64(best)})
	}
	return out
}

// breaks reports whether s ends a line or a sentence ("\n", ".", "!" or
// "?"; the same as strings.ContainsAny(s, "\n.!?") without its set-up,
// for the short gaps between tokens).
func breaks(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n', '.', '!', '?':
			return true
		}
	}
	return false
}

// Weights returns the dequantised weights of head h (0 scam, 1 job).
func (m *Model) Weights(h int) []float64 {
	out := make([]float64, len(m.w))
	for i := range out {
		out[i] = float64(m.w[i][h]) * float64(m.scale[h])
	}
	return out
}
