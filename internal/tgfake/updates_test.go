package tgfake_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/tgfake"
)

func TestGetUpdatesOffsetConfirms(t *testing.T) {
	srv, bot := start(t)
	u1, m1 := srv.PushText(private, alice, "one")
	u2, _ := srv.PushText(private, alice, "two")
	u3, _ := srv.PushText(group, bob, "three")
	if u2 != u1+1 || u3 != u2+1 {
		t.Fatalf("update ids %d %d %d are not consecutive", u1, u2, u3)
	}
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 3 {
		t.Fatalf("first poll: %d updates, %v", len(ups), err)
	}
	if m := ups[0].Message; m.MessageID != m1 || m.Text != "one" || m.From.UserName != "alice" || m.Chat.Type != "private" {
		t.Fatalf("first message = %+v", m)
	}
	if c := ups[2].Message.Chat; c.ID != group.ID || c.Title != group.Title || c.Type != "supergroup" {
		t.Fatalf("group chat = %+v", c)
	}
	// Without an offset nothing is confirmed: the same updates come again.
	if ups, _ = bot.GetUpdates(tgbotapi.UpdateConfig{Limit: 1}); len(ups) != 1 || ups[0].UpdateID != u1 {
		t.Fatalf("limit 1: %+v", ups)
	}
	// offset=u2 confirms u1 only.
	if ups, _ = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: u2}); len(ups) != 2 || ups[0].UpdateID != u2 {
		t.Fatalf("offset u2: %+v", ups)
	}
	if n := len(srv.Pending()); n != 2 {
		t.Fatalf("pending after offset u2 = %d, want 2", n)
	}
	if ups, _ = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: u3 + 1}); len(ups) != 0 {
		t.Fatalf("offset u3+1 returned %d updates", len(ups))
	}
	if n := len(srv.Pending()); n != 0 {
		t.Fatalf("pending after confirming all = %d", n)
	}
	u4, _ := srv.PushText(private, alice, "four")
	if ups, _ = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: u4}); len(ups) != 1 || ups[0].Message.Text != "four" {
		t.Fatalf("after new push: %+v", ups)
	}
}

func TestLongPollReturnsEarlyOnPush(t *testing.T) {
	srv, bot := start(t)
	type result struct {
		ups []tgbotapi.Update
		err error
		at  time.Time
	}
	done := make(chan result, 1)
	go func() {
		ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 20})
		done <- result{ups, err, time.Now()}
	}()
	if _, err := srv.WaitCalls(ctx(t), "getUpdates", 1); err != nil {
		t.Fatal(err)
	}
	select {
	case r := <-done:
		t.Fatalf("long poll returned before any update: %+v", r)
	case <-time.After(50 * time.Millisecond):
	}
	pushed := time.Now()
	srv.PushText(private, alice, "wake up")
	select {
	case r := <-done:
		if r.err != nil || len(r.ups) != 1 || r.ups[0].Message.Text != "wake up" {
			t.Fatalf("poll result: %+v", r)
		}
		if d := r.at.Sub(pushed); d > 2*time.Second {
			t.Fatalf("poll returned %v after the push", d)
		}
	case <-ctx(t).Done():
		t.Fatal("long poll did not return after a push")
	}
}

func TestLongPollTimesOut(t *testing.T) {
	_, bot := start(t)
	begin := time.Now()
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 1})
	if err != nil || len(ups) != 0 {
		t.Fatalf("got %v, %v", ups, err)
	}
	if d := time.Since(begin); d < 900*time.Millisecond || d > 5*time.Second {
		t.Fatalf("1 s long poll took %v", d)
	}
}

func TestSecondPollerGetsConflict(t *testing.T) {
	srv, bot := start(t)
	first := make(chan error, 1)
	go func() {
		_, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 20})
		first <- err
	}()
	if _, err := srv.WaitCalls(ctx(t), "getUpdates", 1); err != nil {
		t.Fatal(err)
	}
	if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{}); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-first:
		if e := apiErr(t, err); e.Code != 409 {
			t.Fatalf("first poller: %+v", e)
		}
	case <-ctx(t).Done():
		t.Fatal("first poller not terminated")
	}
}

