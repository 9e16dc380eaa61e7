package ruleset

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/rules"
	"github.com/cekloker/cekloker/internal/screen"
	"github.com/cekloker/cekloker/internal/store"
)

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func setup(t *testing.T) (*Manager, string, []byte) {
	t.Helper()
	data, err := os.ReadFile("../../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(testCtx(t), filepath.Join(dir, "bot.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return NewManager(st, nil), path, data
}

func TestEditHelpersKeepComments(t *testing.T) {
	_, _, data := setup(t)
	out, err := SetDisabled(data, "job_scam_titles", true)
	if err != nil {
		t.Fatal(err)
	}
	out, err = SetWeight(out, "departure_fast", 7)
	if err != nil {
		t.Fatal(err)
	}
	out, err = SetThreshold(out, "high", 9)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "# How patterns match") {
		t.Error("comments lost")
	}
	f, err := rules.Parse("x.yaml", out)
	if err != nil {
		t.Fatal(err)
	}
	if f.Thresholds.High != 9 {
		t.Errorf("high = %d", f.Thresholds.High)
	}
	for _, r := range f.Rules {
		if r.ID == "job_scam_titles" && !r.Disabled || r.ID == "departure_fast" && r.Weight != 7 {
			t.Errorf("rule %s: %+v", r.ID, r.Disabled)
		}
	}
	back, err := SetDisabled(out, "job_scam_titles", false)
	if err != nil {
		t.Fatal(err)
	}
	f, _ = rules.Parse("x.yaml", back)
	if f.Rules[1].Disabled {
		t.Error("rule still disabled")
	}
	if _, err := SetWeight(data, "nope", 1); err == nil {
		t.Error("unknown rule accepted")
	}
}

func TestLoadApplyConflictAndFileWins(t *testing.T) {
	ctx := testCtx(t)
	m, path, data := setup(t)
	v, err := m.Load(ctx, path)
	if err != nil || v != 1 {
		t.Fatalf("Load = %d, %v", v, err)
	}
	if v, _ := m.Load(ctx, path); v != 1 {
		t.Fatalf("unchanged file made version %d", v)
	}
	edit, _ := SetThreshold(data, "high", 20)
	p1, err := m.Preview(ctx, 1, edit)
	if err != nil {
		t.Fatal(err)
	}
	if p1.NewThresholds.High != 20 || p1.Summary() == "no change" {
		t.Errorf("preview: %+v", p1.Summary())
	}
	edit2, _ := SetWeight(data, "job_scam_titles", 1)
	if _, err := m.Apply(ctx, 1, edit, "42", p1.Summary()); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Apply(ctx, 1, edit2, "43", "w"); !errors.Is(err, ErrConflict) {
		t.Fatalf("second apply: %v", err)
	}
	if eng, v := m.Current(); v != 2 || eng.Rules().Thresholds.High != 20 {
		t.Fatalf("active %d", v)
	}
	// Restart with the unchanged file: the admin's version stays.
	m2 := NewManager(m.st, nil)
	if v, err := m2.Load(ctx, path); err != nil || v != 2 {
		t.Fatalf("reload = %d, %v", v, err)
	}
	// The file changes later: it wins, as a new version.
	os.WriteFile(path, edit2, 0o644)
	if v, err := m2.Load(ctx, path); err != nil || v != 3 {
		t.Fatalf("file change = %d, %v", v, err)
	}
	// A broken file keeps version 3.
	os.WriteFile(path, []byte("version: 1\nbogus: [\n"), 0o644)
	if _, err := m2.Load(ctx, path); err == nil {
		t.Fatal("broken file accepted")
	}
	if _, v := m2.Current(); v != 3 {
		t.Fatalf("active %d after broken file", v)
	}
}

