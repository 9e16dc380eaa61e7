package normalize

import (
	"fmt"
	"sort"
	"strings"
)

// Normalizer normalises texts and phrases with a table of abbreviations
// (the rule file's lists.abbreviations). The zero value and nil expand
// nothing. A Normalizer never changes after New and is safe for concurrent
// use.
type Normalizer struct {
	// abbrev maps a folded short form to the words it stands for.
	abbrev map[string][]string
	// first[c] has bit n set when a short form of n bytes starts with c,
	// and last[c] when one ends with c: a cheap test that spares most
	// words the map lookup.
	first, last [256]uint64
}

// expand returns the words a token stands for, if it is a short form.
func (n *Normalizer) expand(tok []byte) ([]string, bool) {
	if len(tok) >= 64 || n.first[tok[0]]&n.last[tok[len(tok)-1]]&(1<<len(tok)) == 0 {
		return nil, false
	}
	words, ok := n.abbrev[string(tok)]
	return words, ok
}

// plain is the Normalizer of the package-level String and Phrase.
var plain = &Normalizer{}

// New returns a Normalizer that expands the short forms of abbrev
// ("brgkt": "berangkat", "gausah": "tidak usah"). Each short form must be
// one word after folding, and each expansion one or more words.
func New(abbrev map[string]string) (*Normalizer, error) {
	n := &Normalizer{abbrev: make(map[string][]string, len(abbrev))}
	keys := make([]string, 0, len(abbrev))
	for k := range abbrev {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		short := plain.Phrase(k)
		if short == "" || strings.Contains(short, " ") || short == Number {
			return nil, fmt.Errorf("abbreviation %q must be one word", k)
		}
		words := strings.Fields(plain.Phrase(abbrev[k]))
		if len(words) == 0 {
			return nil, fmt.Errorf("abbreviation %q stands for no words", k)
		}
		if _, dup := n.abbrev[short]; dup {
			return nil, fmt.Errorf("abbreviation %q is listed twice (after normalisation)", k)
		}
		n.abbrev[short] = words
		if len(short) < 64 {
			n.first[short[0]] |= 1 << len(short)
			n.last[short[len(short)-1]] |= 1 << len(short)
		}
	}
	return n, nil
}
