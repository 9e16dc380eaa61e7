package memory

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/reply"
	"github.com/cekloker/cekloker/internal/screen"
)

// The simulated stream: 40 scam templates written for this test, each in
// 5 variants (other numbers, names, emoji, line breaks and line order),
// and 200 legitimate ads. `go test -run Stream -update` rewrites
// testdata/stream.jsonl, which TestStreamFile keeps in step.

var update = flag.Bool("update", false, "rewrite testdata/stream.jsonl")

var (
	scamJobs = []string{"admin chat", "customer service", "operator komputer", "marketing online", "staf input data",
		"CS live chat", "operator e-commerce", "telemarketing", "admin crypto", "moderator game",
		"host live streaming", "penerjemah Mandarin", "staf keuangan", "typist", "IT support",
		"admin sosial media", "desainer grafis", "editor video", "resepsionis hotel", "pelayan restoran",
		"admin gudang", "staf promosi", "operator data center", "admin toko online", "customer care",
		"staf administrasi", "penerjemah Inggris", "kasir kasino", "pengawas shift", "admin investasi",
		"staf HRD", "copywriter", "admin akun bisnis", "operator call center", "admin pembayaran",
		"penjaga konter", "staf marketing properti", "admin chat dating", "analis data", "staf dukungan teknis"}
	countries = []string{"Kamboja", "Myanmar", "Laos", "Thailand", "Vietnam", "Filipina", "Dubai", "Malaysia"}
	cities    = []string{"Sihanoukville", "Myawaddy", "Bokeo", "Bangkok", "Ho Chi Minh", "Manila", "Phnom Penh", "Mae Sot", "Poipet", "Bavet"}
	firms     = []string{"Golden Star Group", "Asia Digital Tech", "Royal Mekong Holdings", "Lucky Dragon Entertainment", "Sky Bridge Services",
		"Prime Ocean Solutions", "Diamond Bay Resort", "Silver Lotus Company", "New World Media", "Victory Gate Trading"}
	headlines = []string{"DIBUKA LOWONGAN", "LOKER TERBARU", "DICARI SEGERA", "REKRUTMEN BESAR", "KESEMPATAN EMAS KERJA"}
	firmLines = []string{"Kantor pusat %s di kota %s butuh banyak karyawan baru", "Perusahaan %s cabang %s sedang ekspansi besar",
		"Ditempatkan di gedung %s, pusat kota %s", "Bergabung dengan tim %s yang berkantor di %s"}
	salaryLines = []string{"Gaji pokok %d juta per bulan belum termasuk bonus target untuk posisi %s", "Penghasilan %d juta sebulan plus komisi harian bagi %s",
		"Bayaran %d juta tiap bulan dibayar tepat waktu, khusus %s", "Gaji bersih %d juta per bulan, lembur dibayar terpisah untuk %s"}
	reqLines = []string{"Syarat cukup bisa baca tulis dan mengetik, umur %d sampai %d tahun", "Tidak perlu ijazah atau pengalaman, usia %d hingga %d tahun",
		"Pria dan wanita lulusan apa saja boleh daftar, umur %d-%d", "Yang penting sehat dan mau belajar, usia %d sampai %d tahun",
		"Tanpa tes dan tanpa interview rumit, umur %d sampai %d"}
	benefitLines = []string{"Tiket pesawat, paspor dan tempat tinggal ditanggung penuh oleh %s", "Mess gratis, makan tiga kali sehari, antar jemput dari %s",
		"Semua biaya keberangkatan ke %s dibayar kantor, pekerja tinggal berangkat", "Visa dan akomodasi di %s diurus perusahaan, tidak ada potongan gaji"}
	depLines = []string{"Berangkat minggu depan bersama %s %s dari %s", "Keberangkatan rombongan berikutnya dipimpin %s %s asal %s",
		"Proses cepat tiga hari langsung terbang, didampingi %s %s dari %s", "Jemput di bandara oleh %s %s, peserta dari %s sudah banyak"}
	contactLines = []string{"Hubungi segera WA %s atau telegram %s", "Info lengkap dan pendaftaran lewat WhatsApp %s, telegram %s",
		"Chat admin sekarang di %s atau %s"}
	urgencyLines = []string{"Kuota terbatas untuk %s, siapa cepat dia dapat", "Lowongan %s ditutup akhir pekan ini, jangan sampai terlambat",
		"Bagikan info %s ini ke saudara yang sedang cari kerja", "Pendaftar %s hari ini langsung diproses tanpa antre"}
	roles     = []string{"kak", "mbak", "bang", "ibu", "pak"}
	names     = []string{"Rini", "Dewi", "Anton", "Sari", "Budi", "Yuni", "Hendra", "Lia", "Fajar", "Nita", "Rudi", "Tika"}
	hometowns = []string{"Medan", "Surabaya", "Makassar", "Cirebon", "Lombok", "Kupang", "Pontianak", "Semarang", "Padang", "Jember"}
	emoji     = []string{"🔥", "⭐", "✅", "💰", "📢", "🌟", "‼️", "👉"}
)

