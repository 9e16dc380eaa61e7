package reply

import (
	"strings"

	"github.com/cekloker/cekloker/internal/i18n"
)

// acronyms are spelled out the first time they appear in a message; the
// catalogs have their long forms as acronym_<lowercase>.
var acronyms = []string{"SISKOP2MI", "KP2MI", "BP3MI", "P3MI", "OPP", "KBRI"}

// SpellOut writes each known acronym (P3MI, BP3MI, KP2MI, SISKOP2MI, OPP,
// KBRI) out in brackets after its first appearance in a rendered message.
// It skips HTML tags, web addresses, phrases quoted from the ad «…», and
// an acronym in brackets, which the text already explains.
func SpellOut(s, lang string) string {
	done := make([]bool, len(acronyms))
	var b strings.Builder
	b.Grow(len(s) + 128)
	inTag, inQuote := false, false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case inTag:
			inTag = c != '>'
		case c == '<':
			inTag = true
		case strings.HasPrefix(s[i:], "«"):
			inQuote = true
		case strings.HasPrefix(s[i:], "»"):
			inQuote = false
		case !inQuote && (i == 0 || !wordByte(s[i-1]) && s[i-1] != '.'):
			if k, n := acronymAt(s, i); k >= 0 {
				b.WriteString(s[i : i+n])
				explained := i > 0 && s[i-1] == '(' // "perusahaan penempatan (P3MI)"
				if !done[k] && !explained {
					done[k] = true
					b.WriteString(" (" + i18n.T(lang, "acronym_"+strings.ToLower(acronyms[k])) + ")")
				}
				i += n
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// acronymAt finds an acronym standing as a whole word at s[i:], not part
// of a web address (siskop2mi.bp2mi.go.id is lowercase; a dot followed by
// a letter is treated as an address too).
func acronymAt(s string, i int) (int, int) {
	for k, a := range acronyms {
		if !strings.HasPrefix(s[i:], a) {
			continue
		}
		j := i + len(a)
		if j < len(s) && (wordByte(s[j]) || s[j] == '.' && j+1 < len(s) && wordByte(s[j+1])) {
			continue
		}
		return k, len(a)
	}
	return -1, 0
}

func wordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}
