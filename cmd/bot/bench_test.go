package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"testing"

	"github.com/cekloker/cekloker/internal/jsonltest"
	"github.com/cekloker/cekloker/internal/model"
	"github.com/cekloker/cekloker/internal/screen"
)

// batchInput builds n JSON lines from the training corpus: the ads in turn,
// and on each further round every digit shifted by the round number, so
// that phone numbers, links and amounts are new (no cache of an earlier
// round helps).
func batchInput(b *testing.B, n int) []byte {
	const corpus = "../../../shared/corpus/train.jsonl"
	if _, err := os.Stat(corpus); err != nil {
		b.Skipf("training corpus not available: %v", err)
	}
	texts := jsonltest.Texts(b, corpus)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for i := range n {
		round := byte(i / len(texts))
		t := []byte(texts[i%len(texts)])
		for k, c := range t {
			if c >= '0' && c <= '9' {
				t[k] = '0' + (c-'0'+round)%10
			}
		}
		if err := enc.Encode(map[string]any{"id": i, "text": string(t)}); err != nil {
			b.Fatal(err)
		}
	}
	return buf.Bytes()
}

// BenchmarkScreenBatch runs `bot screen --jsonl` over 20,000 ads built
// from the training corpus; ns/ad is the time per ad including JSON.
func BenchmarkScreenBatch(b *testing.B) {
	const n = 20000
	in := batchInput(b, n)
	rulesOnly, joined := engines(b)
	for _, c := range []struct {
		name string
		eng  *screen.Engine
	}{{"model=off", rulesOnly}, {"model=on", joined}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := screenBatch(c.eng, bytes.NewReader(in), io.Discard); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/ad")
		})
	}
}

// engines loads the repository's rules, alone and joined with the
// committed model.
func engines(t testing.TB) (rulesOnly, joined *screen.Engine) {
	t.Helper()
	rulesOnly, err := screen.Load("../../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Load("")
	if err != nil {
		t.Fatal(err)
	}
	return rulesOnly, rulesOnly.WithModel(m)
}
