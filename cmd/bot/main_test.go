package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("BOT_RULES", "../../rules.yaml")
	var out, errb bytes.Buffer
	code = runMain(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestScreenTextJSON(t *testing.T) {
	code, out, _ := run(t, "", "screen", "--json", "LOKER ADMIN K4MB0JA gaji 20jt, tiket ditanggung, brgkt minggu ini")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var v struct {
		Level       string `json:"level"`
		Score       int    `json:"score"`
		IsJobAd     bool   `json:"is_job_ad"`
		Hits        []struct{ Rule, Category, Match, Explain string }
		Destination *struct {
			ID        string `json:"id"`
			Placement bool   `json:"placement"`
		} `json:"destination"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if v.Level != "high" || !v.IsJobAd || len(v.Hits) == 0 || v.Destination == nil || v.Destination.ID != "KH" || v.Destination.Placement {
		t.Errorf("verdict %+v", v)
	}
}

func TestScreenReadable(t *testing.T) {
	code, out, _ := run(t, "Dicari admin di Kamboja, gaji 15jt, tiket ditanggung", "screen", "--lang", "en")
	if code != 0 || !strings.HasPrefix(out, "HIGH RISK") || !strings.Contains(out, "Official guidance:") {
		t.Errorf("exit %d, output %q", code, out)
	}
}

// screenJSONL runs `bot screen --jsonl` on in and returns its n output
// lines.
func screenJSONL(t *testing.T, in string, n int) []string {
	t.Helper()
	code, out, _ := run(t, in, "screen", "--jsonl")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != n {
		t.Fatalf("%d output lines, want %d:\n%s", len(lines), n, out)
	}
	return lines
}

func TestScreenJSONLContract(t *testing.T) {
	in := `{"id":"a","text":"Loker admin Kamboja gaji 20jt brgkt minggu ini, visa turis","label":"scam"}
not json
{"id":7,"text":"halo apa kabar"}

{"id":"no-text"}
`
	lines := screenJSONL(t, in, 4)
	var first struct {
		ID      string `json:"id"`
		Level   string `json:"level"`
		Score   int    `json:"score"`
		IsJobAd *bool  `json:"is_job_ad"`
		Hits    []struct{ Rule, Category, Match string }
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil || first.ID != "a" || first.Level != "high" || first.IsJobAd == nil || len(first.Hits) == 0 || first.Hits[0].Match == "" {
		t.Errorf("line 1: %s (%v)", lines[0], err)
	}
	var bad map[string]any
	json.Unmarshal([]byte(lines[1]), &bad)
	if bad["id"] != nil || bad["line"] != float64(2) || bad["error"] == "" {
		t.Errorf("line 2: %s", lines[1])
	}
	if !strings.HasPrefix(lines[2], `{"id":7,"level":"low"`) {
		t.Errorf("line 3 keeps the id as given: %s", lines[2])
	}
	if !strings.Contains(lines[3], `"error"`) || !strings.Contains(lines[3], `"no-text"`) {
		t.Errorf("line 4: %s", lines[3])
	}
}

// TestScreenJSONLEdges: ids come back byte for byte as written, and lines
// that are not an object with a string "text" get an error line that says
// why, while the batch goes on.
func TestScreenJSONLEdges(t *testing.T) {
	in := `{"id":"a\"b\u00e9","text":"halo"}
{"id":{"k":[1,2.50,"x"]},"text":"Loker admin"}
[1,2]
{"id":3,"text":5}
{"id":4,"text":null}
{"id":5,"text":"caf\u00e9 \ud800 ok\n\tgaji"}
`
	lines := screenJSONL(t, in, 6)
	for i, want := range []string{
		`{"id":"a\"b\u00e9","level":`,
		`{"id":{"k":[1,2.50,"x"]},"level":`,
		`{"id":null,"line":3,"error":"invalid JSON: a line must be an object"}`,
		`{"id":3,"line":4,"error":"\"text\" must be a string"}`,
		`{"id":4,"line":5,"error":"missing \"text\""}`,
		`{"id":5,"level":`,
	} {
		if !strings.HasPrefix(lines[i], want) {
			t.Errorf("line %d: %s\nwant prefix %s", i+1, lines[i], want)
		}
		if !json.Valid([]byte(lines[i])) {
			t.Errorf("line %d is not valid JSON: %s", i+1, lines[i])
		}
	}
}

// TestScreenBatchKeepsNoText: the batch screens each text where the JSON
// parser holds it, without a copy, and the parser reuses that memory for
// the next line. Screening the test ads twice in one batch (the second
// time through the caches the first filled) must give, line for line, what
// each ad gives in a batch of its own.
func TestScreenBatchKeepsNoText(t *testing.T) {
	ads, err := os.ReadFile("../../internal/screen/testdata/ads.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	_, eng := engines(t)
	batch := func(in []byte) []string {
		var out bytes.Buffer
		if err := screenBatch(eng, bytes.NewReader(in), &out); err != nil {
			t.Fatal(err)
		}
		return strings.Split(strings.TrimSpace(out.String()), "\n")
	}
	lines := bytes.Split(bytes.TrimSpace(ads), []byte("\n"))
	twice := batch(append(append(slices.Clone(ads), '\n'), ads...))
	if len(twice) != 2*len(lines) {
		t.Fatalf("%d output lines, want %d", len(twice), 2*len(lines))
	}
	for i, l := range lines {
		alone := batch(l)[0]
		if twice[i] != alone || twice[len(lines)+i] != alone {
			t.Errorf("ad %d: alone %s\nfirst pass %s\nsecond pass %s", i+1, alone, twice[i], twice[len(lines)+i])
		}
	}
}

func TestExitCodes(t *testing.T) {
	if code, _, errs := run(t, "", "screen", "--lang", "fr", "x"); code != 2 || !strings.Contains(errs, "--lang") {
		t.Errorf("bad --lang: exit %d, %q", code, errs)
	}
	if code, _, _ := run(t, "   ", "screen"); code != 2 {
		t.Errorf("empty input: exit %d, want 2", code)
	}
	if code, _, _ := run(t, "", "nonsense"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("version: 1\nrules: [{id: x}]\n"), 0o600)
	code, _, errs := run(t, "", "rules", "check", bad)
	if code != 1 || !strings.Contains(errs, "bad.yaml") {
		t.Errorf("invalid rules: exit %d, %q", code, errs)
	}
	if code, out, _ := run(t, "", "rules", "check", "../../rules.yaml"); code != 0 || !strings.Contains(out, "OK") {
		t.Errorf("valid rules: exit %d, %q", code, out)
	}
}

func TestMissingTokenIsUsageError(t *testing.T) {
	t.Setenv("TELEGRAM_BOT_TOKEN", "")
	code, _, errs := run(t, "", "run")
	if code != 2 || !strings.Contains(errs, "@BotFather") || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

func TestCorpusReport(t *testing.T) {
	corpus := filepath.Join(t.TempDir(), "c.jsonl")
	os.WriteFile(corpus, []byte(`{"id":"s1","label":"scam","text":"Loker admin Kamboja gaji 20jt, tiket ditanggung, brgkt minggu ini, visa turis"}
{"id":"l1","label":"legit","text":"Dicari staf gudang PT Sinar Jaya di Cikarang, pengalaman 1 tahun"}
`), 0o600)
	code, out, _ := run(t, "", "rules", "check", "../../rules.yaml", "--corpus", corpus)
	if code != 0 || !strings.Contains(out, "precision 1.000  recall 1.000") || !strings.Contains(out, "visa_tourist") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestBuiltInRulesOutsideTheRepo(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("BOT_RULES", "")
	var out, errb bytes.Buffer
	code := runMain(context.Background(), []string{"screen", "--jsonl"}, strings.NewReader(`{"id":"x","text":"Loker admin Kamboja gaji 20jt, brgkt minggu ini"}`+"\n"), &out, &errb)
	if code != 0 || !strings.Contains(out.String(), `"level":"high"`) {
		t.Errorf("exit %d, out %q, err %q", code, out.String(), errb.String())
	}
	out.Reset()
	if code := runMain(context.Background(), []string{"rules", "check"}, strings.NewReader(""), &out, &errb); code != 0 || !strings.Contains(out.String(), "(built in): OK") {
		t.Errorf("rules check: exit %d, %q", code, out.String())
	}
	t.Setenv("BOT_RULES", "missing.yaml")
	if code := runMain(context.Background(), []string{"screen", "x"}, strings.NewReader(""), &out, &errb); code != 1 {
		t.Errorf("a missing BOT_RULES file must fail, exit %d", code)
	}
}
