package reply

import (
	"github.com/cekloker/cekloker/internal/rules"
)

// maxImageQuote is how much of the text read from an image a reply quotes.
const maxImageQuote = 300

// FromImage is the line that says the text was read from an image, with
// the start of what was read quoted, as Telegram HTML: people can see
// when OCR misread the poster.
func FromImage(ocrText, lang string) string {
	return "🖼 " + esc(imageNote.In(lang)) + "\n<blockquote>" + esc(clip(ocrText, maxImageQuote)) + "</blockquote>"
}

// FromImagePlain is FromImage as plain text for a terminal.
func FromImagePlain(ocrText, lang string) string {
	return imageNote.In(lang) + "\n  «" + clip(ocrText, maxImageQuote) + "»\n"
}

// FromImageShort is the one-line note for a compact group reply.
func FromImageShort(lang string) string {
	return "🖼 " + label(lang, "Dibaca dari gambar.", "Read from the image.")
}

var imageNote = rules.Text{
	"id": "Teks ini saya baca dari gambar (OCR); huruf bisa salah baca. Yang terbaca:",
	"en": "I read this text from the image (OCR); letters can be misread. What I read:",
}

// NoTextInImage answers an image in which OCR found no text.
func NoTextInImage(lang string) string {
	return rules.Text{
		"id": "Saya tidak menemukan tulisan yang terbaca di gambar ini. Kirim gambar yang lebih jelas, atau ketik bagian penting lowongannya: posisi, gaji, negara, cara berangkat, kontak.",
		"en": "I found no readable text in this image. Send a clearer picture, or type the key parts of the job ad: position, pay, country, how you travel, contact.",
	}.In(lang)
}

// OCRUnavailable says plainly that images cannot be read here and asks
// for the text.
func OCRUnavailable(lang string) string { return ImageProblem("unavailable", lang) }

// ImageProblem explains why an image was not read. kind is one of the
// ocr package's error kinds ("too_big", "too_many_pixels", "not_image",
// "damaged", "timeout", "busy", "failed", "unavailable").
func ImageProblem(kind, lang string) string {
	t, ok := imageProblems[kind]
	if !ok {
		t = imageProblems["failed"]
	}
	return t.In(lang)
}

var imageProblems = map[string]rules.Text{
	"too_big": {
		"id": "Gambar ini terlalu besar (lebih dari 10 MB), jadi tidak saya baca. Kirim sebagai foto biasa (bukan file), atau ketik teks lowongannya.",
		"en": "This image is too large (over 10 MB), so I did not read it. Send it as an ordinary photo (not a file), or type the text of the job ad.",
	},
	"too_many_pixels": {
		"id": "Gambar ini terlalu besar (lebih dari 20 megapiksel), jadi tidak saya baca. Kirim sebagai foto biasa, potong bagian lowongannya, atau ketik teksnya.",
		"en": "This image is too large (over 20 megapixels), so I did not read it. Send it as an ordinary photo, crop it to the job ad, or type the text.",
	},
	"not_image": {
		"id": "File ini bukan gambar PNG, JPEG atau WebP, walaupun namanya seperti gambar. Kirim foto lowongannya, atau salin-tempel teksnya.",
		"en": "This file is not a PNG, JPEG or WebP image, even if its name looks like one. Send a photo of the job ad, or paste its text.",
	},
	"damaged": {
		"id": "Gambar ini rusak atau terpotong, jadi tidak bisa saya baca. Kirim ulang gambarnya, atau ketik teks lowongannya.",
		"en": "This image is damaged or cut short, so I cannot read it. Send the image again, or type the text of the job ad.",
	},
	"timeout": {
		"id": "Membaca gambar ini terlalu lama, jadi saya hentikan. Kirim gambar yang lebih kecil atau lebih jelas, atau ketik teks lowongannya.",
		"en": "Reading this image took too long, so I stopped. Send a smaller or clearer image, or type the text of the job ad.",
	},
	"busy": {
		"id": "Saya sedang membaca banyak gambar. Coba kirim lagi sebentar lagi, atau ketik teks lowongannya sekarang.",
		"en": "I am reading many images right now. Try again in a minute, or type the text of the job ad now.",
	},
	"failed": {
		"id": "Saya gagal membaca gambar ini. Kirim ulang sebagai foto biasa, atau ketik teks lowongannya.",
		"en": "I could not read this image. Send it again as an ordinary photo, or type the text of the job ad.",
	},
	"unavailable": {
		"id": "Maaf, di sini saya tidak bisa membaca tulisan di gambar. Salin-tempel teks lowongannya, atau ketik bagian penting: posisi, gaji, negara, cara berangkat, kontak.",
		"en": "Sorry, I cannot read the text in images here. Paste the text of the job ad, or type the key parts: position, pay, country, how you travel, contact.",
	},
}
