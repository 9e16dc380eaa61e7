package ruleset

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/cekloker/cekloker/internal/rules"
	"github.com/cekloker/cekloker/internal/screen"
	"github.com/cekloker/cekloker/internal/store"
)

// AuthorFile is the author of versions that come from the rules file.
const AuthorFile = "file"

// ErrConflict is returned by Apply when another version was saved after
// the base the change was previewed on.
var ErrConflict = errors.New("the rules changed meanwhile, preview again")

// Manager owns the versioned rules: it loads the rules file, records
// versions in the store, previews and applies admin edits, and swaps the
// compiled engine into its Set atomically. Screenings in flight keep the
// engine they started with.
//
// Which rules win: the store's newest version is always the active one.
// When the rules file changes (on start or while watched) and differs from
// the active version, it becomes a new version authored "file". An admin's
// Telegram edit is likewise a new version. So the later change wins, as a
// new version: an admin edit stays active until rules.yaml is changed
// again on disk, and a file edit stays active until an admin edits again.
// History is never rewritten.
type Manager struct {
	Set
	st  *store.Store
	log *slog.Logger
	mu  sync.Mutex // serialises writes of versions and swaps
	// model is the text model joined with every engine (models.go); nil
	// until LoadModel, when engines join model.Default().
	model atomic.Pointer[modelState]
}

// NewManager returns a manager saving versions in st. log may be nil.
func NewManager(st *store.Store, log *slog.Logger) *Manager {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Manager{st: st, log: log}
}

// Store is the manager's store.
func (m *Manager) Store() *store.Store { return m.st }

// Compile parses and compiles yaml (which runs every rule example). The
// engine has no text model; the Manager joins its active model.
func Compile(name string, data []byte, version int) (*screen.Engine, error) {
	if len(data) > rules.MaxFileSize {
		return nil, fmt.Errorf("%s: file is %d bytes, more than the limit of %d", name, len(data), rules.MaxFileSize)
	}
	f, err := rules.Parse(name, data)
	if err != nil {
		return nil, err
	}
	v := ""
	if version > 0 {
		v = strconv.Itoa(version)
	}
	return screen.Compile(f, v)
}

// compile is Compile joined with the active text model, so that previews
// show what the bot will answer.
func (m *Manager) compile(name string, data []byte, version int) (*screen.Engine, error) {
	eng, err := Compile(name, data, version)
	if err != nil {
		return nil, err
	}
	mdl, _, err := m.activeModel()
	if err != nil {
		return nil, err
	}
	return eng.WithModel(mdl), nil
}

func sha(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// Load reads the rules file at path, validates it, records it as a new
// version (author "file") when it changed, and activates the store's
// newest version. A file that did not change since its last "file" version
// does not override a newer admin version. An invalid file is refused and
// the active rules stay as they are. It returns the active version.
func (m *Manager) Load(ctx context.Context, path string) (int, error) {
	data, err := rules.Read(path) // a file, or a folder of topic files
	if err != nil {
		return 0, err
	}
	if _, err := m.compile(path, data, 0); err != nil {
		return 0, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	active, added, err := m.fileVersion(ctx, store.RuleVersions, data, func(active store.Version, ok bool) string {
		if !ok {
			return "loaded from " + filepath.Base(path)
		}
		return "loaded from " + filepath.Base(path) + ": " + fileDiff(path, active.Data, data)
	})
	if err != nil {
		return 0, err
	}
	if added {
		m.log.Info("rules: new version from file", "version", active.Version, "path", path)
	}
	if cur, v := m.Current(); cur != nil && v == active.Version {
		return v, nil
	}
	eng, err := m.compile(path, active.Data, active.Version)
	if err != nil {
		return 0, fmt.Errorf("rules version %d: %w", active.Version, err)
	}
	m.swapRules(eng, active.Version)
	return active.Version, nil
}

// fileVersion records data, read from a file, as a new version of t
// (author "file", summary made from the active version and whether there
// is one) when the file wins, and returns the active version after; added
// says whether it is the new one. The file wins when there is no version
// yet, or it differs from the active version and, when an admin's version
// is active, it changed since the last version that came from it. So the
// later change wins.
func (m *Manager) fileVersion(ctx context.Context, t store.Versioned, data []byte, summary func(active store.Version, ok bool) string) (v store.Version, added bool, err error) {
	active, ok, err := m.st.ActiveVersion(ctx, t)
	if err != nil {
		return store.Version{}, false, err
	}
	sum := sha(data)
	if ok && active.SHA256 == sum {
		return active, false, nil
	}
	if ok && active.Author != AuthorFile {
		last, found, err := m.st.LastVersionBy(ctx, t, AuthorFile)
		if err != nil {
			return store.Version{}, false, err
		}
		if found && last.SHA256 == sum {
			return active, false, nil
		}
	}
	v, err = m.st.AddVersion(ctx, t, data, AuthorFile, summary(active, ok))
	if err != nil {
		return store.Version{}, false, err
	}
	return v, true, nil
}

// swapRules makes eng (joined with the active model) the active engine as
// rules version v. Callers hold m.mu.
func (m *Manager) swapRules(eng *screen.Engine, v int) {
	_, mv, _ := m.activeModel()
	m.swap(eng, v, mv)
}

// Active returns the active version as saved in the store.
func (m *Manager) Active(ctx context.Context) (store.Version, error) {
	_, v := m.Current()
	if v == 0 {
		return store.Version{}, errors.New("rules: none loaded")
	}
	return m.st.Version(ctx, store.RuleVersions, v)
}

// Apply saves yaml as a new version on top of base and activates it. If
// another version was saved after base it fails with ErrConflict and
// changes nothing.
func (m *Manager) Apply(ctx context.Context, base int, data []byte, author, summary string) (store.Version, error) {
	if _, err := m.compile("rules.yaml", data, 0); err != nil {
		return store.Version{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	rv, err := m.st.AddVersionIfBase(ctx, store.RuleVersions, base, data, author, summary)
	if errors.Is(err, store.ErrConflict) {
		return store.Version{}, ErrConflict
	}
	if err != nil {
		return store.Version{}, err
	}
	eng, err := m.compile("rules.yaml", rv.Data, rv.Version)
	if err != nil {
		return store.Version{}, err
	}
	m.swapRules(eng, rv.Version)
	m.log.Info("rules: new version applied", "version", rv.Version, "author", author, "summary", summary)
	return rv, nil
}

// engineFor returns the engine of version v (the current one if active).
func (m *Manager) engineFor(ctx context.Context, v int) (*screen.Engine, []byte, error) {
	rv, err := m.st.Version(ctx, store.RuleVersions, v)
	if err != nil {
		return nil, nil, err
	}
	if eng, cur := m.Current(); eng != nil && cur == v {
		return eng, rv.Data, nil
	}
	eng, err := m.compile("rules.yaml", rv.Data, v)
	return eng, rv.Data, err
}

// Watch watches the directory of path and reloads the rules (Load) once
// the file has not changed for StableFor (a file written in chunks is not
// loaded half-written). The new version's summary says what changed. report, if not nil, is called after
// each reload with the active version, or with the error that refused the
// file (the last good rules stay active). Watch returns once the watch is
// in place; watching ends with ctx.
func (m *Manager) Watch(ctx context.Context, path string, report func(version int, err error)) error {
	return m.watch(ctx, path, watchDebounce, StableFor, report)
}
