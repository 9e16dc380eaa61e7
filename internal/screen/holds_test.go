package screen

import (
	"testing"
)

func hitRule(v Verdict, id string) (Hit, bool) {
	for _, h := range v.Hits {
		if h.Rule == id {
			return h, true
		}
	}
	return Hit{}, false
}

// Quotes must not contradict the ad: a fragment in a question answered
// "no" or negated within its sentence is no red flag.
func TestQuotesThatHold(t *testing.T) {
	e := engine(t)
	for _, c := range []struct {
		name, text, rule string
		hit              bool
	}{
		{"question answered no (T/J)", "Loker staf gudang Surabaya.\nT: Apakah ada biaya pendaftaran?\nJ: Pendaftaran gratis.", "fee_registration", false},
		{"question answered tidak", "Apakah ada biaya pendaftaran? Tidak ada sama sekali. Dicari kasir.", "fee_registration", false},
		{"English question answered no", "Is there a registration fee? No. Warehouse staff wanted.", "fee_registration", false},
		{"Q/A lines", "Q: Any registration fee\nA: None at all. Hiring drivers.", "fee_registration", false},
		{"question answered yes", "Apakah ada biaya pendaftaran? Ada, 200 ribu.", "fee_registration", true},
		{"a question later in the text does not negate", "Biaya pendaftaran 500rb. Mau daftar? Tidak perlu ragu.", "fee_registration", true},
		{"English not required", "Registration fee not required. Hiring cashiers.", "fee_registration", false},
		{"secrecy towards family", "Loker admin, jangan bilang ke keluarga dulu sampai berangkat.", "secrecy_family", true},
		{"secrecy towards family (en)", "Admin job. Don't tell your family until you have left.", "secrecy_family", true},
		{"telling the family is fine", "Izin keluarga diperlukan, ceritakan ke keluarga Anda.", "secrecy_family", false},
		{"take down of accounts is no secrecy", "Kemlu meminta Kominfo take down akun perekrut palsu.", "secrecy_lie", false},
		{"a post kept from take-down is", "Jangan komen di sini biar postingan gak ke-take down ya.", "secrecy_lie", true},
		{"a domestic route is no transit", "Dicari sopir bus. Rute: Jakarta - Surabaya, gaji UMR.", "route_transit", false},
		{"a route to a risky country is", "Rute: Jakarta - Bangkok - Phnom Penh, kerja admin.", "route_transit", true},
		{"tech-savvy with a degree", "Graduate trainee: bachelor's degree in IT, tech-savvy, 2 years of experience.", "req_trivial_skills", false},
		{"tech-savvy alone", "Customer service abroad, just be tech-savvy, no experience needed.", "req_trivial_skills", true},
		{"a question is no red flag that an answer denies", "Ponakan kerja admin di Myanmar, sekarang tidak bisa pulang. Lapor ke mana ya? Kami tidak paham prosedurnya.", "question_about_offer", true},
	} {
		v := e.Screen(c.text)
		if h, ok := hitRule(v, c.rule); ok != c.hit {
			t.Errorf("%s: rule %s hit %v (%q), want %v", c.name, c.rule, ok, h.Match, c.hit)
		}
	}
}

// Warning words never hide a post that also recruits; a testimony that
// recruits nobody is no job ad.
func TestWarningsAreNoShield(t *testing.T) {
	e := engine(t)
	shield := e.Screen("⚠️ WASPADA MODUS PENIPUAN! Hati-hati penipuan mengatasnamakan kami. Dibuka lowongan admin di Kamboja, gaji 18jt, cukup visa turis, info lengkap japri ya")
	if !shield.IsJobAd || shield.Level != "high" {
		t.Errorf("warning-shielded recruitment: job ad %v, level %s", shield.IsJobAd, shield.Level)
	}
	for _, h := range shield.Hits {
		if h.Weight < 0 {
			t.Errorf("a recruiting post lists %q (%s) as a good sign", h.Match, h.Rule)
		}
	}
	story := e.Screen("Hati-hati ya teman2, sepupu saya ditawari kerja admin di Kamboja gaji 20jt, tiket ditanggung. Ternyata penipuan. Untung dia nggak jadi berangkat.")
	if story.IsJobAd {
		t.Errorf("a testimony is read as a job ad (level %s)", story.Level)
	}
}
