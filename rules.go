// Package cekloker holds the project's default rules and text model, built
// into the binary so that `bot screen` works from any folder. The code
// lives under cmd/ and internal/.
package cekloker

import _ "embed"

// DefaultRules is rules.yaml as it was when the binary was built.
//
//go:embed rules.yaml
var DefaultRules []byte

// DefaultModel is model.bin (written by `bot train`) as it was when the
// binary was built.
//
//go:embed model.bin
var DefaultModel []byte
