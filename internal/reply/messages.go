package reply

import (
	"fmt"

	"github.com/cekloker/cekloker/internal/rules"
)

// Help is the answer to /start and /help in a private chat.
func Help(lang string) string {
	return SpellOut(help.In(lang), lang)
}

var help = rules.Text{
	"id": "👋 <b>Cek Loker</b> membantu Anda mengenali lowongan kerja palsu dan modus perdagangan orang, terutama tawaran kerja ke luar negeri.\n\n" +
		"<b>Cara pakai:</b> teruskan (forward) atau salin-tempel teks lowongan ke sini. Saya akan menjawab tingkat risikonya (tinggi, sedang, rendah), kalimat mana yang berbahaya dan alasannya, serta cara mengecek lewat jalur resmi.\n\n" +
		"Contoh: <i>\"Loker admin di Kamboja, gaji 20jt, tiket ditanggung, berangkat minggu ini, hub WA\"</i>\n\n" +
		"Di grup, tambahkan saya dan jadikan admin: saya akan memperingatkan lowongan berisiko. Balas (reply) sebuah pesan dengan /cek untuk memeriksanya. Admin grup mengatur saya dengan /settings.\n\n" +
		"Jawaban saya bukan jaminan. Selalu cek lowongan luar negeri di SISKOP2MI atau kantor BP3MI/Disnaker.\n\n" +
		"🔒 Yang saya simpan: waktu, tingkat risiko, aturan yang cocok dan sidik (hash) teks.\n" +
		"Yang tidak saya simpan: isi pesan Anda, nama dan ID Telegram Anda (kecuali operator menyalakan penyimpanan teks).",
	"en": "👋 <b>Cek Loker</b> helps you spot fake job ads and human-trafficking recruitment, above all offers of work abroad.\n\n" +
		"<b>How to use it:</b> forward or paste the text of a job ad here. I will answer with its risk level (high, medium, low), which phrases are dangerous and why, and how to check it through official channels.\n\n" +
		"Example: <i>\"Admin job in Cambodia, salary 20 million, ticket paid, leave this week, contact on WhatsApp\"</i>\n\n" +
		"In a group, add me and make me an admin: I will warn about risky job posts. Reply to a message with /cek to check it. Group admins set me up with /settings.\n\n" +
		"My answer is not a guarantee. Always check overseas jobs on SISKOP2MI or at a BP3MI/Disnaker office.\n\n" +
		"🔒 What I store: the time, the risk level, the rules that matched and a fingerprint (hash) of the text.\n" +
		"What I do not store: your message, your name or your Telegram id (unless the operator turned text storage on).",
}

// NotJobAd answers a text that does not look like a job offer.
func NotJobAd(lang string) string {
	return rules.Text{
		"id": "Pesan ini tidak terlihat seperti lowongan kerja, jadi tidak saya nilai. Kirim atau teruskan teks lowongan kerjanya (posisi, gaji, lokasi, cara daftar), lalu saya periksa. Ketik /help untuk contoh.",
		"en": "This does not look like a job offer, so I did not score it. Send or forward the text of the job ad (position, pay, place, how to apply) and I will check it. Type /help for an example.",
	}.In(lang)
}

// NoText answers a sticker, a photo without caption or an empty message.
func NoText(lang string) string {
	return rules.Text{
		"id": "Saya hanya bisa membaca teks. Salin-tempel teks lowongannya, atau teruskan pesan yang berisi teks. Kalau lowongannya berupa gambar, ketik ulang bagian penting: posisi, gaji, negara, cara berangkat, kontak.",
		"en": "I can only read text. Paste the text of the job ad, or forward a message that contains text. If the ad is a picture, type the key parts: position, pay, country, how you travel, contact.",
	}.In(lang)
}

// GroupIntro is posted once when the bot is added to a group.
func GroupIntro(lang string) string {
	return rules.Text{
		"id": "👋 Halo! Saya <b>Cek Loker</b>. Saya memeriksa lowongan kerja yang diposting di grup ini dan memperingatkan jika ada tanda penipuan atau perdagangan orang. Obrolan biasa tidak saya jawab.\n\nBalas (reply) pesan dengan /cek untuk memeriksanya. Admin grup: /settings. Agar saya bisa membaca postingan, jadikan saya admin grup.",
		"en": "👋 Hi! I am <b>Cek Loker</b>. I check job ads posted in this group and warn when they show signs of scams or human trafficking. I stay quiet on ordinary conversation.\n\nReply to a message with /cek to check it. Group admins: /settings. To let me read posts, make me a group admin.",
	}.In(lang)
}

// CekUsage explains /cek when it is not a reply.
func CekUsage(lang string) string {
	return rules.Text{
		"id": "Balas (reply) pesan lowongan dengan /cek, lalu saya periksa pesan itu.",
		"en": "Reply to a job-ad message with /cek and I will check that message.",
	}.In(lang)
}

// NotAdmin politely refuses a group setting to a member who is not an admin.
func NotAdmin(lang string) string {
	return rules.Text{
		"id": "Maaf, hanya admin grup yang bisa mengubah pengaturan saya.",
		"en": "Sorry, only the group's admins can change my settings.",
	}.In(lang)
}

// ThanksFeedback acknowledges a feedback button.
func ThanksFeedback(vote, lang string) string {
	if vote == "wrong" {
		return rules.Text{"id": "Terima kasih! Admin akan meninjau penilaian ini.", "en": "Thank you! An admin will review this verdict."}.In(lang)
	}
	return rules.Text{"id": "Terima kasih atas masukannya!", "en": "Thank you for the feedback!"}.In(lang)
}

// FeedbackButtons are the labels of the feedback buttons.
func FeedbackButtons(lang string) (helpful, wrong string) {
	if lang == "en" {
		return "👍 Helpful", "👎 Wrong"
	}
	return "👍 Membantu", "👎 Salah"
}

// DetailsButton labels the toggle under a private verdict: "Lihat detail"
// while the summary shows, "Ringkas" while the details show.
func DetailsButton(lang string, details bool) string {
	if details {
		return label(lang, "⬆️ Ringkas", "⬆️ Summary")
	}
	return label(lang, "📖 Lihat detail", "📖 Details")
}

// AlreadyAnswered answers /cek on a message whose current text was
// answered already; it replies to (or links) that answer.
func AlreadyAnswered(lang string) string {
	return label(lang, "☝️ Saya sudah menjawab pesan ini: lihat jawaban saya yang dibalas ini.",
		"☝️ I already answered this message: see my answer this replies to.")
}

// FullExplanationButton labels the deep link from a group reply.
func FullExplanationButton(lang string) string {
	return label(lang, "📖 Penjelasan lengkap", "📖 Full explanation")
}

// ExpiredLink answers a deep link whose verdict is no longer kept.
func ExpiredLink(lang string) string {
	return label(lang, "Penjelasan ini sudah tidak tersimpan. Teruskan lowongannya ke sini untuk diperiksa ulang.",
		"This explanation is no longer kept. Forward the job ad here to check it again.")
}

// Forwarded notes where a forwarded ad came from.
func Forwarded(from, lang string) string {
	return fmt.Sprintf(label(lang, "📨 Diteruskan dari: %s", "📨 Forwarded from: %s"), esc(from))
}
