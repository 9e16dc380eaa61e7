package model

import (
	"math"
	"strings"

	"github.com/cekloker/cekloker/internal/normalize"
)

// Model is a trained model. It never changes after Decode and is safe for
// concurrent use.
type Model struct {
	Manifest Manifest
	// Version is the first 12 hex digits of the SHA-256 of the model file.
	Version string
	// w holds both heads' quantised weights interleaved: w[2i] scam,
	// w[2i+1] job (4 bytes a bucket keeps the table small for the cache);
	// scale dequantises them.
	w        []int16
	scale    [2]float32
	settings Settings
}

// Result is what the model says about one text.
type Result struct {
	// Scam is the probability of the scam head; Logit its log-odds.
	Scam, Logit float64
	// Job is the probability that the text is a job ad.
	Job float64
	// Top are the fragments of the original text that pushed the scam
	// head most, strongest first (at most three, each with a positive
	// weight in log-odds).
	Top []Fragment
}

// Fragment is a stretch of the original text and how much it pushed the
// scam head (log-odds).
type Fragment struct {
	Start, End int
	Weight     float64
}

// Settings returns the feature settings of the model.
func (m *Model) Settings() *Settings { return &m.settings }

// Score scores a normalised text together with its symbolic features
// (buckets from Settings.Symbol).
func (m *Model) Score(nt *normalize.Text, syms []uint32) Result {
	toks := nt.Tokens
	nc, nw := m.settings.counts(toks)
	vc, vw := float32(norm(nc)), float32(norm(nw))
	ss, sj := m.scale[0], m.scale[1]
	a := acc{w: m.w, vcS: vc * ss, vcJ: vc * sj, vwS: vw * ss, vwJ: vw * sj, contrib: make([]float32, len(toks))}
	m.settings.walk(toks, &a)
	scam, job, contrib := a.scam, a.job, a.contrib
	for _, y := range syms {
		scam += float32(m.w[2*y]) * ss
		job += float32(m.w[2*y+1]) * sj
	}
	logit := float64(scam) + m.Manifest.Heads.Scam.Bias
	return Result{
		Scam:  sigmoid(logit),
		Logit: logit,
		Job:   sigmoid(float64(job) + m.Manifest.Heads.Job.Bias),
		Top:   top(nt, contrib, 3),
	}
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
		return a >= b || !strings.ContainsAny(nt.Screened[a:b], "\n.!?")
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
	var out []Fragment
	var chosen [][2]int
	for len(out) < k {
		best, blo, bhi := float32(0), -1, -1
		for i := range n {
			if c[i] <= best/3 { // a window of three cannot beat best then
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

// Weights returns the dequantised weights of head h (0 scam, 1 job).
func (m *Model) Weights(h int) []float64 {
	out := make([]float64, len(m.w)/2)
	for i := range out {
		out[i] = float64(m.w[2*i+h]) * float64(m.scale[h])
	}
	return out
}
