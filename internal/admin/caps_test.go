package admin

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cekloker/cekloker/internal/tgfake"
)

// TestImportRunsOffThePathWithSample: an import first says it is being
// checked, then shows one verdict of the new rules with their buttons,
// then the preview.
func TestImportRunsOffThePathWithSample(t *testing.T) {
	h := newHarness(t)
	edited := strings.Replace(string(h.yml), `{id: "WhatsApp KP2MI", en: "KP2MI on WhatsApp"}`, `{id: "WhatsApp resmi KP2MI", en: "KP2MI on WhatsApp"}`, 1)
	h.srv.AddFile("ok", "rules.yaml", []byte(edited))
	n := len(h.srv.Sent())
	p := h.next(func() { h.srv.PushDocument(chatOf(alice), alice, "ok", "rules.yaml", "/rules_import") })
	sent := h.srv.Sent()[n:]
	if len(sent) != 3 || !strings.HasPrefix(sent[0].Text, "⏳") || !strings.HasPrefix(sent[1].Text, "<b>Contoh jawaban") {
		t.Fatalf("want a progress note, a sample verdict and the preview, got %d messages: %+v", len(sent), sent)
	}
	if !hasButtons(sent[1]) || sent[1].Buttons[1][0].Text != "WhatsApp resmi KP2MI" {
		t.Errorf("the sample does not show the new buttons: %+v", sent[1].Buttons)
	}
	if !hasButtons(p) || !strings.Contains(p.Text, "Pratinjau") {
		t.Errorf("preview: %q", p.Text)
	}
}

// TestImportCaps: files whose verdicts could not be shown in Telegram are
// refused with the reason, and nothing changes.
func TestImportCaps(t *testing.T) {
	h := newHarness(t)
	link := "    - label: {id: \"Cek lowongan di SISKOP2MI\", en: \"Check vacancies on SISKOP2MI\"}\n      url: \"https://siskop2mi.bp2mi.go.id/lowongan/list\"\n      source: \"https://voiceindonesia.co/ketenagakerjaan/23/04/2025/53110/langkah-mudah-kerja-ke-luar-negeri-secara-resmi\"\n"
	if !strings.Contains(string(h.yml), link) {
		t.Fatal("rules.yaml changed: update the test's link")
	}
	cases := []struct{ name, yaml, want string }{
		{"11 buttons", strings.Replace(string(h.yml), link, strings.Repeat(link, 9), 1), "at most 10"},
		{"long label", strings.Replace(string(h.yml), `en: "KP2MI on WhatsApp"`, `en: "`+strings.Repeat("KP2MI ", 12)+`"`, 1), "fit on a button"},
	}
	for _, c := range cases {
		h.srv.AddFile(c.name, "rules.yaml", []byte(c.yaml))
		s := h.next(func() { h.srv.PushDocument(chatOf(alice), alice, c.name, "rules.yaml", "/rules_import") })
		if !strings.Contains(s.Text, "Ditolak") || !strings.Contains(s.Text, c.want) || hasButtons(s) {
			t.Errorf("%s: %q", c.name, s.Text)
		}
	}
	if h.version() != 1 {
		t.Errorf("version %d", h.version())
	}
}

func TestClipNeverLeavesATagOpen(t *testing.T) {
	long := "<b>Review</b>\n• <code>a, b</code>\n  <i>" + strings.Repeat("kerja di luar negeri &amp; gaji besar\n", 200) + "</i>\n"
	for _, n := range []int{100, 1000, 3900} {
		got := clipN(long, n)
		if len(got) > n {
			t.Errorf("clip to %d: %d bytes", n, len(got))
		}
		if strings.Count(got, "<i>") != strings.Count(got, "</i>") || strings.Count(got, "<b>") != strings.Count(got, "</b>") {
			t.Errorf("clip to %d leaves a tag open: %q", n, got[max(0, len(got)-80):])
		}
	}
	one := "<i>" + strings.Repeat("é", 3000) + "</i>"
	got := clipN(one, 3900)
	if !strings.HasSuffix(got, "</i>\n…") || !utf8.ValidString(got) {
		t.Errorf("one long line: %q", got[max(0, len(got)-20):])
	}
	if got := balanceTags("<b>x</b> <a href=\"u\">y <co"); got != "<b>x</b> <a href=\"u\">y </a>" {
		t.Errorf("balanceTags: %q", got)
	}
}

