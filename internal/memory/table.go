package memory

import "math/bits"

// table is an open-addressing hash table from keys to entry indexes,
// built once and then only read: a look-up touches one or two cache
// lines however many entries there are. A key may map to many indexes.
type table[K uint32 | uint64] struct {
	shift uint
	slots []slot[K]
}

type slot[K uint32 | uint64] struct {
	key K
	idx uint32 // entry index + 1; 0 marks an empty slot
}

// newTable returns a table for n keys, at most half full.
func newTable[K uint32 | uint64](n int) table[K] {
	size := 1 << bits.Len(uint(2*n+1))
	return table[K]{shift: uint(64 - bits.TrailingZeros(uint(size))), slots: make([]slot[K], size)}
}

func (t *table[K]) home(k K) uint64 {
	return (uint64(k) * 0x9e3779b97f4a7c15) >> t.shift
}

// add maps k to entry index idx.
func (t *table[K]) add(k K, idx int) {
	mask := uint64(len(t.slots) - 1)
	i := t.home(k)
	for t.slots[i].idx != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = slot[K]{k, uint32(idx) + 1}
}

// each calls fn with every entry index of k until fn returns false.
func (t *table[K]) each(k K, fn func(idx int) bool) {
	if len(t.slots) == 0 {
		return
	}
	mask := uint64(len(t.slots) - 1)
	for i := t.home(k); t.slots[i].idx != 0; i = (i + 1) & mask {
		if t.slots[i].key == k && !fn(int(t.slots[i].idx-1)) {
			return
		}
	}
}
