package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadFolderJoinsTopicFiles(t *testing.T) {
	f, err := Load("testdata/folder")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Rules) != 8 || len(f.Categories) != 4 || len(f.Combos) != 3 || f.Version != 1 || f.Thresholds.High != 8 {
		t.Fatalf("rules %d, categories %d, combos %d, version %d, thresholds %+v", len(f.Rules), len(f.Categories), len(f.Combos), f.Version, f.Thresholds)
	}
	// rules-fees.yaml comes before rules-other.yaml.
	if f.Rules[0].ID != "fee_registration" || f.Rules[7].ID != "cheap_site" {
		t.Errorf("rules not in file-name order: first %s, last %s", f.Rules[0].ID, f.Rules[7].ID)
	}
	// lists.yaml's abbreviations apply to the phrases of the other files.
	if f.Rules[3].ID != "departs_now" || f.Rules[3].Examples.Match[0] != "brgkt sekarang" || f.Normalizer.Phrase("brgkt") != "berangkat" {
		t.Errorf("lists not applied: %+v", f.Rules[3])
	}
	// The joined stream is one document set: parsing it again (as a
	// stored version is) gives the same rules.
	data, err := ReadDir("testdata/folder")
	if err != nil {
		t.Fatal(err)
	}
	g, err := Parse("stored", data)
	if err != nil || len(g.Rules) != len(f.Rules) {
		t.Fatalf("reparse: %v", err)
	}
}

// copyFolder copies testdata/folder to a temporary folder and applies edit
// to one of its files.
func copyFolder(t *testing.T, file, old, new string) string {
	t.Helper()
	dir := t.TempDir()
	names, _ := filepath.Glob("testdata/folder/*.yaml")
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		if filepath.Base(n) == file {
			if !strings.Contains(s, old) {
				t.Fatalf("%s lacks %q", file, old)
			}
			s = strings.Replace(s, old, new, 1)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(n)), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestFolderErrorsNameTheTopicFile(t *testing.T) {
	cases := []struct {
		name, file, old, new string
		want                 []string
	}{
		{"bad weight", "rules-other.yaml", "weight: 2", "weight: 0", []string{"rules-other.yaml:", "weight must be between"}},
		{"unknown key", "rules-other.yaml", "    weight: 2\n", "    weight: 2\n    colour: red\n", []string{"rules-other.yaml:", "field colour not found"}},
		{"duplicate id across files", "rules-other.yaml", "id: many_jobs", "id: fee_registration", []string{"rules-other.yaml:", "duplicate rule id"}},
		{"section in two files", "categories.yaml", "categories:", "thresholds: {medium: 3, high: 6}\ncategories:", []string{"main.yaml:", "section thresholds is written in two files"}},
		{"two versions", "lists.yaml", "version: 1", "version: 2", []string{"main.yaml:2:", "version 1 here, 2 in an earlier file"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyFolder(t, c.file, c.old, c.new)
			_, err := Load(dir)
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestEmptyFolderRefused(t *testing.T) {
	if _, err := Load(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no .yaml files") {
		t.Errorf("empty folder: %v", err)
	}
}
