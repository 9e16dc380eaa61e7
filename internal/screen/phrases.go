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

// literals numbers the distinct literals of one automaton and lists what
// each stands for (R: a reference of the caller's).
type literals[R any] struct {
	ids      map[string]int
	patterns []string
	refs     [][]R // refs[i] lists what patterns[i] stands for
}

// add records that lit stands for r.
func (l *literals[R]) add(lit string, r R) {
	if l.ids == nil {
		l.ids = map[string]int{}
	}
	id, ok := l.ids[lit]
	if !ok {
		id = len(l.patterns)
		l.ids[lit] = id
		l.patterns = append(l.patterns, lit)
		l.refs = append(l.refs, nil)
	}
	l.refs[id] = append(l.refs[id], r)
}

// newPhraseSet compiles phrases; ids[i] is the number of phrases[i].
func newPhraseSet(phrases []rules.Pattern, ids []int) (*phraseSet, error) {
	var lits literals[int]
	for i, p := range phrases {
		if p.Regexp != nil {
			return nil, fmt.Errorf("phrase %q: regular expressions are not allowed here", p.Raw)
		}
		lits.add(literal(p), ids[i])
	}
	s := &phraseSet{refs: lits.refs}
	if len(lits.patterns) == 0 {
		return s, nil
	}
	ac, err := ahocorasick.NewBuilder().AddStrings(lits.patterns).Build()
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
