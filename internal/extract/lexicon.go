package extract

// The word tables of lex.go and salarywords.go are merged at init into one
// lexicon, so that each word read from the text costs one map lookup
// whatever it is then tested for.

type lexClass uint16

const (
	lxCurPrefix   lexClass = 1 << iota // curPrefixWords
	lxCurSuffix                        // curSuffixWords
	lxMult                             // multipliers
	lxPeriod                           // periodWords (need a connector)
	lxPeriodAlone                      // periodStandalone
	lxConnector                        // periodConnectors
	lxKeyword                          // salaryKeywords
	lxFiller                           // salaryFillers
	lxRange                            // rangeWords
	lxCount                            // countNouns
	lxFillerAfter                      // fillerAfter
)

type lexEntry struct {
	cls         lexClass
	prefixCur   string
	suffixCur   string
	mult        multiplier
	period      string // of a periodWord
	periodAlone string // of a periodStandalone word
}

var lexicon = buildLexicon()

// lexTable is lexicon as an open-addressing hash table keyed by the word
// packed into two uint64s: a lookup is a multiply and a compare or two,
// several times cheaper than hashing a string key. It is at most a quarter
// full, so probe sequences stay short.
var lexTable, lexBits = buildLexTable(lexicon)

type lexKey struct{ a, b uint64 }

type lexSlot struct {
	key lexKey
	e   *lexEntry
}

// packWord packs a word of at most 16 bytes; the empty key means "no word".
func packWord(w []byte) lexKey {
	var k lexKey
	for i, c := range w {
		if i < 8 {
			k.a |= uint64(c) << (8 * i)
		} else {
			k.b |= uint64(c) << (8 * (i - 8))
		}
	}
	return k
}

func (k lexKey) slot(bits uint) uint64 {
	return (k.a*0x9E3779B97F4A7C15 ^ k.b*0xC2B2AE3D27D4EB4F) >> (64 - bits)
}

// buildLexTable builds lexTable. Words longer than a wordBuf can never be
// read from the text, so they are left out (TestLexiconWordsFit keeps
// the tables free of them).
func buildLexTable(m map[string]*lexEntry) ([]lexSlot, uint) {
	bits := uint(4)
	for 1<<bits < 4*len(m) {
		bits++
	}
	t := make([]lexSlot, 1<<bits)
	mask := uint64(1)<<bits - 1
	for w, e := range m {
		if len(w) == 0 || len(w) > len(wordBuf{}) {
			continue
		}
		k := packWord([]byte(w))
		i := k.slot(bits)
		for t[i].e != nil {
			i = (i + 1) & mask
		}
		t[i] = lexSlot{k, e}
	}
	return t, bits
}

func buildLexicon() map[string]*lexEntry {
	m := make(map[string]*lexEntry)
	get := func(w string, c lexClass) *lexEntry {
		e := m[w]
		if e == nil {
			e = new(lexEntry)
			m[w] = e
		}
		e.cls |= c
		return e
	}
	for w, c := range curPrefixWords {
		get(w, lxCurPrefix).prefixCur = c
	}
	for w, c := range curSuffixWords {
		get(w, lxCurSuffix).suffixCur = c
	}
	for w, x := range multipliers {
		get(w, lxMult).mult = x
	}
	for w, p := range periodWords {
		get(w, lxPeriod).period = p
	}
	for w, p := range periodStandalone {
		get(w, lxPeriodAlone).periodAlone = p
	}
	sets := []struct {
		words map[string]bool
		cls   lexClass
	}{
		{periodConnectors, lxConnector}, {salaryKeywords, lxKeyword},
		{salaryFillers, lxFiller}, {rangeWords, lxRange}, {countNouns, lxCount},
		{fillerAfter, lxFillerAfter},
	}
	for _, set := range sets {
		for w, ok := range set.words {
			if ok {
				get(w, set.cls)
			}
		}
	}
	return m
}

// noEntry is returned for unknown words so that callers need no nil check.
var noEntry = &lexEntry{}

// lookup returns the lexicon entry of a lowercased word.
func lookup(w []byte) *lexEntry {
	if len(w) == 0 || len(w) > len(wordBuf{}) {
		return noEntry
	}
	k := packWord(w)
	mask := uint64(len(lexTable) - 1)
	for i := k.slot(lexBits); ; i = (i + 1) & mask {
		sl := &lexTable[i]
		if sl.e == nil {
			return noEntry
		}
		if sl.key == k {
			return sl.e
		}
	}
}

func (e *lexEntry) is(c lexClass) bool { return e.cls&c != 0 }
