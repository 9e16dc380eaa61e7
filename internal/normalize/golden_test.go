package normalize

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/cekloker/cekloker/internal/jsonltest"
)

// The golden test pins the normaliser's output byte for byte: every field
// of Text (tokens with their spans, Joined, the view and its marks,
// Screened, Truncated) and Phrase, over hostile inputs made here, the fuzz
// corpora, the screener's test ads and, when it is beside the repository,
// the training corpus. A change that is meant to change the output updates
// testdata/golden.txt with -update-golden; any other change must leave it
// alone.
var (
	updateGolden = flag.Bool("update-golden", false, "rewrite testdata/golden.txt")
	dumpGolden   = flag.String("dump-golden", "", "write one digest per text to this file (to find which text changed)")
)

// goldenSet is a named list of texts; its key is a digest of the inputs
// themselves, so that a set whose inputs changed (the shared corpus, the
// screener's test ads) is skipped rather than reported as a change of the
// normaliser.
type goldenSet struct {
	name   string
	texts  []string
	strict bool // inputs made or owned by this package: they must not change
}

func TestGolden(t *testing.T) {
	sets := []goldenSet{
		{name: "hostile", texts: hostileTexts(), strict: true},
		{name: "fuzz", texts: fuzzTexts(t, "testdata/fuzz/FuzzString", "../screen/testdata/fuzz/FuzzScreen"), strict: true},
	}
	screenAds, _ := filepath.Glob("../screen/testdata/*.jsonl")
	sort.Strings(screenAds)
	sets = append(sets, goldenSet{name: "screen-testdata", texts: jsonlTexts(t, screenAds...)})
	for _, f := range []string{"train", "dev"} {
		path := "../../../shared/corpus/" + f + ".jsonl"
		if _, err := os.Stat(path); err != nil {
			t.Logf("%s: %v (skipped)", path, err)
			continue
		}
		sets = append(sets, goldenSet{name: "corpus-" + f, texts: jsonlTexts(t, path)})
	}

	norms := []struct {
		name string
		n    *Normalizer
	}{{"plain", plain}, {"rules", rulesNormalizer(t)}, {"wide", wideNormalizer(t)}}

	want := readGolden(t)
	var got []string
	var dump bytes.Buffer
	for _, set := range sets {
		in := sha256.New()
		for _, s := range set.texts {
			writeString(in, s)
		}
		inKey := hex.EncodeToString(in.Sum(nil))[:16]
		out := sha256.New()
		for i, s := range set.texts {
			for _, nz := range norms {
				d := digestText(nz.n.String(s), nz.n.Phrase(firstBytes(s, 300)))
				out.Write(d)
				fmt.Fprintf(&dump, "%s %d %s %x\n", set.name, i, nz.name, d)
			}
		}
		line := fmt.Sprintf("%s %d %s %s", set.name, len(set.texts), inKey, hex.EncodeToString(out.Sum(nil)))
		got = append(got, line)
		w, ok := want[set.name]
		switch {
		case *updateGolden:
		case !ok:
			t.Errorf("%s: no golden digest (run with -update-golden)", set.name)
		case w == line:
		case strings.Fields(w)[2] != inKey && !set.strict:
			t.Logf("%s: inputs changed since the golden digest was recorded (skipped)", set.name)
		default:
			t.Errorf("%s: output changed:\n got %s\nwant %s", set.name, line, w)
		}
	}
	if *dumpGolden != "" {
		if err := os.WriteFile(*dumpGolden, dump.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if *updateGolden {
		// Keep the lines of sets that were not there this time.
		names := map[string]bool{}
		for _, l := range got {
			names[strings.Fields(l)[0]] = true
		}
		for name, l := range want {
			if !names[name] {
				got = append(got, l)
			}
		}
		sort.Strings(got)
		if err := os.WriteFile("testdata/golden.txt", []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// digestText hashes every field of a normalised text.
func digestText(t *Text, phrase string) []byte {
	h := sha256.New()
	writeString(h, t.Original)
	writeString(h, t.Screened)
	writeInt(h, map[bool]int{false: 0, true: 1}[t.Truncated])
	writeInt(h, len(t.Tokens))
	for _, tk := range t.Tokens {
		writeString(h, tk.Text)
		writeInt(h, tk.Start)
		writeInt(h, tk.End)
	}
	writeString(h, t.Joined)
	writeInt(h, len(t.starts))
	for _, s := range t.starts {
		writeInt(h, s)
	}
	writeString(h, t.View.Original)
	writeString(h, t.View.Folded)
	writeInt(h, len(t.View.marks))
	for _, m := range t.View.marks {
		writeInt(h, m.f)
		writeInt(h, m.fl)
		writeInt(h, m.o)
		writeInt(h, m.ol)
	}
	writeString(h, phrase)
	return h.Sum(nil)
}

func writeInt(h interface{ Write([]byte) (int, error) }, n int) {
	h.Write(binary.AppendVarint(nil, int64(n)))
}

func writeString(h interface{ Write([]byte) (int, error) }, s string) {
	writeInt(h, len(s))
	h.Write([]byte(s))
}

func firstBytes(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func readGolden(t *testing.T) map[string]string {
	data, err := os.ReadFile("testdata/golden.txt")
	if err != nil && !*updateGolden {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if f := strings.Fields(l); len(f) == 4 {
			m[f[0]] = l
		}
	}
	return m
}

// rulesNormalizer expands the abbreviations of the repository's rule file.
// rulesNormalizer expands a frozen copy of rules.yaml's abbreviations
// (testdata/abbreviations.yaml), so that admins editing the real list do
// not change the golden output.
func rulesNormalizer(t testing.TB) *Normalizer {
	data, err := os.ReadFile("testdata/abbreviations.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var abbrev map[string]string
	if err := yaml.Unmarshal(data, &abbrev); err != nil {
		t.Fatal(err)
	}
	if len(abbrev) == 0 {
		t.Fatal("testdata/abbreviations.yaml lists no abbreviations")
	}
	n, err := New(abbrev)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// wideNormalizer has short forms that expand to many words, so that
// expansion outgrows the token list.
func wideNormalizer(t *testing.T) *Normalizer {
	n, err := New(map[string]string{
		"a": "satu dua tiga empat lima", "yg": "yang", "k": "kamboja kamboja",
		"jt": "juta rupiah", "wa": "whats app", "x": "y", "abc": "a b c d e f g",
		"gaji": "gaji besar sekali", "kamboja": "negara kamboja", "rp": "rupiah indonesia",
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// jsonlTexts reads the "text" field of every line of JSON-lines files.
func jsonlTexts(t testing.TB, paths ...string) []string {
	texts := jsonltest.Texts(t, paths...)
	// All of them glued together and cut at 64 KB and past it: long texts
	// and truncation.
	all := strings.Join(texts, "\n")
	for _, n := range []int{1 << 10, 16 << 10, MaxInput, MaxInput + 1, MaxInput + 3, 3 * MaxInput} {
		texts = append(texts, firstBytes(strings.Repeat(all, n/max(len(all), 1)+1), n))
	}
	return texts
}

// fuzzTexts reads the string values of go test fuzz corpus files.
func fuzzTexts(t *testing.T, dirs ...string) []string {
	var texts []string
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*"))
		if err != nil {
			t.Fatal(err)
		}
		sort.Strings(files)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(string(data), "\n") {
				if q, ok := strings.CutPrefix(l, "string("); ok {
					s, err := strconv.Unquote(strings.TrimSuffix(q, ")"))
					if err != nil {
						t.Fatalf("%s: %v", file, err)
					}
					texts = append(texts, s)
				}
			}
		}
	}
	if len(texts) == 0 {
		t.Fatal("no fuzz corpus")
	}
	return texts
}

// hostileTexts makes disguised text from a fixed seed: look-alikes of
// other scripts, mathematical letters, zero-width and format characters,
// combining marks, invalid UTF-8, leetspeak, spaced and stretched letters,
// numbers glued to words, emoji, and texts cut at MaxInput.
func hostileTexts() []string {
	pieces := []string{
		"kamboja", "K4MB0J4", "k a m b o j a", "k.a.m.b.o.j.a", "Kаmboja", "𝗞𝗮𝗺𝗯𝗼𝗷𝗮", "ｋａｍｂｏｊａ",
		"gajiii", "besarrr", "kaaambooojaaa", "PPPK", "CSSS", "www", "iii", "maaf", "saat",
		"15jt", "100rb", "rp5000", "Rp.5.000.000", "usd1500", "wa0812345", "s1", "d3", "urus2", "lama2",
		"brgkt", "yg", "wa", "w.a", "w a", "gak", "tnpa", "jt", "1 2 3 4", "0812-3456-7890", "+855 12 345 678",
		"𝟭𝟱", "＋８５５", "①②", "⑩", "½", "ﬁ", "é", "ß", "İ", "ǅ", "Ω", "ｶ", "한국", "中文", "ไทย", "ខ្មែរ",
		"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f", "\u2066", "\u2069", "\u202e",
		"\ufe0f", "\u20e3", "\u3164", "\u0301", "\u0308", "\u20dd", "—", "–", "−", "\u00a0", "\u3000", "\u2028",
		"\xff", "\xc3", "\xe2\x80", "\xf0\x9f\x98", "\xed\xa0\x80", "\xc0\xaf",
		"📢", "🇰🇭", "🔥", "👉🏽", "1️⃣", "❤️", " ", " ", "  ", "\n", "\t", ".", ",", "-", "/", "#", "$", "@", "_",
		"a", "b", "4", "0", "9", "2", "3", "e", "z", "x", "abc", "ok",
	}
	r := rand.New(rand.NewPCG(1, 2))
	var texts []string
	texts = append(texts, "", " ", "#", "# #", benchText)
	for _, p := range pieces {
		texts = append(texts, p, strings.ToUpper(p), p+p, p+" "+p, strings.Repeat(p, 40))
	}
	for n := 0; n < 3000; n++ {
		var sb strings.Builder
		parts := 1 + r.IntN(40)
		if n%100 == 0 {
			parts = 2000
		}
		for k := 0; k < parts; k++ {
			sb.WriteString(pieces[r.IntN(len(pieces))])
			switch r.IntN(4) {
			case 0:
				sb.WriteByte(' ')
			case 1:
				sb.WriteString(pieces[r.IntN(len(pieces))])
			}
		}
		texts = append(texts, sb.String())
	}
	// Random bytes and random runes.
	for n := 0; n < 500; n++ {
		b := make([]byte, r.IntN(64))
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		texts = append(texts, string(b))
		var sb strings.Builder
		for k := r.IntN(64); k > 0; k-- {
			switch r.IntN(3) {
			case 0:
				sb.WriteRune(rune(r.IntN(0x3000)))
			case 1:
				sb.WriteRune(rune(r.IntN(0x110000)))
			default:
				sb.WriteByte(byte('a' + r.IntN(26)))
			}
		}
		texts = append(texts, sb.String())
	}
	// Cut at MaxInput, in the middle of multi-byte runes.
	for _, p := range []string{"é", "𝗞", "a", "k a ", "\u200b", "\xff"} {
		for _, extra := range []int{-1, 0, 1, 2, 3} {
			texts = append(texts, firstBytes(strings.Repeat(p, MaxInput/len(p)+4), MaxInput+extra))
		}
	}
	return texts
}
