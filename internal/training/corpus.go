// Package training builds cekloker's text model from labelled ads: it reads
// corpora, groups near-identical ads, cross-validates rules alone, the model
// alone and the join on the same folds, chooses the join and the cut-offs on
// validation folds, and trains the final model. `bot train` drives it.
package training

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cekloker/cekloker/internal/model"
)

// Row is one labelled text.
type Row struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Lang  string `json:"lang"`
	// Origin is the file's base name, plus "/" and the row's own origin
	// field when it has one (e.g. "train/lokerid", "dev/real", "ads").
	Origin string `json:"origin"`
	Text   string `json:"text"`
	Source string `json:"source"`
	// Job is false for texts that are not job ads at all (a row's
	// "is_job_ad": false); they are legit for the scam head.
	Job bool `json:"-"`
}

// Scam reports whether the row is labelled scam.
func (r *Row) Scam() bool { return r.Label == "scam" }

// ReadCorpus reads a JSON-lines corpus: id, label (scam|legit), text, and
// optionally lang, origin, source and is_job_ad.
func ReadCorpus(path string) ([]Row, model.Corpus, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, model.Corpus{}, fmt.Errorf("corpus: %w", err)
	}
	sum := sha256.Sum256(data)
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	var rows []Row
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var r struct {
			Row
			IsJobAd *bool `json:"is_job_ad"`
		}
		if err := json.Unmarshal(line, &r); err != nil {
			return nil, model.Corpus{}, fmt.Errorf("corpus %s:%d: %w", path, n, err)
		}
		row := r.Row
		if row.Label != "scam" && row.Label != "legit" {
			return nil, model.Corpus{}, fmt.Errorf("corpus %s:%d: label must be scam or legit, not %q", path, n, row.Label)
		}
		if strings.TrimSpace(row.Text) == "" {
			return nil, model.Corpus{}, fmt.Errorf("corpus %s:%d: empty text", path, n)
		}
		row.Job = r.IsJobAd == nil || *r.IsJobAd
		if !row.Job && row.Scam() {
			return nil, model.Corpus{}, fmt.Errorf("corpus %s:%d: a scam must be a job ad (is_job_ad false)", path, n)
		}
		if row.Origin == "" {
			row.Origin = base
		} else {
			row.Origin = base + "/" + row.Origin
		}
		if row.Lang == "" {
			row.Lang = "?"
		}
		if row.ID == "" {
			row.ID = fmt.Sprintf("%s:%d", base, n)
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		return nil, model.Corpus{}, fmt.Errorf("corpus %s: %w", path, err)
	}
	if len(rows) == 0 {
		return nil, model.Corpus{}, fmt.Errorf("corpus %s: no rows", path)
	}
	return rows, model.Corpus{Path: filepath.ToSlash(path), SHA256: hex.EncodeToString(sum[:]), Rows: len(rows)}, nil
}
