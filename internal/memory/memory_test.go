package memory

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/extract"
	"github.com/cekloker/cekloker/internal/screen"
)

// scamAd is written for these tests.
const scamAd = `🔥 DIBUKA LOWONGAN STAF ADMIN CHAT DI LUAR NEGERI 🔥
Penempatan di kota Sihanoukville, kantor perusahaan game online terbesar
Gaji pokok 18 juta per bulan belum termasuk bonus target dan komisi
Syarat cukup bisa baca tulis dan mengetik cepat, umur 18 sampai 35 tahun
Tiket pesawat, paspor dan tempat tinggal semua ditanggung kantor
Keberangkatan minggu depan bersama kak Rini dari Medan
Hubungi segera WA +855 16 318 274 sebelum kuota habis`

// variant changes the numbers, a name, the emoji, the line breaks and the
// order of the lines.
const variant = `Hubungi segera WA +855 97 222 1010
sebelum kuota habis ✅✅
Gaji pokok 21 juta per bulan belum termasuk bonus target dan komisi
⭐ DIBUKA LOWONGAN STAF ADMIN CHAT DI LUAR NEGERI ⭐
Syarat cukup bisa baca tulis dan mengetik cepat, umur 20 sampai 40 tahun
Keberangkatan minggu depan bersama mbak Dewi dari Surabaya
Penempatan di kota Sihanoukville, kantor perusahaan game online terbesar
Tiket pesawat, paspor dan tempat tinggal semua ditanggung kantor`

const legitAd = `Toko roti di Bandung mencari karyawan produksi untuk shift pagi.
Tugas: menimbang bahan, membentuk adonan, membersihkan dapur.
Syarat: pria atau wanita, jujur, teliti, bersedia bekerja di akhir pekan.
Gaji sesuai UMK, BPJS Kesehatan dan Ketenagakerjaan, makan siang.
Lamaran diantar langsung ke toko, Jalan Merdeka, setiap hari kerja.`

func TestNearDuplicateSurvivesChanges(t *testing.T) {
	a, ok := Sign(scamAd)
	if !ok {
		t.Fatal("no signature for the scam ad")
	}
	b, _ := Sign(variant)
	c, _ := Sign(legitAd)
	if s := Similarity(&a, &b); s < Threshold {
		t.Errorf("variant similarity %.2f, want >= %.2f", s, Threshold)
	}
	if s := Similarity(&a, &c); s >= Threshold/2 {
		t.Errorf("legit ad similarity %.2f, want < %.2f", s, Threshold/2)
	}
	snap := Build(1, []Entry{{ID: 7, Source: "report", Sig: a, HasSig: true, Confirmed: time.Now(), Reports: 3}}, nil)
	if e, _, ok := snap.Near(&b); !ok || e.ID != 7 {
		t.Errorf("Near(variant) = %v, %v; want entry 7", e, ok)
	}
	if _, _, ok := snap.Near(&c); ok {
		t.Error("the legit ad is near the scam")
	}
	if _, ok := Sign("Hubungi WA 0812 3456 7890"); ok {
		t.Error("a short text has a signature")
	}
}

func TestContacts(t *testing.T) {
	text := `WA +855 16 318 274 / wa.me/6281234567890, tg @hrd_kamboja t.me/lokerkh2 ` +
		`daftar https://bit.ly/Abc123 atau www.loker-asia.com/daftar, email hrd.kh@gmail.com, ` +
		`info https://siskop2mi.bp2mi.go.id, transfer BRI 1234-5678-9012-345, ` +
		`lapor KP2MI 0811-8080-141 atau wa.me/628118080141`
	eng := engine(t)
	got := map[string]bool{}
	for _, c := range Contacts(eng.Extract(text)) {
		got[c.Key()] = true
	}
	for _, k := range []string{
		"phone:+85516318274", "phone:+6281234567890", "handle:@hrd_kamboja", "handle:@lokerkh2",
		"link:bit.ly/Abc123", "link:loker-asia.com", "email:hrd.kh@gmail.com", "bank:123456789012345",
	} {
		if !got[k] {
			t.Errorf("missing contact %s (got %v)", k, got)
		}
		delete(got, k)
	}
	if len(got) > 0 {
		t.Errorf("unexpected contacts (official links and numbers, parts of bank accounts): %v", got)
	}
	if cs := Contacts(eng.Extract("Lulusan Diploma.TRAINING/EXPERIENCE dan preferred.MS Office")); len(cs) != 0 {
		t.Errorf("words with dots taken as links: %v", cs)
	}
}

