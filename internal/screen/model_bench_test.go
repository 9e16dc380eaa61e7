package screen

import "testing"

// BenchmarkScreenJoin screens the typical ad of BenchmarkScreen with the
// rules alone (model=off) and joined with the built-in model (model=on):
//
//	go test -run X -bench ScreenJoin -count 8 ./internal/screen/ > join.txt
//	benchstat -col /model join.txt
func BenchmarkScreenJoin(b *testing.B) {
	screenJoin(b, variants(1<<12))
}

// BenchmarkScreenJoin2KB is BenchmarkScreenJoin on 2 KB ads: the typical
// ad followed by ordinary prose, cut at 2048 bytes (the size of the
// issue's bar for the model's cost).
func BenchmarkScreenJoin2KB(b *testing.B) {
	screenJoin(b, sized(variants(1<<12), 2<<10))
}

func screenJoin(b *testing.B, ads []string) {
	for _, c := range []struct {
		name string
		eng  func(testing.TB) *Engine
	}{
		{"model=off", engine},
		{"model=on", joined},
	} {
		b.Run(c.name, func(b *testing.B) {
			e := c.eng(b)
			b.SetBytes(int64(len(ads[0])))
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				e.Screen(ads[i%len(ads)])
				i++
			}
		})
	}
}
