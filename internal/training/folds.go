package training

import (
	"hash/fnv"
	"sort"

	"github.com/cekloker/cekloker/internal/normalize"
)

// Grouping for cross-validation
//
// The corpora were deduplicated (Jaccard ≥ 0.5 of word 3-grams), but the
// same employer's postings, one template with another job title, or a
// hoax re-posted with a different caption can still share long stretches.
// Grouping by source file alone would not do: most files hold one label
// only, so a fold would test "which file is this from". Instead, ads are
// linked when they share word 4-grams covering at least a quarter of the
// shorter one (4-grams found in more than 30 ads are boilerplate and not
// counted); linked ads form a group (connected components), and a group
// never straddles folds. Groups are dealt to the k folds round-robin within
// each (origin, label) stratum, in an order fixed by a hash of the group's
// first id, so every fold has every origin and both labels.

const (
	shingleN      = 4
	maxShingleDF  = 30
	linkFraction  = 0.25
	shingleMinLen = 8 // texts with fewer tokens form groups of their own
)

// groups returns a group number per row.
func groups(nts []*normalize.Text) []int {
	n := len(nts)
	sh := make([][]uint64, n)
	df := map[uint64]int{}
	for i, nt := range nts {
		seen := map[uint64]bool{}
		toks := nt.Tokens
		for j := 0; j+shingleN <= len(toks) && len(toks) >= shingleMinLen; j++ {
			h := fnv.New64a()
			for k := j; k < j+shingleN; k++ {
				h.Write([]byte(toks[k].Text))
				h.Write([]byte{0})
			}
			x := h.Sum64()
			if !seen[x] {
				seen[x] = true
				sh[i] = append(sh[i], x)
				df[x]++
			}
		}
	}
	post := map[uint64][]int32{}
	for i, s := range sh {
		for _, x := range s {
			if d := df[x]; d > 1 && d <= maxShingleDF {
				post[x] = append(post[x], int32(i))
			}
		}
	}
	shared := map[[2]int32]int{}
	for _, ids := range post {
		for a := 0; a < len(ids); a++ {
			for b := a + 1; b < len(ids); b++ {
				shared[[2]int32{ids[a], ids[b]}]++
			}
		}
	}
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for p, c := range shared {
		a, b := int(p[0]), int(p[1])
		small := min(len(sh[a]), len(sh[b]))
		if small > 0 && float64(c) >= linkFraction*float64(small) {
			ra, rb := find(a), find(b)
			if ra != rb {
				parent[max(ra, rb)] = min(ra, rb) // the smallest row leads
			}
		}
	}
	g := make([]int, n)
	for i := range g {
		g[i] = find(i)
	}
	return g
}

// assignFolds deals groups to k folds, round-robin within each stratum
// (the origin and label of the group's first row).
func assignFolds(rows []Row, group []int, k int) []int {
	type grp struct {
		lead int
		key  uint64
	}
	strata := map[string][]grp{}
	var names []string
	for i, g := range group {
		if g != i {
			continue
		}
		s := rows[i].Origin + "|" + rows[i].Label
		if _, ok := strata[s]; !ok {
			names = append(names, s)
		}
		h := fnv.New64a()
		h.Write([]byte(rows[i].ID))
		strata[s] = append(strata[s], grp{i, h.Sum64()})
	}
	sort.Strings(names)
	foldOf := map[int]int{}
	next := 0
	for _, s := range names {
		gs := strata[s]
		sort.Slice(gs, func(a, b int) bool {
			if gs[a].key != gs[b].key {
				return gs[a].key < gs[b].key
			}
			return gs[a].lead < gs[b].lead
		})
		for _, x := range gs {
			foldOf[x.lead] = next % k
			next++
		}
	}
	f := make([]int, len(rows))
	for i := range f {
		f[i] = foldOf[group[i]]
	}
	return f
}
