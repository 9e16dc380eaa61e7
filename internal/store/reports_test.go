package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/memory"
)

func newReport(ad string, user, chat int64, title string) NewReport {
	sig := memory.Signature{1, 2, 3}
	return NewReport{AdKey: sha(ad), Level: "high", Score: 12, RuleIDs: []string{"visa_tourist"}, Signature: &sig,
		Contacts: []memory.Contact{{Kind: "phone", Value: "+85516318274", Raw: "+855 16 318 274"}},
		Text:     ad, ReporterID: user, ChatID: chat, ChatTitle: title}
}

func TestReportsCountOnceAndQueue(t *testing.T) {
	ctx := context.Background()
	s, clk := openTest(t, Options{})
	r1, err := s.AddReport(ctx, newReport("ad one", 1, -100, "Loker Jatim"))
	if err != nil || r1.Duplicate || r1.Reporters != 1 {
		t.Fatalf("first report: %+v, %v", r1, err)
	}
	r2, err := s.AddReport(ctx, newReport("ad one", 1, -200, "Loker Jabar"))
	if err != nil || !r2.Duplicate || r2.Reporters != 1 || r2.ItemID != r1.ItemID {
		t.Fatalf("same user again: %+v, %v", r2, err)
	}
	clk.Advance(time.Minute)
	if r, err := s.AddReport(ctx, newReport("ad one", 2, 0, "")); err != nil || r.Reporters != 2 {
		t.Fatalf("second user: %+v, %v", r, err)
	}
	if _, err := s.AddReport(ctx, newReport("ad two", 3, -200, "Loker Jabar")); err != nil {
		t.Fatal(err)
	}
	it, pending, ok, err := s.ReportQueue(ctx)
	if err != nil || !ok || pending != 2 || it.ID != r1.ItemID {
		t.Fatalf("queue: %+v %d %v %v", it, pending, ok, err)
	}
	if it.Reporters != 2 || it.Private != 1 || len(it.Groups) != 1 || it.Groups[0] != "Loker Jatim" || it.Text != "" ||
		it.Signature == nil || it.Signature[2] != 3 || len(it.Contacts) != 1 || it.RuleIDs[0] != "visa_tourist" {
		t.Errorf("item: %+v", it)
	}
	if n := count(t, s, `SELECT count(*) FROM report_items WHERE text IS NOT NULL`); n != 0 {
		t.Errorf("%d texts stored without BOT_STORE_TEXT", n)
	}
	// Skip sends it to the back; a decision is final and audited.
	if _, err := s.DecideReport(ctx, r1.ItemID, 42, DecisionSkip); err != nil {
		t.Fatal(err)
	}
	if it, _, _, _ := s.ReportQueue(ctx); it.ID == r1.ItemID {
		t.Error("a skipped item is still first")
	}
	entry, err := s.DecideReport(ctx, r1.ItemID, 42, DecisionScam)
	if err != nil || entry <= 0 {
		t.Fatalf("confirm: %d, %v", entry, err)
	}
	if _, err := s.DecideReport(ctx, r1.ItemID, 43, DecisionNotScam); !errors.Is(err, ErrDecided) {
		t.Errorf("second decision: %v, want ErrDecided", err)
	}
	ds, err := s.ReviewDecisions(ctx, 0)
	if err != nil || len(ds) != 2 || ds[0].Decision != DecisionScam || ds[0].AdminID != 42 || ds[1].Decision != DecisionSkip {
		t.Errorf("decisions: %+v, %v", ds, err)
	}
	es, forgotten, version, err := s.MemoryEntries(ctx)
	if err != nil || len(es) != 1 || len(forgotten) != 0 || version == 0 {
		t.Fatalf("memory: %+v %v %d %v", es, forgotten, version, err)
	}
	e := es[0]
	if e.ID != entry || e.Reports != 2 || !e.HasSig || e.Sig[1] != 2 || e.Contacts[0].Value != "+85516318274" || e.Confirmed.IsZero() {
		t.Errorf("entry: %+v", e)
	}
	// A later report of the confirmed ad raises its count and the version.
	if _, err := s.AddReport(ctx, newReport("ad one", 5, -300, "Loker Bali")); err != nil {
		t.Fatal(err)
	}
	es, _, v2, _ := s.MemoryEntries(ctx)
	if es[0].Reports != 3 || v2 <= version {
		t.Errorf("after another report: reports %d, version %d -> %d", es[0].Reports, version, v2)
	}
	// Forgetting.
	if err := s.Forget(ctx, "entry:-3", 42); err != nil {
		t.Fatal(err)
	}
	if err := s.Forget(ctx, "phone:+85516318274", 42); err != nil {
		t.Fatal(err)
	}
	if err := s.Forget(ctx, "entry:999", 42); !errors.Is(err, ErrNotFound) {
		t.Errorf("forget unknown entry: %v", err)
	}
	_, forgotten, _, _ = s.MemoryEntries(ctx)
	if len(forgotten) != 2 {
		t.Errorf("forgotten %v", forgotten)
	}
	if err := s.Forget(ctx, "entry:1", 42); err != nil {
		t.Fatal(err)
	}
	if es, _, _, _ := s.MemoryEntries(ctx); len(es) != 0 {
		t.Errorf("forgotten entry still remembered: %+v", es)
	}
}

