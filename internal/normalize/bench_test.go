package normalize

import (
	"strings"
	"testing"
)

var benchText = strings.Repeat(`📢 INFO LOKER K4MB0JA 🇰🇭 TERBARU — PT Global Digital Services
Posisi: Customer Service, Admin Data, Operator E-Commerce, Marketing Online
Gaji mulai $800 – $1.500 /bln + bonus, mess + makan gratis, tiket pesawat dari kami
Syarat: usia 18–35 tahun, bisa mengetik, tanpa pengalaman, tnpa ijazah, gajiii besarrr
Proses cepat 2 minggu langsung brgkt, cukup visa turis, k.a.m.b.o.j.a, 𝗞𝗮𝗺𝗯𝗼𝗷𝗮
`, 2)

func BenchmarkString(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	for b.Loop() {
		String(benchText)
	}
}
