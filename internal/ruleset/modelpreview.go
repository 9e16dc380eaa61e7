package ruleset

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cekloker/cekloker/internal/model"
	"github.com/cekloker/cekloker/internal/rules"
	"github.com/cekloker/cekloker/internal/screen"
	"github.com/cekloker/cekloker/internal/store"
)

// ModelPreview is what a new model would do, computed before it is
// applied: the active rules joined with the current model and with the
// new one.
type ModelPreview struct {
	// Base is the model version the preview was made on (0: none).
	Base int
	// Data is the new model file; Old and New are the current and the new
	// model (Old nil: none).
	Data     []byte
	Old, New *model.Model
	// Same is set when the new model is the base version's.
	Same bool
	// Figures are the labelled examples (every example of the active
	// rules) screened with both.
	Figures
	// Recent is the effect on recent screenings whose text is stored
	// (BOT_STORE_TEXT=1), screened again with both; without stored texts
	// its Total is 0.
	Recent RecentImpact
}

// PreviewModel validates a model file (model.Decode) and compares it with
// model version base on the labelled examples and on the recent
// screenings whose text is stored.
func (m *Manager) PreviewModel(ctx context.Context, base int, data []byte) (*ModelPreview, error) {
	if m.ModelOff() {
		return nil, ErrModelOff
	}
	newm, err := model.Decode(data)
	if err != nil {
		return nil, err
	}
	eng, _ := m.Current()
	if eng == nil {
		return nil, errors.New("rules: none loaded")
	}
	oldm, cur, err := m.activeModel()
	if err != nil {
		return nil, err
	}
	if base != cur {
		mv, err := m.st.Version(ctx, store.ModelVersions, base)
		if err != nil {
			return nil, err
		}
		if oldm, err = model.Decode(mv.Data); err != nil {
			return nil, fmt.Errorf("model version %d: %w", base, err)
		}
	}
	p := &ModelPreview{Base: base, Data: data, Old: oldm, New: newm, Same: oldm != nil && oldm.Version == newm.Version}
	oldeng, neweng := eng.WithModel(oldm), eng.WithModel(newm)
	p.Figures = screenExamples([]*rules.File{eng.Rules()}, oldeng, neweng)

	since := time.Now().Add(-RecentWindow)
	recent, err := m.st.RecentScreenings(ctx, since, RecentLimit)
	if err != nil {
		return nil, err
	}
	p.Recent = rescreen(recent, oldeng, neweng)
	p.Recent.Since = since
	return p, nil
}

// rescreen screens the stored texts of screenings again with both engines
// and counts those whose level changes; screenings without text are
// passed over.
func rescreen(scs []store.Screening, oldeng, neweng *screen.Engine) RecentImpact {
	var ri RecentImpact
	for _, sc := range scs {
		if sc.Text == "" {
			continue
		}
		ri.Total++
		a, b := oldeng.Screen(sc.Text), neweng.Screen(sc.Text)
		ri.count(sc, a.Level, b.Level, a.Score, b.Score)
	}
	return ri
}
