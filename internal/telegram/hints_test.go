package telegram

import (
	"strings"
	"testing"
)

// A link hidden behind text (a text_link entity) is screened: the verdict
// quotes it, and the same text without the entity does not.
func TestHiddenTextLinkIsScreened(t *testing.T) {
	h := newHarness(t)
	text := "Lowongan admin gaji 15jt, daftar di sini"
	h.srv.PushText(private, alice, text)
	plain := h.waitSent(1)[0]
	if strings.Contains(plain.Text, "bit.ly") {
		t.Fatalf("reply without the entity already quotes the link: %q", plain.Text)
	}
	h.srv.PushMessage(private, alice, map[string]any{
		"text":     text + " ",
		"entities": []map[string]any{{"type": "text_link", "offset": strings.Index(text, "di sini"), "length": 7, "url": "https://bit.ly/loker-kh"}},
	})
	s := h.waitSent(2)[1]
	if !strings.Contains(s.Text, "https://bit.ly/loker-kh") {
		t.Errorf("hidden link not in the verdict: %q", s.Text)
	}
}
