// Package ruleset keeps the active rules: a compiled engine and its
// version, swapped atomically so that screenings in flight finish with the
// rules they started with.
package ruleset

import (
	"sync/atomic"

	"github.com/cekloker/cekloker/internal/screen"
)

// Set holds the active engine. The zero value holds none; use Swap.
type Set struct {
	cur atomic.Pointer[active]
}

type active struct {
	eng     *screen.Engine
	version int
}

// Current returns the active engine and its version number.
func (s *Set) Current() (*screen.Engine, int) {
	a := s.cur.Load()
	if a == nil {
		return nil, 0
	}
	return a.eng, a.version
}

// Swap makes eng (as version) the active engine.
func (s *Set) Swap(eng *screen.Engine, version int) {
	s.cur.Store(&active{eng: eng, version: version})
}