func TestReportsRateLimitedAndTextOptIn(t *testing.T) {
	ctx := context.Background()
	s, clk := openTest(t, Options{StoreText: true})
	for i := range ReportLimit {
		if _, err := s.AddReport(ctx, newReport(string(rune('a'+i))+" ad", 7, 0, "")); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.AddReport(ctx, newReport("one too many", 7, 0, "")); !errors.Is(err, ErrRateLimited) {
		t.Fatalf("report over the limit: %v", err)
	}
	if n := count(t, s, `SELECT count(*) FROM report_items`); n != ReportLimit {
		t.Errorf("%d items after a refused report", n)
	}
	if _, err := s.AddReport(ctx, newReport("other user", 8, 0, "")); err != nil {
		t.Errorf("another user is limited too: %v", err)
	}
	clk.Advance(ReportWindow + time.Second)
	if _, err := s.AddReport(ctx, newReport("one too many", 7, 0, "")); err != nil {
		t.Errorf("after the window: %v", err)
	}
	it, _, _, _ := s.ReportQueue(ctx)
	if it.Text == "" {
		t.Error("text not stored with StoreText")
	}
	if n := count(t, s, `SELECT count(*) FROM reports WHERE reporter_hash IN ('7', '8')`); n != 0 {
		t.Error("raw reporter ids stored")
	}
}

func TestImportAndMemoryHits(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t, Options{})
	sig := memory.Signature{9}
	in := []memory.Entry{{Source: "union bot", Confirmed: t0.Add(-48 * time.Hour), Reports: 4, Sig: sig, HasSig: true},
		{Source: "import: ngo", Contacts: []memory.Contact{{Kind: "handle", Value: "@lokerkh"}}}}
	if err := s.ImportMemory(ctx, in, "cli", "shared.jsonl"); err != nil {
		t.Fatal(err)
	}
	es, _, _, err := s.MemoryEntries(ctx)
	if err != nil || len(es) != 2 || es[0].Source != "import: union bot" || es[1].Source != "import: ngo" || es[0].Reports != 4 || es[0].Sig != sig {
		t.Fatalf("imported: %+v, %v", es, err)
	}
	sid, err := s.RecordScreening(ctx, Screening{ChatType: "private", Source: "message", Level: "high", Score: 9, TextHash: sha("x"), RulesVersion: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RecordMemoryHits(ctx, sid, map[int64]int{es[0].ID: 8}); err != nil {
		t.Fatal(err)
	}
	hs, err := s.MemoryHits(ctx, []int64{es[0].ID, es[1].ID})
	if err != nil || len(hs) != 1 || hs[0].ScreeningID != sid || hs[0].Weight != 8 || hs[0].Score != 9 {
		t.Errorf("memory hits: %+v, %v", hs, err)
	}
}

func TestPruneReports(t *testing.T) {
	ctx := context.Background()
	s, clk := openTest(t, Options{})
	a, _ := s.AddReport(ctx, newReport("confirmed ad", 1, -1, "G"))
	b, _ := s.AddReport(ctx, newReport("rejected ad", 1, -1, "G"))
	c, _ := s.AddReport(ctx, newReport("pending ad", 1, -1, "G"))
	if _, err := s.DecideReport(ctx, a.ItemID, 9, DecisionScam); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DecideReport(ctx, b.ItemID, 9, DecisionNotScam); err != nil {
		t.Fatal(err)
	}
	clk.Advance(ReportRetention + time.Hour)
	if err := s.Prune(ctx, clk.Now()); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, `SELECT count(*) FROM report_items WHERE id = ?`, b.ItemID); n != 0 {
		t.Error("an old rejected report was kept")
	}
	if n := count(t, s, `SELECT count(*) FROM reports WHERE item_id = ?`, a.ItemID); n != 0 {
		t.Error("the reporters of an old decided report were kept")
	}
	if n := count(t, s, `SELECT count(*) FROM reports WHERE item_id = ?`, c.ItemID); n != 1 {
		t.Error("a pending report lost its reporter")
	}
	// Memory keeps its count, and a new report adds to it.
	if _, err := s.AddReport(ctx, newReport("confirmed ad", 2, -1, "G")); err != nil {
		t.Fatal(err)
	}
	es, _, _, _ := s.MemoryEntries(ctx)
	if len(es) != 1 || es[0].Reports != 2 {
		t.Errorf("memory after pruning: %+v", es)
	}
}
