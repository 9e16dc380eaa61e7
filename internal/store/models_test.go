package store

import (
	"bytes"
	"context"
	"errors"
	"testing"
)

// TestMigrationAddsModelVersions: a database of the schema before model
// versions (00050) gains the table on Open's migration and keeps its rule
// versions; migrating down removes only the new table.
func TestMigrationAddsModelVersions(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t, Options{})
	if _, err := s.AddVersion(ctx, RuleVersions, []byte("version: 1\n"), "file", "first"); err != nil {
		t.Fatal(err)
	}
	p, err := newProvider(s.db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 50); err != nil {
		t.Fatalf("down to 50: %v", err)
	}
	const table = `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'model_versions'`
	if n := count(t, s, table); n != 0 {
		t.Fatal("model_versions still there at schema 50")
	}
	if _, _, err := s.ActiveVersion(ctx, ModelVersions); err == nil {
		t.Error("ActiveVersion(ModelVersions) worked without its table")
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatalf("up: %v", err)
	}
	if n := count(t, s, table); n != 1 {
		t.Fatal("model_versions missing after migrating up")
	}
	if rv, ok, err := s.ActiveVersion(ctx, RuleVersions); err != nil || !ok || rv.Summary != "first" {
		t.Errorf("rule version after the migration: %+v %v %v", rv, ok, err)
	}
	if _, ok, err := s.ActiveVersion(ctx, ModelVersions); err != nil || ok {
		t.Errorf("a fresh model_versions has a version (%v, %v)", ok, err)
	}
}

func TestModelVersions(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t, Options{})
	a, b := []byte("model A"), []byte("model B")
	v1, err := s.AddVersion(ctx, ModelVersions, a, "file", "built in")
	if err != nil || v1.Version != 1 || len(v1.SHA256) != 64 {
		t.Fatalf("AddVersion(ModelVersions) = %+v, %v", v1, err)
	}
	if _, err := s.AddVersionIfBase(ctx, ModelVersions, 0, b, "1001", "stale base"); !errors.Is(err, ErrConflict) {
		t.Fatalf("stale base: %v, want ErrConflict", err)
	}
	v2, err := s.AddVersionIfBase(ctx, ModelVersions, 1, b, "1001", "import")
	if err != nil || v2.Version != 2 {
		t.Fatalf("AddVersionIfBase(ModelVersions) = %+v, %v", v2, err)
	}
	act, ok, err := s.ActiveVersion(ctx, ModelVersions)
	if err != nil || !ok || act.Version != 2 || !bytes.Equal(act.Data, b) || act.Author != "1001" {
		t.Fatalf("active = %+v, %v, %v", act, ok, err)
	}
	old, err := s.Version(ctx, ModelVersions, 1)
	if err != nil || !bytes.Equal(old.Data, a) || old.Summary != "built in" {
		t.Fatalf("version 1 = %+v, %v", old, err)
	}
	if _, err := s.Version(ctx, ModelVersions, 9); !errors.Is(err, ErrNotFound) {
		t.Errorf("version 9: %v, want ErrNotFound", err)
	}
	all, err := s.Versions(ctx, ModelVersions, 0)
	if err != nil || len(all) != 2 || all[0].Version != 2 {
		t.Errorf("Versions(ModelVersions) = %d versions, %v", len(all), err)
	}
	// The two tables number their versions independently.
	if rv, err := s.AddVersion(ctx, RuleVersions, []byte("r"), "file", ""); err != nil || rv.Version != 1 {
		t.Errorf("first rule version = %d, %v", rv.Version, err)
	}
	if _, err := s.AddVersion(ctx, ModelVersions, nil, "file", ""); err == nil {
		t.Error("an empty model was saved")
	}
}
