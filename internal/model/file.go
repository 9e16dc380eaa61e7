package model

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
)

// magic starts every model file.
const magic = "CEKLOKER-MODEL 1\n"

// MaxFile is the largest model file accepted.
const MaxFile = 20 << 20

// MaxBits bounds the hash table (2^20 buckets: 8 MB of weights in memory).
const MaxBits = 20

// Manifest describes a model: how it was trained, on what, and how its
// score joins the rules. It is stored as JSON at the head of the file.
type Manifest struct {
	Format int `json:"format"`
	// Created is the training date (UTC, RFC 3339).
	Created  string   `json:"created"`
	Corpora  []Corpus `json:"corpora"`
	Settings Settings `json:"settings"`
	// L2 is the regularisation strength used for both heads.
	L2 float64 `json:"l2"`
	// NB is the exponent of the scam head's naive-Bayes feature scaling
	// in training (0: none); the weights have it folded in.
	NB    float64 `json:"nb,omitempty"`
	Heads struct {
		Scam Head `json:"scam"`
		Job  Head `json:"job"`
	} `json:"heads"`
	// Calibration maps the scam head's log-odds to the probability shown
	// (Result.Scam); nil (models trained before it): σ(log-odds).
	Calibration *Calibration `json:"calibration,omitempty"`
	// Join turns the scam head's log-odds into points of the rule score.
	Join Join `json:"join"`
	// Alone are the cut-offs of the model used without rules (for reports).
	Alone Cutoffs `json:"alone"`
	// CV are the cross-validation figures, as printed by `bot train`.
	CV []string `json:"cv,omitempty"`
}

// Calibration maps raw log-odds z to A·z + C (Platt scaling).
type Calibration struct {
	A float64 `json:"a"`
	C float64 `json:"c"`
}

// Shown is the scam probability shown to people for raw log-odds z:
// σ(A·z + C), or σ(z) without a calibration (models trained before it).
func (m *Manifest) Shown(z float64) float64 {
	if c := m.Calibration; c != nil {
		z = c.A*z + c.C
	}
	return sigmoid(z)
}

// Corpus is one training file.
type Corpus struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Rows   int    `json:"rows"`
}

// Head is one logistic-regression head.
type Head struct {
	Bias float64 `json:"bias"`
	// Scale dequantises the stored weights: w = q * Scale.
	Scale float64 `json:"scale"`
}

// Join maps the heads to points added to the rule score. With z the scam
// head's log-odds:
//
//	z > Pos:  points = min(Max, round(A*(z-Pos)))   (reads like scams)
//	z < Neg:  points = max(Min, -round(A*(Neg-z)))  (reads like genuine ads)
//	else:     points = 0
//
// and when the job head's probability is below JobCut (the text is no job
// ad: news, a warning, a question), points = max(min(points, 0) + NonJob,
// Min): the model never takes more than -Min off the rules' score, so that
// a scam ad the job head mistakes for news still gets the rules' warning.
//
// Lift, when set, lets the model alone raise a job ad's level: at log-odds
// Lift.Medium or more the points are at least what the score needs to
// reach the medium threshold, at Lift.High or more the high threshold (see
// Score). The model reads the rules' hits, and on the corpora it ranks ads
// better than the rule score does, so an ad it is sure of need not wait for
// the rules to agree.
type Join struct {
	A      float64 `json:"a"`
	Pos    float64 `json:"pos"`
	Neg    float64 `json:"neg"`
	Min    int     `json:"min"`
	Max    int     `json:"max"`
	NonJob int     `json:"non_job"`
	// JobCut is the job head's probability at or above which a text is
	// a job ad.
	JobCut float64 `json:"job_cut"`
	// Lift are log-odds at which the model alone lifts a job ad to the
	// medium and high thresholds (nil: never).
	Lift *Lift `json:"lift,omitempty"`
}

// Lift are the scam head's log-odds from which a job ad is rated medium
// and high whatever the rules found.
type Lift struct {
	Medium float64 `json:"medium"`
	High   float64 `json:"high"`
	// Max is the most points a lift gives (the high threshold the model
	// was trained for), so that thresholds an admin raises still hold.
	Max int `json:"max"`
}

// String describes the join in one line (for reports).
func (j Join) String() string {
	s := fmt.Sprintf("{A:%g Pos:%g Neg:%g Min:%d Max:%d NonJob:%d JobCut:%g", j.A, j.Pos, j.Neg, j.Min, j.Max, j.NonJob, j.JobCut)
	if j.Lift != nil {
		s += fmt.Sprintf(" Lift:{Medium:%.3f High:%.3f Max:%d}", j.Lift.Medium, j.Lift.High, j.Lift.Max)
	}
	return s + "}"
}

// Score is the model's contribution to a rule score of rules points under
// the thresholds medium and high: Points, raised by Lift where it applies.
func (j Join) Score(rules int, logit, job float64, medium, high int) int {
	p := j.Points(logit, job)
	if j.Lift == nil || job < j.JobCut {
		return p
	}
	switch {
	case logit >= j.Lift.High:
		p = max(p, min(j.Lift.Max, high-rules))
	case logit >= j.Lift.Medium:
		p = max(p, min(j.Lift.Max, medium-rules))
	}
	return p
}

