// Package ruleset keeps the active engine: a version of the rules joined
// with a version of the text model, swapped atomically so that screenings
// in flight finish with the rules and the model they started with.
package ruleset

import (
	"sync/atomic"

	"github.com/cekloker/cekloker/internal/model"
	"github.com/cekloker/cekloker/internal/screen"
)

// Set holds the active engine. The zero value holds none; use Swap.
type Set struct {
	cur atomic.Pointer[active]
}

type active struct {
	eng          *screen.Engine
	version      int
	modelVersion int
}

// Current returns the active engine and its rules version number.
func (s *Set) Current() (*screen.Engine, int) {
	a := s.cur.Load()
	if a == nil {
		return nil, 0
	}
	return a.eng, a.version
}

// CurrentModel returns the text model joined with the active engine and
// its version number in the store (nil: rules alone; 0: a model that is
// not versioned).
func (s *Set) CurrentModel() (*model.Model, int) {
	a := s.cur.Load()
	if a == nil || a.eng == nil {
		return nil, 0
	}
	return a.eng.Model(), a.modelVersion
}

// Swap makes eng (as rules version) the active engine, with a model that
// is not versioned.
func (s *Set) Swap(eng *screen.Engine, version int) { s.swap(eng, version, 0) }

func (s *Set) swap(eng *screen.Engine, version, modelVersion int) {
	s.cur.Store(&active{eng: eng, version: version, modelVersion: modelVersion})
}
