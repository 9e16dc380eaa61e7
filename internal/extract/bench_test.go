package extract

import (
	"testing"

	"github.com/cekloker/cekloker/internal/normalize"
)

// benchAd is a realistic ~1.5 KB ad of the kind the bot screens: emoji,
// bold Unicode digits, two phone numbers, links, a handle, an e-mail
// address and several salary claims.
const benchAd = `🔥🔥 LOWONGAN KERJA LUAR NEGERI – PROSES CEPAT 🔥🔥

📍 Penempatan: Phnom Penh & Sihanoukville, Kamboja 🇰🇭
💼 Posisi: Customer Service / Admin / Marketing Online (Bahasa Indonesia)
💰 Gaji 𝟭𝟱 - 𝟮𝟱 juta/bulan + bonus target, komisi hingga $500 per minggu

✅ Syarat:
- Pria / Wanita, usia 18-35 tahun
- Minimal lulusan SMP/SMA sederajat
- Bisa mengetik cepat dan menggunakan komputer dasar
- Tidak perlu pengalaman, akan dilatih 2 minggu
- Paspor aktif (bisa dibantu pembuatan)

🎁 Fasilitas:
- Tiket pesawat PP DITANGGUNG perusahaan
- Mess gratis, makan 3x sehari, laundry
- Visa kerja diurus agen, kontrak 1 tahun
- Gaji pokok USD 1,200 – 1,600 (dibayar tiap tanggal 10)
- Libur 4 hari per bulan, jam kerja 12 jam

⚠️ Kuota terbatas hanya 20 orang untuk keberangkatan 15/08/2025!
Biaya administrasi Rp 2.500.000 dipotong dari gaji pertama.

📲 Daftar sekarang juga:
WA: 0812-3456-7890 (Bu Nadia)
WA Kamboja: +855 16 318 274
Telegram: @hrd_kh_nadia atau t.me/lokerkh_resmi
Form pendaftaran: https://forms.gle/AbCdEf123456
Info lengkap: bit.ly/loker-kh-2025
Email CV: rekrutmen.kh@gmail.com

❗ Bukan penipuan, sudah banyak yang berangkat dan sukses. Jangan percaya
calo lain yang mengatasnamakan kami. Kirim CV dan foto seluruh badan.
Tidak ada potongan gaji. Uang saku 100rb/hari selama training.
#lokerkamboja #kerjaluarnegeri #gajibesar #lowongan2025`

func BenchmarkExtract(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchAd)))
	testX.Extract(benchAd) // warm the memo caches, as a running bot would
	for b.Loop() {
		testX.Extract(benchAd)
	}
}

// BenchmarkExtractCold empties the memo caches before every call, so it
// pays for xurls and phonenumbers on every link token and phone number.
func BenchmarkExtractCold(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchAd)))
	for b.Loop() {
		resetCaches()
		testX.Extract(benchAd)
	}
}

// Per-stage benchmarks, to see where the time of BenchmarkExtract goes.

func BenchmarkStageFold(b *testing.B) {
	for b.Loop() {
		normalize.Fold(benchAd)
	}
}

func BenchmarkStageLinks(b *testing.B) {
	s := normalize.Fold(benchAd).Folded
	for b.Loop() {
		testX.scanLinks(s)
	}
}

func BenchmarkStagePhones(b *testing.B) {
	s := normalize.Fold(benchAd).Folded
	links, runs := testX.scanLinks(s), digitRuns(s, nil)
	for b.Loop() {
		scanPhones(s, runs, links, nil)
	}
}

func BenchmarkStageSalaries(b *testing.B) {
	s := normalize.Fold(benchAd).Folded
	runs := digitRuns(s, nil)
	for b.Loop() {
		scanSalaries(s, runs, nil)
	}
}
