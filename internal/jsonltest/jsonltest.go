// Package jsonltest reads JSON Lines files (one JSON value a line) in
// tests and benchmarks.
package jsonltest

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

// maxLine is the longest line Read accepts.
const maxLine = 16 << 20

// Read decodes every line of the file at path into a T. Any error (a
// missing file, a line that is not JSON or is longer than 16 MiB) fails t.
func Read[T any](t testing.TB, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, maxLine)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

// Texts reads the "text" field of every line of the files at paths, in
// order.
func Texts(t testing.TB, paths ...string) []string {
	t.Helper()
	var texts []string
	for _, p := range paths {
		for _, l := range Read[struct{ Text string }](t, p) {
			texts = append(texts, l.Text)
		}
	}
	return texts
}
