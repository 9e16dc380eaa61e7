package ruleset

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cekloker "github.com/cekloker/cekloker"
	"github.com/cekloker/cekloker/internal/model/modeltest"
	"github.com/cekloker/cekloker/internal/store"
)

// fakeBUMNAd is a job ad that the built-in model joins to high and the
// model shifted by -20 to low.
const fakeBUMNAd = "Dibuka lowongan PT KAI untuk lulusan SMA/SMK, pendaftaran via WhatsApp admin"

func level(m *Manager, text string) string {
	eng, _ := m.Current()
	return eng.Screen(text).Level
}

// TestModelVersions: the built-in model becomes version 1; an imported
// model is previewed on the labelled examples, applied (the engine
// screens with it at once, the rules version unchanged), survives a
// restart and a rules edit; a stale base conflicts; a changed model file
// wins as a new version; a broken one changes nothing.
func TestModelVersions(t *testing.T) {
	ctx := testCtx(t)
	m, path, data := setup(t)
	if v, err := m.LoadModel(ctx, ""); err != nil || v != 1 {
		t.Fatalf("LoadModel = %d, %v", v, err)
	}
	if _, err := m.Load(ctx, path); err != nil {
		t.Fatal(err)
	}
	mdl, mv := m.CurrentModel()
	if mv != 1 || mdl == nil || mdl.Version != modeltest.ID(t, cekloker.DefaultModel) {
		t.Fatalf("current model %v, version %d", mdl, mv)
	}
	active, err := m.ActiveModel(ctx)
	if err != nil || active.Author != AuthorFile || !strings.Contains(active.Summary, "built in") {
		t.Fatalf("active model %+v, %v", active, err)
	}
	if level(m, fakeBUMNAd) != "high" {
		t.Fatalf("fake state-company ad with the built-in model: %s", level(m, fakeBUMNAd))
	}

	low := modeltest.Variant(t, -20)
	p, err := m.PreviewModel(ctx, 1, low)
	if err != nil {
		t.Fatal(err)
	}
	if p.Same || p.Examples == 0 || p.Down == 0 || p.Up != 0 || len(p.ExampleChanges) != p.Down {
		t.Errorf("preview: same %v, %d examples, %d up, %d down, %d changes", p.Same, p.Examples, p.Up, p.Down, len(p.ExampleChanges))
	}
	if p.Before["high"] <= p.After["high"] {
		t.Errorf("examples at high: %d before, %d after", p.Before["high"], p.After["high"])
	}
	if same, err := m.PreviewModel(ctx, 1, cekloker.DefaultModel); err != nil || !same.Same {
		t.Errorf("preview of the active model: %+v, %v", same, err)
	}

	_, rv := m.Current()
	applied, err := m.ApplyModel(ctx, 1, low, "42", "import")
	if err != nil || applied.Version != 2 {
		t.Fatalf("ApplyModel = %+v, %v", applied, err)
	}
	if _, v := m.Current(); v != rv {
		t.Errorf("rules version %d → %d on a model change", rv, v)
	}
	if mdl, mv := m.CurrentModel(); mv != 2 || mdl.Version != modeltest.ID(t, low) || level(m, fakeBUMNAd) != "low" {
		t.Fatalf("after apply: model %s version %d, kasir ad %s", mdl.Version, mv, level(m, fakeBUMNAd))
	}
	if _, err := m.ApplyModel(ctx, 1, modeltest.Variant(t, 3), "43", "late"); !errors.Is(err, ErrModelConflict) {
		t.Fatalf("stale base: %v", err)
	}
	// A rules edit keeps the model.
	edit, _ := SetWeight(data, "job_scam_titles", 1)
	if _, err := m.Apply(ctx, rv, edit, "42", "w"); err != nil {
		t.Fatal(err)
	}
	if mdl, mv := m.CurrentModel(); mv != 2 || mdl.Version != modeltest.ID(t, low) {
		t.Fatalf("after a rules edit: model %s version %d", mdl.Version, mv)
	}

	// Restart with the unchanged built-in model: the admin's model stays.
	m2 := NewManager(m.st, nil)
	if v, err := m2.LoadModel(ctx, ""); err != nil || v != 2 {
		t.Fatalf("restart: %d, %v", v, err)
	}
	if _, err := m2.Load(ctx, path); err != nil {
		t.Fatal(err)
	}
	if level(m2, fakeBUMNAd) != "low" {
		t.Fatal("the imported model did not survive a restart")
	}
	// A model file that changes later wins, as a new version.
	file := filepath.Join(t.TempDir(), "my.bin")
	high := modeltest.Variant(t, 5)
	os.WriteFile(file, high, 0o644)
	if v, err := m2.LoadModel(ctx, file); err != nil || v != 3 {
		t.Fatalf("new file: %d, %v", v, err)
	}
	if mdl, _ := m2.CurrentModel(); mdl.Version != modeltest.ID(t, high) {
		t.Fatal("the file's model is not active")
	}
	// A broken file is refused; version 3 stays.
	os.WriteFile(file, append([]byte(nil), high[:len(high)/2]...), 0o644)
	if _, err := m2.LoadModel(ctx, file); err == nil {
		t.Fatal("a truncated model was accepted")
	}
	if _, mv := m2.CurrentModel(); mv != 3 {
		t.Fatalf("active model %d after a broken file", mv)
	}
	all, _ := m2.st.Versions(ctx, store.ModelVersions, 0)
	if len(all) != 3 {
		t.Errorf("%d model versions, want 3", len(all))
	}
}

