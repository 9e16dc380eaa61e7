package training

import (
	"math"

	"github.com/cekloker/cekloker/internal/model"
	"gonum.org/v1/gonum/optimize"
)

// calibrate fits Platt scaling, p = σ(A·z + C), to the out-of-fold scam
// log-odds z of the rows by minimising the log-loss. It returns the
// identity when the fit fails or would reverse the order.
func calibrate(rows []Row, preds []pred) model.Calibration {
	var nScam, nLegit float64
	for i := range rows {
		if rows[i].Scam() {
			nScam++
		} else {
			nLegit++
		}
	}
	if nScam == 0 || nLegit == 0 {
		return model.Identity
	}
	n := nScam + nLegit
	// Each row weighs 1: the probability is calibrated at the corpora's
	// share of scams (about one in six), not at the even odds the heads are
	// trained with, which would make every text look more like a scam.
	const wScam, wLegit = 1.0, 1.0
	f := func(grad, x []float64) float64 {
		a, c := x[0], x[1]
		var loss, ga, gc float64
		for i := range rows {
			z := preds[i].logit
			s, w, y := a*z+c, wLegit, 0.0
			if rows[i].Scam() {
				w, y = wScam, 1
			}
			if y == 1 {
				loss += w * softplus(-s)
			} else {
				loss += w * softplus(s)
			}
			d := w * (sigmoid(s) - y)
			ga += d * z
			gc += d
		}
		if grad != nil {
			grad[0], grad[1] = ga/n, gc/n
		}
		return loss / n
	}
	p := optimize.Problem{
		Func: func(x []float64) float64 { return f(nil, x) },
		Grad: func(grad, x []float64) { f(grad, x) },
	}
	res, err := optimize.Minimize(p, []float64{1, 0}, &optimize.Settings{GradientThreshold: 1e-9, Concurrent: 0}, &optimize.BFGS{})
	if res == nil || err != nil && res.Status == optimize.NotTerminated || !(res.X[0] > 0) || math.IsNaN(res.X[1]) {
		return model.Identity
	}
	return model.Calibration{A: res.X[0], C: res.X[1]}
}

func softplus(s float64) float64 {
	if s > 30 {
		return s
	}
	if s < -30 {
		return math.Exp(s)
	}
	return math.Log1p(math.Exp(s))
}
