package ruleset

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	cekloker "github.com/cekloker/cekloker"
	"github.com/cekloker/cekloker/internal/model"
	"github.com/cekloker/cekloker/internal/store"
)

// The text model is versioned like the rules: every model is a version in
// the store (the whole file), the newest is active, and the file the bot
// was started with ($BOT_MODEL, or the model built into the binary)
// becomes a new version authored "file" when it changed. Swapping the
// model swaps the engine atomically: the active rules joined with the new
// model.

// ErrModelConflict is returned by ApplyModel when another model version
// was saved after the base the model was previewed on.
var ErrModelConflict = errors.New("the model changed meanwhile, preview again")

// ErrModelOff is returned by model changes while BOT_MODEL=off.
var ErrModelOff = errors.New("the text model is off (BOT_MODEL=off)")

// modelState is the model joined with every engine.
type modelState struct {
	m       *model.Model // nil: off, the rules alone
	version int          // in the store; 0 when off
}

// activeModel is the model to join and its version. Before LoadModel it
// is model.Default(), not versioned.
func (m *Manager) activeModel() (*model.Model, int, error) {
	if st := m.model.Load(); st != nil {
		return st.m, st.version, nil
	}
	mdl, err := model.Default()
	return mdl, 0, err
}

// ModelOff reports whether the bot screens with the rules alone
// (BOT_MODEL=off).
func (m *Manager) ModelOff() bool {
	st := m.model.Load()
	return st != nil && st.m == nil
}

// setModel joins mdl (version v) with the active rules and swaps the
// engine. Callers hold m.mu.
func (m *Manager) setModel(mdl *model.Model, v int) {
	m.model.Store(&modelState{m: mdl, version: v})
	if eng, rv := m.Current(); eng != nil {
		m.swap(eng.WithModel(mdl), rv, v)
	}
}

// readModel reads the model that spec names: "" is the one built into the
// binary, anything else a file, at most model.MaxFile bytes.
func readModel(spec string) (name string, data []byte, err error) {
	if spec == "" {
		return "model.bin (built in)", cekloker.DefaultModel, nil
	}
	f, err := os.Open(spec)
	if err != nil {
		return spec, nil, fmt.Errorf("model: %w", err)
	}
	defer f.Close()
	data, err = io.ReadAll(io.LimitReader(f, model.MaxFile+1))
	if err != nil {
		return spec, nil, fmt.Errorf("model: %s: %w", spec, err)
	}
	if len(data) > model.MaxFile {
		return spec, nil, fmt.Errorf("model: %s is over the limit of %d bytes", spec, model.MaxFile)
	}
	return filepath.Base(spec), data, nil
}

// LoadModel reads the model spec names ($BOT_MODEL: a file, "" for the
// built-in model, "off" for the rules alone), validates it, records it as
// a new version (author "file") when it changed, and joins the store's
// newest version with the rules. A file that did not change since its
// last "file" version does not override a newer admin version. An invalid
// file is refused and the active model stays. It returns the active model
// version (0 when off).
func (m *Manager) LoadModel(ctx context.Context, spec string) (int, error) {
	spec = strings.TrimSpace(spec)
	if spec == "off" {
		m.mu.Lock()
		defer m.mu.Unlock()
		m.setModel(nil, 0)
		return 0, nil
	}
	name, data, err := readModel(spec)
	if err != nil {
		return 0, err
	}
	fileModel, err := model.Decode(data)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", name, err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	active, added, err := m.fileVersion(ctx, store.ModelVersions, data, func(store.Version, bool) string {
		return "loaded from " + name + ": " + ModelSummary(fileModel)
	})
	if err != nil {
		return 0, err
	}
	if added {
		m.log.Info("model: new version from file", "version", active.Version, "model", fileModel.Version, "file", name)
	}
	if st := m.model.Load(); st != nil && st.m != nil && st.version == active.Version {
		return active.Version, nil
	}
	mdl := fileModel
	if active.SHA256 != sha(data) {
		if mdl, err = model.Decode(active.Data); err != nil {
			return 0, fmt.Errorf("model version %d: %w", active.Version, err)
		}
	}
	m.setModel(mdl, active.Version)
	return active.Version, nil
}

// ActiveModel returns the active model version as saved in the store.
func (m *Manager) ActiveModel(ctx context.Context) (store.Version, error) {
	mdl, v, err := m.activeModel()
	switch {
	case err != nil:
		return store.Version{}, err
	case mdl == nil:
		return store.Version{}, ErrModelOff
	case v == 0:
		return store.Version{}, errors.New("model: not versioned yet")
	}
	return m.st.Version(ctx, store.ModelVersions, v)
}

// ApplyModel saves a model file as a new version on top of base and joins
// it with the rules. If another version was saved after base it fails
// with ErrModelConflict and changes nothing.
func (m *Manager) ApplyModel(ctx context.Context, base int, data []byte, author, summary string) (store.Version, error) {
	if m.ModelOff() {
		return store.Version{}, ErrModelOff
	}
	mdl, err := model.Decode(data)
	if err != nil {
		return store.Version{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	mv, err := m.st.AddVersionIfBase(ctx, store.ModelVersions, base, data, author, summary)
	if errors.Is(err, store.ErrConflict) {
		return store.Version{}, ErrModelConflict
	}
	if err != nil {
		return store.Version{}, err
	}
	m.setModel(mdl, mv.Version)
	m.log.Info("model: new version applied", "version", mv.Version, "model", mdl.Version, "author", author, "summary", summary)
	return mv, nil
}

// ModelSummary describes a model in one line: its id, training date and
// corpora.
func ModelSummary(mdl *model.Model) string {
	rows := 0
	for _, c := range mdl.Manifest.Corpora {
		rows += c.Rows
	}
	return fmt.Sprintf("model %s trained %s on %d corpora (%d rows)", mdl.Version, mdl.Manifest.Created, len(mdl.Manifest.Corpora), rows)
}

// WatchModel watches the model file at path like Watch watches the rules
// file: once it has not changed for StableFor it is validated and becomes
// a new version (LoadModel); an invalid file is refused, logged and
// reported, and the active model stays.
func (m *Manager) WatchModel(ctx context.Context, path string, report func(version int, err error)) error {
	return m.watchModel(ctx, path, watchDebounce, StableFor, report)
}

func (m *Manager) watchModel(ctx context.Context, path string, debounce, settle time.Duration, report func(int, error)) error {
	return m.watchFile(ctx, watched{
		what: "model", path: path,
		load:    func(ctx context.Context) (int, error) { return m.LoadModel(ctx, path) },
		current: func() int { _, v, _ := m.activeModel(); return v },
	}, debounce, settle, report)
}
