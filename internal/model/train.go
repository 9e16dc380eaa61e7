package model

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/optimize"
)

// Example is one training text as a sparse vector, its label (1 or 0)
// and its weight in the loss.
type Example struct {
	X      []Feat
	Y      float64
	Weight float64
}

// TrainHead fits a logistic regression with L2 penalty l2 (on the weights,
// not the bias) by L-BFGS, for at most iters iterations. It is
// deterministic: the same examples in the same order give the same weights.
// scale, when not nil, multiplies every feature value by scale[bucket]
// during training (e.g. inverse document frequencies); the weights
// returned have it folded in, so they apply to the unscaled features.
func TrainHead(exs []Example, bits int, l2 float64, iters int, scale []float64) (w []float64, bias float64, err error) {
	dim := 1 << bits
	// Only buckets that occur are optimised; the rest stay 0.
	used := make([]int32, dim)
	for i := range used {
		used[i] = -1
	}
	var cols []uint32
	for _, e := range exs {
		for _, f := range e.X {
			if used[f.Idx] < 0 {
				used[f.Idx] = 0
			}
		}
	}
	for i := range used {
		if used[i] == 0 {
			used[i] = int32(len(cols))
			cols = append(cols, uint32(i))
		}
	}
	// Examples in the compact column space.
	type row struct {
		idx []int32
		val []float64
		y   float64
		wt  float64
	}
	rows := make([]row, len(exs))
	var wsum float64
	for i, e := range exs {
		r := row{idx: make([]int32, len(e.X)), val: make([]float64, len(e.X)), y: e.Y, wt: e.Weight}
		for k, f := range e.X {
			r.idx[k], r.val[k] = used[f.Idx], f.Val
			if scale != nil {
				r.val[k] *= scale[f.Idx]
			}
		}
		rows[i] = r
		wsum += e.Weight
	}
	if wsum == 0 {
		return nil, 0, fmt.Errorf("model: no training examples")
	}
	n := len(cols)
	// x[0] is the bias, x[1:] the weights of the used columns. The loss is
	// the weighted mean log-loss plus l2/2 |w|^2.
	fg := func(grad, x []float64) float64 {
		if grad != nil {
			clear(grad)
		}
		loss := 0.0
		for _, r := range rows {
			z := x[0]
			for k, c := range r.idx {
				z += x[1+c] * r.val[k]
			}
			// log(1+exp(-z)) for y=1, log(1+exp(z)) for y=0, stably.
			s := z
			if r.y == 1 {
				s = -z
			}
			loss += r.wt * softplus(s)
			if grad != nil {
				d := r.wt * (sigmoid(z) - r.y) / wsum
				grad[0] += d
				for k, c := range r.idx {
					grad[1+c] += d * r.val[k]
				}
			}
		}
		loss /= wsum
		for j := 1; j <= n; j++ {
			loss += l2 / 2 * x[j] * x[j]
			if grad != nil {
				grad[j] += l2 * x[j]
			}
		}
		return loss
	}
	p := optimize.Problem{
		Func: func(x []float64) float64 { return fg(nil, x) },
		Grad: func(grad, x []float64) { fg(grad, x) },
	}
	settings := &optimize.Settings{
		MajorIterations:   iters,
		GradientThreshold: 1e-6,
		Converger:         &optimize.FunctionConverge{Relative: 1e-7, Iterations: 10},
		Concurrent:        0,
	}
	res, err := optimize.Minimize(p, make([]float64, n+1), settings, &optimize.LBFGS{})
	if err != nil && res == nil {
		return nil, 0, fmt.Errorf("model: training: %w", err)
	}
	w = make([]float64, dim)
	for j, c := range cols {
		w[c] = res.X[1+j]
		if scale != nil {
			w[c] *= scale[c]
		}
	}
	return w, res.X[0], nil
}

func softplus(s float64) float64 {
	if s > 30 {
		return s
	}
	return math.Log1p(math.Exp(s))
}
