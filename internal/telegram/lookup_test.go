package telegram

import (
	"path/filepath"
	"testing"

	"github.com/cekloker/cekloker/internal/screen"
)

func TestParseLookup(t *testing.T) {
	cases := []struct {
		text          string
		contacts      int
		company, want bool
	}{
		{"+855 16 318 274", 1, false, true},
		{"cek nomor ini 0812-3456-7890 apakah penipu", 1, false, true},
		{"@hrd_kamboja", 1, false, true},
		{"https://bit.ly/loker123", 1, false, true},
		{"BRI 1234-5678-9012-345", 1, false, true},
		{"hrd.kh@gmail.com", 1, false, true},
		{"PT Sinar Jaya Abadi", 0, true, true},
		{"halo apa kabar", 0, false, false},
		{"Dicari admin di Kamboja gaji 20jt tiket ditanggung berangkat minggu ini tanpa pengalaman hubungi WA +855 16 318 274 sekarang juga", 0, false, false},
	}
	eng, err := screen.Load(filepath.Join("..", "..", "rules.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		q, ok := parseLookupWith(eng.Extract, c.text)
		if ok != c.want || ok && (len(q.contacts) != c.contacts || (q.company != "") != c.company) {
			t.Errorf("parseLookup(%q) = %+v, %v", c.text, q, ok)
		}
	}
}

// TestPlainLookupLeavesHelpAndAds: a cry for help or a short ad with a
// number is not taken for a look-up.
func TestPlainLookupLeavesHelpAndAds(t *testing.T) {
	b := &Bot{rules: testRules(t)}
	if _, ok := b.plainLookup("+855 16 318 274"); !ok {
		t.Error("a bare number is not a look-up")
	}
	for _, text := range []string{
		"Tolong saya disekap, paspor ditahan. Agen 0812-3456-7890",
		"Loker admin Kamboja gaji 20jt WA +855 16 318 274",
	} {
		if _, ok := b.parseLookup(text); !ok {
			t.Fatalf("%q is short enough to look like a look-up", text)
		}
		if _, ok := b.plainLookup(text); ok {
			t.Errorf("%q taken for a look-up", text)
		}
	}
}
