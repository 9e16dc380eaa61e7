package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScreenJSONModel: --json has the model's part, with the fragments
// quoted from the original text; BOT_MODEL=off leaves it out.
func TestScreenJSONModel(t *testing.T) {
	ad := "DICARI ADMIN online, kerja santai gaji 15jt, cukup like & subscribe, transfer biaya pendaftaran 150rb via DANA"
	code, out, _ := run(t, "", "screen", "--json", ad)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var v struct {
		Hits  []struct{ Rule, Match, Explain string }
		Model *struct {
			Probability float64 `json:"probability"`
			Points      int     `json:"points"`
			Top         []struct {
				Match  string  `json:"match"`
				Weight float64 `json:"weight"`
			} `json:"top"`
		} `json:"model"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if v.Model == nil || v.Model.Probability < 0.5 || len(v.Model.Top) == 0 {
		t.Fatalf("model part %+v in %s", v.Model, out)
	}
	for _, f := range v.Model.Top {
		if f.Weight <= 0 || !strings.Contains(ad, f.Match) {
			t.Errorf("fragment %+v is not from the ad", f)
		}
	}
	t.Setenv("BOT_MODEL", "off")
	if code, out, _ := run(t, "", "screen", "--json", ad); code != 0 || strings.Contains(out, `"model"`) {
		t.Errorf("BOT_MODEL=off: exit %d, %s", code, out)
	}
}

// TestTrainWritesModel trains on the project's test ads and non-job texts
// and screens with the result through BOT_MODEL.
func TestTrainWritesModel(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "m.bin")
	code, stdout, stderr := run(t, "", "train", "--quiet", "--folds", "2", "--bits", "16", "--iters", "40",
		"--corpus", "../../internal/screen/testdata/ads.jsonl", "--corpus", "../../internal/screen/testdata/nonjob.jsonl", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "ALL") || !strings.Contains(stdout, "wrote "+out) {
		t.Errorf("report: %s", stdout)
	}
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		t.Fatalf("model file: %v", err)
	}
	if code, _, stderr := run(t, "", "train", "--out", out); code != 2 || !strings.Contains(stderr, "usage") {
		t.Errorf("no corpus: exit %d, %s", code, stderr)
	}
	if code, _, stderr := run(t, "", "train", "--corpus", filepath.Join(dir, "missing.jsonl")); code != 1 || stderr == "" {
		t.Errorf("missing corpus: exit %d, %s", code, stderr)
	}
}