// TestModelOff: BOT_MODEL=off screens with the rules alone, records no
// model version, and refuses model changes.
func TestModelOff(t *testing.T) {
	ctx := testCtx(t)
	m, path, _ := setup(t)
	if _, err := m.LoadModel(ctx, "off"); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Load(ctx, path); err != nil {
		t.Fatal(err)
	}
	eng, _ := m.Current()
	if eng.Model() != nil || eng.Screen(fakeBUMNAd).Model != nil {
		t.Fatal("a model is joined with BOT_MODEL=off")
	}
	if _, err := m.ActiveModel(ctx); !errors.Is(err, ErrModelOff) {
		t.Errorf("ActiveModel: %v", err)
	}
	if _, err := m.PreviewModel(ctx, 0, cekloker.DefaultModel); !errors.Is(err, ErrModelOff) {
		t.Errorf("PreviewModel: %v", err)
	}
	if _, err := m.ApplyModel(ctx, 0, cekloker.DefaultModel, "42", ""); !errors.Is(err, ErrModelOff) {
		t.Errorf("ApplyModel: %v", err)
	}
	if all, _ := m.st.Versions(ctx, store.ModelVersions, 0); len(all) != 0 {
		t.Errorf("%d model versions with the model off", len(all))
	}
}

// TestWatchModel: a model file changed on disk becomes a new version once
// it is stable; an invalid one is refused and the active model stays.
func TestWatchModel(t *testing.T) {
	ctx := testCtx(t)
	m, path, _ := setup(t)
	file := filepath.Join(t.TempDir(), "model.bin")
	os.WriteFile(file, cekloker.DefaultModel, 0o644)
	if _, err := m.LoadModel(ctx, file); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Load(ctx, path); err != nil {
		t.Fatal(err)
	}
	next := reloads(t, ctx, func(ctx context.Context, report func(int, error)) error {
		return m.watchModel(ctx, file, 50*time.Millisecond, 300*time.Millisecond, report)
	})
	os.WriteFile(file, []byte("not a model"), 0o644)
	if r := next(); r.err == nil || !strings.Contains(r.err.Error(), "not a cekloker model file") {
		t.Fatalf("invalid file: %+v", r)
	}
	if _, mv := m.CurrentModel(); mv != 1 || level(m, fakeBUMNAd) != "high" {
		t.Fatalf("active model %d after an invalid file", mv)
	}
	low := modeltest.Variant(t, -20)
	os.WriteFile(file, low, 0o644)
	if r := next(); r.err != nil || r.v != 2 {
		t.Fatalf("reload: %+v", r)
	}
	mdl, mv := m.CurrentModel()
	if mv != 2 || mdl.Version != modeltest.ID(t, low) || level(m, fakeBUMNAd) != "low" {
		t.Fatalf("after the reload: model %s version %d", mdl.Version, mv)
	}
	mvs, err := m.st.Versions(ctx, store.ModelVersions, 0)
	if err != nil || len(mvs) != 2 || mvs[0].Author != AuthorFile || !strings.Contains(mvs[0].Summary, mdl.Version) {
		t.Errorf("versions %v, %v", mvs, err)
	}
}
