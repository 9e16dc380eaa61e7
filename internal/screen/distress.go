package screen

import (
	"fmt"
	"slices"

	"github.com/cekloker/cekloker/internal/normalize"
	"github.com/cekloker/cekloker/internal/rules"
)

// Trouble is what [Engine.Distress] found in a message: whether it is a
// cry for help, what kind of trouble, and where the person is.
type Trouble struct {
	// Help is set when the signals add up to the distress threshold: the
	// message gets help, not a risk verdict.
	Help  bool `json:"help"`
	Score int  `json:"score"`
	// Kinds are the kinds of trouble found, in the order of the file.
	Kinds []string `json:"kinds,omitempty"`
	// Signals are the signals that matched, with the quoted fragment.
	Signals []SignalHit `json:"signals,omitempty"`
	// Country is where the person seems to be: the destination named last,
	// or else the country of a phone number in the message.
	Country *Destination `json:"country,omitempty"`
}

// SignalHit is one distress signal found.
type SignalHit struct {
	Signal string `json:"signal"`
	Kind   string `json:"kind"`
	Match  string `json:"match"`
}

// Paid reports whether money or data was already given to a scammer.
func (t Trouble) Paid() bool { return slices.Contains(t.Kinds, "paid") }

// InDanger reports whether the trouble is more than a payment: held,
// threatened, abroad, a passport taken, forced to scam, someone missing.
func (t Trouble) InDanger() bool {
	for _, k := range t.Kinds {
		if k != "paid" && k != "plea" {
			return true
		}
	}
	return false
}

// distress is the compiled distress section.
type distress struct {
	signals *phraseSet // numbered by signal index
	places  *phraseSet // numbered by destination index
}

func (e *Engine) compileDistress() error {
	d := &e.file.Distress
	var pats []rules.Pattern
	var ids []int
	for si, s := range d.Signals {
		for _, p := range s.Compiled {
			pats = append(pats, p)
			ids = append(ids, si)
		}
	}
	sig, err := newPhraseSet(pats, ids)
	if err != nil {
		return fmt.Errorf("%s: distress: %w", e.file.Path, err)
	}
	pats, ids = nil, nil
	for di, x := range e.file.Destinations {
		for _, name := range append(append([]string{}, x.Aliases...), x.Towns...) {
			p, err := e.file.ParsePattern(name)
			if err != nil {
				return fmt.Errorf("%s: destination %s: %w", e.file.Path, x.ID, err)
			}
			pats = append(pats, p)
			ids = append(ids, di)
		}
	}
	places, err := newPhraseSet(pats, ids)
	if err != nil {
		return fmt.Errorf("%s: destinations: %w", e.file.Path, err)
	}
	e.distress = &distress{signals: sig, places: places}
	return e.checkDistressExamples()
}

// Distress tells whether text is a cry for help or a report of a scam that
// already happened ("my passport was taken", "I already paid"), as
// described by the rule file's distress section. It does no I/O and runs
// in time bounded by the length of the text.
func (e *Engine) Distress(text string) Trouble {
	var t Trouble
	d := e.distress
	if d == nil || len(e.file.Distress.Signals) == 0 {
		return t
	}
	nt := e.norm.String(text)
	sigs := e.file.Distress.Signals
	seen := make([]bool, len(sigs))
	quote := make([]string, len(sigs))
	for _, h := range d.signals.find(nt) {
		s := &sigs[h.id]
		if seen[h.id] {
			continue
		}
		if s.Negatable && nt.Negated(h.start, h.end, e.file.Negation.Window, e.negBefore, e.negAfter) {
			continue
		}
		seen[h.id] = true
		quote[h.id] = nt.Quote(h.start, h.end)
	}
	for si, s := range sigs {
		if !seen[si] {
			continue
		}
		t.Score += s.Weight
		t.Signals = append(t.Signals, SignalHit{Signal: s.ID, Kind: s.Kind, Match: quote[si]})
	}
	for _, k := range rules.DistressKinds {
		for si, s := range sigs {
			if seen[si] && s.Weight > 0 && s.Kind == k {
				t.Kinds = append(t.Kinds, k)
				break
			}
		}
	}
	t.Help = t.Score >= e.file.Distress.MinScore
	if t.Help {
		t.Country = e.whereIs(nt)
	}
	return t
}

// whereIs finds the country a person in trouble names last, or else the
// country of the first phone number with a known country code.
func (e *Engine) whereIs(nt *normalize.Text) *Destination {
	last, at := -1, span{-1, -1}
	for _, h := range e.distress.places.find(nt) {
		if h.start > at.start {
			last, at = h.id, h.span
		}
	}
	ev := ""
	if last >= 0 {
		ev = nt.Quote(at.start, at.end)
	} else {
		for _, p := range e.ext.FromView(nt.View).Phones {
			if i, ok := e.phoneDest[p.CountryCode]; ok {
				last, ev = i, p.Raw
				break
			}
		}
	}
	if last < 0 {
		return nil
	}
	x := e.file.Destinations[last]
	return &Destination{ID: x.ID, Placement: x.Placement, Evidence: ev}
}

// checkDistressExamples runs every signal's examples.
func (e *Engine) checkDistressExamples() error {
	var errs rules.Errors
	for si, s := range e.file.Distress.Signals {
		errs = append(errs, e.exampleErrors(fmt.Sprintf("distress.signals[%d]", si), s.ID, s.Examples, func(text string) bool { return e.signals(text, s.ID) })...)
	}
	return errs.Err()
}

// signals reports whether signal id is found in text.
func (e *Engine) signals(text, id string) bool {
	for _, h := range e.Distress(text).Signals {
		if h.Signal == id {
			return true
		}
	}
	return false
}
