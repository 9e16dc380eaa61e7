package tgfake_test

import (
	"strconv"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/tgfake"
)

func itoa(n int) string { return strconv.Itoa(n) }

func TestSendMessageRecords(t *testing.T) {
	srv, bot := start(t)
	_, adID := srv.PushText(group, alice, "Lowongan: kerja di luar negeri")
	c := ctx(t)
	sendErr := make(chan error, 1)
	go func() {
		msg := tgbotapi.NewMessage(group.ID, "<b>Waspada</b>: tanda bahaya")
		msg.ParseMode = tgbotapi.ModeHTML
		msg.ReplyToMessageID = adID
		msg.DisableWebPagePreview = true
		msg.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
			tgbotapi.NewInlineKeyboardButtonData("Detail", "detail:1"),
			tgbotapi.NewInlineKeyboardButtonURL("Lapor", "https://example.org/lapor")))
		_, err := bot.Send(msg)
		sendErr <- err
	}()
	sent, err := srv.WaitSent(c, 1)
	if err != nil {
		t.Fatal(err)
	}
	// Wait for the answer to reach the client: closing the server while it
	// is being written made the client see EOF.
	if err := <-sendErr; err != nil {
		t.Fatal(err)
	}
	s := sent[0]
	if s.ChatID != group.ID || s.Text != "<b>Waspada</b>: tanda bahaya" || s.ParseMode != "HTML" ||
		s.ReplyToMessageID != adID || !s.NoLinkPreview || s.Method != "sendMessage" {
		t.Fatalf("sent = %+v", s)
	}
	if len(s.Buttons) != 1 || s.Buttons[0][0].CallbackData != "detail:1" || s.Buttons[0][1].URL != "https://example.org/lapor" {
		t.Fatalf("buttons = %+v (markup %s)", s.Buttons, s.ReplyMarkup)
	}
	m, ok := srv.Message(group.ID, s.MessageID)
	if !ok || !m.FromBot || m.Text != "Waspada: tanda bahaya" {
		t.Fatalf("stored message = %+v", m)
	}

	// The returned Message carries a fresh id, the bot as sender, the reply.
	got := send(t, bot, alice.ID, "halo")
	if got.MessageID == s.MessageID || got.MessageID == adID || got.From == nil || got.From.ID != bot.Self.ID || got.Chat.ID != alice.ID {
		t.Fatalf("returned message = %+v", got)
	}
}

func TestSendMessageNewerParams(t *testing.T) {
	srv, bot := start(t)
	_, adID := srv.PushText(private, alice, "iklan")
	_, err := bot.MakeRequest("sendMessage", tgbotapi.Params{
		"chat_id":              itoa(int(alice.ID)),
		"text":                 "balasan",
		"reply_parameters":     `{"message_id":` + itoa(adID) + `}`,
		"link_preview_options": `{"is_disabled":true}`,
	})
	if err != nil {
		t.Fatal(err)
	}
	if s := srv.Sent()[0]; s.ReplyToMessageID != adID || !s.NoLinkPreview {
		t.Fatalf("sent = %+v", s)
	}
	// Replying to a message that does not exist fails, as on Telegram ...
	msg := tgbotapi.NewMessage(alice.ID, "x")
	msg.ReplyToMessageID = 424242
	_, err = bot.Send(msg)
	if e := apiErr(t, err); e.Message != "Bad Request: message to be replied not found" {
		t.Fatalf("err = %+v", e)
	}
	// ... unless allow_sending_without_reply is set.
	msg.AllowSendingWithoutReply = true
	if _, err := bot.Send(msg); err != nil {
		t.Fatal(err)
	}
}

