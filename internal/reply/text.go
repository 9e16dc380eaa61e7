// Package reply turns a verdict into what people read: the headline, the
// plain-language meaning of each level, and the red flags with their quoted
// phrases and the official guidance, as plain text (for the terminal) or as
// Telegram HTML. It does no I/O.
//
// Every string a person reads comes from one of two places: the bot's own
// words from the message catalogs of package i18n (one file per language),
// and the rule file's texts (explanations, names, advice, labels), keyed by
// the languages of its languages: list. The verdict itself carries only
// ids, quoted fragments and numbers; reply renders it in any language.
package reply

import (
	"github.com/cekloker/cekloker/internal/i18n"
)

// Lang picks the reply language from a Telegram language code: a language
// with a catalog ("en-GB" is English), else Indonesian (ms, unknown, empty).
func Lang(code string) string { return i18n.Match(code) }

// Headline names the level: RISIKO TINGGI / HIGH RISK and so on.
func Headline(level, lang string) string {
	return i18n.T(lang, "headline_"+level)
}

// Meaning is one plain sentence saying what the level means for the reader.
func Meaning(level, lang string) string {
	return i18n.T(lang, "meaning_"+level)
}
