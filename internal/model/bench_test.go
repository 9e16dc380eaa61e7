package model

import (
	"strings"
	"testing"

	"github.com/cekloker/cekloker/internal/normalize"
)

// BenchmarkScore scores a 2 KB ad (already normalised) with the built-in
// model: this is what the model adds to a screening, besides quoting.
func BenchmarkScore(b *testing.B) {
	m, err := Load("")
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat("Dibutuhkan segera admin online untuk perusahaan kami, gaji 15jt per bulan, mess dan makan gratis, tiket ditanggung, hubungi WA 0812 3456 7890 sekarang juga. ", 14)[:2048]
	nt := normalize.String(text)
	syms := []uint32{m.Settings().Symbol("rule", "salary_high")}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		m.Score(nt, syms)
	}
}
