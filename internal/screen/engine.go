// Package screen scores a text against the rules: it normalises the text,
// extracts entities, finds every rule phrase in one pass of a multi-pattern
// automaton, and adds up the weights of the rules that hit and of the
// combinations of categories. It does no I/O and knows nothing of Telegram.
package screen

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unsafe"

	"github.com/coregx/ahocorasick"

	"github.com/cekloker/cekloker/internal/extract"
	"github.com/cekloker/cekloker/internal/model"
	"github.com/cekloker/cekloker/internal/normalize"
	"github.com/cekloker/cekloker/internal/rules"
)

// Engine screens texts with one compiled rule file. It is safe for
// concurrent use and never changes after Compile.
type Engine struct {
	file    *rules.File
	version string
	ac      *ahocorasick.Automaton
	// refs[i] lists what the i-th automaton literal stands for.
	refs [][]ref
	// regexps are the regular-expression patterns, triggered by literals.
	regexps []regexRef
	// patternBase[r] is the index of rule r's first pattern in a flat
	// per-screening array of pattern matches.
	patternBase []int
	nPatterns   int
	// dests are the rule file's destinations (index = destination number).
	dests []rules.Destination
	// phoneDest maps a telephone country code to a destination index.
	phoneDest map[int]int
	catIndex  map[string]int
	// ruleIndex maps a rule id to its index in the file (the first, as
	// rules.File.Rule finds it).
	ruleIndex map[string]int
	// entityRules are the rules with an entity condition, in file order.
	entityRules []int
	// negBefore and negAfter are the negation words.
	negBefore, negAfter map[string]bool
	// norm and ext read texts with the rule file's lists.
	norm *normalize.Normalizer
	ext  *extract.Extractor
	// distress is the compiled distress section (distress.go).
	distress *distress
	// model is the text model joined into verdicts (model.go), or nil.
	model *model.Model
}

type refKind uint8

const (
	refRule refKind = iota
	refJob
	refDest
	refRegex
	refExclude
	refWarning
	refRecruit
)

type ref struct {
	kind refKind
	// rule and pat locate a rule pattern; for refJob pat is the job
	// pattern index; for refDest it is the destination index; for
	// refRegex it is the index in Engine.regexps.
	rule, pat int
}

type regexRef struct {
	rule, pat int
	p         rules.Pattern
}

// Compile builds an engine from a parsed rule file and checks every rule's
// examples: an example that does not behave as declared is an error naming
// the file, the line and the rule. version identifies the rules in verdicts.
func Compile(f *rules.File, version string) (*Engine, error) {
	e := &Engine{file: f, version: version, phoneDest: map[int]int{}, catIndex: map[string]int{}, dests: f.Destinations}
	for i, c := range f.Categories {
		e.catIndex[c.ID] = i
	}
	e.ruleIndex = make(map[string]int, len(f.Rules))
	for i, r := range f.Rules {
		if _, dup := e.ruleIndex[r.ID]; !dup {
			e.ruleIndex[r.ID] = i
		}
	}
	e.norm, e.ext = f.Normalizer, extract.New(f.ExtractLists())
	e.negBefore, e.negAfter = wordSet(e.norm, f.Negation.Before), wordSet(e.norm, f.Negation.After)
	var lits literals[ref]
	addLit := lits.add
	addPattern := func(p rules.Pattern, r ref) {
		if p.Regexp != nil {
			rr := ref{kind: refRegex, pat: len(e.regexps)}
			e.regexps = append(e.regexps, regexRef{rule: r.rule, pat: r.pat, p: p})
			for _, l := range p.Literals {
				addLit(l, rr)
			}
			return
		}
		addLit(literal(p), r)
	}
	e.patternBase = make([]int, len(f.Rules))
	for ri, r := range f.Rules {
		if r.Entity != nil {
			e.entityRules = append(e.entityRules, ri)
		}
		e.patternBase[ri] = e.nPatterns
		e.nPatterns += len(r.Compiled)
		for pi, p := range r.Compiled {
			addPattern(p, ref{kind: refRule, rule: ri, pat: pi})
		}
		for _, p := range r.CompiledExclude {
			if p.Regexp != nil {
				return nil, fmt.Errorf("%s: rule %q: exclude phrases cannot be regular expressions", f.Path, r.ID)
			}
			addLit(literal(p), ref{kind: refExclude, rule: ri})
		}
	}
	for pi, p := range f.JobAd.Compiled {
		addPattern(p, ref{kind: refJob, rule: -1, pat: pi})
	}
	for pi, p := range f.JobAd.CompiledWarnings {
		addLit(literal(p), ref{kind: refWarning, rule: -1, pat: pi})
	}
	for _, p := range f.JobAd.CompiledRecruit { // phrases only (validated)
		addLit(literal(p), ref{kind: refRecruit, rule: -1})
	}
	for di, d := range f.Destinations {
		for _, name := range append(append([]string{}, d.Aliases...), d.Towns...) {
			p, err := f.ParsePattern(name)
			if err != nil {
				return nil, fmt.Errorf("%s: destination %s: %w", f.Path, d.ID, err)
			}
			if p.Regexp != nil {
				return nil, fmt.Errorf("%s: destination %s: names cannot be regular expressions", f.Path, d.ID)
			}
			addLit(literal(p), ref{kind: refDest, pat: di})
		}
		for _, c := range d.PhoneCodes {
			if _, ok := e.phoneDest[c]; !ok {
				e.phoneDest[c] = di
			}
		}
	}
	ac, err := ahocorasick.NewBuilder().AddStrings(lits.patterns).Build()
	if err != nil {
		return nil, fmt.Errorf("%s: build matcher: %w", f.Path, err)
	}
	e.ac, e.refs = ac, lits.refs
	if err := e.checkExamples(); err != nil {
		return nil, err
	}
	if err := e.compileDistress(); err != nil { // distress.go
		return nil, err
	}
	return e, nil
}

