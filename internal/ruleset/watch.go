package ruleset

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// stableWait is how much longer to wait until the file at path has been
// unchanged for settle (0: it has).
func stableWait(path string, settle time.Duration) time.Duration {
	fi, err := os.Stat(path)
	if err != nil {
		return 0 // gone: Load reports it
	}
	if since := time.Since(fi.ModTime()); since < settle {
		return settle - since
	}
	return 0
}

// fileDiff says in one line what a new rules file changes.
func fileDiff(path string, old, data []byte) string {
	oldeng, err1 := Compile(path, old, 0)
	neweng, err2 := Compile(path, data, 0)
	if err1 != nil || err2 != nil {
		return "changed"
	}
	p := &Preview{OldThresholds: oldeng.Rules().Thresholds, NewThresholds: neweng.Rules().Thresholds}
	diffRules(p, oldeng.Rules(), neweng.Rules())
	return p.Summary()
}

// StableFor is how long rules.yaml must stay unchanged before a reload.
const StableFor = 2 * time.Second

// watchDebounce is how long Watch waits after the last event of a burst.
const watchDebounce = 300 * time.Millisecond

func (m *Manager) watch(ctx context.Context, path string, debounce, settle time.Duration, report func(int, error)) error {
	return m.watchFile(ctx, watched{
		what: "rules", path: path,
		load:    func(ctx context.Context) (int, error) { return m.Load(ctx, path) },
		current: func() int { _, v := m.Current(); return v },
	}, debounce, settle, report)
}

// watched is a file (or a folder of topic files) that is reloaded as a new
// version when it changes.
type watched struct {
	what, path string
	// load reloads it and returns the active version; current is the
	// active version now.
	load    func(ctx context.Context) (int, error)
	current func() int
}

// watchFile watches the directory of w.path and reloads it (w.load) once
// it has not changed for settle; see Watch.
func (m *Manager) watchFile(ctx context.Context, wf watched, debounce, settle time.Duration, report func(int, error)) error {
	path, what := wf.path, wf.what
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("%s: watch: %w", what, err)
	}
	// Watch the directory: editors replace the file (rename), which would
	// end a watch on the file itself. A folder of topic files is watched
	// itself, for changes to any of its .yaml files.
	dir := filepath.Dir(abs)
	if st, err := os.Stat(abs); err == nil && st.IsDir() {
		dir = abs
	}
	if err := w.Add(dir); err != nil {
		w.Close()
		return fmt.Errorf("%s: watch: %w", what, err)
	}
	go func() {
		defer w.Close()
		timer := time.NewTimer(time.Hour)
		timer.Stop()
		defer timer.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				name := filepath.Clean(ev.Name)
				inFolder := dir == abs && filepath.Dir(name) == abs && filepath.Ext(name) == ".yaml"
				if (name != abs && !inFolder) || ev.Op == fsnotify.Chmod {
					continue
				}
				timer.Reset(debounce)
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				m.log.Warn(what+": watch error", "error", err)
			case <-timer.C:
				// A file still being written (in chunks, by a slow copy)
				// may be valid but cut short: wait until it has not
				// changed for a while.
				if wait := stableWait(abs, settle); wait > 0 {
					timer.Reset(wait)
					continue
				}
				before := wf.current()
				v, err := wf.load(ctx)
				if err != nil {
					if ctx.Err() != nil {
						return
					}
					m.log.Error(what+": reload refused, keeping the last good version", "version", before, "path", path, "error", err)
				} else if v != before {
					m.log.Info(what+": reloaded", "version", v)
				}
				if report != nil && (err != nil || v != before) {
					report(v, err)
				}
			}
		}
	}()
	return nil
}