// scamVariant writes variant v (0–4) of scam template t.
func scamVariant(t, v int) string {
	r := rand.New(rand.NewPCG(uint64(t), uint64(v)))
	job, country, city, firm := scamJobs[t], countries[t%len(countries)], cities[t%len(cities)], firms[(t*3)%len(firms)]
	e1, e2 := emoji[(t+v)%len(emoji)], emoji[(t+2*v+3)%len(emoji)]
	phone := fmt.Sprintf("+855 %d %03d %03d", 10+r.IntN(89), r.IntN(1000), r.IntN(1000))
	handle := fmt.Sprintf("@hrd_%s_%d", strings.ToLower(names[(t+v)%len(names)]), 10+r.IntN(900))
	lo := 17 + r.IntN(5)
	lines := []string{
		fmt.Sprintf("%s %s %s DI %s %s", e1, headlines[t%len(headlines)], strings.ToUpper(job), strings.ToUpper(country), e1),
		fmt.Sprintf(firmLines[t%len(firmLines)], firm, city),
		fmt.Sprintf(salaryLines[(t/2)%len(salaryLines)], 12+r.IntN(15), job),
		fmt.Sprintf(reqLines[t%len(reqLines)], lo, lo+15+r.IntN(10)),
		fmt.Sprintf(benefitLines[(t/3)%len(benefitLines)], firm),
		fmt.Sprintf(depLines[(t/4)%len(depLines)], roles[(t+v)%len(roles)], names[(t*5+v)%len(names)], hometowns[(t+v)%len(hometowns)]),
		fmt.Sprintf(contactLines[t%len(contactLines)], phone, handle) + " " + e2,
		fmt.Sprintf(urgencyLines[(t/5)%len(urgencyLines)], job),
	}
	if v > 0 {
		r.Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
		if v%2 == 1 { // two lines become one
			lines[1] = lines[1] + " " + lines[2]
			lines = append(lines[:2], lines[3:]...)
		} else if k := strings.LastIndex(lines[0], ", "); k > 0 { // one line becomes two
			lines[0] = lines[0][:k] + "\n" + lines[0][k+2:]
		}
	}
	return strings.Join(lines, "\n")
}

