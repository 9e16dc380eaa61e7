package reply

import (
	"slices"

	"github.com/cekloker/cekloker/internal/i18n"
)

// maxImageQuote is how much of the text read from an image a reply quotes.
const maxImageQuote = 300

// FromImage is the line that says the text was read from an image, with
// the start of what was read quoted, as Telegram HTML: people can see
// when OCR misread the poster.
func FromImage(ocrText, lang string) string {
	return "🖼 " + esc(i18n.T(lang, "image_note")) + "\n<blockquote>" + esc(clip(ocrText, maxImageQuote)) + "</blockquote>"
}

// FromImagePlain is FromImage as plain text for a terminal.
func FromImagePlain(ocrText, lang string) string {
	return i18n.T(lang, "image_note") + "\n  «" + clip(ocrText, maxImageQuote) + "»\n"
}

// FromImageShort is the one-line note for a compact group reply.
func FromImageShort(lang string) string {
	return "🖼 " + i18n.T(lang, "image_short")
}

// NoTextInImage answers an image in which OCR found no text.
func NoTextInImage(lang string) string { return i18n.T(lang, "image_no_text") }

// OCRUnavailable says plainly that images cannot be read here and asks
// for the text.
func OCRUnavailable(lang string) string { return ImageProblem("unavailable", lang) }

// imageProblems are the ocr package's error kinds.
var imageProblems = []string{"too_big", "too_many_pixels", "not_image", "damaged", "timeout", "busy", "failed", "unavailable"}

// ImageProblem explains why an image was not read. kind is one of the
// ocr package's error kinds ("too_big", "too_many_pixels", "not_image",
// "damaged", "timeout", "busy", "failed", "unavailable").
func ImageProblem(kind, lang string) string {
	if !slices.Contains(imageProblems, kind) {
		kind = "failed"
	}
	return i18n.T(lang, "image_"+kind)
}
