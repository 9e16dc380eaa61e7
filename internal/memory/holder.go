package memory

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
)

// Source gives the entries kept in the store: the confirmed scams, the
// forgotten keys ("entry:ID" for known templates, contact keys), and the
// memory version.
type Source interface {
	MemoryEntries(ctx context.Context) (entries []Entry, forgotten []string, version int64, err error)
}

// Holder keeps the current snapshot: the store's entries and the known
// templates, rebuilt on Reload and swapped atomically.
type Holder struct {
	src  Source
	seed []Entry

	mu  sync.Mutex // serialises Reload
	cur atomic.Pointer[Snapshot]
}

// NewHolder returns a holder with an empty snapshot; call Reload.
func NewHolder(src Source, seed []Entry) *Holder {
	h := &Holder{src: src, seed: seed}
	h.cur.Store(Build(0, nil, nil))
	return h
}

// Current is the snapshot to screen with. It is never nil.
func (h *Holder) Current() *Snapshot { return h.cur.Load() }

// Swap makes s the current snapshot.
func (h *Holder) Swap(s *Snapshot) { h.cur.Store(s) }

// Reload rebuilds the snapshot from the store and the known templates and
// swaps it in; on error the current snapshot stays.
func (h *Holder) Reload(ctx context.Context) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	var (
		entries   []Entry
		forgotten []string
		version   int64
		err       error
	)
	if h.src != nil {
		entries, forgotten, version, err = h.src.MemoryEntries(ctx)
		if err != nil {
			return fmt.Errorf("memory: reload: %w", err)
		}
	}
	all := make([]Entry, 0, len(h.seed)+len(entries))
	all = append(append(all, h.seed...), entries...)
	h.Swap(Build(version, all, forgotten))
	return nil
}
