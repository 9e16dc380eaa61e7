package telegram

import (
	"context"
	"sync"
)

// maxActiveChats bounds how many chats are handled at the same moment.
// It is far above what two cores keep busy, so that slow chats (a hung
// send, a long OCR) never make a quick chat wait.
const maxActiveChats = 256

// maxTracked bounds the updates received and not yet handled; polling
// pauses above it, so a flood cannot grow memory without end.
const maxTracked = 2000

// scheduler keeps one ordered queue per chat with its own worker, so
// chats never wait for each other while each chat's updates stay in
// order. It tracks which received updates are not finished yet: the
// getUpdates offset is the lowest of them, so Telegram keeps (and resends
// after a restart) every update that was not handled.
type scheduler struct {
	handle func(*update) bool // false: not finished (shutdown), keep it

	mu       sync.Mutex
	queues   map[int64][]*update
	running  map[int64]bool
	open     map[int]bool // received, not finished
	seen     map[int]bool // received at or above the offset
	maxSeen  int
	stopped  bool
	progress chan struct{} // closed and replaced whenever an update finishes

	sem chan struct{}
	wg  sync.WaitGroup
}

func newScheduler(offset int, handle func(*update) bool) *scheduler {
	return &scheduler{
		handle:   handle,
		queues:   map[int64][]*update{},
		running:  map[int64]bool{},
		open:     map[int]bool{},
		seen:     map[int]bool{},
		maxSeen:  offset - 1,
		progress: make(chan struct{}),
		sem:      make(chan struct{}, maxActiveChats),
	}
}

// known reports whether an update id was received already (it is queued,
// running or finished) or lies below the offset.
func (s *scheduler) known(id int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return id <= s.maxSeen && (s.seen[id] || id < s.lowestLocked())
}

// skip records an update that needs no handling (unreadable, or handled
// before a restart).
func (s *scheduler) skip(id int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seenLocked(id)
	s.signalLocked()
}

func (s *scheduler) seenLocked(id int) {
	s.seen[id] = true
	s.maxSeen = max(s.maxSeen, id)
}

// add queues an update behind the earlier ones of its chat and starts the
// chat's worker when it has none.
func (s *scheduler) add(u *update) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seenLocked(u.UpdateID)
	s.open[u.UpdateID] = true
	key := u.chatKey()
	s.queues[key] = append(s.queues[key], u)
	if s.running[key] || s.stopped {
		return
	}
	s.running[key] = true
	s.wg.Add(1)
	go s.work(key)
}

// work handles a chat's queue until it is empty.
func (s *scheduler) work(key int64) {
	defer s.wg.Done()
	s.sem <- struct{}{}
	defer func() { <-s.sem }()
	for {
		s.mu.Lock()
		q := s.queues[key]
		if len(q) == 0 || s.stopped {
			delete(s.queues, key)
			delete(s.running, key)
			s.mu.Unlock()
			return
		}
		u := q[0]
		q[0] = nil
		s.queues[key] = q[1:]
		s.mu.Unlock()
		if !s.handle(u) {
			// Shutdown interrupted it: it stays open, so the offset
			// stays below it and it is handled after the restart.
			s.mu.Lock()
			s.stopped = true
			s.mu.Unlock()
			continue
		}
		s.mu.Lock()
		delete(s.open, u.UpdateID)
		s.signalLocked()
		s.mu.Unlock()
	}
}

func (s *scheduler) signalLocked() {
	close(s.progress)
	s.progress = make(chan struct{})
}

// offset is the lowest update id not handled yet; ids below it are
// forgotten.
func (s *scheduler) offset() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	low := s.lowestLocked()
	for id := range s.seen {
		if id < low {
			delete(s.seen, id)
		}
	}
	return low
}

func (s *scheduler) lowestLocked() int {
	low := s.maxSeen + 1
	for id := range s.open {
		low = min(low, id)
	}
	return low
}

// pending is the number of updates received and not finished.
func (s *scheduler) pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.open)
}

// waitProgress waits until an update finishes or ctx ends.
func (s *scheduler) waitProgress(ctx context.Context) {
	s.mu.Lock()
	ch := s.progress
	s.mu.Unlock()
	select {
	case <-ch:
	case <-ctx.Done():
	}
}

// stop lets the workers finish the update each has in hand and waits for
// them; queued updates stay open for the next start.
func (s *scheduler) stop() {
	s.mu.Lock()
	s.stopped = true
	s.mu.Unlock()
	s.wg.Wait()
}
