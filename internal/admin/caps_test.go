package admin

import (
	"strings"
	"testing"
	"unicode/utf8"
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
