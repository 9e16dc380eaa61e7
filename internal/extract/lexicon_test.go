package extract

import "testing"

func TestLexTableAgreesWithLexicon(t *testing.T) {
	for w, e := range lexicon {
		if got := lookup([]byte(w)); got != e {
			t.Errorf("lookup(%q) = %+v, want %+v", w, got, e)
		}
	}
	for _, w := range []string{"", "tahu", "tahunx", "jutaa", "a1", "abcdefghijklmnopq", "kerja", "usia"} {
		if got := lookup([]byte(w)); got != noEntry {
			t.Errorf("lookup(%q) = %+v, want no entry", w, got)
		}
	}
}

func TestLexiconWordsFit(t *testing.T) {
	for w := range lexicon {
		if len(w) == 0 || len(w) > len(wordBuf{}) {
			t.Errorf("lexicon word %q cannot be read into a wordBuf", w)
		}
		for i := 0; i < len(w); i++ {
			if w[i] < 'a' || w[i] > 'z' {
				t.Errorf("lexicon word %q is not lowercase ASCII letters", w)
			}
		}
	}
}
