package reply

import (
	"strings"
	"testing"
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
		v := e.Screen(ad, lang)
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
	v := e.Screen("Dicari staf gudang PT Sinar Jaya di Cikarang, pengalaman 1 tahun", "id")
	out := Full(v, e.Rules(), "id")
	if !strings.Contains(out, "RISIKO RENDAH") || !strings.Contains(out, "bukan jaminan") || !strings.Contains(out, "SISKOP2MI") {
		t.Errorf("low verdict:\n%s", out)
	}
}

func TestCompactIsShort(t *testing.T) {
	e := engine(t)
	v := e.Screen("Loker admin Kamboja gaji 20jt, visa turis, tiket ditanggung, brgkt minggu ini, paspor ditahan", "en")
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
	overseas := e.Screen("Loker admin Kamboja gaji 20jt, visa turis, tiket ditanggung, brgkt minggu ini", "id")
	domestic := e.Screen("Rekrutmen PT Angkasa Pura, daftar lewat klik link di bawah, biaya pendaftaran Rp 300.000", "id")
	if overseas.Level != "high" || domestic.Level != "high" {
		t.Fatalf("levels %s / %s, want both high", overseas.Level, domestic.Level)
	}
	o, d := Full(overseas, e.Rules(), "id"), Full(domestic, e.Rules(), "id")
	if strings.Contains(o, "1500 630") || !strings.Contains(o, "bukan negara penempatan") {
		t.Errorf("overseas scam advice:\n%s", o)
	}
	if !strings.Contains(d, "1500 630") || strings.Contains(d, "Sudah di luar negeri") {
		t.Errorf("domestic fake advice:\n%s", d)
	}
}
