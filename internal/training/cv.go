package training

import (
	"fmt"
	"time"

	"github.com/cekloker/cekloker/internal/model"
	"github.com/cekloker/cekloker/internal/rules"
	"github.com/cekloker/cekloker/internal/screen"
)

// pred is what cross-validation learnt about one row.
type pred struct {
	rules int     // rule score
	logit float64 // scam head, out of fold
	job   float64 // job head, out of fold
	fold  int
	// join and alone are the join parameters and model-alone cut-offs
	// chosen on the other folds.
	join  model.Join
	alone model.Cutoffs
}

// Result is a trained model and its report.
type Result struct {
	Model  *model.Model
	Report []string
	// Predictions are the out-of-fold verdicts of every row, in corpus
	// order (empty without cross-validation).
	Predictions []Prediction
}

// Prediction is what cross-validation said of one labelled row, with the
// model trained on the other folds: for an operator to see which of their
// ads each system misjudges.
type Prediction struct {
	ID     string `json:"id"`
	Origin string `json:"origin"`
	Lang   string `json:"lang,omitempty"`
	Label  string `json:"label"`
	IsJob  bool   `json:"is_job_ad"`
	Fold   int    `json:"fold"`
	// Rules is the rules' score; Logit and Job the model's scam log-odds
	// and job-ad probability.
	Rules int     `json:"rules"`
	Logit float64 `json:"logit"`
	Job   float64 `json:"job"`
	// Levels are the rules', the model's alone and the join's:
	// low, medium or high.
	LevelRules string `json:"level_rules"`
	LevelModel string `json:"level_model"`
	LevelJoin  string `json:"level_join"`
}

var levelNames = [3]string{"low", "medium", "high"}

func predictions(rows []Row, preds []pred, th rules.Thresholds) []Prediction {
	out := make([]Prediction, len(rows))
	for i := range rows {
		r, p := &rows[i], &preds[i]
		ls := levels(p, th)
		out[i] = Prediction{ID: r.ID, Origin: r.Origin, Lang: r.Lang, Label: r.Label, IsJob: r.Job,
			Fold: p.fold + 1, Rules: p.rules, Logit: p.logit, Job: p.job,
			LevelRules: levelNames[ls[0]], LevelModel: levelNames[ls[1]], LevelJoin: levelNames[ls[2]]}
	}
	return out
}

// Train cross-validates and trains the final model. eng must be the rules
// alone (no model joined).
func Train(eng *screen.Engine, rows []Row, corpora []model.Corpus, opt Options) (*Result, error) {
	start := time.Now()
	th := eng.Rules().Thresholds
	items := prepare(eng, &opt.Settings, rows)
	opt.logf("prepared %d rows (%d with augmented copies) in %s", len(rows), len(items), time.Since(start).Round(time.Millisecond))
	var report []string
	var out []Prediction
	join, alone := opt.Join, model.Cutoffs{Medium: 0.5, High: 0.9}
	var cal *model.Calibration
	if opt.Folds > 1 {
		group := groups(rowTexts(items, len(rows)))
		fold := assignFolds(rows, group, opt.Folds)
		preds := make([]pred, len(rows))
		for i := range items {
			if !items[i].aug {
				preds[items[i].row].rules = items[i].score
			}
		}
		for f := 0; f < opt.Folds; f++ {
			m, err := heads(items, func(it *item) bool { return fold[it.row] != f }, &opt)
			if err != nil {
				return nil, fmt.Errorf("fold %d: %w", f+1, err)
			}
			for i := range items {
				it := &items[i]
				if it.aug || fold[it.row] != f {
					continue
				}
				r := m.Score(it.nt, it.syms)
				p := &preds[it.row]
				p.logit, p.job, p.fold = r.Logit, r.Job, f
			}
			opt.logf("fold %d of %d trained (%s)", f+1, opt.Folds, time.Since(start).Round(time.Millisecond))
		}
		// The probability shown to people is calibrated on the
		// out-of-fold log-odds (Platt scaling), so that "87% like known
		// scam ads" is about what it says on the corpora; the join and the
		// cut-offs keep reading the raw log-odds.
		cal = calibrate(rows, preds)
		for f := 0; f < opt.Folds; f++ {
			others := func(i int) bool { return preds[i].fold != f }
			j := chooseJoin(rows, preds, others, th)
			a := chooseAlone(rows, preds, others)
			for i := range preds {
				if preds[i].fold == f {
					preds[i].join, preds[i].alone = j, a
				}
			}
		}
		all := func(int) bool { return true }
		join, alone = chooseJoin(rows, preds, all, th), chooseAlone(rows, preds, all)
		groupsN := 0
		for i, g := range group {
			if g == i {
				groupsN++
			}
		}
		report = append(report, fmt.Sprintf("cross-validation: %d folds over %d rows in %d groups (near-identical ads kept together); join and cut-offs chosen on the other folds",
			opt.Folds, len(rows), groupsN))
		report = append(report, tables(rows, preds, th)...)
		out = predictions(rows, preds, th)
		if opt.LeaveOneOrigin {
			lo, err := leaveOneOrigin(rows, items, join, alone, th, &opt)
			if err != nil {
				return nil, err
			}
			report = append(report, lo...)
		}
	}
	m, err := heads(items, func(*item) bool { return true }, &opt)
	if err != nil {
		return nil, err
	}
	man := m.Manifest
	man.Created = opt.Created.UTC().Format(time.RFC3339)
	man.Corpora = corpora
	man.Join, man.Alone = join, alone
	man.Calibration = cal
	if cal != nil {
		report = append(report, fmt.Sprintf("shown probability calibrated on the out-of-fold log-odds (Platt): σ(%.3f·z %+.3f)", cal.A, cal.C))
	}
	report = append(report, fmt.Sprintf("final model: join %+v; model alone: medium at p ≥ %.3f, high at p ≥ %.3f",
		join, alone.Medium, alone.High))
	opt.logf("trained in %s", time.Since(start).Round(100*time.Millisecond))
	man.CV = report
	// Rebuild with the full manifest (the version covers it).
	final, err := model.New(man, m.Weights(0), m.Weights(1))
	if err != nil {
		return nil, err
	}
	return &Result{Model: final, Report: report, Predictions: out}, nil
}

// level is the level of a score under the thresholds.
func level(score int, th rules.Thresholds) int {
	switch {
	case score >= th.High:
		return 2
	case score >= th.Medium:
		return 1
	}
	return 0
}

func aloneLevel(logit float64, c model.Cutoffs) int {
	p := sigmoid(logit)
	switch {
	case p >= c.High:
		return 2
	case p >= c.Medium:
		return 1
	}
	return 0
}
