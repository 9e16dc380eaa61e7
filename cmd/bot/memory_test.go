package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/memory"
	"github.com/cekloker/cekloker/internal/store"
)

// confirmedDB makes a database with one confirmed scam.
func confirmedDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bot.db")
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sig := memory.Signature{7, 7, 7}
	r, err := st.AddReport(ctx, store.NewReport{AdKey: strings.Repeat("ab", 32), Level: "high", Score: 12, Signature: &sig,
		Contacts: []memory.Contact{{Kind: "phone", Value: "+85516318274", Raw: "+855 16 318 274"}}, ReporterID: 5, ChatID: -1, ChatTitle: "G"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.DecideReport(ctx, r.ItemID, 99, store.DecisionScam); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestMemoryExportImport(t *testing.T) {
	src := confirmedDB(t)
	code, out, errs := run(t, "", "memory", "export", "--db", src)
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(out, `"source":"report"`) ||
		!strings.Contains(out, `"value":"+85516318274"`) || !strings.Contains(out, `"confirmed":"`+time.Now().UTC().Format("2006-01-02")) {
		t.Fatalf("export: %d %q %q", code, out, errs)
	}
	file := filepath.Join(t.TempDir(), "shared.jsonl")
	if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "other.db")
	code, prev, _ := run(t, "", "memory", "import", file, "--db", dst)
	if code != 0 || !strings.Contains(prev, "1 entries; 1 new, 0 already known") || !strings.Contains(prev, "new phone contacts: 1") || !strings.Contains(prev, "preview only") {
		t.Fatalf("preview: %d %q", code, prev)
	}
	ctx := context.Background()
	count := func() int {
		st, err := store.Open(ctx, dst, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		es, _, _, err := st.MemoryEntries(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return len(es)
	}
	if n := count(); n != 0 {
		t.Fatalf("the preview imported %d entries", n)
	}
	if code, out, _ := run(t, "", "memory", "import", file, "--db", dst, "--apply"); code != 0 || !strings.Contains(out, "imported 1 entries") {
		t.Fatalf("apply: %d %q", code, out)
	}
	if n := count(); n != 1 {
		t.Fatalf("%d entries after import", n)
	}
	// Importing the same file again adds nothing.
	if code, out, _ := run(t, "", "memory", "import", file, "--db", dst, "--apply"); code != 0 || !strings.Contains(out, "0 new, 1 already known") || count() != 1 {
		t.Fatalf("second import: %d %q", code, out)
	}
	// A bad file changes nothing and names the line.
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	if err := os.WriteFile(bad, []byte(out[:0]+"{\"source\":\"x\"}\n{\"source\":\"y\",\"contacts\":[{\"kind\":\"fax\",\"value\":\"1\"}]}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(t, "", "memory", "import", bad, "--db", dst, "--apply"); code != 1 || !strings.Contains(errs, "line 1") {
		t.Errorf("bad file: %d %q", code, errs)
	}
	if code, _, _ := run(t, "", "memory", "frobnicate"); code != 2 {
		t.Errorf("unknown subcommand: exit %d", code)
	}
}
