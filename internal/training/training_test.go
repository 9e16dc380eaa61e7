package training

import (
	"bytes"
	"fmt"
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
