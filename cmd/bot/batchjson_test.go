package main

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/cekloker/cekloker/internal/screen"
)

// TestBatchOutJSON holds batchOut.appendJSON to what encoding/json writes
// for the same value, on awkward strings and numbers.
func TestBatchOutJSON(t *testing.T) {
	strs := []string{
		"", "plain", `quote " and \ backslash`, "ctrl \x00\x01\x1f\x7f \b\f\n\r\t", "<html> & 'x'",
		"emoji 🙏 and é", "bad \xff\xfe utf-8 \xe2\x82", "line\u2028para\u2029end", "\u00a0nbsp\ufeffbom",
	}
	floats := []float64{0, 1, 0.5, 0.001, 0.123, 0.999, 1e-6, 9.99e-7, 1e-7, 1.5e-9, 1e20, 1e21, 123456789.125, math.Copysign(0, -1)}
	var outs []batchOut
	for i, s := range strs {
		o := batchOut{ID: json.RawMessage(`"ad-1"`), Level: s, Score: i - 3, IsJobAd: i%2 == 0, Hits: []batchHit{}}
		if i%3 != 0 {
			o.Hits = append(o.Hits, batchHit{Rule: s, Category: "c", Match: s}, batchHit{Rule: "r", Category: s, Match: ""})
		}
		outs = append(outs, o)
	}
	for i, f := range floats {
		outs = append(outs, batchOut{ID: json.RawMessage(`{"a":[1,2]}`), Level: "low", Hits: []batchHit{}, Model: &batchModel{Probability: f, Points: i - 5}})
	}
	outs = append(outs, batchOut{ID: jsonNull, Level: "high"}) // nil hits: null
	for _, o := range outs {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(o); err != nil {
			t.Fatal(err)
		}
		got, err := o.appendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		if string(got)+"\n" != want.String() {
			t.Errorf("appendJSON:\n%s\nencoding/json:\n%s", got, want.String())
		}
	}
	for _, f := range []float64{math.NaN(), math.Inf(1)} {
		if _, err := (&batchOut{ID: jsonNull, Model: &batchModel{Probability: f}}).appendJSON(nil); err == nil {
			t.Errorf("probability %v: no error", f)
		}
	}
}

// TestScreenBatchIDs checks that ids encoding/json writes differently, or
// refuses, still go through it.
func TestScreenBatchIDs(t *testing.T) {
	eng, err := screen.Load("../../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ in, wantID, wantErr string }{
		{`{"id": {"a" : [1, 2.50]}, "text": "x"}`, `{"a":[1,2.50]}`, ""},
		{`{"id": "a b", "text": "x"}`, `"a b"`, ""},
		{`{"id": 1e3, "text": "x"}`, `1e3`, ""},
		{`{"id": "a\u0001b", "text": "x"}`, `"a\u0001b"`, ""},
		{`{"id": "a\xffb", "text": "x"}`, "", "jsonl: write: json: error calling MarshalJSON"}, // a bad escape fastjson lets through
	} {
		var out bytes.Buffer
		err := screenBatch(eng, strings.NewReader(tt.in+"\n"), &out)
		if tt.wantErr != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Errorf("%s: error %v, want %s…", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		if !strings.HasPrefix(out.String(), `{"id":`+tt.wantID+`,"level":`) {
			t.Errorf("%s: wrote %s", tt.in, out.String())
		}
	}
}