func TestSendMessageValidation(t *testing.T) {
	srv, bot := start(t)
	cases := []struct{ text, mode, want string }{
		{"", "", "Bad Request: message text is empty"},
		{strings.Repeat("a", 4097), "", "Bad Request: message is too long"},
		{"<b>gaji > 10jt</b> <br>", "HTML", `Bad Request: can't parse entities: Unsupported start tag "br" at byte offset 19`},
		{"<b>tebal", "HTML", `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`},
		{"Gaji 10.000.000", "MarkdownV2", `Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\'`},
		{"x", "Bogus", "Bad Request: unsupported parse_mode"},
	}
	for _, c := range cases {
		msg := tgbotapi.NewMessage(alice.ID, c.text)
		msg.ParseMode = c.mode
		_, err := bot.Send(msg)
		if e := apiErr(t, err); e.Code != 400 || e.Message != c.want {
			t.Errorf("%.20q/%s: got %q, want %q", c.text, c.mode, e.Message, c.want)
		}
	}
	for _, ok := range []tgbotapi.MessageConfig{
		{BaseChat: tgbotapi.BaseChat{ChatID: alice.ID}, Text: strings.Repeat("é", 4096)},
		{BaseChat: tgbotapi.BaseChat{ChatID: alice.ID}, Text: "<b>" + strings.Repeat("a", 4092) + "</b> &lt;&amp;", ParseMode: "HTML"},
		{BaseChat: tgbotapi.BaseChat{ChatID: alice.ID}, Text: "Gaji 10\\.000\\.000 *tebal* `a.b` [x](https://a.b/c)", ParseMode: "MarkdownV2"},
	} {
		if _, err := bot.Send(ok); err != nil {
			t.Errorf("%.40q (%s) rejected: %v", ok.Text, ok.ParseMode, err)
		}
	}
	if n := len(srv.Sent()); n != 3 {
		t.Fatalf("sent %d messages, want the 3 valid ones", n)
	}
}

func TestEditDeleteAndCallback(t *testing.T) {
	srv, bot := start(t)
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Lihat", "see")))
	msg := tgbotapi.NewMessage(group.ID, "Hasil: 3 tanda bahaya")
	msg.ReplyMarkup = kb
	sent, err := bot.Send(msg)
	if err != nil {
		t.Fatal(err)
	}
	ref := tgfake.MsgRef{ChatID: group.ID, MessageID: sent.MessageID}

	_, qid := srv.PushCallback(bob, ref, "see")
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 1 {
		t.Fatal(len(ups), err)
	}
	cq := ups[0].CallbackQuery
	if cq == nil || cq.ID != qid || cq.Data != "see" || cq.Message.MessageID != sent.MessageID ||
		cq.Message.ReplyMarkup == nil || cq.Message.Text != "Hasil: 3 tanda bahaya" {
		t.Fatalf("callback = %+v", cq)
	}
	if _, err := bot.Request(tgbotapi.NewCallback(qid, "ok")); err != nil {
		t.Fatal(err)
	}
	if _, err := bot.Request(tgbotapi.NewCallback(qid, "again")); err == nil {
		t.Fatal("answering a callback twice succeeded")
	}

	edit := tgbotapi.NewEditMessageTextAndMarkup(group.ID, sent.MessageID, "Hasil: aman", kb)
	if _, err := bot.Send(edit); err != nil {
		t.Fatal(err)
	}
	_, err = bot.Send(edit)
	if e := apiErr(t, err); !strings.HasPrefix(e.Message, "Bad Request: message is not modified") {
		t.Fatalf("repeat edit err = %+v", e)
	}
	if _, err := bot.Send(tgbotapi.NewEditMessageReplyMarkup(group.ID, sent.MessageID,
		tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{}})); err != nil {
		t.Fatal(err)
	}
	if m, _ := srv.Message(group.ID, sent.MessageID); m.Text != "Hasil: aman" || string(m.ReplyMarkup) != `{"inline_keyboard":[]}` {
		t.Fatalf("after edits: %+v %s", m, m.ReplyMarkup)
	}

	// Deleting someone else's message needs can_delete_messages once the
	// bot's own membership is set.
	_, adID := srv.PushText(group, alice, "iklan palsu")
	srv.SetMember(group.ID, bot.Self.ID, "administrator", false)
	_, err = bot.Request(tgbotapi.NewDeleteMessage(group.ID, adID))
	if e := apiErr(t, err); e.Message != "Bad Request: message can't be deleted" {
		t.Fatalf("delete without right: %+v", e)
	}
	srv.SetMember(group.ID, bot.Self.ID, "administrator", true)
	if _, err := bot.Request(tgbotapi.NewDeleteMessage(group.ID, adID)); err != nil {
		t.Fatal(err)
	}
	if m, _ := srv.Message(group.ID, adID); !m.Deleted {
		t.Fatal("message not marked deleted")
	}
	_, err = bot.Request(tgbotapi.NewDeleteMessage(group.ID, adID))
	if e := apiErr(t, err); e.Message != "Bad Request: message to delete not found" {
		t.Fatalf("second delete: %+v", e)
	}
	_, err = bot.Send(tgbotapi.NewEditMessageText(group.ID, adID, "x"))
	if e := apiErr(t, err); e.Message != "Bad Request: message to edit not found" {
		t.Fatalf("edit deleted: %+v", e)
	}
}
