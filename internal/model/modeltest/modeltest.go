// Package modeltest makes model files for tests: variants of the built-in
// model that score differently.
package modeltest

import (
	"testing"

	cekloker "github.com/cekloker/cekloker"
	"github.com/cekloker/cekloker/internal/model"
)

// Variant returns the built-in model file with the scam head's bias moved
// by shift log-odds: a positive shift reads every text as more like a
// scam, a negative one less (at -20 the model takes its most points off
// every job ad). Different shifts give different files and versions.
func Variant(t testing.TB, shift float64) []byte {
	t.Helper()
	m, err := model.Decode(cekloker.DefaultModel)
	if err != nil {
		t.Fatal(err)
	}
	m.Manifest.Heads.Scam.Bias += shift
	data, err := m.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// ID is the short id (model.Model.Version) of a model file.
func ID(t testing.TB, data []byte) string {
	t.Helper()
	m, err := model.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	return m.Version
}
