package ruleset

import (
	"context"
	"fmt"
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
	// end a watch on the file itself.
	if err := w.Add(filepath.Dir(abs)); err != nil {
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
				if filepath.Clean(ev.Name) != abs || ev.Op == fsnotify.Chmod {
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
