package training

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/model"
	"github.com/cekloker/cekloker/internal/normalize"
	"github.com/cekloker/cekloker/internal/screen"
)

func rulesEngine(t *testing.T) *screen.Engine {
	t.Helper()
	e, err := screen.Load("../../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func testRows(t *testing.T) ([]Row, []model.Corpus) {
	t.Helper()
	var rows []Row
	var meta []model.Corpus
	for _, p := range []string{"../screen/testdata/ads.jsonl", "../screen/testdata/nonjob.jsonl"} {
		r, m, err := ReadCorpus(p)
		if err != nil {
			t.Fatal(err)
		}
		rows, meta = append(rows, r...), append(meta, m)
	}
	return rows, meta
}

func smallOptions() Options {
	o := DefaultOptions()
	o.Settings.Bits = 16
	o.Folds = 3
	o.Iters = 60
	o.Created = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	return o
}

// TestTrainReportsAndIsDeterministic trains on the project's own test ads
// and non-job texts: the report has the per-origin, per-language and
// overall lines for rules, model and join, and two runs give the same
// model bytes.
func TestTrainReportsAndIsDeterministic(t *testing.T) {
	rows, meta := testRows(t)
	eng := rulesEngine(t)
	a, err := Train(eng, rows, meta, smallOptions())
	if err != nil {
		t.Fatal(err)
	}
	nonJob := 0
	for i := range rows {
		nonJob += b2i(!rows[i].Job)
	}
	if nonJob < 100 {
		t.Fatalf("%d non-job texts in testdata, want at least 100", nonJob)
	}
	report := strings.Join(a.Report, "\n")
	for _, want := range []string{"origin ads", "lang id", "lang en", "ALL", fmt.Sprintf("non-job texts: %d;", nonJob), "rules", "model", "join", "final model"} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	man := a.Model.Manifest
	if len(man.Corpora) != 2 || len(man.Corpora[0].SHA256) != 64 || man.Corpora[1].Rows != nonJob || man.Created != "2026-12-01T00:00:00Z" {
		t.Errorf("manifest corpora/date: %+v %s", man.Corpora, man.Created)
	}
	if len(man.CV) == 0 || man.Join.JobCut != 0.5 {
		t.Errorf("manifest CV %d lines, join %+v", len(man.CV), man.Join)
	}
	checkPredictions(t, rows, a)
	b, err := Train(eng, rows, meta, smallOptions())
	if err != nil {
		t.Fatal(err)
	}
	ab, _ := a.Model.Encode()
	bb, _ := b.Model.Encode()
	if !bytes.Equal(ab, bb) {
		t.Fatal("the same corpora gave different model bytes")
	}
	if _, err := model.Decode(ab); err != nil {
		t.Fatal(err)
	}
}

// checkPredictions: one out-of-fold prediction per row, in corpus order,
// whose join levels add up to the report's ALL line.
func checkPredictions(t *testing.T, rows []Row, res *Result) {
	t.Helper()
	if len(res.Predictions) != len(rows) {
		t.Fatalf("%d predictions for %d rows", len(res.Predictions), len(rows))
	}
	var scams, scamMed, scamHigh int
	for i, p := range res.Predictions {
		if p.ID != rows[i].ID || p.Label != rows[i].Label || p.IsJob != rows[i].Job || p.Fold < 1 || p.Fold > 3 {
			t.Fatalf("prediction %d %+v for row %+v", i, p, rows[i])
		}
		if p.Label == "scam" {
			scams++
			scamMed += b2i(p.LevelJoin != "low")
			scamHigh += b2i(p.LevelJoin == "high")
		}
	}
	want := fmt.Sprintf("%d %s/%s", scams, strings.TrimSpace(pct(scamMed, scams)), strings.TrimSpace(pct(scamHigh, scams)))
	for _, l := range res.Report {
		if f := strings.Fields(l); len(f) > 0 && f[0] == "ALL" {
			if got := f[1] + " " + f[4]; got != want {
				t.Errorf("report's ALL line has %q for the join's scams, predictions give %q:\n%s", got, want, l)
			}
			return
		}
	}
	t.Errorf("no ALL line in the report")
}

// TestGroupsKeepNearDuplicatesTogether: an ad and a copy with another town
// share a group, an unrelated ad does not; every fold gets both labels.
func TestGroupsKeepNearDuplicatesTogether(t *testing.T) {
	base := "Dibutuhkan segera staf gudang untuk cabang kami, pendidikan minimal SMA, jujur dan teliti, bersedia kerja shift, kirim lamaran lengkap ke kantor cabang di kota %s paling lambat akhir bulan ini"
	texts := []string{
		strings.ReplaceAll(base, "%s", "Bandung"),
		strings.ReplaceAll(base, "%s", "Surabaya"),
		"Resep rendang yang enak: daging sapi, santan, cabai, serai, lengkuas, dimasak perlahan sampai kering dan berwarna gelap",
	}
	nts := make([]*normalize.Text, len(texts))
	for i, s := range texts {
		nts[i] = normalize.String(s)
	}
	g := groups(nts)
	if g[0] != g[1] || g[2] == g[0] {
		t.Fatalf("groups %v: want the two copies together and the third apart", g)
	}

	rows, _ := testRows(t)
	rn := make([]*normalize.Text, len(rows))
	for i := range rows {
		rn[i] = normalize.String(rows[i].Text)
	}
	gr := groups(rn)
	folds := assignFolds(rows, gr, 3)
	labels := map[int]map[string]bool{}
	for i, f := range folds {
		if labels[f] == nil {
			labels[f] = map[string]bool{}
		}
		labels[f][rows[i].Label] = true
		if folds[gr[i]] != f {
			t.Fatalf("row %d in fold %d, its group's lead in %d", i, f, folds[gr[i]])
		}
	}
	for f := range 3 {
		if !labels[f]["scam"] || !labels[f]["legit"] {
			t.Errorf("fold %d labels %v", f, labels[f])
		}
	}
}

func TestReadCorpusRejectsBadRows(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"label": `{"id":"a","label":"maybe","text":"x"}`,
		"json":  `{"id":`,
		"text":  `{"id":"a","label":"scam","text":"  "}`,
		"job":   `{"id":"a","label":"scam","is_job_ad":false,"text":"x"}`,
	} {
		p := dir + "/" + name + ".jsonl"
		if err := writeFile(p, body); err != nil {
			t.Fatal(err)
		}
		if _, _, err := ReadCorpus(p); err == nil {
			t.Errorf("%s: accepted %s", name, body)
		}
	}
}