// literal is the string the automaton looks for: the phrase between spaces,
// without the space on a side that has a * wildcard.
func literal(p rules.Pattern) string {
	s := p.Phrase
	if !p.AnyStart {
		s = " " + s
	}
	if !p.AnyEnd {
		s += " "
	}
	return s
}

// Load reads, validates and compiles the rule file at path.
func Load(path string) (*Engine, error) {
	f, err := rules.Load(path)
	if err != nil {
		return nil, err
	}
	return Compile(f, "")
}

// Rules returns the rule file the engine was compiled from. Callers must
// not change it.
func (e *Engine) Rules() *rules.File { return e.file }

// Normalize normalises text as the engine does, with the rule file's
// abbreviations (its View is the folded view the extractor reads).
func (e *Engine) Normalize(text string) *normalize.Text { return e.norm.String(text) }

// Extract extracts entities as the engine does, with the rule file's lists.
func (e *Engine) Extract(text string) extract.Entities {
	ents := e.ext.Extract(text)
	ents.Banks = extract.Banks(text)
	return ents
}

// rule is e.file.Rule(id) by a map look-up instead of a walk over the
// rules: it is asked for every hit.
func (e *Engine) rule(id string) *rules.Rule {
	if i, ok := e.ruleIndex[id]; ok {
		return &e.file.Rules[i]
	}
	return nil
}

// Version identifies the rules (as given to Compile).
func (e *Engine) Version() string { return e.version }

// span is a byte range of the normalised text.
type span struct{ start, end int }

// occurrence is one place where rule pattern number pat (flat index) occurs.
type occurrence struct {
	pat int
	span
}

// scanned is what one pass of the automaton found in a text.
type scanned struct {
	// byRule holds, for each rule with a match, the first place each of
	// its patterns occurs outside the rule's exclude phrases and negations.
	byRule map[int][]span
	// jobs and warnings are the numbers of distinct job-ad patterns and
	// warning phrases found.
	jobs, warnings int
	// dests holds each destination's first mention.
	dests []span
	// recruit tells whether a recruitment phrase occurs (recruit.go).
	recruit bool
}

