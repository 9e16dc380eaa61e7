package telegram

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestLongTextsAreCutOnArrival: a queued update keeps only a little more
// of a huge text than is screened.
func TestLongTextsAreCutOnArrival(t *testing.T) {
	text := strings.Repeat("gaji besar ", 100_000)
	raw, _ := json.Marshal(map[string]any{"update_id": 1, "message": map[string]any{
		"message_id": 2, "date": 1, "chat": map[string]any{"id": 3, "type": "private"}, "text": text}})
	u, err := parseUpdate(raw)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(u.Message.Text); n != maxText || !strings.HasPrefix(text, u.Message.Text) {
		t.Errorf("kept %d bytes, want the first %d", n, maxText)
	}
	eng, _ := testRules(t).Current()
	if !eng.Screen(u.Message.Text).Truncated {
		t.Error("the verdict does not say the text was cut")
	}
}