var (
	legitJobs = []string{"kasir", "staf gudang", "guru TK", "perawat", "sopir pengiriman", "akuntan", "teknisi AC", "barista",
		"admin penjualan", "koki", "satpam", "apoteker", "operator produksi", "staf front office", "petugas kebersihan",
		"desainer interior", "mekanik motor", "penjahit", "tukang las", "staf laboratorium"}
	legitCities = []string{"Bandung", "Semarang", "Yogyakarta", "Malang", "Bekasi", "Denpasar", "Balikpapan", "Solo", "Bogor", "Palembang"}
	legitFirms  = []string{"CV Maju Jaya", "PT Sinar Abadi Logistik", "Klinik Sehat Sentosa", "Toko Roti Mentari", "PT Karya Teknik Nusantara",
		"Sekolah Bintang Kecil", "Apotek Medika Farma", "Kafe Senja", "PT Tekstil Rahayu", "Hotel Griya Asri"}
	eduLines  = []string{"Pendidikan minimal SMA/SMK sederajat", "Lulusan D3 atau S1 jurusan terkait", "Pendidikan minimal SMK jurusan teknik", "Minimal SMA, diutamakan punya sertifikat keahlian"}
	dutyLines = []string{"Tugas utama melayani pelanggan dan mencatat transaksi harian", "Bertanggung jawab atas stok barang dan laporan mingguan",
		"Menyiapkan bahan kerja, menjaga kebersihan area, dan mengikuti prosedur keselamatan", "Membantu atasan menyusun jadwal dan dokumen operasional"}
	offerLines = []string{"Kami menawarkan gaji sesuai UMK %s, BPJS Kesehatan dan Ketenagakerjaan", "Gaji sesuai UMK %s, tunjangan transport, cuti tahunan",
		"Upah sesuai ketentuan di %s, THR, dan jenjang karier", "Penghasilan sesuai UMK %s ditambah uang makan"}
	applyLines = []string{"Kirim lamaran dan CV ke %s paling lambat %d %s", "Lamaran diantar langsung ke kantor kami sebelum %d %s, atau e-mail %s",
		"Pendaftaran melalui e-mail %s, cantumkan posisi di subjek, sampai %d %s"}
	monthsLegit = []string{"Januari", "Februari", "Maret", "April", "Mei", "Juni"}
)

// legitAdN writes legitimate ad n (0–199).
func legitAdN(n int) string {
	job, city, firm := legitJobs[n%len(legitJobs)], legitCities[(n/2)%len(legitCities)], legitFirms[(n/3)%len(legitFirms)]
	mail := fmt.Sprintf("hrd%d@%s.co.id", n, strings.ToLower(strings.NewReplacer(" ", "", "PT", "", "CV", "").Replace(firm)))
	day, month := 1+n%28, monthsLegit[n%len(monthsLegit)]
	apply := applyLines[n%len(applyLines)]
	switch n % len(applyLines) {
	case 0, 2:
		apply = fmt.Sprintf(apply, mail, day, month)
	default:
		apply = fmt.Sprintf(apply, day, month, mail)
	}
	return strings.Join([]string{
		fmt.Sprintf("%s membuka lowongan %s untuk penempatan %s", firm, job, city),
		eduLines[n%len(eduLines)] + fmt.Sprintf(", pengalaman minimal %d tahun sebagai %s", 1+n%3, job),
		dutyLines[(n/4)%len(dutyLines)],
		fmt.Sprintf(offerLines[(n/5)%len(offerLines)], city),
		apply,
	}, "\n")
}

// streamItem is one line of testdata/stream.jsonl.
type streamItem struct {
	ID       string `json:"id"`
	Label    string `json:"label"`
	Template int    `json:"template,omitempty"`
	Variant  int    `json:"variant,omitempty"`
	Text     string `json:"text"`
}

func stream() []streamItem {
	var out []streamItem
	for v := range 5 {
		for t := range len(scamJobs) {
			out = append(out, streamItem{fmt.Sprintf("s%02d-%d", t, v), "scam", t, v, scamVariant(t, v)})
		}
		for n := v * 40; n < (v+1)*40; n++ {
			out = append(out, streamItem{fmt.Sprintf("l%03d", n), "legit", 0, 0, legitAdN(n)})
		}
	}
	return out
}

func TestStreamFile(t *testing.T) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, it := range stream() {
		if err := enc.Encode(it); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join("testdata", "stream.jsonl")
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != b.String() {
		t.Fatal("testdata/stream.jsonl is out of date: go test -run Stream -update ./internal/memory/")
	}
}

