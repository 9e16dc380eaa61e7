package rules

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"

	"github.com/cekloker/cekloker/internal/normalize"
)

// Pattern is a compiled rule pattern.
type Pattern struct {
	// Raw is the pattern as written in the file.
	Raw string
	// Phrase is the normalised phrase (words separated by single spaces);
	// empty for a regular expression.
	Phrase string
	// AnyStart and AnyEnd are set by a * at the start or end of a phrase:
	// its first word may have any beginning, its last word any ending.
	AnyStart, AnyEnd bool
	// Regexp is set for a pattern written /like this/. It runs over the
	// normalised text (lowercase words, numbers as #, single spaces).
	Regexp *regexp.Regexp
	// Literals are fixed strings of which every match of Regexp contains
	// at least one; the regular expression only runs when one occurs, so
	// that many rules cost no more than a few.
	Literals []string
	// Needles are longer fixed strings of which every match contains one
	// (nil when the syntax tells none): a window around a literal is
	// searched only when it holds one (needles.go).
	Needles []string
}

// minLiteral is the shortest fixed string accepted as a regexp prefilter.
const minLiteral = 3

// ParsePattern compiles one pattern without abbreviations.
func ParsePattern(s string) (Pattern, error) { return parsePattern(nil, s) }

// ParsePattern compiles one pattern with the file's abbreviations.
func (f *File) ParsePattern(s string) (Pattern, error) { return parsePattern(f.Normalizer, s) }

func parsePattern(n *normalize.Normalizer, s string) (Pattern, error) {
	p := Pattern{Raw: s}
	t := strings.TrimSpace(s)
	if len(t) >= 2 && t[0] == '/' && t[len(t)-1] == '/' {
		return parseRegexp(p, t[1:len(t)-1])
	}
	if strings.HasPrefix(t, "*") {
		p.AnyStart = true
		t = t[1:]
	}
	if strings.HasSuffix(t, "*") {
		p.AnyEnd = true
		t = t[:len(t)-1]
	}
	if strings.Contains(t, "*") {
		return p, errors.New("a * may only stand at the start or the end of a phrase")
	}
	p.Phrase = n.Phrase(t)
	if p.Phrase == "" {
		return p, fmt.Errorf("phrase %q has no letters or digits", s)
	}
	if (p.AnyStart || p.AnyEnd) && len(p.Phrase) < minLiteral {
		return p, fmt.Errorf("phrase %q is too short for a *", s)
	}
	return p, nil
}

func parseRegexp(p Pattern, expr string) (Pattern, error) {
	if expr == "" {
		return p, errors.New("empty regular expression")
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return p, fmt.Errorf("bad regular expression: %w", err)
	}
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return p, fmt.Errorf("bad regular expression: %w", err)
	}
	simple := tree.Simplify()
	lits := requiredLiterals(simple)
	if len(lits) == 0 {
		return p, fmt.Errorf("regular expression needs a fixed word of at least %d letters (it is used to find the pattern fast)", minLiteral)
	}
	for _, l := range lits {
		if len(l) < minLiteral {
			return p, fmt.Errorf("regular expression needs a fixed word of at least %d letters in every alternative (it is used to find the pattern fast)", minLiteral)
		}
	}
	p.Regexp, p.Literals, p.Needles = re, lits, required(simple)
	return p, nil
}

// requiredLiterals returns strings of which any match of re contains at
// least one, or nil when there are none.
func requiredLiterals(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}
	case syntax.OpCapture, syntax.OpPlus:
		return requiredLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredLiterals(re.Sub[0])
		}
	case syntax.OpConcat:
		var best []string
		for _, sub := range re.Sub {
			if l := requiredLiterals(sub); shortest(l) > shortest(best) {
				best = l
			}
		}
		return best
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			l := requiredLiterals(sub)
			if l == nil {
				return nil
			}
			all = append(all, l...)
		}
		return all
	}
	return nil
}

func shortest(ls []string) int {
	if len(ls) == 0 {
		return 0
	}
	n := len(ls[0])
	for _, l := range ls[1:] {
		n = min(n, len(l))
	}
	return n
}
