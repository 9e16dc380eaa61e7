// Package reply turns a verdict into what people read: the headline, the
// plain-language meaning of each level, and the red flags with their quoted
// phrases and the official guidance, as plain text (for the terminal) or as
// Telegram HTML. It does no I/O.
package reply

import (
	"github.com/cekloker/cekloker/internal/rules"
)

// Lang picks the reply language from a Telegram language code: English for
// "en…", Indonesian for everything else (id, ms, unknown, empty).
func Lang(code string) string {
	if len(code) >= 2 && (code[:2] == "en" || code[:2] == "EN") {
		return "en"
	}
	return "id"
}

// Headline names the level: RISIKO TINGGI / HIGH RISK and so on.
func Headline(level, lang string) string {
	return pick(lang, headlines[level])
}

// Meaning is one plain sentence saying what the level means for the reader.
func Meaning(level, lang string) string {
	return pick(lang, meanings[level])
}

// domesticHigh is the meaning of a high verdict on a fake vacancy at home:
// no passport or departure to speak of.
var domesticHigh = rules.Text{
	"id": "Tawaran ini sangat mirip modus penipuan lowongan kerja. Jangan kirim uang, data pribadi atau dokumen.",
	"en": "This offer closely matches job scams. Do not send money, personal data or documents.",
}

func pick(lang string, t rules.Text) string { return t.In(lang) }

var headlines = map[string]rules.Text{
	rules.High:   {"id": "RISIKO TINGGI", "en": "HIGH RISK"},
	rules.Medium: {"id": "RISIKO SEDANG", "en": "MEDIUM RISK"},
	rules.Low:    {"id": "RISIKO RENDAH", "en": "LOW RISK"},
}

var meanings = map[string]rules.Text{
	rules.High: {
		"id": "Tawaran ini sangat mirip modus penipuan kerja dan perdagangan orang. Jangan berangkat, jangan kirim uang, paspor atau data pribadi.",
		"en": "This offer closely matches job scams and human trafficking. Do not go, and do not send money, your passport or personal data.",
	},
	rules.Medium: {
		"id": "Ada tanda bahaya. Jangan lanjut sebelum Anda mengecek lowongan dan perusahaannya lewat jalur resmi.",
		"en": "There are warning signs. Do not go further before you check the job and the company through official channels.",
	},
	rules.Low: {
		"id": "Saya tidak menemukan tanda bahaya yang saya kenal. Rendah bukan jaminan aman: tetap cek lowongannya lewat jalur resmi.",
		"en": "I found no warning sign I know of. Low is not a clearance: still check the job through official channels.",
	},
}

// label is a short fixed text in both languages.
func label(lang, id, en string) string {
	if lang == "en" {
		return en
	}
	return id
}
