package screen

import (
	"fmt"
	"unsafe"

	"github.com/coregx/ahocorasick"

	"github.com/cekloker/cekloker/internal/normalize"
	"github.com/cekloker/cekloker/internal/rules"
)

// phraseSet finds phrases (no regular expressions) in a normalised text
// with one automaton pass. Each phrase carries a caller's number.
type phraseSet struct {
	ac   *ahocorasick.Automaton
	refs [][]int // refs[literal] lists the numbers of the phrases it stands for
}

// phraseHit is one occurrence of the phrase numbered id.
type phraseHit struct {
	id int
	span
}

// newPhraseSet compiles phrases; ids[i] is the number of phrases[i].
func newPhraseSet(phrases []rules.Pattern, ids []int) (*phraseSet, error) {
	s := &phraseSet{}
	lits := map[string]int{}
	var patterns []string
	for i, p := range phrases {
		if p.Regexp != nil {
			return nil, fmt.Errorf("phrase %q: regular expressions are not allowed here", p.Raw)
		}
		l := literal(p)
		n, ok := lits[l]
		if !ok {
			n = len(patterns)
			lits[l] = n
			patterns = append(patterns, l)
			s.refs = append(s.refs, nil)
		}
		s.refs[n] = append(s.refs[n], ids[i])
	}
	if len(patterns) == 0 {
		return s, nil
	}
	ac, err := ahocorasick.NewBuilder().AddStrings(patterns).Build()
	if err != nil {
		return nil, err
	}
	s.ac = ac
	return s, nil
}

// find returns every occurrence, in the order the automaton reports them.
func (s *phraseSet) find(nt *normalize.Text) []phraseHit {
	if s == nil || s.ac == nil {
		return nil
	}
	hay := unsafe.Slice(unsafe.StringData(nt.Joined), len(nt.Joined))
	var out []phraseHit
	for _, m := range s.ac.FindAllOverlapping(hay) {
		for _, id := range s.refs[m.PatternID] {
			out = append(out, phraseHit{id, span{m.Start, m.End}})
		}
	}
	return out
}