func writeFile(p, s string) error { return os.WriteFile(p, []byte(s+"\n"), 0o644) }

// TestNBScale: the naive-Bayes scaling all but drops a bucket that scam
// and legit items use alike, keeps one that tells them apart, and ignores
// the items not trained on (a bucket only they have is dropped too).
func TestNBScale(t *testing.T) {
	// Bucket 0: in every item; 1: only in scams; 2: only in legit ads; 3:
	// only in an item that is not used.
	items := []item{
		{scam: true, x: []model.Feat{{Idx: 0, Val: 1}, {Idx: 1, Val: 1}}},
		{scam: true, x: []model.Feat{{Idx: 0, Val: 1}, {Idx: 1, Val: 1}}},
		{scam: false, x: []model.Feat{{Idx: 0, Val: 1}, {Idx: 2, Val: 1}}},
		{scam: false, x: []model.Feat{{Idx: 0, Val: 1}, {Idx: 2, Val: 1}}},
		{scam: true, row: 9, x: []model.Feat{{Idx: 3, Val: 1}}},
	}
	use := func(it *item) bool { return it.row != 9 }
	scale := []float64{2, 2, 2, 2}
	nbScale(items, use, scale, 1)
	if scale[0] > 1e-9 {
		t.Errorf("bucket used alike by both classes: scale %v, want 0", scale[0])
	}
	if scale[1] < 1 || scale[2] < 1 {
		t.Errorf("buckets that tell the classes apart: scales %v and %v, want ≥ 1", scale[1], scale[2])
	}
	if d := scale[1] - scale[2]; d > 1e-9 || d < -1e-9 {
		t.Errorf("symmetric buckets scaled %v and %v", scale[1], scale[2])
	}
	if scale[3] > 1e-9 {
		t.Errorf("bucket only in an unused item: scale %v, want 0", scale[3])
	}
	// beta 0 changes nothing.
	flat := []float64{2, 2, 2, 2}
	nbScale(items, use, flat, 0)
	for i, v := range flat {
		if v != 2 {
			t.Errorf("beta 0: bucket %d scaled to %v", i, v)
		}
	}
}

// TestCalibrate: log-odds that are twice as sure as the labels warrant and
// shifted by one are mapped back (A ≈ 0.5, C ≈ -0.5), and calibrated
// log-odds stay as they are.
func TestCalibrate(t *testing.T) {
	var rows []Row
	var preds []pred
	// For true log-odds t in a grid, a share σ(t) of the rows is scam.
	for k := -20; k <= 20; k++ {
		tl := float64(k) / 5
		scams := int(math.Round(100 * sigmoid(tl)))
		for i := 0; i < 100; i++ {
			label := "legit"
			if i < scams {
				label = "scam"
			}
			rows = append(rows, Row{Label: label, Job: true})
			preds = append(preds, pred{logit: 2*tl + 1})
		}
	}
	c := calibrate(rows, preds)
	if c == nil {
		t.Fatal("no calibration")
	}
	if math.Abs(c.A-0.5) > 0.02 || math.Abs(c.C+0.5) > 0.05 {
		t.Errorf("calibration %+v, want A 0.5, C -0.5", c)
	}
	for i := range preds {
		preds[i].logit = c.A*preds[i].logit + c.C
	}
	if c2 := calibrate(rows, preds); c2 == nil || math.Abs(c2.A-1) > 0.01 || math.Abs(c2.C) > 0.02 {
		t.Errorf("calibrated log-odds calibrated again: %+v, want the identity", c2)
	}
}