// scan runs the automaton over the normalised text once. Its cost depends
// on the matches found, not on the number of rules.
func (e *Engine) scan(nt *normalize.Text) scanned {
	var (
		jobs, warnings int
		recruit        bool
	)
	dests := make([]span, len(e.dests))
	jobSeen := make([]bool, len(e.file.JobAd.Compiled))
	var warnSeen []bool
	var (
		windows [][]span // per regular expression: where its fixed words occur
		occs    []occurrence
		excl    map[int][]span
	)
	hay := unsafe.Slice(unsafe.StringData(nt.Joined), len(nt.Joined))
	for _, m := range e.ac.FindAllOverlapping(hay) {
		for _, r := range e.refs[m.PatternID] {
			sp := span{m.Start, m.End}
			switch r.kind {
			case refRule:
				occs = append(occs, occurrence{e.patternBase[r.rule] + r.pat, sp})
			case refExclude:
				if excl == nil {
					excl = map[int][]span{}
				}
				excl[r.rule] = append(excl[r.rule], sp)
			case refJob:
				if !jobSeen[r.pat] {
					jobSeen[r.pat] = true
					jobs++
				}
			case refDest:
				if dests[r.pat].end == 0 {
					dests[r.pat] = sp
				}
			case refWarning:
				if warnSeen == nil {
					warnSeen = make([]bool, len(e.file.JobAd.CompiledWarnings))
				}
				if !warnSeen[r.pat] {
					warnSeen[r.pat] = true
					warnings++
				}
			case refRecruit:
				recruit = true
			case refRegex:
				if windows == nil {
					windows = make([][]span, len(e.regexps))
				}
				windows[r.pat] = addWindow(windows[r.pat], nt.Joined, sp)
			}
		}
	}
	for ri, ws := range windows {
		rx := e.regexps[ri]
		locs := findInWindows(rx.p.Regexp, rx.p.Needles, nt.Joined, ws)
		if len(locs) == 0 {
			continue
		}
		if rx.rule < 0 {
			if !jobSeen[rx.pat] {
				jobSeen[rx.pat] = true
				jobs++
			}
			continue
		}
		for _, loc := range locs {
			occs = append(occs, occurrence{e.patternBase[rx.rule] + rx.pat, loc})
		}
	}
	first := map[int]span{}
	for _, o := range occs {
		if p, ok := first[o.pat]; ok && o.start >= p.start {
			continue // an earlier place of the pattern counts already: no need to check this one
		}
		ri := e.ruleOf(o.pat)
		if excluded(o.span, excl[ri]) {
			continue
		}
		if e.file.Rules[ri].Negatable && nt.Negated(o.start, o.end, e.file.Negation.Window, e.negBefore, e.negAfter) {
			continue
		}
		// A question about an offer is no red flag that an answer could
		// deny: "Lapor ke mana ya? Kami tidak tahu" stays a question.
		if !e.file.Rules[ri].NotAnOffer && e.answeredNo(nt, o.start, o.end) { // qa.go
			continue
		}
		first[o.pat] = o.span
	}
	byRule := make(map[int][]span, len(first))
	for pat, sp := range first {
		ri := e.ruleOf(pat)
		byRule[ri] = append(byRule[ri], sp)
	}
	return scanned{byRule: byRule, jobs: jobs, warnings: warnings, dests: dests, recruit: recruit}
}

// maxRegexMatches bounds the matches of one regular expression per text.
const maxRegexMatches = 16

// regexWindow is how far (in bytes of the normalised text) around an
// occurrence of its fixed word a regular expression is run: a regular
// expression over a few words never needs the whole text.
const regexWindow = 100

// maxWindow bounds a merged window: Go's regexp runs its fast backtracking
// matcher only on short inputs, so a text full of fixed words is read in
// windows of about this size (overlapping by regexWindow) rather than
// whole.
const maxWindow = 1024

// addWindow adds the window around the literal occurrence sp to ws.
// Windows start and end at a space of joined, so whole words are seen;
// a window that overlaps the last one is merged with it up to maxWindow.
func addWindow(ws []span, joined string, sp span) []span {
	a := max(0, sp.start-regexWindow)
	if k := strings.LastIndexByte(joined[:a+1], ' '); k >= 0 {
		a = k
	}
	b := min(len(joined), sp.end+regexWindow)
	if k := strings.IndexByte(joined[b-1:], ' '); k >= 0 {
		b = b - 1 + k + 1
	}
	if n := len(ws); n > 0 && a <= ws[n-1].end {
		last := &ws[n-1]
		if b <= last.end {
			return ws
		}
		if max(last.end, b)-min(last.start, a) <= maxWindow {
			last.start, last.end = min(last.start, a), max(last.end, b)
			return ws
		}
	}
	return append(ws, span{a, b})
}

// findInWindows runs re in each window that holds one of its needles (all
// windows when there are none) and returns its non-empty matches as spans
// of joined, in order and without repeats where windows overlap, at most
// maxRegexMatches.
func findInWindows(re *regexp.Regexp, needles []string, joined string, ws []span) []span {
	var out []span
	done := 0 // matches must start at or after the end of the last one
	for _, w := range ws {
		if len(needles) > 0 && !containsAny(joined[w.start:w.end], needles) {
			continue // no match in this window
		}
		for _, loc := range re.FindAllStringIndex(joined[w.start:w.end], maxRegexMatches) {
			m := span{w.start + loc[0], w.start + loc[1]}
			if m.end <= m.start || m.start < done {
				continue
			}
			out = append(out, m)
			done = m.end
			if len(out) == maxRegexMatches {
				return out
			}
		}
	}
	return out
}

func wordSet(n *normalize.Normalizer, words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[n.Phrase(w)] = true
	}
	return m
}

// excluded reports whether sp lies inside one of the exclude spans.
func excluded(sp span, excl []span) bool {
	for _, x := range excl {
		if x.start <= sp.start && sp.end <= x.end {
			return true
		}
	}
	return false
}

// ruleOf returns the rule of a flat pattern index.
func (e *Engine) ruleOf(pat int) int {
	return sort.SearchInts(e.patternBase, pat+1) - 1
}

// containsAny reports whether s contains one of the needles.
func containsAny(s string, needles []string) bool {
	for _, n := range needles {
		if strings.Contains(s, n) {
			return true
		}
	}
	return false
}
