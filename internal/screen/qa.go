package screen

import (
	"sort"
	"strings"

	"github.com/cekloker/cekloker/internal/normalize"
)

// qaWindow bounds how far (in bytes of the original text) a question and
// its answer are looked for around a match, so hostile text stays cheap.
const qaWindow = 400

// qaAnswerWords is how many words of an answer are read for a "no".
const qaAnswerWords = 4

// answeredNo reports whether the match at Joined[start:end] stands in a
// question that is answered "no": "T: Apakah ada biaya pendaftaran?
// J: Pendaftaran gratis", "Is there a fee? No.". The answer is the text
// after the question mark (or after J:/A: on a "T:/Q:" line), and "no" is
// any negation word of the rule file among its first words.
func (e *Engine) answeredNo(nt *normalize.Text, start, end int) bool {
	os, oe, ok := nt.Span(start, end)
	if !ok {
		return false
	}
	text := nt.Original
	// The question: from the start of the line (or sentence) to the next
	// question mark, within the window and on the same line.
	from := max(0, os-qaWindow)
	lineStart := strings.LastIndexAny(text[from:os], ".!\n")
	if lineStart < 0 {
		lineStart = from
	} else {
		lineStart += from + 1
	}
	to := min(len(text), oe+qaWindow)
	rest := text[oe:to]
	q := sentenceEnd(rest)
	var answerAt int
	switch {
	case q >= 0 && rest[q] == '?':
		answerAt = oe + q + 1
	case isQuestionLine(text[lineStart:os]):
		j := answerMarker(rest)
		if q >= 0 && j > q && rest[q] != '\n' {
			return false // the sentence ended before the answer
		}
		if j < 0 {
			return false
		}
		answerAt = oe + j
	default:
		return false
	}
	return e.saysNo(nt, answerAt)
}

// sentenceEnd is the index of the first ? ! . or new line in s that ends a
// sentence (a dot between digits, as in 500.000, does not), or -1.
func sentenceEnd(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '?', '!', '\n':
			return i
		case '.':
			if i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
				continue
			}
			return i
		}
	}
	return -1
}

// isQuestionLine reports whether a line starts with a question marker.
func isQuestionLine(head string) bool {
	h := strings.TrimSpace(head)
	for _, p := range questionMarkers {
		if len(h) >= len(p) && strings.EqualFold(h[:len(p)], p) {
			return true
		}
	}
	return false
}

var questionMarkers = []string{"t:", "q:", "tanya:", "pertanyaan:", "question:"}

// answerMarker finds "J:" / "A:" / "Jawab:" / "Answer:" in s, or a new line.
func answerMarker(s string) int {
	l := strings.ToLower(s)
	best := -1
	for _, p := range []string{"j:", "a:", "jawab:", "jawaban:", "answer:", "\n"} {
		if i := strings.Index(l, p); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

// saysNo reports whether one of the first words after byte at of the
// original is a negation word ("tidak", "no", "gratis", "free", ...).
func (e *Engine) saysNo(nt *normalize.Text, at int) bool {
	i := sort.Search(len(nt.Tokens), func(i int) bool { return nt.Tokens[i].Start >= at })
	n := 0
	for ; i < len(nt.Tokens) && n < qaAnswerWords; i++ {
		w := nt.Tokens[i].Text
		switch w {
		case "j", "a", "jawab", "jawaban", "answer":
			continue // the answer marker itself
		}
		if e.negBefore[w] || e.negAfter[w] || noWords[w] {
			return true
		}
		n++
	}
	return false
}

// noWords answer a question with "no" besides the negation words.
var noWords = map[string]bool{"nope": true, "none": true, "nothing": true}
