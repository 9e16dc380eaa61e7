package memory

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/cekloker/cekloker/internal/extract"
	"github.com/cekloker/cekloker/internal/screen"
)

// growingSource returns one more entry at every call.
type growingSource struct {
	n    atomic.Int64
	base Entry
}

func (g *growingSource) MemoryEntries(context.Context) ([]Entry, []string, int64, error) {
	n := g.n.Add(1)
	es := []Entry{g.base}
	for i := range n {
		es = append(es, Entry{ID: 100 + i, Source: "report", Contacts: []Contact{{screen.MemoryPhone, fmt.Sprintf("+6281%09d", i), ""}}})
	}
	return es, nil, n, nil
}

// TestSwapUnderLoad screens a known scam from many goroutines while the
// snapshot is rebuilt and swapped again and again: every screening sees
// a whole snapshot, so none misses the entry that every snapshot has.
func TestSwapUnderLoad(t *testing.T) {
	sig, _ := Sign(scamAd)
	src := &growingSource{base: Entry{ID: 1, Source: "report", Sig: sig, HasSig: true, Reports: 1}}
	h := NewHolder(src, nil)
	ctx := context.Background()
	if err := h.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	ents := extract.Extract(variant)
	var missed, screened atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				snap := h.Current()
				hits := snap.Recall(variant, ents)
				if len(hits) == 0 || hits[0].Entry != 1 {
					missed.Add(1)
				}
				screened.Add(1)
			}
		})
	}
	for range 200 {
		if err := h.Reload(ctx); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	if missed.Load() != 0 {
		t.Fatalf("%d of %d screenings missed the remembered scam during swaps", missed.Load(), screened.Load())
	}
	if screened.Load() == 0 {
		t.Fatal("nothing was screened")
	}
	if v := h.Current().Version(); v != 201 {
		t.Errorf("version %d after 201 reloads", v)
	}
}
