package normalize

import (
	"os"
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

// BenchmarkStringCorpus normalises the ads of the training corpus in turn
// with the rule file's abbreviations (one ad per operation); it is skipped
// when the corpus is not beside the repository.
func BenchmarkStringCorpus(b *testing.B) {
	const path = "../../../shared/corpus/train.jsonl"
	if _, err := os.Stat(path); err != nil {
		b.Skipf("training corpus not available: %v", err)
	}
	n := rulesNormalizer(b)
	texts := jsonlTexts(b, path)
	texts = texts[:len(texts)-6] // only the ads, not the long texts glued from them
	size := 0
	for _, s := range texts {
		size += len(s)
	}
	b.SetBytes(int64(size / len(texts)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		n.String(texts[i%len(texts)])
		i++
	}
}

// BenchmarkClean cleans a quote that is not plain ASCII (a line break and
// an emoji), so that it goes through cleanRunes.
func BenchmarkClean(b *testing.B) {
	const quote = "Gaji 15jt++ 💰\nlangsung brgkt minggu ini, hub admin  sekarang juga"
	b.ReportAllocs()
	for b.Loop() {
		Clean(quote, 60)
	}
}