func TestRescore(t *testing.T) {
	ctx := testCtx(t)
	m, path, data := setup(t)
	if _, err := m.Load(ctx, path); err != nil {
		t.Fatal(err)
	}
	eng, _ := m.Current()
	ad := "Lowongan kerja ke Kamboja, gaji 25 juta, berangkat minggu ini, tanpa pengalaman, hubungi WA"
	v := eng.Screen(ad)
	if len(v.Hits) == 0 {
		t.Fatal("no hits")
	}
	if _, err := m.st.RecordScreening(ctx, store.Screening{ChatType: "private", Source: "message", Level: v.Level,
		Score: v.Score, RuleIDs: v.HitRules(), TextHash: strings.Repeat("a", 64), RulesVersion: 1}); err != nil {
		t.Fatal(err)
	}
	edit, _ := SetThreshold(data, "high", 1000)
	edit, _ = SetThreshold(edit, "medium", 999)
	p, err := m.Preview(ctx, 1, edit)
	if err != nil {
		t.Fatal(err)
	}
	if v.Level != rules.Low && (p.Recent.Dn != 1 || len(p.Recent.Samples) != 1) {
		t.Errorf("recent impact %+v (level was %s)", p.Recent, v.Level)
	}
	if len(p.ExampleChanges) == 0 {
		t.Error("no example changes level")
	}
}

// reload is what a watch reported: the active version, or the error that
// refused the file.
type reload struct {
	v   int
	err error
}

// reloads starts a watch with a report callback and returns a function
// that waits for the next report. The watch ends with the test.
func reloads(t *testing.T, ctx context.Context, watch func(ctx context.Context, report func(int, error)) error) func() reload {
	t.Helper()
	reports := make(chan reload, 10)
	wctx, stop := context.WithCancel(ctx)
	t.Cleanup(stop)
	if err := watch(wctx, func(v int, err error) { reports <- reload{v, err} }); err != nil {
		t.Fatal(err)
	}
	return func() reload {
		t.Helper()
		select {
		case r := <-reports:
			return r
		case <-ctx.Done():
			t.Fatal("no reload reported")
		}
		return reload{}
	}
}

func TestWatchReloadsAndScreeningContinues(t *testing.T) {
	ctx := testCtx(t)
	m, path, data := setup(t)
	if _, err := m.Load(ctx, path); err != nil {
		t.Fatal(err)
	}
	next := reloads(t, ctx, func(ctx context.Context, report func(int, error)) error {
		return m.watch(ctx, path, 50*time.Millisecond, 50*time.Millisecond, report)
	})
	var wg sync.WaitGroup
	var done atomic.Bool
	var screened atomic.Int64
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !done.Load() {
				eng, _ := m.Current()
				if eng.Screen("Lowongan kerja ke Kamboja gaji 25 juta").Level == "" {
					t.Error("empty level")
				}
				screened.Add(1)
			}
		}()
	}
	good, _ := SetWeight(data, "job_scam_titles", 2)
	os.WriteFile(path, good, 0o644)
	if r := next(); r.err != nil || r.v != 2 {
		t.Fatalf("good reload: %+v", r)
	}
	bad := strings.Replace(string(good), "- id: departure_fast", "- id: departure_fast\n    oops: 1", 1)
	os.WriteFile(path, []byte(bad), 0o644)
	r := next()
	if r.err == nil || !strings.Contains(r.err.Error(), "departure_fast") {
		t.Fatalf("broken reload: %+v", r)
	}
	if _, v := m.Current(); v != 2 {
		t.Fatalf("active %d", v)
	}
	done.Store(true)
	wg.Wait()
	if screened.Load() == 0 {
		t.Fatal("no screenings")
	}
}

func TestEditIsMinimal(t *testing.T) {
	_, _, data := setup(t)
	out, err := SetWeight(data, "departure_fast", 3)
	if err != nil {
		t.Fatal(err)
	}
	out, _ = SetDisabled(out, "departure_fast", true)
	out, _ = SetThreshold(out, "medium", 5)
	a, b := strings.Split(string(data), "\n"), strings.Split(string(out), "\n")
	if len(b) != len(a)+1 {
		t.Fatalf("lines %d → %d", len(a), len(b))
	}
	back, _ := SetDisabled(out, "departure_fast", false)
	back, _ = SetWeight(back, "departure_fast", 2)
	back, _ = SetThreshold(back, "medium", 4)
	if string(back) != string(data) {
		t.Error("round trip changed the file")
	}
}