// TestStream plays the stream: the first variant of each template is
// reported and confirmed (remembered with its contacts); the later
// variants must hit memory and rate high, and no legitimate ad may hit
// memory.
func TestStream(t *testing.T) {
	eng := engine(t)
	var entries []Entry
	snap := Build(0, nil, nil)
	hit, later, legitHits, minSim := 0, 0, 0, 1.0
	when := time.Date(2026, 11, 12, 10, 0, 0, 0, time.UTC)
	for _, it := range stream() {
		v := eng.ScreenWith(it.Text, snap)
		mem := memoryHits(v)
		switch {
		case it.Label == "legit":
			if mem > 0 {
				legitHits++
				t.Errorf("legit ad %s hit memory: %+v", it.ID, v.Hits)
			}
		case it.Variant == 0:
			sig, ok := Sign(it.Text)
			if !ok {
				t.Fatalf("%s: no signature", it.ID)
			}
			entries = append(entries, Entry{ID: int64(len(entries) + 1), Source: "report", Confirmed: when, Reports: 2, Sig: sig, HasSig: true, Contacts: Contacts(v.Entities)})
			snap = Build(int64(len(entries)), entries, nil)
		default:
			later++
			a, _ := Sign(scamVariant(it.Template, 0))
			b, _ := Sign(it.Text)
			minSim = min(minSim, Similarity(&a, &b))
			if mem > 0 && v.Level == "high" {
				hit++
			} else {
				t.Logf("%s missed (level %s)", it.ID, v.Level)
			}
		}
	}
	rate := float64(hit) / float64(later)
	t.Logf("later variants recognised: %d of %d (%.1f%%); legit ads hitting memory: %d of 200; lowest variant similarity %.2f", hit, later, 100*rate, legitHits, minSim)
	if later != 160 || rate < 0.95 {
		t.Errorf("recognised %d of %d later variants, want >= 95%%", hit, later)
	}
}

// TestContactFlagsRewordedAd: a completely reworded ad that carries a
// contact of a confirmed scam is flagged, with the memory line.
func TestContactFlagsRewordedAd(t *testing.T) {
	eng := engine(t)
	first := scamVariant(3, 0)
	v := eng.ScreenWith(first, nil)
	sig, _ := Sign(first)
	when := time.Date(2026, 11, 12, 10, 0, 0, 0, time.UTC)
	snap := Build(1, []Entry{{ID: 9, Source: "report", Confirmed: when, Reports: 3, Sig: sig, HasSig: true, Contacts: Contacts(v.Entities)}}, nil)
	phone := v.Entities.Phones[0].Raw
	reworded := "Halo semua, teman saya butuh orang untuk bantu-bantu di restoran keluarganya. Kerjanya santai. Yang minat langsung chat " + phone
	got := eng.ScreenWith(reworded, snap)
	if got.Level != "high" || memoryHits(got) == 0 || !got.IsJobAd {
		t.Fatalf("reworded ad: level %s, hits %+v", got.Level, got.Hits)
	}
	want := "ada di iklan yang dikonfirmasi penipuan pada 12 Nov 2026 (3 laporan)"
	if time.Now().Year() == 2026 {
		want = "ada di iklan yang dikonfirmasi penipuan pada 12 Nov (3 laporan)"
	}
	line := reply.Explain(got, got.Hits[len(got.Hits)-1], eng.Rules(), "id")
	if !strings.Contains(line, phone) || !strings.Contains(line, want) {
		t.Errorf("memory line %q, want it to name %s and say %q", line, phone, want)
	}
	if l := reply.Explain(got, got.Hits[len(got.Hits)-1], eng.Rules(), "en"); !strings.Contains(l, "confirmed as a scam on 12 Nov") || !strings.Contains(l, "3 reports") {
		t.Errorf("English memory line %q", l)
	}
}

func memoryHits(v screen.Verdict) int {
	n := 0
	for _, h := range v.Hits {
		if h.Category == screen.CategoryMemory {
			n++
		}
	}
	return n
}
