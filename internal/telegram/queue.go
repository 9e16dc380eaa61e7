package telegram

import (
	"context"
	"sync"
	"time"
)

// maxActiveChats bounds how many chats are handled at the same moment.
// It is far above what two cores keep busy, so that slow chats (a hung
// send, a long OCR) never make a quick chat wait.
const maxActiveChats = 256

// maxTracked bounds the updates received and not yet handled; polling
// pauses above it, so a flood cannot grow memory without end.
const maxTracked = 2000

// ParkAfter is how long an update may hold the offset back: an update
// not handled after this long is parked (stored raw until handled) and
// the offset moves past it, so one slow chat never keeps Telegram from
// delivering the others' updates.
const ParkAfter = 2 * time.Second

// scheduler keeps one ordered queue per chat with its own worker, so
// chats never wait for each other while each chat's updates stay in
// order. It tracks which received updates are not finished yet: the
// getUpdates offset is the lowest of them that is not parked, so Telegram
// keeps (and resends after a restart) every update that was not handled
// or parked.
type scheduler struct {
	handle func(*update) bool // false: not finished (shutdown), keep it

	mu       sync.Mutex
	queues   map[int64][]*update
	running  map[int64]bool
	open     map[int]*entry // received, not finished
	seen     map[int]bool   // finished at or above the offset
	maxSeen  int
	stopped  bool
	finished int           // updates finished so far
	progress chan struct{} // closed and replaced whenever an update finishes

	sem chan struct{}
	wg  sync.WaitGroup
}

type entry struct {
	received time.Time
	parked   bool
}

func newScheduler(offset int, handle func(*update) bool) *scheduler {
	return &scheduler{
		handle:   handle,
		queues:   map[int64][]*update{},
		running:  map[int64]bool{},
		open:     map[int]*entry{},
		seen:     map[int]bool{},
		maxSeen:  offset - 1,
		progress: make(chan struct{}),
		sem:      make(chan struct{}, maxActiveChats),
	}
}

// known reports whether an update id was received already (it is queued,
// running, parked or finished) or lies below the offset.
func (s *scheduler) known(id int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.open[id] != nil || s.seen[id] || id < s.lowestLocked()
}

// overdue reports whether an update is still open after ParkAfter and not
// parked yet.
func (s *scheduler) overdue(id int, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.open[id]
	return e != nil && !e.parked && now.Sub(e.received) > ParkAfter
}

// park marks an open update as stored, so the offset may pass it.
func (s *scheduler) park(id int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.open[id]; e != nil {
		e.parked = true
	}
}

// skip records an update that needs no handling (unreadable, or handled
// before a restart).
func (s *scheduler) skip(id int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seen[id] = true
	s.maxSeen = max(s.maxSeen, id)
	s.signalLocked()
}

// add queues an update behind the earlier ones of its chat and starts the
// chat's worker when it has none.
func (s *scheduler) add(u *update) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.maxSeen = max(s.maxSeen, u.UpdateID)
	s.open[u.UpdateID] = &entry{received: time.Now(), parked: u.parked}
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
		s.seen[u.UpdateID] = true
		s.finished++
		s.signalLocked()
		s.mu.Unlock()
	}
}

func (s *scheduler) signalLocked() {
	close(s.progress)
	s.progress = make(chan struct{})
}

// offset is the lowest update id neither handled nor parked; ids below it
// are forgotten.
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
	for id, e := range s.open {
		if !e.parked {
			low = min(low, id)
		}
	}
	return low
}

// pending is the number of updates received and not finished.
func (s *scheduler) pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.open)
}

// waitFinished waits until n more updates finished, or ctx ends.
func (s *scheduler) waitFinished(ctx context.Context, n int) {
	s.mu.Lock()
	target := s.finished + n
	s.mu.Unlock()
	s.waitUntil(ctx, func() bool { return s.finished >= target })
}

// waitAdvance waits until the offset moved by at least by (or nothing is
// left open), or ctx ends.
func (s *scheduler) waitAdvance(ctx context.Context, by int) {
	s.mu.Lock()
	from := s.lowestLocked()
	s.mu.Unlock()
	s.waitUntil(ctx, func() bool {
		low := s.lowestLocked()
		return low-from >= by || low > s.maxSeen
	})
}

// waitUntil waits until done (called with mu held) holds after some
// progress, or ctx ends.
func (s *scheduler) waitUntil(ctx context.Context, done func() bool) {
	for {
		s.mu.Lock()
		ch, ok := s.progress, done()
		s.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return
		}
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
