package screen

import "testing"

// BenchmarkScreenJoin screens the typical ad of BenchmarkScreen with the
// rules alone (model=off) and joined with the built-in model (model=on):
//
//	go test -run X -bench ScreenJoin -count 8 ./internal/screen/ > join.txt
//	benchstat -col /model join.txt
func BenchmarkScreenJoin(b *testing.B) {
	for _, c := range []struct {
		name string
		eng  func(testing.TB) *Engine
	}{
		{"model=off", engine},
		{"model=on", joined},
	} {
		b.Run(c.name, func(b *testing.B) {
			e := c.eng(b)
			ads := variants(1 << 12)
			b.SetBytes(int64(len(typicalAd)))
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				e.Screen(ads[i%len(ads)])
				i++
			}
		})
	}
}
