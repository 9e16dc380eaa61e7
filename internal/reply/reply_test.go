package reply

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cekloker/cekloker/internal/screen"
)

func engine(t *testing.T) *screen.Engine {
	t.Helper()
	e, err := screen.Load("../../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestLang(t *testing.T) {
	for code, want := range map[string]string{"en": "en", "en-GB": "en", "id": "id", "ms": "id", "": "id", "ru": "id"} {
		if got := Lang(code); got != want {
			t.Errorf("Lang(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestFullEscapesAndFits(t *testing.T) {
	e := engine(t)
	ad := "<b>LOKER</b> admin K4MB0JA & gaji 20jt <script>, visa turis, tiket ditanggung, brgkt minggu ini " + strings.Repeat("semua biaya ditanggung, tanpa pengalaman, jalur khusus, biaya admin 1 juta, paspor ditahan, bilang mau liburan, ", 30)
	for _, lang := range []string{"id", "en"} {
		v := e.Screen(ad)
		out := Full(v, e.Rules(), lang)
		if n := utf8.RuneCountInString(out); n > budget {
			t.Errorf("%s: %d characters, over the budget %d", lang, n, budget)
		}
		if strings.Contains(out, "<script>") || strings.Contains(out, "<b>LOKER") {
			t.Errorf("%s: unescaped text from the ad:\n%s", lang, out)
		}
		if !strings.HasPrefix(out, "🔴 <b>"+Headline("high", lang)+"</b>") {
			t.Errorf("%s: headline %q", lang, strings.SplitN(out, "\n", 2)[0])
		}
		if strings.Count(out, "<b>") != strings.Count(out, "</b>") {
			t.Errorf("%s: unbalanced tags", lang)
		}
	}
}

func TestLowIsNotAClearance(t *testing.T) {
	e := engine(t)
	// "admin" is a weak sign (weight 1): a green verdict still lists no
	// red flags.
	v := e.Screen("Dicari staf admin gudang PT Sinar Jaya di Medan, pengalaman 1 tahun")
	if v.Level != "low" || len(v.Hits) == 0 {
		t.Fatalf("want a low verdict with a weak hit, got %s %v", v.Level, v.HitRules())
	}
	for _, out := range []string{Full(v, e.Rules(), "id"), Details(v, e.Rules(), "id")} {
		if !strings.Contains(out, "RISIKO RENDAH") || !strings.Contains(out, "bukan jaminan") || !strings.Contains(out, "Yang saya periksa") {
			t.Errorf("low verdict:\n%s", out)
		}
		if strings.Contains(out, "🚩") || strings.Contains(out, "Tanda bahaya") || strings.Contains(out, "sindikat") {
			t.Errorf("a low verdict lists red flags:\n%s", out)
		}
	}
}

func TestCompactIsShort(t *testing.T) {
	e := engine(t)
	v := e.Screen("Loker admin Kamboja gaji 20jt, visa turis, tiket ditanggung, brgkt minggu ini, paspor ditahan")
	out := Compact(v, e.Rules(), "en")
	if lines := strings.Count(out, "\n") + 1; lines > 5 {
		t.Errorf("compact reply has %d lines:\n%s", lines, out)
	}
	if !strings.HasPrefix(out, "🔴 <b>HIGH RISK</b>") || strings.Count(out, "• ") != topFlags {
		t.Errorf("compact reply:\n%s", out)
	}
}

func TestAdviceFitsTheKindOfScam(t *testing.T) {
	e := engine(t)
	overseas := e.Screen("Loker admin Kamboja gaji 20jt, visa turis, tiket ditanggung, brgkt minggu ini")
	domestic := e.Screen("Rekrutmen PT Angkasa Pura, daftar lewat klik link di bawah, biaya pendaftaran Rp 300.000")
	noDest := e.Screen("Loker admin luar negeri, visa turis, tiket ditanggung, brgkt minggu ini, gaji 20jt")
	if overseas.Level != "high" || domestic.Level != "high" {
		t.Fatalf("levels %s / %s, want both high", overseas.Level, domestic.Level)
	}
	o, d := Details(overseas, e.Rules(), "id"), Details(domestic, e.Rules(), "id")
	// Overseas offers lead with SISKOP2MI and the placement rules.
	if strings.Contains(o, "1500 630") || !strings.Contains(o, "bukan negara penempatan") || !strings.Contains(firstAdvice(o), "SISKOP2MI") {
		t.Errorf("overseas scam advice:\n%s", o)
	}
	// Domestic fakes lead with Kemnaker's channels and the police.
	if !strings.Contains(firstAdvice(d), "1500 630") || !strings.Contains(d, "patrolisiber.id") || strings.Contains(d, "Sudah di luar negeri") || strings.Contains(d, "bukan negara penempatan") {
		t.Errorf("domestic fake advice:\n%s", d)
	}
	if s := Full(domestic, e.Rules(), "id"); !strings.Contains(s, "👉 Jangan transfer") || !strings.Contains(s, "1500 630") {
		t.Errorf("domestic one-line advice:\n%s", s)
	}
	// The non-placement line only when a destination was found.
	if nd := Details(noDest, e.Rules(), "id"); strings.Contains(nd, "Kamboja dan Myanmar bukan negara penempatan") {
		t.Errorf("non-placement line without a destination:\n%s", nd)
	}
}

// firstAdvice is the first item of the "what to do" list.
func firstAdvice(s string) string {
	i := strings.Index(s, "</b>\n• ")
	if i < 0 {
		return ""
	}
	line, _, _ := strings.Cut(s[i+len("</b>\n• "):], "\n")
	return line
}

func TestMemoryLine(t *testing.T) {
	nov12 := time.Date(time.Now().Year(), 11, 12, 9, 0, 0, 0, time.UTC)
	contact := screen.MemoryHit{Kind: screen.MemoryPhone, Value: "+855 16 318 274", Confirmed: nov12, Reports: 3, Source: "report"}
	seed := screen.MemoryHit{Kind: screen.MemoryText, Similarity: 0.874, Source: "corpus turnbackhoax t-00001"}
	for _, c := range []struct {
		h          screen.MemoryHit
		lang, want string
	}{
		{contact, "id", "Nomor WhatsApp/telepon +855 16 318 274 ada di iklan yang dikonfirmasi penipuan pada 12 Nov (3 laporan)."},
		{contact, "en", "WhatsApp/phone number +855 16 318 274 appears in an ad confirmed as a scam on 12 Nov (3 reports)."},
		{seed, "id", "Iklan ini 87% sama dengan iklan penipuan yang dikenal (sumber: corpus turnbackhoax t-00001)."},
	} {
		if got := MemoryLine(c.h, c.lang); got != c.want {
			t.Errorf("%s: %q, want %q", c.lang, got, c.want)
		}
	}
	if got := ShortDate(time.Date(2020, 8, 17, 0, 0, 0, 0, time.UTC), "id"); got != "17 Agu 2020" {
		t.Errorf("ShortDate = %q", got)
	}
}

// TestAboutOffer: a question about an offer is not scored, but hears the
// offer's red flags and is asked for the ad itself; a text that is no job
// ad and names no offer gets no such answer, nor does an ad.
func TestAboutOffer(t *testing.T) {
	e := engine(t)
	q := e.Screen("Saya ditawari kerja admin di Kamboja, gaji 20 juta, berangkat minggu ini pakai visa turis. Aman gak ya?")
	msg, ok := AboutOffer(q, e.Rules(), "id")
	if !ok {
		t.Fatalf("question: no answer about the offer (level %s, job ad %v, hits %v)", q.Level, q.IsJobAd, q.HitRules())
	}
	for _, want := range []string{"TENTANG SEBUAH TAWARAN", "🚩 «Kamboja»", "Teruskan ke saya"} {
		if !strings.Contains(msg, want) {
			t.Errorf("answer lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "model") {
		t.Errorf("the model's hit is no red flag of the offer:\n%s", msg)
	}
	if en, _ := AboutOffer(q, e.Rules(), "en"); !strings.Contains(en, "ABOUT AN OFFER") {
		t.Errorf("English answer: %s", en)
	}
	for _, text := range []string{
		"Halo semua, apa kabar? Ada yang tahu warung bakso enak di Bandung?",
		"Loker admin Kamboja gaji 20jt, brgkt minggu ini, hub WA +855 16 318 274",
	} {
		if _, ok := AboutOffer(e.Screen(text), e.Rules(), "id"); ok {
			t.Errorf("%q answered as a question about an offer", text)
		}
	}
}

// TestModelExplainReadsRight: the model's line says it finds a text like
// scams when it adds points, milder than the other signs when it takes
// points off a text it still finds more like scams than not, and like
// ordinary ads otherwise; never "only 94% like known scams".
func TestModelExplainReadsRight(t *testing.T) {
	for _, c := range []struct {
		p      float64
		points int
		want   string
	}{
		{0.97, 3, "Reads like known scam ads (97%)"},
		{0.94, -2, "less like scam ads than the other signs suggest (94%)"},
		{0.03, -4, "ordinary job-board ads (only 3% like"},
		{0.41, 3, "Shares wording with known scam ads (41% like them)"},
	} {
		got := modelExplain(&screen.ModelPart{Probability: c.p, Points: c.points}, "en")
		if !strings.Contains(got, c.want) {
			t.Errorf("p %.2f, points %d: %q, want %q in it", c.p, c.points, got, c.want)
		}
	}
	if got := modelExplain(&screen.ModelPart{Probability: 0.94, Points: -2}, "id"); !strings.Contains(got, "kurang mirip penipuan") {
		t.Errorf("id: %q", got)
	}
	if got := modelExplain(&screen.ModelPart{Probability: 0.41, Points: 3}, "id"); !strings.Contains(got, "Ada kemiripan kata") {
		t.Errorf("id: %q", got)
	}
}
