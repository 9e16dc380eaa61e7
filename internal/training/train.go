package training

import (
	"fmt"
	"io"
	"math"
	"regexp"
	"time"

	"github.com/cekloker/cekloker/internal/model"
	"github.com/cekloker/cekloker/internal/normalize"
	"github.com/cekloker/cekloker/internal/screen"
)

// Options steer training.
type Options struct {
	Settings model.Settings
	// Folds is k of the k-fold cross-validation (0: no cross-validation;
	// the join then keeps Options.Join).
	Folds int
	L2    float64
	// NB is the exponent of the scam head's naive-Bayes feature scaling
	// (see nbScale; 0: none).
	NB    float64
	Iters int
	// Created is the date written into the manifest.
	Created time.Time
	// LeaveOneOrigin adds a leave-one-origin-out report.
	LeaveOneOrigin bool
	// Join is used when there is no cross-validation.
	Join model.Join
	// Log receives progress lines (may be nil).
	Log io.Writer
}

// DefaultOptions are the options of `bot train`.
func DefaultOptions() Options {
	return Options{Settings: model.DefaultSettings(), Folds: 5, L2: 3e-6, NB: 1, Iters: 150,
		Join: model.Join{A: 1, Pos: 2, Neg: -4, Min: -2, Max: 6, JobCut: 0.5}}
}

// item is one row prepared for training: normalised, screened by the rules
// alone, and turned into a feature vector.
type item struct {
	row   int // index in rows; augmented copies share their row's index
	nt    *normalize.Text
	syms  []uint32
	x     []model.Feat
	score int // rules alone
	scam  bool
	job   bool
	aug   bool
}

// augTokens: a legit ad longer than this many tokens also trains the model
// as its first augTokens tokens (title, company, opening lines), so that a
// short text is not taken for a scam merely for being short — Indonesian
// scam captions are short and job-board ads long (TRAIN.md's length
// confound). Augmented copies weigh half, stay in their ad's fold, and are
// never evaluated.
const augTokens = 60

// placeholder matches EMSCAD's anonymised contacts (#URL_…#, #EMAIL_…#,
// #PHONE_…#): a data-set artefact that real ads never have, so the model
// does not learn from it.
var placeholder = regexp.MustCompile(`#(?:URL|EMAIL|PHONE)_[0-9a-f]+#`)

func prepare(eng *screen.Engine, s *model.Settings, rows []Row) []item {
	items := make([]item, 0, len(rows)+len(rows)/2)
	add := func(ri int, text string, aug bool) {
		text = placeholder.ReplaceAllString(text, " ")
		nt := eng.Normalize(text)
		v := eng.Screen(text)
		syms := screen.ModelSymbols(s, &v)
		r := &rows[ri]
		items = append(items, item{row: ri, nt: nt, syms: syms, x: s.Vector(nt.Tokens, syms),
			score: v.Score, scam: r.Scam(), job: r.Job, aug: aug})
	}
	for i := range rows {
		add(i, rows[i].Text, false)
		if r := &rows[i]; !r.Scam() && r.Job {
			if toks := items[len(items)-1].nt.Tokens; len(toks) > 2*augTokens {
				add(i, r.Text[:toks[augTokens-1].End], true)
			}
		}
	}
	return items
}

// heads trains both heads on the items for which use is true.
func heads(items []item, use func(*item) bool, opt *Options) (*model.Model, error) {
	var scamEx, jobEx []model.Example
	var nScam, nLegit, nJob, nNon float64
	for i := range items {
		it := &items[i]
		if !use(it) {
			continue
		}
		if it.scam {
			nScam++
		} else {
			nLegit++
		}
		if it.job {
			nJob++
		} else {
			nNon++
		}
	}
	if nScam == 0 || nLegit == 0 {
		return nil, fmt.Errorf("training: need both scam and legit examples (have %v and %v)", nScam, nLegit)
	}
	n := nScam + nLegit
	for i := range items {
		it := &items[i]
		if !use(it) {
			continue
		}
		half := 1.0
		if it.aug {
			half = 0.5
		}
		y, w := 0.0, n/(2*nLegit)
		if it.scam {
			y, w = 1, n/(2*nScam)
		}
		scamEx = append(scamEx, model.Example{X: it.x, Y: y, Weight: w * half})
		if nNon > 0 {
			y, w = 0, n/(2*nNon)
			if it.job {
				y, w = 1, n/(2*nJob)
			}
			jobEx = append(jobEx, model.Example{X: it.x, Y: y, Weight: w * half})
		}
	}
	scale := idfs(items, use, opt.Settings.Bits)
	if opt.NB > 0 {
		nbScale(items, use, scale, opt.NB)
	}
	ws, bs, err := model.TrainHead(scamEx, opt.Settings.Bits, opt.L2, opt.Iters, scale)
	if err != nil {
		return nil, err
	}
	wj, bj := make([]float64, 1<<opt.Settings.Bits), 10.0 // no non-job texts: everything is a job ad
	if nNon > 0 {
		if wj, bj, err = model.TrainHead(jobEx, opt.Settings.Bits, opt.L2, opt.Iters, nil); err != nil {
			return nil, err
		}
	}
	var man model.Manifest
	man.Settings = opt.Settings
	man.L2 = opt.L2
	man.NB = opt.NB
	man.Heads.Scam.Bias, man.Heads.Job.Bias = bs, bj
	return model.New(man, ws, wj)
}

func (o *Options) logf(format string, args ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, format+"\n", args...)
	}
}

// idfs are the inverse document frequencies of the buckets among the items
// used, log((n+1)/(df+1)) + 1: rare features count more, as in TF-IDF.
func idfs(items []item, use func(*item) bool, bits int) []float64 {
	df := make([]float64, 1<<bits)
	n := 0.0
	for i := range items {
		if it := &items[i]; use(it) {
			n++
			for _, f := range it.x {
				df[f.Idx]++
			}
		}
	}
	for i, d := range df {
		df[i] = math.Log((n+1)/(d+1)) + 1
	}
	return df
}

// nbScale multiplies the scam head's feature scale by |r|^beta, where r
// is the naive-Bayes log-count ratio of the bucket: the log of its share of
// the scam items' features over its share of the legit items' (each bucket
// counted once per item, plus one). This is NBSVM's feature scaling (Wang
// and Manning, 2012): a bucket that scam and legit ads use alike is all
// but dropped, and one that tells them apart is regularised less. Like the
// inverse document frequencies it multiplies, it is computed on the items
// trained on (the other folds in cross-validation) and folded into the
// weights, so scoring does not change.
func nbScale(items []item, use func(*item) bool, scale []float64, beta float64) {
	p := make([]float64, len(scale))
	q := make([]float64, len(scale))
	for i := range p {
		p[i], q[i] = 1, 1
	}
	for i := range items {
		it := &items[i]
		if !use(it) {
			continue
		}
		for _, f := range it.x {
			if it.scam {
				p[f.Idx]++
			} else {
				q[f.Idx]++
			}
		}
	}
	var sp, sq float64
	for i := range p {
		sp += p[i]
		sq += q[i]
	}
	for i := range scale {
		r := math.Abs(math.Log(p[i]/sp) - math.Log(q[i]/sq))
		scale[i] *= math.Pow(r, beta)
	}
}
