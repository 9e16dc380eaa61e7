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

// lookup returns the lexicon entry of a lowercased word (the string
// conversion in a map index does not allocate).
func lookup(w []byte) *lexEntry {
	if e, ok := lexicon[string(w)]; ok {
		return e
	}
	return noEntry
}

func (e *lexEntry) is(c lexClass) bool { return e.cls&c != 0 }
