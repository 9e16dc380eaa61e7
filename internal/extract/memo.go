package extract

import (
	"strings"
	"sync"
)

// memo is a small concurrency-safe cache for the results of the two
// expensive library calls of this package: xurls' Relaxed regexp (about
// 10–20 µs per token on this machine, whatever its length) and
// phonenumbers' Parse + IsValidNumber (about 11 µs per number). Both are
// pure functions of their input, so caching them changes no result; it only
// makes a bot that sees the same contact numbers and links again and again
// cheaper. When the cache is full it is cleared, which keeps memory bounded
// without bookkeeping.
type memo[V any] struct {
	mu  sync.RWMutex
	m   map[string]V
	max int
}

func newMemo[V any](max int) *memo[V] {
	return &memo[V]{m: make(map[string]V), max: max}
}

// get looks k up. The string(k) conversion in a map index does not allocate.
func (c *memo[V]) get(k []byte) (V, bool) {
	c.mu.RLock()
	v, ok := c.m[string(k)]
	c.mu.RUnlock()
	return v, ok
}

// put stores v under a private copy of k.
func (c *memo[V]) put(k []byte, v V) {
	c.mu.Lock()
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[string(k)] = v
	c.mu.Unlock()
}

// getString looks k up.
func (c *memo[V]) getString(k string) (V, bool) {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	return v, ok
}

// putString stores v under a private copy of k (k may point into a large
// input that must not be kept alive).
func (c *memo[V]) putString(k string, v V) {
	k = strings.Clone(k)
	c.mu.Lock()
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[k] = v
	c.mu.Unlock()
}

// reset empties the cache (used by tests and the cold benchmark).
func (c *memo[V]) reset() {
	c.mu.Lock()
	clear(c.m)
	c.mu.Unlock()
}

// resetCaches empties every cache of the package.
func resetCaches() {
	phoneMemo.reset()
	urlMemo.reset()
}
