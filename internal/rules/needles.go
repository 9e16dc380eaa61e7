package rules

import "regexp/syntax"

// A rule's regular expression runs in windows around its fixed words
// (Pattern.Literals, which the screening automaton finds), and a fixed
// word can be short and common: "web" of /[a-z0-9#]+ (web|biz) id\b/ occurs in every
// "website". Running Go's backtracker over such a window costs about 500
// instructions a byte for a pattern that starts with a repeated class, so
// a window is first checked for the needles of the expression: longer
// fixed strings, one of which every match contains (" web id", " biz id").
// A window without any holds no match and is skipped; the windows and the
// matches found are the same as without the check. Pattern.Needles holds
// them, from required below.

// maxNeedles bounds the strings a needle set may grow to.
const maxNeedles = 64

// required returns strings of which every match of re contains one, or
// nil.
func required(re *syntax.Regexp) []string {
	if s := exact(re); s != nil {
		return s
	}
	switch re.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpConcat:
		// The best of: each sub-expression's needles, and the products of
		// runs of sub-expressions that match fixed strings.
		var best, run []string
		for _, sub := range re.Sub {
			if s := exact(sub); s != nil && (run == nil || len(run)*len(s) <= maxNeedles) {
				run = product(run, s)
			} else {
				run = nil
				if s != nil {
					run = s
				}
				if l := required(sub); shortest(l) > shortest(best) {
					best = l
				}
			}
			if shortest(run) > shortest(best) {
				best = run
			}
		}
		return best
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			l := required(sub)
			if l == nil || len(all)+len(l) > maxNeedles {
				return nil
			}
			all = append(all, l...)
		}
		return all
	}
	return nil
}

// exact returns the strings re matches when they are few and fixed
// (literals, their concatenations and alternations; zero-width
// assertions match ""), or nil.
func exact(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return []string{string(re.Rune)}
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return []string{""}
	case syntax.OpCapture:
		return exact(re.Sub[0])
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range re.Sub {
			s := exact(sub)
			if s == nil || len(out)*len(s) > maxNeedles {
				return nil
			}
			out = product(out, s)
		}
		return out
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			s := exact(sub)
			if s == nil || len(out)+len(s) > maxNeedles {
				return nil
			}
			out = append(out, s...)
		}
		return out
	}
	return nil
}

// product returns every string of a followed by one of b (a nil a counts
// as {""}).
func product(a, b []string) []string {
	if a == nil {
		return b
	}
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return out
}