// Points is the model's contribution to the score.
func (j Join) Points(logit, job float64) int {
	p := 0
	switch {
	case logit > j.Pos:
		p = min(j.Max, int(math.Round(j.A*(logit-j.Pos))))
	case logit < j.Neg:
		p = max(j.Min, -int(math.Round(j.A*(j.Neg-logit))))
	}
	if job < j.JobCut {
		p = max(min(p, 0)+j.NonJob, j.Min)
	}
	return p
}

// Cutoffs are probability cut-offs for the medium and high levels.
type Cutoffs struct {
	Medium float64 `json:"medium"`
	High   float64 `json:"high"`
}

// New builds a model from trained weights (one slice per head, each of
// 2^Settings.Bits entries). The weights are quantised to 16 bits exactly as
// Encode stores them, so a new model scores like its file.
func New(man Manifest, scam, job []float64) (*Model, error) {
	size := 1 << man.Settings.Bits
	if len(scam) != size || len(job) != size {
		return nil, fmt.Errorf("model: weights have %d and %d entries, want %d", len(scam), len(job), size)
	}
	man.Format = 1
	m := &Model{settings: man.Settings, grams: man.Settings.grams(), w: make([][2]int16, size)}
	for h, ws := range [][]float64{scam, job} {
		scale := 0.0
		for _, x := range ws {
			scale = max(scale, math.Abs(x))
		}
		scale /= math.MaxInt16
		if scale == 0 {
			scale = 1
		}
		for i, x := range ws {
			m.w[i][h] = quant(x, scale)
		}
		m.scale[h] = float32(scale)
		if h == 0 {
			man.Heads.Scam.Scale = scale
		} else {
			man.Heads.Job.Scale = scale
		}
	}
	m.Manifest = man
	data, err := m.Encode()
	if err != nil {
		return nil, err
	}
	m.Version = version(data)
	return m, nil
}

func quant(x, scale float64) int16 { return int16(math.Round(x / scale)) }

func version(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:6])
}

// Encode writes the model file: the magic line, the manifest as JSON, then
// for each head the non-zero quantised weights as (bucket delta, value)
// varints. The same model always gives the same bytes.
func (m *Model) Encode() ([]byte, error) {
	man, err := json.Marshal(m.Manifest)
	if err != nil {
		return nil, fmt.Errorf("model: manifest: %w", err)
	}
	var b bytes.Buffer
	b.WriteString(magic)
	b.Write(binary.AppendUvarint(nil, uint64(len(man))))
	b.Write(man)
	size := len(m.w)
	var buf []byte
	for h := range 2 {
		var idx []int
		for i := range size {
			if m.w[i][h] != 0 {
				idx = append(idx, i)
			}
		}
		buf = binary.AppendUvarint(buf[:0], uint64(len(idx)))
		prev := 0
		for _, i := range idx {
			buf = binary.AppendUvarint(buf, uint64(i-prev))
			buf = binary.AppendVarint(buf, int64(m.w[i][h]))
			prev = i
		}
		b.Write(buf)
	}
	return b.Bytes(), nil
}

// Decode reads a model file written by Encode.
func Decode(data []byte) (*Model, error) {
	if len(data) > MaxFile {
		return nil, fmt.Errorf("model: file of %d bytes is over the limit of %d", len(data), MaxFile)
	}
	if !bytes.HasPrefix(data, []byte(magic)) {
		return nil, errors.New("model: not a cekloker model file")
	}
	r := bufio.NewReader(bytes.NewReader(data[len(magic):]))
	n, err := binary.ReadUvarint(r)
	if err != nil || n > uint64(len(data)) {
		return nil, errors.New("model: bad manifest length")
	}
	man := make([]byte, n)
	if _, err := io.ReadFull(r, man); err != nil {
		return nil, fmt.Errorf("model: manifest: %w", err)
	}
	m := &Model{}
	if err := json.Unmarshal(man, &m.Manifest); err != nil {
		return nil, fmt.Errorf("model: manifest: %w", err)
	}
	s := m.Manifest.Settings
	if m.Manifest.Format != 1 || s.Bits < 8 || s.Bits > MaxBits {
		return nil, fmt.Errorf("model: unsupported format %d or hash bits %d", m.Manifest.Format, s.Bits)
	}
	for _, c := range s.CharN {
		if c < 1 || c > 8 {
			return nil, fmt.Errorf("model: character n-gram size %d out of range 1-8", c)
		}
	}
	m.settings, m.grams = s, s.grams()
	size := 1 << s.Bits
	m.w = make([][2]int16, size)
	m.scale = [2]float32{float32(m.Manifest.Heads.Scam.Scale), float32(m.Manifest.Heads.Job.Scale)}
	for h := range 2 {
		cnt, err := binary.ReadUvarint(r)
		if err != nil || cnt > uint64(size) {
			return nil, fmt.Errorf("model: head %d: bad weight count", h)
		}
		i := 0
		for k := uint64(0); k < cnt; k++ {
			d, err1 := binary.ReadUvarint(r)
			q, err2 := binary.ReadVarint(r)
			i += int(d)
			if err1 != nil || err2 != nil || d > uint64(size) || i >= size || q < math.MinInt16 || q > math.MaxInt16 {
				return nil, fmt.Errorf("model: head %d: bad weight %d", h, k)
			}
			m.w[i][h] = int16(q)
		}
	}
	if _, err := r.ReadByte(); err == nil {
		return nil, errors.New("model: trailing bytes after the weights")
	}
	m.Version = version(data)
	return m, nil
}
