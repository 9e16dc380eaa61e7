package admin

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	cekloker "github.com/cekloker/cekloker"
	"github.com/cekloker/cekloker/internal/model/modeltest"
	"github.com/cekloker/cekloker/internal/store"
	"github.com/cekloker/cekloker/internal/tgfake"
)

// fakeBUMNAd is a fake state-company ad that the built-in model joins to high and the
// model shifted by -20 (modeltest.Variant) to low.
const fakeBUMNAd = "Dibuka lowongan PT KAI untuk lulusan SMA/SMK, pendaftaran via WhatsApp admin"

// screenAs sends text to the bot in a private chat and returns the
// verdict's first line.
func (h *harness) screenAs(u tgfake.User, text string) string {
	h.t.Helper()
	r := h.cmd(u, text)
	first, _, _ := strings.Cut(r.Text, "\n")
	return first
}

func (h *harness) modelVersion() int {
	_, v := h.m.CurrentModel()
	return v
}

// TestModelImportApplyRollback: /model shows the built-in model; an
// imported model is previewed on the labelled examples, applied by the
// admin who asked (not by a non-admin, nor by another admin), used by the
// next screening, listed in /model_history and rolled back.
func TestModelImportApplyRollback(t *testing.T) {
	h := newHarness(t)
	builtin := modeltest.ID(t, cekloker.DefaultModel)
	r := h.cmd(alice, "/model")
	for _, want := range []string{"Model teks versi 1</b>: <code>" + builtin, "berkas model", "Validasi silang", "ALL", "train.jsonl"} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("/model lacks %q:\n%s", want, r.Text)
		}
	}
	if strings.Contains(r.Text, "origin train/emscad") {
		t.Error("/model lists the figures per origin")
	}
	if r := h.cmd(carol, "/rules"); !strings.Contains(r.Text, "Text model: version 1, <code>"+builtin) {
		t.Errorf("/rules does not show the model version:\n%s", r.Text)
	}
	if got := h.screenAs(bob, fakeBUMNAd); !strings.Contains(got, "HIGH RISK") {
		t.Fatalf("with the built-in model: %q", got)
	}

	low := modeltest.Variant(t, -20)
	h.srv.AddFile("m1", "model.bin", low)
	p := h.next(func() { h.srv.PushDocument(chatOf(alice), alice, "m1", "model.bin", "/model_import") })
	for _, want := range []string{"Pratinjau model</b> (dari versi model 1)", builtin + "</code> → <code>" + modeltest.ID(t, low), "Contoh berlabel", "0 naik",
		// bob's screening, whose text the harness stores, goes down.
		"dengan teks tersimpan</b>: 1 dari 1 berubah tingkat (0 naik, 1 turun)"} {
		if !strings.Contains(p.Text, want) {
			t.Errorf("preview lacks %q:\n%s", want, p.Text)
		}
	}
	if strings.Contains(p.Text, "berubah tingkat (0 naik, 0 turun)") || !hasButtons(p) {
		t.Fatalf("preview shows no change or has no buttons:\n%s", p.Text)
	}
	// Only the admin who asked may apply it.
	h.othersCannotApply(p)
	if h.modelVersion() != 1 {
		t.Fatalf("model version %d before Apply", h.modelVersion())
	}
	if note, _ := h.press(alice, p, "apply"); note != "Diterapkan sebagai versi model 2." {
		t.Fatalf("apply: %q", note)
	}
	if mdl, v := h.m.CurrentModel(); v != 2 || mdl.Version != modeltest.ID(t, low) {
		t.Fatalf("active model %s version %d", mdl.Version, v)
	}
	if got := h.screenAs(bob, fakeBUMNAd+"."); !strings.Contains(got, "LOW RISK") {
		t.Fatalf("with the imported model: %q", got)
	}

	r = h.cmd(alice, "/model_history")
	if !strings.Contains(r.Text, "<b>2</b> (aktif)") || !strings.Contains(r.Text, "admin 1001 · <code>"+modeltest.ID(t, low)) || !strings.Contains(r.Text, "<b>1</b> ·") {
		t.Errorf("/model_history:\n%s", r.Text)
	}
	if r := h.cmd(alice, "/model_rollback 9"); !strings.Contains(r.Text, "Tidak ada versi 9") {
		t.Errorf("rollback to a missing version: %q", r.Text)
	}
	back := h.cmd(alice, "/model_rollback 1")
	if !strings.Contains(back.Text, "0 turun") || !hasButtons(back) {
		t.Fatalf("rollback preview:\n%s", back.Text)
	}
	if note, _ := h.press(alice, back, "apply"); note != "Diterapkan sebagai versi model 3." {
		t.Fatalf("rollback apply: %q", note)
	}
	if mdl, _ := h.m.CurrentModel(); mdl.Version != builtin {
		t.Fatalf("after the rollback: model %s", mdl.Version)
	}
	mv, err := h.m.ActiveModel(h.ctx)
	if err != nil || !strings.HasPrefix(mv.Summary, "rollback to version 1") {
		t.Errorf("active model version %+v, %v", mv.Summary, err)
	}
	if got := h.screenAs(bob, fakeBUMNAd+"!"); !strings.Contains(got, "HIGH RISK") {
		t.Fatalf("after the rollback: %q", got)
	}
}