func TestRecallAndLookup(t *testing.T) {
	when := time.Date(2026, 11, 12, 9, 0, 0, 0, time.UTC)
	e1 := Entry{ID: 1, Source: "report", Confirmed: when, Reports: 3, Contacts: []Contact{{screen.MemoryPhone, "+85516318274", "+855 16 318 274"}}}
	e2 := Entry{ID: 2, Source: "report", Confirmed: when.Add(48 * time.Hour), Reports: 2, Contacts: []Contact{{screen.MemoryPhone, "+85516318274", ""}}}
	e3 := Entry{ID: -1, Source: "corpus x", Contacts: []Contact{{screen.MemoryHandle, "@lokerkh", ""}}}
	snap := Build(3, []Entry{e1, e2, e3}, nil)
	reworded := "Kerja enak di Asia, hubungi +855 16 318 274 sekarang"
	hits := snap.Recall(reworded, extract.Extract(reworded))
	if len(hits) != 1 || hits[0].Kind != screen.MemoryPhone || hits[0].Entry != 2 || hits[0].Reports != 5 || hits[0].Value != "+855 16 318 274" {
		t.Fatalf("Recall = %+v", hits)
	}
	st := snap.Lookup(Contact{Kind: screen.MemoryPhone, Value: "+85516318274"})
	if st.Entries != 2 || st.Reports != 5 || !st.Last.Equal(when.Add(48*time.Hour)) {
		t.Errorf("Lookup = %+v", st)
	}
	if st := snap.Lookup(Contact{Kind: screen.MemoryHandle, Value: "@lokerkh"}); st.Entries != 1 || len(st.Sources) != 1 || st.Sources[0] != "corpus x" {
		t.Errorf("Lookup(seed handle) = %+v", st)
	}
	if st := snap.Lookup(Contact{Kind: screen.MemoryPhone, Value: "+6281111111111"}); st.Entries != 0 {
		t.Errorf("Lookup(unknown) = %+v", st)
	}
	// Forgetting a contact or a known template takes it out.
	snap = Build(4, []Entry{e1, e2, e3}, []string{"phone:+85516318274", "entry:-1"})
	if snap.Len() != 0 {
		t.Errorf("after forgetting, %d entries remain", snap.Len())
	}
}

func TestRecords(t *testing.T) {
	sig, _ := Sign(scamAd)
	in := []Entry{{ID: 4, Source: "report", Confirmed: time.Date(2026, 11, 12, 0, 0, 0, 0, time.UTC), Reports: 2, Sig: sig, HasSig: true,
		Contacts: []Contact{{screen.MemoryPhone, "+85516318274", "+855 16 318 274"}}}}
	var b strings.Builder
	if err := WriteRecords(&b, in); err != nil {
		t.Fatal(err)
	}
	out, err := ReadRecords(strings.NewReader(b.String()))
	if err != nil || len(out) != 1 || out[0].Sig != sig || !out[0].Confirmed.Equal(in[0].Confirmed) || out[0].Contacts[0] != in[0].Contacts[0] {
		t.Fatalf("round trip: %+v, %v", out, err)
	}
	for _, bad := range []string{`{"source":"x"}`, `{"signature":"AAAA"}`, `{"source":"x","contacts":[{"kind":"fax","value":"1"}]}`, `{"source":"x","nope":1}`, `not json`} {
		if _, err := ReadRecords(strings.NewReader("\n" + bad)); err == nil || !strings.Contains(err.Error(), "line 2") {
			t.Errorf("ReadRecords(%s) error %v, want one naming line 2", bad, err)
		}
	}
}

func TestSeed(t *testing.T) {
	seed, err := Seed()
	if err != nil {
		t.Fatal(err)
	}
	if len(seed) < 500 {
		t.Fatalf("seed has %d entries", len(seed))
	}
	for _, e := range seed {
		if e.ID >= 0 || !strings.HasPrefix(e.Source, "corpus ") || !e.Confirmed.IsZero() {
			t.Fatalf("bad seed entry %+v", e)
		}
	}
}

// TestSeedSparesLegitAds: the known templates shipped with the bot flag
// none of the legitimate ads written for the screen tests.
func TestSeedSparesLegitAds(t *testing.T) {
	seed, err := Seed()
	if err != nil {
		t.Fatal(err)
	}
	snap := Build(0, seed, nil)
	data, err := os.ReadFile(filepath.Join("..", "screen", "testdata", "ads.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	eng := engine(t)
	legit, scamHits := 0, 0
	for line := range strings.Lines(string(data)) {
		var ad struct{ ID, Label, Text string }
		if err := json.Unmarshal([]byte(line), &ad); err != nil {
			t.Fatal(err)
		}
		v := eng.ScreenWith(ad.Text, snap)
		switch {
		case ad.Label == "legit":
			legit++
			if memoryHits(v) > 0 {
				t.Errorf("legit ad %s hits the seed: %+v", ad.ID, v.Memory)
			}
		case memoryHits(v) > 0:
			scamHits++
		}
	}
	if legit < 40 {
		t.Fatalf("only %d legit ads read", legit)
	}
	t.Logf("%d legit ads, none flagged by the seed; %d scam ads hit it", legit, scamHits)
}
