package model

import (
	"strings"
	"testing"

	"github.com/cekloker/cekloker/internal/jsonltest"
	"github.com/cekloker/cekloker/internal/normalize"
)

// refResult is what the model said about a text before scoring and
// quoting were split: both heads and the fragments, from one pass.
type refResult struct {
	scam, logit, job float64
	top              []Fragment
}

// refScore is the straightforward reading of the model, kept as the
// reference the fast scorer must equal bit for bit: every feature
// occurrence in walk's order (as training records them), each head's sum
// and each token's scam contribution added up in that order, then refTop.
func refScore(m *Model, nt *normalize.Text, syms []uint32) refResult {
	toks := nt.Tokens
	nc, nw := m.settings.counts(toks)
	vc, vw := float32(norm(nc)), float32(norm(nw))
	ss, sj := m.scale[0], m.scale[1]
	rec := m.settings.walk(toks, nil)
	var scam, job float32
	contrib := make([]float32, len(toks))
	for _, o := range rec {
		vs, vj := vw*ss, vw*sj
		if o.block == blockChar {
			vs, vj = vc*ss, vc*sj
		}
		x := float32(m.w[o.idx][0]) * vs
		scam += x
		job += float32(m.w[o.idx][1]) * vj
		contrib[o.tok] += x
	}
	for _, y := range syms {
		scam += float32(m.w[y][0]) * ss
		job += float32(m.w[y][1]) * sj
	}
	logit := float64(scam) + m.Manifest.Heads.Scam.Bias
	return refResult{
		scam:  m.Manifest.Shown(logit),
		logit: logit,
		job:   sigmoid(float64(job) + m.Manifest.Heads.Job.Bias),
		top:   refTop(nt, contrib, 3),
	}
}

// refTop is the fragment picker as first written: k scans, each window
// and line test computed afresh.
func refTop(nt *normalize.Text, c []float32, k int) []Fragment {
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
			if c[i] <= best/3 {
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
			break
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

// equivTexts are the project's labelled test texts (the screening
// package's testdata), the made-up texts of these tests, and edge cases.
func equivTexts(t *testing.T) []string {
	t.Helper()
	texts := []string{"", " ", "a", "ab", "abc", "!!!", "kerja.\nkerja! kerja? kerja"}
	texts = append(texts, scamTexts...)
	texts = append(texts, legitTexts...)
	texts = append(texts, otherTexts...)
	return append(texts, jsonltest.Texts(t, "../screen/testdata/ads.jsonl", "../screen/testdata/nonjob.jsonl")...)
}

// TestScoreExplainEqualsReference checks that Score and Explain give
// exactly (bit for bit) what the one-pass reference gives, with the
// built-in model, a small model with several n-gram sizes and one
// without bigrams.
func TestScoreExplainEqualsReference(t *testing.T) {
	builtin, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	texts := equivTexts(t)
	if len(texts) < 50 {
		t.Fatalf("only %d texts", len(texts))
	}
	noBigrams := trainSmallWith(t, Settings{Bits: 12, CharN: []int{2, 4}})
	for _, m := range []*Model{builtin, trainSmall(t), noBigrams} {
		s := m.Settings()
		syms := []uint32{s.Symbol("rule", "fee"), s.Symbol("entity", "phone"), s.Symbol("cat", "fee")}
		quoted := 0
		for i, text := range texts {
			nt := normalize.String(text)
			sy := syms[:i%(len(syms)+1)]
			want := refScore(m, nt, sy)
			got := m.Score(nt, sy)
			if got.Scam != want.scam || got.Logit != want.logit || got.Job != want.job {
				t.Errorf("text %d: Score %v/%v/%v, reference %v/%v/%v", i, got.Scam, got.Logit, got.Job, want.scam, want.logit, want.job)
			}
			top := m.Explain(nt)
			if len(top) != len(want.top) {
				t.Errorf("text %d: Explain %v, reference %v", i, top, want.top)
				continue
			}
			for k := range top {
				if top[k] != want.top[k] {
					t.Errorf("text %d: fragment %d is %v, reference %v", i, k, top[k], want.top[k])
				}
			}
			if len(top) > 0 {
				quoted++
			}
		}
		if quoted < len(texts)/2 {
			t.Errorf("only %d of %d texts quoted: the test does not exercise the fragments", quoted, len(texts))
		}
	}
}