// TestRawUpdatesPassThrough shows how a bot reads fields tgbotapi does not
// know (forward_origin): call getUpdates itself through MakeRequest and
// decode resp.Result.
func TestRawUpdatesPassThrough(t *testing.T) {
	srv, bot := start(t)
	channel := tgfake.Chat{ID: -1009876543210, Type: "channel", Title: "Lowongan Kerja Luar Negeri", Username: "lokerln"}
	srv.PushForward(group, alice, "Dicari staf admin, gaji 2000 USD", tgfake.Origin{Chat: &channel, MessageID: 77})
	srv.PushForward(private, alice, "Kerja di Kamboja", tgfake.Origin{SenderName: "Agen Rahasia"})
	custom := []byte("{\n  \"message\": {\"message_id\": 9, \"date\": 1, \"chat\": {\"id\": 5, \"type\": \"private\"},\n   \"text\": \"x\", \"future_field\": {\"a\": [1, 2]}}}")
	id := srv.PushUpdate(custom)

	resp, err := bot.MakeRequest("getUpdates", tgbotapi.Params{"timeout": "1"})
	if err != nil {
		t.Fatal(err)
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(resp.Result, &raws); err != nil || len(raws) != 3 {
		t.Fatalf("result %s: %v", resp.Result, err)
	}
	var u struct {
		Message struct {
			ForwardOrigin struct {
				Type      string `json:"type"`
				MessageID int    `json:"message_id"`
				Chat      struct {
					ID       int64  `json:"id"`
					Username string `json:"username"`
				} `json:"chat"`
				SenderUserName string `json:"sender_user_name"`
			} `json:"forward_origin"`
		} `json:"message"`
	}
	if err := json.Unmarshal(raws[0], &u); err != nil {
		t.Fatal(err)
	}
	if o := u.Message.ForwardOrigin; o.Type != "channel" || o.MessageID != 77 || o.Chat.ID != channel.ID || o.Chat.Username != "lokerln" {
		t.Fatalf("forward_origin = %+v in %s", o, raws[0])
	}
	if err := json.Unmarshal(raws[1], &u); err != nil || u.Message.ForwardOrigin.Type != "hidden_user" ||
		u.Message.ForwardOrigin.SenderUserName != "Agen Rahasia" {
		t.Fatalf("hidden user origin in %s", raws[1])
	}
	// A pushed raw update arrives byte for byte, update_id spliced in front.
	want := append([]byte(`{"update_id":`+itoa(id)+`,`), custom[1:]...)
	if !bytes.Contains(resp.Result, want) {
		t.Fatalf("raw update altered:\n%s\nwant inside:\n%s", resp.Result, want)
	}
	// The legacy fields are there too, for tgbotapi's typed Update.
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 3 {
		t.Fatalf("typed: %d, %v", len(ups), err)
	}
	if m := ups[0].Message; m.ForwardFromChat == nil || m.ForwardFromChat.ID != channel.ID || m.ForwardFromMessageID != 77 || m.ForwardDate == 0 {
		t.Fatalf("legacy forward fields: %+v", m)
	}
	if m := ups[1].Message; m.ForwardSenderName != "Agen Rahasia" {
		t.Fatalf("forward_sender_name = %q", m.ForwardSenderName)
	}
}

func TestPushHelpersDecode(t *testing.T) {
	srv, bot := start(t)
	srv.AddFile("doc-1", "lowongan.pdf", []byte("%PDF-1.4 fake"))
	_, cmdID := srv.PushText(group, alice, "/cek@fake_bot kerja di t.me/agen_x gaji besar")
	srv.PushCaption(group, bob, "Loker #kapal pesiar")
	srv.PushPhoto(private, alice)
	srv.PushSticker(private, alice, "👍")
	srv.PushDocument(private, alice, "doc-1", "lowongan.pdf", "tolong cek")
	srv.PushForward(private, alice, "fwd", tgfake.Origin{User: &bob})
	srv.PushEdit(tgfake.MsgRef{ChatID: group.ID, MessageID: cmdID}, alice, "/cek edited")
	srv.PushBotAdded(tgfake.Chat{ID: -4001, Title: "Grup Kecil"}, bob)
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 8 {
		t.Fatalf("%d updates, %v", len(ups), err)
	}
	m := ups[0].Message
	if !m.IsCommand() || m.Command() != "cek" || len(m.Entities) != 2 || m.Entities[1].Type != "url" {
		t.Fatalf("command message: %+v entities %+v", m, m.Entities)
	}
	if url := m.Entities[1]; m.Text[url.Offset:url.Offset+url.Length] != "t.me/agen_x" {
		t.Fatalf("url entity %+v", url)
	}
	if m := ups[1].Message; m.Caption != "Loker #kapal pesiar" || len(m.Photo) == 0 || m.CaptionEntities[0].Type != "hashtag" {
		t.Fatalf("caption message: %+v", m)
	}
	if m := ups[2].Message; len(m.Photo) == 0 || m.Caption != "" || m.Text != "" {
		t.Fatalf("photo message: %+v", m)
	}
	if m := ups[3].Message; m.Sticker == nil || m.Sticker.Emoji != "👍" {
		t.Fatalf("sticker message: %+v", m)
	}
	if d := ups[4].Message.Document; d == nil || d.FileID != "doc-1" || d.FileName != "lowongan.pdf" || d.FileSize != 13 || ups[4].Message.Caption != "tolong cek" {
		t.Fatalf("document message: %+v", ups[4].Message)
	}
	if f := ups[5].Message.ForwardFrom; f == nil || f.ID != bob.ID {
		t.Fatalf("forward_from = %+v", f)
	}
	if e := ups[6].EditedMessage; e == nil || e.MessageID != cmdID || e.Text != "/cek edited" || e.EditDate == 0 || e.Chat.ID != group.ID {
		t.Fatalf("edited message: %+v", e)
	}
	if mc := ups[7].MyChatMember; mc == nil || mc.NewChatMember.Status != "member" || mc.OldChatMember.Status != "left" ||
		mc.NewChatMember.User.ID != bot.Self.ID || mc.Chat.Type != "group" {
		t.Fatalf("my_chat_member: %+v", mc)
	}
}
