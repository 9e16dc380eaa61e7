package model

import (
	"strings"
	"testing"

	"github.com/cekloker/cekloker/internal/normalize"
)

// benchText is a 2 KB ad, already normalised.
func benchText(b *testing.B) (*Model, *normalize.Text, []uint32) {
	m, err := Load("")
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat("Dibutuhkan segera admin online untuk perusahaan kami, gaji 15jt per bulan, mess dan makan gratis, tiket ditanggung, hubungi WA 0812 3456 7890 sekarang juga. ", 14)[:2048]
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	return m, normalize.String(text), []uint32{m.Settings().Symbol("rule", "salary_high")}
}

// BenchmarkScore scores a 2 KB ad with the built-in model, without
// quoting.
func BenchmarkScore(b *testing.B) {
	m, nt, syms := benchText(b)
	for b.Loop() {
		m.Score(nt, syms)
	}
}

// BenchmarkScoreExplain scores a 2 KB ad and quotes its fragments: what
// the model adds to a screening.
func BenchmarkScoreExplain(b *testing.B) {
	m, nt, syms := benchText(b)
	for b.Loop() {
		m.ScoreExplain(nt, syms)
	}
}
