package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/cekloker/cekloker/internal/model"
	"github.com/cekloker/cekloker/internal/training"
)

// corpusFlags collects repeated --corpus flags.
type corpusFlags []string

func (c *corpusFlags) String() string     { return strings.Join(*c, ",") }
func (c *corpusFlags) Set(s string) error { *c = append(*c, s); return nil }

func trainCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	var corpora corpusFlags
	fs.Var(&corpora, "corpus", "labelled corpus (JSON lines); repeat for more")
	out := fs.String("out", "model.bin", "where to write the model")
	rulesFile := fs.String("rules", rulesPath(), "rule file whose hits the model reads")
	opt := training.DefaultOptions()
	fs.IntVar(&opt.Folds, "folds", opt.Folds, "k of the k-fold cross-validation (0 or 1: none)")
	fs.Float64Var(&opt.L2, "l2", opt.L2, "L2 regularisation")
	fs.Float64Var(&opt.NB, "nb", opt.NB, "exponent of the scam head's naive-Bayes feature scaling (0: none)")
	fs.IntVar(&opt.Iters, "iters", opt.Iters, "L-BFGS iterations at most")
	fs.IntVar(&opt.Settings.Bits, "bits", opt.Settings.Bits, "hash table size 2^bits (8-20)")
	fs.BoolVar(&opt.LeaveOneOrigin, "loo", false, "also report leave-one-origin-out")
	charN := fs.String("char-n", joinInts(opt.Settings.CharN), "character n-gram sizes inside words, comma-separated (1-8)")
	predFile := fs.String("predictions", "", "also write every row's out-of-fold verdicts here (JSON lines)")
	quiet := fs.Bool("quiet", false, "no progress lines on stderr")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 || len(corpora) == 0 {
		return usagef("usage: bot train --corpus FILE [--corpus FILE ...] [--out FILE]")
	}
	if opt.Settings.Bits < 8 || opt.Settings.Bits > model.MaxBits {
		return usagef("--bits must be 8-%d", model.MaxBits)
	}
	opt.Settings.CharN = nil
	for _, f := range strings.Split(*charN, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 8 {
			return usagef("--char-n wants sizes 1-8 separated by commas, not %q", *charN)
		}
		opt.Settings.CharN = append(opt.Settings.CharN, n)
	}
	opt.Created = time.Now()
	// SOURCE_DATE_EPOCH fixes the date for reproducible model files.
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return usagef("SOURCE_DATE_EPOCH must be seconds, not %q", s)
		}
		opt.Created = time.Unix(sec, 0)
	}
	if !*quiet {
		opt.Log = stderr
	}
	eng, err := loadRules(*rulesFile)
	if err != nil {
		return err
	}
	var rows []training.Row
	var meta []model.Corpus
	for _, c := range corpora {
		r, m, err := training.ReadCorpus(c)
		if err != nil {
			return err
		}
		rows, meta = append(rows, r...), append(meta, m)
	}
	res, err := training.Train(eng, rows, meta, opt)
	if err != nil {
		return err
	}
	data, err := res.Model.Encode()
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	if *predFile != "" {
		if err := writePredictions(*predFile, res.Predictions); err != nil {
			return err
		}
	}
	for _, l := range res.Report {
		fmt.Fprintln(stdout, l)
	}
	fmt.Fprintf(stdout, "wrote %s: %d bytes, version %s\n", *out, len(data), res.Model.Version)
	return nil
}

// writePredictions writes the out-of-fold verdicts as JSON lines.
func writePredictions(path string, ps []training.Prediction) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for i := range ps {
		if err := enc.Encode(&ps[i]); err != nil {
			return fmt.Errorf("train: predictions: %w", err)
		}
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("train: predictions: %w", err)
	}
	return nil
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}
