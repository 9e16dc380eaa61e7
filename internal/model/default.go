package model

import (
	"fmt"
	"os"
	"strings"
	"sync"

	cekloker "github.com/cekloker/cekloker"
)

// EnvVar names the model file to use instead of the built-in one; "off"
// screens with the rules alone.
const EnvVar = "BOT_MODEL"

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the model named by $BOT_MODEL, or else the model built
// into the binary (model.bin at the repository root), decoded once. It is
// nil with BOT_MODEL=off.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = Load(os.Getenv(EnvVar))
	})
	return defaultModel, defaultErr
}

// Load reads a model file; "" means the built-in model, "off" no model.
func Load(path string) (*Model, error) {
	switch strings.TrimSpace(path) {
	case "off":
		return nil, nil
	case "":
		m, err := Decode(cekloker.DefaultModel)
		if err != nil {
			return nil, fmt.Errorf("built-in model: %w", err)
		}
		return m, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	m, err := Decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}