// TestResumeAfterACrashDuringApply: after a crash in the middle of Apply
// the admin's preview tells which version is active, whether the change
// made it or not.
func TestResumeAfterACrashDuringApply(t *testing.T) {
	h := newHarness(t)
	p := h.cmd(alice, "/rule_off departure_fast")
	note := func(base int) {
		data, _ := json.Marshal(applying{Chat: p.ChatID, Message: p.MessageID, User: alice.ID, Base: base, Lang: "id", Text: "<b>Pratinjau</b>"})
		if err := h.st.SetNote(h.ctx, applyingNote, data); err != nil {
			t.Fatal(err)
		}
	}
	note(1) // died before the version was saved
	h.a.Resume(h.ctx)
	if m, _ := h.srv.Message(p.ChatID, p.MessageID); !strings.Contains(m.Text, "TIDAK diterapkan") || !strings.Contains(m.Text, "Versi 1 tetap aktif") {
		t.Errorf("not applied: %q", m.Text)
	}
	if _, ok, _ := h.st.Note(h.ctx, applyingNote); ok {
		t.Error("the note was not cleared")
	}
	// Died after the version was saved.
	edited := append([]byte("# edited\n"), h.yml...)
	if _, err := h.m.Apply(h.ctx, 1, edited, "1001", "test"); err != nil {
		t.Fatal(err)
	}
	note(1)
	h.a.Resume(h.ctx)
	if m, _ := h.srv.Message(p.ChatID, p.MessageID); !strings.Contains(m.Text, "sudah diterapkan: versi 2 aktif") {
		t.Errorf("applied: %q", m.Text)
	}
}

// letters spells n in lowercase letters (numbers are normalised away).
func letters(n int) string {
	s := ""
	for {
		s = string(rune('a'+n%26)) + s
		n /= 26
		if n == 0 {
			return s
		}
	}
}

// TestBigImportDoesNotHoldOthersUp: while a valid 5,000-rule file is
// checked, another user is answered within 2 s (p95 of 20).
func TestBigImportDoesNotHoldOthersUp(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles 5,000 rules")
	}
	h := newHarness(t)
	var gen strings.Builder
	for i := range MaxRules - 60 {
		w := "zqx" + letters(i)
		fmt.Fprintf(&gen, "  - {id: g%s, category: fast_departure, weight: 1, patterns: [%s], explain: {id: Buatan., en: Made.}, examples: {match: [%s], no_match: [lain]}}\n", w, w, w)
	}
	i := strings.Index(string(h.yml), "\ncombos:")
	big := string(h.yml[:i+1]) + gen.String() + string(h.yml[i+1:])
	h.srv.AddFile("big", "rules.yaml", []byte(big))
	if len(big) > 1<<20 {
		t.Fatalf("the generated file has %d bytes, over the 1 MB import limit", len(big))
	}
	n := len(h.srv.Sent())
	h.srv.PushDocument(chatOf(alice), alice, "big", "rules.yaml", "/rules_import")
	var took []time.Duration
	for k := range 20 {
		start := time.Now()
		u := tgfake.User{ID: int64(9000 + k), FirstName: "P", LanguageCode: "id"}
		h.next(func() { h.srv.PushText(chatOf(u), u, "/help") })
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	if p := took[18]; p > 2*time.Second {
		t.Errorf("p95 %v while a 5,000-rule file is checked", p)
	}
	// The preview comes in the end.
	for h.ctx.Err() == nil {
		for _, s := range h.srv.Sent()[n:] {
			if s.ChatID == alice.ID && strings.Contains(s.Text, "Ditolak") {
				t.Fatalf("refused: %s", s.Text[:min(len(s.Text), 1400)])
			}
			if s.ChatID == alice.ID && strings.Contains(s.Text, "Pratinjau") {
				t.Logf("p95 %v; preview of %d rules ready", took[18], MaxRules-60+47)
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("no preview")
}
