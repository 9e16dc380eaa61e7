package training

import (
	"math"
	"sort"

	"github.com/cekloker/cekloker/internal/model"
	"github.com/cekloker/cekloker/internal/normalize"
	"github.com/cekloker/cekloker/internal/rules"
)

// The false-positive budget the join and the cut-offs are chosen for, on
// legit job ads of the validation folds. The quality bars are 2% at medium
// or higher and 0.5% at high; the budget keeps a margin below them.
const (
	budgetMedium = 0.018
	budgetHigh   = 0.004
)

// Grid of the join's parameters, searched in this order; a later setting
// replaces an earlier one only when strictly better.
var (
	gridA   = []float64{1, 2, 3}
	gridPos = []float64{0, 1, 2, 3, 4, 5, 6}
	gridNeg = []float64{-8, -6, -4, -3, -2, -1, 0}
	gridMax = []int{4, 6, 8, 10}
	gridMin = []int{0, -2, -4, -6}
	gridNon = []int{0, -2, -4}
)

// chooseJoin picks the join that puts the most scam ads at medium or higher
// and at high while legit job ads stay within the budget, with a penalty
// for every non-job text rated high, over the rows where use is true.
func chooseJoin(rows []Row, preds []pred, use func(int) bool, th rules.Thresholds) model.Join {
	type ev struct {
		rules int
		logit float64
		job   float64
		kind  uint8 // 0 scam, 1 legit job ad, 2 non-job text
	}
	var evs []ev
	legit := 0
	for i := range rows {
		if !use(i) {
			continue
		}
		e := ev{rules: preds[i].rules, logit: preds[i].logit, job: preds[i].job}
		switch {
		case rows[i].Scam():
		case rows[i].Job:
			e.kind = 1
			legit++
		default:
			e.kind = 2
		}
		evs = append(evs, e)
	}
	best, bestKey := model.Join{A: 1, JobCut: 0.5}, [2]float64{math.Inf(-1), math.Inf(-1)}
	for _, a := range gridA {
		for _, pos := range gridPos {
			for _, neg := range gridNeg {
				if neg > pos {
					continue
				}
				for _, hi := range gridMax {
					for _, lo := range gridMin {
						for _, non := range gridNon {
							j := model.Join{A: a, Pos: pos, Neg: neg, Min: lo, Max: hi, NonJob: non, JobCut: 0.5}
							var fm, fh, nh, sm, sh int
							for _, e := range evs {
								l := level(e.rules+j.Points(e.logit, e.job), th)
								switch e.kind {
								case 0:
									sm += b2i(l >= 1)
									sh += b2i(l == 2)
								case 1:
									fm += b2i(l >= 1)
									fh += b2i(l == 2)
								default:
									nh += b2i(l == 2)
								}
							}
							// Settings within the budget first, then the most
							// scams caught, a non-job text rated high costing five.
							excess := math.Max(0, float64(fm)/float64(max(1, legit))-budgetMedium) +
								math.Max(0, float64(fh)/float64(max(1, legit))-budgetHigh)
							key := [2]float64{-excess, float64(sm + sh - 5*nh)}
							if key[0] > bestKey[0] || key[0] == bestKey[0] && key[1] > bestKey[1] {
								best, bestKey = j, key
							}
						}
					}
				}
			}
		}
	}
	return best
}

// chooseAlone picks the model-alone cut-offs: the lowest probabilities at
// which legit job ads stay within the budget.
func chooseAlone(rows []Row, preds []pred, use func(int) bool) model.Cutoffs {
	var legit []float64
	for i := range rows {
		if use(i) && !rows[i].Scam() && rows[i].Job {
			legit = append(legit, sigmoid(preds[i].logit))
		}
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(legit)))
	cut := func(budget float64) float64 {
		k := int(budget * float64(len(legit))) // this many may be flagged
		if k >= len(legit) {
			return 0
		}
		// Just above the (k+1)-th highest legit probability.
		return math.Nextafter(legit[k], 2)
	}
	return model.Cutoffs{Medium: cut(budgetMedium), High: cut(budgetHigh)}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// rowTexts returns the normalised text of each row (not of its augmented
// copies).
func rowTexts(items []item, n int) []*normalize.Text {
	out := make([]*normalize.Text, n)
	for i := range items {
		if !items[i].aug {
			out[items[i].row] = items[i].nt
		}
	}
	return out
}
