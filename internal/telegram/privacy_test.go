package telegram

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/tgfake"
)

// TestStoredGroupVerdictKeepsNoContacts: the verdict kept behind a group
// reply's deep link holds no phone number, e-mail, link, handle or salary,
// and the deep link still shows the full explanation.
func TestStoredGroupVerdictKeepsNoContacts(t *testing.T) {
	h := newHarness(t)
	ad := "LOKER ADMIN KAMBOJA gaji 20jt, tiket ditanggung, brgkt minggu ini, cukup visa turis. WA +855 16 318 274, daftar di bit.ly/lokerkh atau hr.kamboja@gmail.com, tanya @lokerkh"
	h.srv.PushText(group, alice, ad)
	s := h.waitSent(1)
	raw, err := sql.Open("sqlite3", h.db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	h.settle()
	h.waitHandled()
	var data string
	if err := raw.QueryRow(`SELECT verdict FROM verdicts`).Scan(&data); err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{"855", "318", "bit.ly", "gmail", "lokerkh", "20jt", "20 jt"} {
		if strings.Contains(strings.ToLower(data), leak) {
			t.Errorf("the stored verdict keeps %q: %s", leak, data)
		}
	}
	if !strings.Contains(data, "visa_tourist") {
		t.Errorf("the stored verdict lost its rules: %s", data)
	}
	link := ""
	for _, row := range s[0].Buttons {
		for _, b := range row {
			if strings.Contains(b.URL, "?start=") {
				link = b.URL
			}
		}
	}
	if link == "" {
		t.Fatal("no deep link")
	}
	token := link[strings.Index(link, "?start=")+len("?start="):]
	h.srv.PushText(tgfake.Chat{ID: alice.ID, Type: "private"}, alice, "/start "+token)
	full := h.waitSent(2)[1]
	if !strings.Contains(full.Text, "RISIKO TINGGI") || !strings.Contains(strings.ToLower(full.Text), "visa turis") {
		t.Errorf("the deep link view: %q", full.Text)
	}
}

// TestFeedbackOnlyFromTheSameChat: a vote forged in another chat for a
// screening it never saw is ignored; the chat's own vote counts.
func TestFeedbackOnlyFromTheSameChat(t *testing.T) {
	h := newHarness(t)
	h.srv.PushText(private, alice, scamAd)
	s := h.waitSent(1)[0]
	wrong := callbackData(s, ":w")
	bobChat := tgfake.Chat{ID: bob.ID, Type: "private"}
	h.srv.PushText(bobChat, bob, "/help")
	b := h.waitSent(2)[1]
	vote := func(u tgfake.User, ref tgfake.MsgRef, n int) map[string]int {
		h.srv.PushCallback(u, ref, wrong)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := h.srv.WaitCalls(ctx, "answerCallbackQuery", n); err != nil {
			t.Fatal(err)
		}
		h.waitHandled()
		counts, err := h.st.FeedbackCounts(ctx, time.Now().Add(-time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		return counts
	}
	if c := vote(bob, tgfake.MsgRef{ChatID: bobChat.ID, MessageID: b.MessageID}, 1); c["wrong"] != 0 {
		t.Errorf("a forged vote from another chat was stored: %v", c)
	}
	if c := vote(alice, tgfake.MsgRef{ChatID: private.ID, MessageID: s.MessageID}, 2); c["wrong"] != 1 {
		t.Errorf("the chat's own vote: %v, want one wrong", c)
	}
}

// callbackData is the data of the first button of s whose data ends with
// suffix.
func callbackData(s tgfake.SentMessage, suffix string) string {
	for _, row := range s.Buttons {
		for _, b := range row {
			if strings.HasSuffix(b.CallbackData, suffix) {
				return b.CallbackData
			}
		}
	}
	return ""
}
