package training

import (
	"github.com/cekloker/cekloker/internal/model"
)

// calibrate fits Platt scaling, p = σ(A·z + C), to the out-of-fold scam
// log-odds z of the rows: a logistic regression on the one feature z
// (model.TrainHead, unpenalised), each row weighing 1, so that the
// probability is calibrated at the corpora's share of scams (about one in
// six), not at the even odds the heads are trained with, which would make
// every text look more like a scam. It returns nil without both labels or
// when the fit would reverse the order.
func calibrate(rows []Row, preds []pred) *model.Calibration {
	exs := make([]model.Example, len(rows))
	var scams int
	for i := range rows {
		y := 0.0
		if rows[i].Scam() {
			y = 1
			scams++
		}
		exs[i] = model.Example{X: []model.Feat{{Idx: 0, Val: preds[i].logit}}, Y: y, Weight: 1}
	}
	if scams == 0 || scams == len(rows) {
		return nil
	}
	w, c, err := model.TrainHead(exs, 0, 0, 100, nil)
	if err != nil || !(w[0] > 0) {
		return nil
	}
	return &model.Calibration{A: w[0], C: c}
}
