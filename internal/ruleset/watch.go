package ruleset

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

func (m *Manager) watch(ctx context.Context, path string, debounce time.Duration, report func(int, error)) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("rules: watch: %w", err)
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
		return fmt.Errorf("rules: watch: %w", err)
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
				m.log.Warn("rules: watch error", "error", err)
			case <-timer.C:
				_, before := m.Current()
				v, err := m.Load(ctx, path)
				if err != nil {
					if ctx.Err() != nil {
						return
					}
					m.log.Error("rules: reload refused, keeping the last good rules", "version", before, "error", err)
				} else if v != before {
					m.log.Info("rules: reloaded", "version", v)
				}
				if report != nil && (err != nil || v != before) {
					report(v, err)
				}
			}
		}
	}()
	return nil
}
