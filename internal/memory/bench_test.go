package memory

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/cekloker/cekloker/internal/screen"
)

// synthetic returns n entries with random signatures and one phone each,
// plus the test scam ad.
func synthetic(n int) []Entry {
	r := rand.New(rand.NewPCG(1, 2))
	es := make([]Entry, n, n+1)
	for i := range es {
		e := &es[i]
		e.ID, e.Source, e.HasSig = int64(i+1), "report", true
		for j := range e.Sig {
			e.Sig[j] = byte(r.Uint32())
		}
		e.Contacts = []Contact{{Kind: screen.MemoryPhone, Value: fmt.Sprintf("+62812%08d", i)}}
	}
	sig, _ := Sign(scamAd)
	return append(es, Entry{ID: int64(n + 1), Source: "report", Sig: sig, HasSig: true, Reports: 1,
		Contacts: []Contact{{Kind: screen.MemoryPhone, Value: "+85516318274"}}})
}

func engine(b testing.TB) *screen.Engine {
	e, err := screen.Load(filepath.Join("..", "..", "rules.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// BenchmarkScreenWithMemory screens a repost of a remembered scam with a
// memory of 1,000 and of 1,000,000 entries: look-ups go through LSH
// buckets and sorted contact keys, so the cost must stay flat (compare
// the two with benchstat).
func BenchmarkScreenWithMemory(b *testing.B) {
	e := engine(b)
	sizes := []int{1_000, 1_000_000}
	if os.Getenv("MEMORY_BENCH_SMALL") != "" {
		sizes = sizes[:1]
	}
	for _, n := range sizes {
		snap := Build(1, synthetic(n), nil)
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				v := e.ScreenWith(variant, snap)
				if v.Level != "high" || len(v.Hits) == 0 {
					b.Fatal("the repost was not recognised")
				}
			}
		})
	}
}

// BenchmarkRecall is the memory look-up alone.
func BenchmarkRecall(b *testing.B) {
	ents := engine(b).ScreenWith(variant, nil).Entities
	for _, n := range []int{1_000, 1_000_000} {
		snap := Build(1, synthetic(n), nil)
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if hits := snap.Recall(variant, ents); len(hits) != 1 || hits[0].Kind != screen.MemoryText {
					b.Fatal("want a text hit")
				}
			}
		})
	}
}

// BenchmarkScreenNoMemory is the same screening without memory, for
// what memory adds.
func BenchmarkScreenNoMemory(b *testing.B) {
	e := engine(b)
	b.ReportAllocs()
	for b.Loop() {
		e.ScreenWith(variant, nil)
	}
}
