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
