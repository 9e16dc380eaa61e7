package telegram

import (
	"fmt"

	"github.com/cekloker/cekloker/internal/store"
)

// Texts of reports and look-ups. Facts (sites, hotlines) come from
// ../shared/guidance/facts.md, sections 1, 1b and 2.

func tr(lang, id, en string) string {
	if lang == "en" {
		return en
	}
	return id
}

func reportUsage(lang string, private bool) string {
	if private {
		return tr(lang,
			"Untuk melaporkan iklan penipuan: balas (reply) iklan yang diteruskan, atau jawaban bot tentang iklan itu, dengan /lapor.",
			"To report a scam ad: reply /report to the forwarded ad, or to the bot's verdict on it.")
	}
	return tr(lang, "Untuk melaporkan iklan penipuan: balas (reply) postingannya dengan /lapor.",
		"To report a scam ad: reply /report to the post.")
}

func reportLimited(lang string) string {
	return tr(lang, "Kamu sudah mengirim banyak laporan dalam satu jam terakhir. Coba lagi nanti.",
		"You have sent many reports in the last hour. Please try again later.")
}

func reportGone(lang string) string {
	return tr(lang, "Iklannya tidak ditemukan lagi. Teruskan iklannya ke bot, lalu balas dengan /lapor.",
		"The ad can no longer be found. Forward it to the bot, then reply /report to it.")
}

func reportButton(lang string) string {
	return tr(lang, "🚩 Laporkan penipuan", "🚩 Report as a scam")
}

func reportThanks(r store.ReportResult, lang string) string {
	switch {
	case r.Duplicate:
		return tr(lang, "Kamu sudah melaporkan iklan ini; laporan yang sama dihitung satu kali. Terima kasih.",
			"You reported this ad already; the same report counts once. Thank you.")
	case r.Status == store.StatusConfirmed:
		return fmt.Sprintf(tr(lang, "Terima kasih. Iklan ini sudah dikonfirmasi penipuan (%d laporan).",
			"Thank you. This ad is already confirmed as a scam (%d reports)."), r.Reporters)
	}
	return fmt.Sprintf(tr(lang,
		"Terima kasih, laporan dicatat (%d orang melaporkan iklan ini). Admin bot akan memeriksanya; bila dikonfirmasi penipuan, bot akan mengenali iklan ini dan kontaknya di grup lain.",
		"Thank you, your report is recorded (%d people reported this ad). The bot's admins will check it; once confirmed as a scam, the bot recognises this ad and its contacts in other groups."), r.Reporters)
}

func companyAdvice(lang string) string {
	return tr(lang,
		"Cara cek perusahaan penempatan pekerja migran (P3MI): buka SISKOP2MI, siskop2mi.bp2mi.go.id — di sana ada daftar perusahaan penempatan yang terdaftar dan negara penempatan resmi; lowongan resminya di siskop2mi.bp2mi.go.id/lowongan/list. Bisa juga tanya Disnaker atau BP3MI di daerahmu. Nama yang tidak ada di sana jangan dipercaya.",
		"How to check a migrant-worker placement company (P3MI): open SISKOP2MI, siskop2mi.bp2mi.go.id — it lists the registered placement companies and the official placement countries; official vacancies are at siskop2mi.bp2mi.go.id/lowongan/list. You can also ask the Disnaker or BP3MI in your area. Do not trust a name that is not listed there.")
}

func lookupAdvice(kinds map[string]bool, lang string) string {
	s := ""
	if kinds["phone"] {
		s += tr(lang, "• Nomor yang dipakai menipu bisa dilaporkan di AduanNomor.id (Komdigi).\n",
			"• A number used for fraud can be reported at AduanNomor.id (Komdigi).\n")
	}
	if kinds["bank"] {
		s += tr(lang, "• Cek dan laporkan rekening di CekRekening.id (Komdigi).\n",
			"• Check and report bank accounts at CekRekening.id (Komdigi).\n")
	}
	s += tr(lang, "• Lowongan ke luar negeri: cek di SISKOP2MI, siskop2mi.bp2mi.go.id.\n• Laporkan iklan penipuan: balas iklannya dengan /lapor.",
		"• Jobs abroad: check on SISKOP2MI, siskop2mi.bp2mi.go.id.\n• Report a scam ad: reply /report to it.")
	return s
}