// TestModelImportRefused: a non-admin cannot use the model commands, and
// an invalid model file is refused and changes nothing.
func TestModelImportRefused(t *testing.T) {
	h := newHarness(t)
	for _, cmd := range []string{"/model", "/model_import", "/model_history", "/model_rollback 1"} {
		if r := h.cmd(bob, cmd); !strings.Contains(r.Text, "only for the bot's operators") {
			t.Errorf("%s from a non-admin: %q", cmd, r.Text)
		}
	}
	h.srv.AddFile("m2", "model.bin", modeltest.Variant(t, -20))
	if r := h.next(func() { h.srv.PushDocument(chatOf(bob), bob, "m2", "model.bin", "/model_import") }); !strings.Contains(r.Text, "only for the bot's operators") {
		t.Errorf("a non-admin's import: %q", r.Text)
	}
	good := modeltest.Variant(t, 1)
	for name, data := range map[string][]byte{
		"text.bin":      []byte("hello, not a model"),
		"truncated.bin": good[:len(good)-100],
		"tampered.bin":  append(append([]byte(nil), good...), 0),
	} {
		h.srv.AddFile(name, name, data)
		// A .bin document without a caption is an import too.
		r := h.next(func() { h.srv.PushDocument(chatOf(alice), alice, name, name, "") })
		if !strings.HasPrefix(r.Text, "<b>Ditolak</b>") || !strings.Contains(r.Text, "model") || hasButtons(r) {
			t.Errorf("%s: %q", name, r.Text)
		}
	}
	if h.modelVersion() != 1 {
		t.Errorf("model version %d after refused files", h.modelVersion())
	}
	if vs, _ := h.st.Versions(h.ctx, store.ModelVersions, 0); len(vs) != 1 {
		t.Errorf("%d model versions after refused files", len(vs))
	}
	// The active model again: no change, no buttons.
	h.srv.AddFile("m3", "model.bin", cekloker.DefaultModel)
	if r := h.next(func() { h.srv.PushDocument(chatOf(carol), carol, "m3", "model.bin", "/model_import") }); !strings.Contains(r.Text, "No change") || hasButtons(r) {
		t.Errorf("the active model: %q", r.Text)
	}
}

// TestModelHotReloadTellsAdmins: with $BOT_MODEL naming a file, a new
// model written there becomes a new version (the admins are told) and is
// used at once; a broken file is refused and the model stays.
func TestModelHotReloadTellsAdmins(t *testing.T) {
	h := newHarness(t)
	file := filepath.Join(t.TempDir(), "my-model.bin")
	if err := os.WriteFile(file, cekloker.DefaultModel, 0o644); err != nil {
		t.Fatal(err)
	}
	if v, err := h.m.LoadModel(h.ctx, file); err != nil || v != 1 {
		t.Fatalf("LoadModel = %d, %v", v, err)
	}
	wctx, stop := context.WithCancel(h.ctx)
	defer stop()
	if err := h.m.WatchModel(wctx, file, h.a.ModelReloadReporter(wctx, "my-model.bin")); err != nil {
		t.Fatal(err)
	}
	low := modeltest.Variant(t, -20)
	n := len(h.srv.Sent())
	if err := os.WriteFile(file, low, 0o644); err != nil {
		t.Fatal(err)
	}
	sent, err := h.srv.WaitSent(h.ctx, n+2) // one message per admin
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sent[n].Text, "versi model 2") || !strings.Contains(sent[n].Text, modeltest.ID(t, low)) || h.modelVersion() != 2 {
		t.Fatalf("reload: %q, model version %d", sent[n].Text, h.modelVersion())
	}
	if got := h.screenAs(bob, fakeBUMNAd); !strings.Contains(got, "LOW RISK") {
		t.Fatalf("after the reload: %q", got)
	}
	if err := os.WriteFile(file, []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	sent, err = h.srv.WaitSent(h.ctx, n+5)
	if err != nil {
		t.Fatal(err)
	}
	var msg string
	for _, s := range sent[n+2:] {
		if strings.Contains(s.Text, "my-model.bin") {
			msg = s.Text
		}
	}
	if !strings.Contains(msg, "Ditolak") || !strings.Contains(msg, "the active model stays") || h.modelVersion() != 2 {
		t.Errorf("broken reload: %q, model version %d", msg, h.modelVersion())
	}
}
