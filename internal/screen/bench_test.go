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

// variants are copies of typicalAd with their own phone numbers, handle
// and link, so that no cache of an earlier screening helps.
func variants(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = strings.NewReplacer(
			"+855 16 318 274", fmt.Sprintf("+855 16 %03d %03d", i%1000, (i*7)%1000),
			"@hrd_kh_nadia", fmt.Sprintf("@hrd_kh_%d", i),
			"t.me/lokerkh", fmt.Sprintf("t.me/lokerkh%d", i),
		).Replace(typicalAd)
	}
	return out
}

// BenchmarkScreen screens a typical 1-2 KB ad whose numbers and links are
// new each time.
func BenchmarkScreen(b *testing.B) {
	screenInTurn(b, engine(b), variants(1<<14), len(typicalAd))
}

// screenInTurn screens texts in turn, one per operation; size, when not 0,
// is the bytes per operation.
func screenInTurn(b *testing.B, e *Engine, texts []string, size int) {
	if size > 0 {
		b.SetBytes(int64(size))
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		e.Screen(texts[i%len(texts)])
		i++
	}
}

// BenchmarkScreenCorpus screens the project's labelled test ads in turn
// (one ad per operation).
func BenchmarkScreenCorpus(b *testing.B) {
	e := engine(b)
	var ads []string
	for _, a := range readAds(b) {
		ads = append(ads, a.Text)
	}
	screenInTurn(b, e, ads, 0)
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
	screenInTurn(b, big, variants(1<<14), len(typicalAd))
}

// BenchmarkScreenSize screens texts of growing size made of the typical ad
// (with fresh numbers) and ordinary prose; MB/s should stay about the same
// from 200 bytes to 64 KB if the cost per byte is flat.
func BenchmarkScreenSize(b *testing.B) {
	e := engine(b)
	ads := variants(64)
	for _, size := range []int{200, 1 << 10, 4 << 10, 16 << 10, 64 << 10} {
		texts := sized(ads, size)
		b.Run(fmt.Sprintf("%dB", size), func(b *testing.B) { screenInTurn(b, e, texts, size) })
	}
}

// BenchmarkScreenSizeMixed screens texts of growing size cut one after the
// other from all the labelled texts of testdata (ads, short local ads,
// written texts, news and chat) put end to end, so that every size reads
// the same mix of text and no text repeats itself; MB/s should stay about
// the same from 200 bytes to 64 KB if the cost per byte is flat.
func BenchmarkScreenSizeMixed(b *testing.B) {
	e := engine(b)
	var sb strings.Builder
	for _, f := range []string{"ads", "legit_short", "written", "nonjob"} {
		for _, l := range readJSONL(b, "testdata/"+f+".jsonl") {
			sb.WriteString(l.Text)
			sb.WriteString("\n\n")
		}
	}
	stream := sb.String()
	for _, size := range []int{200, 1 << 10, 4 << 10, 16 << 10, 64 << 10} {
		texts := chunks(stream, size)
		b.Run(fmt.Sprintf("%dB", size), func(b *testing.B) { screenInTurn(b, e, texts, size) })
	}
}

// chunks cuts s into consecutive texts of about size bytes (each cut moved
// back to a character boundary).
func chunks(s string, size int) []string {
	var out []string
	for len(s) >= size {
		n := size
		for n > 0 && s[n]&0xC0 == 0x80 {
			n--
		}
		out = append(out, s[:n])
		s = s[n:]
	}
	return out
}

// sized makes each ad size bytes long: the ad and ordinary prose in turn,
// cut at size (and back to a character boundary).
func sized(ads []string, size int) []string {
	prose := "Kami adalah perusahaan distribusi yang berkembang, mencari staf gudang yang teliti dan jujur. "
	texts := make([]string, len(ads))
	for i, ad := range ads {
		var sb strings.Builder
		for sb.Len() < size {
			sb.WriteString(ad)
			sb.WriteString(prose)
		}
		t := sb.String()[:size]
		for len(t) > 0 && t[len(t)-1]&0xC0 == 0x80 {
			t = t[:len(t)-1]
		}
		texts[i] = t
	}
	return texts
}

// BenchmarkScreenRegexTriggers screens 64 KB in which the fixed words of
// the rules' regular expressions ("web", "blogspot", "id") occur all
// through the text, so that every regular expression is triggered.
func BenchmarkScreenRegexTriggers(b *testing.B) {
	e := engine(b)
	line := "Info loker di web kami lokerku blogspot com dan website resmi my id perusahaan. "
	var sb strings.Builder
	for sb.Len() < 64<<10 {
		sb.WriteString(line)
	}
	screenInTurn(b, e, []string{sb.String()[:64<<10]}, 64<<10)
}
