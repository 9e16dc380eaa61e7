package screen

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cekloker/cekloker/internal/rules"
)

// typicalAd is a 1-2 KB job ad with obfuscation, entities and plain text.
var typicalAd = strings.Repeat(`📢 INFO LOKER K4MB0JA 🇰🇭 TERBARU — PT Global Digital Services
Posisi: Customer Service, Admin Data, Operator E-Commerce, Marketing Online
Gaji mulai $800 – $1.500 /bln + bonus, mess + makan gratis, tiket pesawat dari kami
Syarat: usia 18–35 tahun, bisa mengetik, tanpa pengalaman, tnpa ijazah
Proses cepat 2 minggu langsung brgkt, cukup visa turis, rute Jakarta – Bangkok – Phnom Penh
Kirim CV & foto paspor via w.a +855 16 318 274 atau telegr4m @hrd_kh_nadia, join grup t.me/lokerkh
Lowongan ini terbatas, segera daftar sebelum kuota habis!!! Share ke teman yg butuh kerja 🙏
`, 2)

func BenchmarkScreen(b *testing.B) {
	e := engine(b)
	b.SetBytes(int64(len(typicalAd)))
	b.ReportAllocs()
	for b.Loop() {
		e.Screen(typicalAd, "id")
	}
}

// BenchmarkScreen10xRules screens the same ad with ten times the rules
// (every rule cloned nine times with other phrases), to show that the cost
// hardly grows with the number of rules.
func BenchmarkScreen10xRules(b *testing.B) {
	e := engine(b)
	f := *e.Rules()
	f.Rules = append([]rules.Rule{}, f.Rules...)
	for i := 1; i < 10; i++ {
		for _, r := range e.Rules().Rules {
			c := r
			c.ID = fmt.Sprintf("%s_clone%d", r.ID, i)
			c.Examples = rules.Examples{}
			c.Compiled, c.CompiledExclude = nil, nil
			for _, p := range r.Patterns {
				q := fmt.Sprintf("%s zq%c", p, 'a'+i)
				if strings.HasPrefix(p, "/") {
					q = fmt.Sprintf("/zq%c %s", 'a'+i, p[1:])
				}
				cp, err := rules.ParsePattern(q)
				if err != nil {
					b.Fatal(err)
				}
				c.Compiled = append(c.Compiled, cp)
			}
			f.Rules = append(f.Rules, c)
		}
	}
	big, err := Compile(&f, "10x")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(typicalAd)))
	b.ReportAllocs()
	for b.Loop() {
		big.Screen(typicalAd, "id")
	}
}
