package extract

import (
	"regexp"
	"strings"
)

// Bank is an Indonesian bank account number given in the text, with the
// bank's name when it is written next to it ("BRI 1234-5678-9012-345",
// "rek BCA 1234567890 a.n. …", "no rek 1234567890 (BNI)").
type Bank struct {
	Bank       string `json:"bank,omitempty"` // canonical name, e.g. "BRI", "CIMB NIAGA"; "" when not named
	Number     string `json:"number"`         // digits only
	Raw        string `json:"raw"`            // as written
	Start, End int    `json:"-"`              // byte span in the text
}

// bankNames are the banks recognised by name (lowercase, as written);
// "bank <word>" also counts.
const bankNames = `bri|bca|bni|mandiri|bsi|btn|cimb(?:\s*niaga)?|danamon|permata|jago|seabank|muamalat|mega|panin|ocbc(?:\s*nisp)?|maybank|bjb|btpn|jenius|blu|bank\s+[a-z]{3,12}`

// accountDigits is 8–18 digits, optionally grouped by spaces, dots or
// dashes.
const accountDigits = `(\d(?:[ .\-]?\d){7,17})`

var (
	// bankFirst: a bank's name, a few non-digit characters on the same
	// line (rek, no., :, a/n), then the number.
	bankFirst = regexp.MustCompile(`(?i)\b(` + bankNames + `)\b[^\d\n]{0,25}?` + accountDigits + `\b`)
	// rekFirst: "rek", "rekening", "norek" or "account", then the number.
	rekFirst = regexp.MustCompile(`(?i)\b(?:rek(?:ening)?|no\.?\s*rek|norek|account|acc)\b[^\d\n]{0,15}?` + accountDigits + `\b`)
	// bankAfter finds a bank's name just after a number: "(BCA)".
	bankAfter = regexp.MustCompile(`(?i)^[^\d\n]{0,12}?\b(` + bankNames + `)\b`)
	spaces    = regexp.MustCompile(`\s+`)
)

// maxBanks bounds the accounts reported for one text.
const maxBanks = 16

// Banks finds bank account numbers in text, deduplicated by bank and
// number, in order of appearance. It runs in linear time (RE2).
func Banks(text string) []Bank {
	if !strings.ContainsAny(text, "0123456789") {
		return nil
	}
	var out []Bank
	seen := map[string]bool{}
	add := func(name string, a, b int) {
		num := digitsOnly(text[a:b])
		key := name + ":" + num
		if seen[key] || len(out) == maxBanks {
			return
		}
		seen[key] = true
		out = append(out, Bank{Bank: name, Number: num, Raw: strings.TrimSpace(text[a:b]), Start: a, End: b})
	}
	var taken spans
	for _, m := range bankFirst.FindAllStringSubmatchIndex(text, maxBanks) {
		add(canonicalBank(text[m[2]:m[3]]), m[4], m[5])
		taken = append(taken, span{m[4], m[5]})
	}
	for _, m := range rekFirst.FindAllStringSubmatchIndex(text, maxBanks) {
		if taken.normalize().has(m[2]) {
			continue
		}
		name := ""
		if n := bankAfter.FindStringSubmatch(text[m[3]:min(len(text), m[3]+40)]); n != nil {
			name = canonicalBank(n[1])
		}
		add(name, m[2], m[3])
	}
	return out
}

// canonicalBank writes a bank's name in capitals with single spaces,
// without the word "bank".
func canonicalBank(s string) string {
	s = strings.ToUpper(spaces.ReplaceAllString(strings.TrimSpace(s), " "))
	return strings.TrimPrefix(s, "BANK ")
}

func digitsOnly(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