// TestRescoreKeepsModelPoints: a stored screening whose score includes the
// text model's points is re-scored with those points kept, so a threshold
// change is judged on the score the bot actually gave.
func TestRescoreKeepsModelPoints(t *testing.T) {
	_, _, data := setup(t)
	f, err := rules.Parse("rules.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	var id string
	weight := 0
	for _, r := range f.Rules {
		if r.Weight > 0 && r.Weight+6 < f.Thresholds.High {
			id, weight = r.ID, r.Weight
			break
		}
	}
	if id == "" {
		t.Fatal("no light rule")
	}
	// The rule alone is low; with 5 model points the stored score is medium.
	stored := store.Screening{RuleIDs: []string{id, screen.ModelRule}, Score: weight + 5}
	edit, _ := SetThreshold(data, "medium", weight+6)
	g, err := rules.Parse("rules.yaml", edit)
	if err != nil {
		t.Fatal(err)
	}
	ri := Rescore([]store.Screening{stored}, f, g)
	if weight+5 < f.Thresholds.Medium || ri.Dn != 1 || ri.Samples[0].FromScore != weight+5 || ri.Samples[0].ToScore != weight+5 {
		t.Errorf("rescore %+v (rule %s weight %d)", ri, id, weight)
	}
}

// TestWatchWaitsForTheWriterToFinish: a new rules.yaml written in two
// chunks, whose first chunk alone is a valid file, is loaded once, whole;
// the new version's summary says what changed.
func TestWatchWaitsForTheWriterToFinish(t *testing.T) {
	ctx := testCtx(t)
	m, path, data := setup(t)
	if _, err := m.Load(ctx, path); err != nil {
		t.Fatal(err)
	}
	reports := make(chan int, 10)
	wctx, stop := context.WithCancel(ctx)
	defer stop()
	if err := m.watch(wctx, path, 50*time.Millisecond, 800*time.Millisecond, func(v int, err error) {
		if err != nil {
			t.Errorf("reload: %v", err)
		}
		reports <- v
	}); err != nil {
		t.Fatal(err)
	}
	next, _ := SetWeight(data, "job_scam_titles", 2)
	// Cut before the file's last top-level section (an optional one), so
	// that the first chunk is a valid file by itself.
	tops := regexp.MustCompile(`(?m)^[a-z_]+:`).FindAllIndex(next, -1)
	if len(tops) == 0 {
		t.Fatal("rules.yaml has no top-level sections")
	}
	last := tops[len(tops)-1][0] - 1
	if _, err := Compile("prefix", next[:last+1], 0); err != nil {
		t.Fatalf("the first chunk should be a valid file by itself: %v", err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(next[:last+1])
	time.Sleep(400 * time.Millisecond) // the writer pauses
	f.Write(next[last+1:])
	f.Close()
	var v int
	select {
	case v = <-reports:
	case <-time.After(10 * time.Second):
		t.Fatal("no reload")
	}
	select {
	case v2 := <-reports:
		t.Fatalf("a second reload (version %d): the half-written file was loaded first", v2)
	case <-time.After(time.Second):
	}
	eng, cur := m.Current()
	if cur != v || len(eng.Rules().Guidance.Links) != 3 {
		t.Errorf("active version %d with %d links, want the whole file", cur, len(eng.Rules().Guidance.Links))
	}
	rv, err := m.Active(ctx)
	if err != nil || !strings.Contains(rv.Summary, "changed job_scam_titles") {
		t.Errorf("summary %q (%v), want the change", rv.Summary, err)
	}
}
