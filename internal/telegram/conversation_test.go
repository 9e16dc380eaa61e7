package telegram

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/cekloker/cekloker/internal/tgfake"
)

// A conversation is a script in testdata/conversations: people post,
// edit, reply /cek and press buttons in private chats and a group, and
// each step says what they must see next (or that the bot stays silent).
// It is driven through the fake Bot API with the real client.
type conversation struct {
	Case   int      `yaml:"case"`
	Title  string   `yaml:"title"`
	Admins []string `yaml:"admins"`
	Steps  []step   `yaml:"steps"`
}

type step struct {
	// Post sends a message: chat is "private" (the sender's own chat) or
	// "group".
	Post *struct {
		Chat string `yaml:"chat"`
		From string `yaml:"from"`
		Text string `yaml:"text"`
	} `yaml:"post"`
	// Edit changes the text of the message posted at step Of (1-based).
	Edit *struct {
		Of   int    `yaml:"of"`
		Text string `yaml:"text"`
	} `yaml:"edit"`
	// Cek replies /cek to the message posted at step Of.
	Cek *struct {
		Of   int    `yaml:"of"`
		From string `yaml:"from"`
	} `yaml:"cek"`
	// Press presses the button whose label starts with Button on the
	// bot's answer to step On.
	Press *struct {
		On     int    `yaml:"on"`
		From   string `yaml:"from"`
		Button string `yaml:"button"`
	} `yaml:"press"`
	Expect expect `yaml:"expect"`
}

type expect struct {
	// Silence: nothing is sent or edited.
	Silence bool `yaml:"silence"`
	// Edited: the earlier answer was edited (no new message).
	Edited bool `yaml:"edited"`
	// Starts is the start of what the user sees; Contains and Absent are
	// pieces of it.
	Starts   string   `yaml:"starts"`
	Contains []string `yaml:"contains"`
	Absent   []string `yaml:"absent"`
	// MaxLines bounds the lines of the message.
	MaxLines int `yaml:"max_lines"`
	// Buttons and NoButtons are labels (prefixes) that must be there or not.
	Buttons   []string `yaml:"buttons"`
	NoButtons []string `yaml:"no_buttons"`
	// ReplyToAnswerOf: the new message replies to the bot's answer to
	// that step (and not to the command).
	ReplyToAnswerOf int `yaml:"reply_to_answer_of"`
	// Alert is a piece of the callback answer shown to the presser.
	Alert string `yaml:"alert"`
	// Standalone: the answer replies to no message (/start).
	Standalone bool `yaml:"standalone"`
}

var people = map[string]tgfake.User{"alice": alice, "bob": bob}

func TestConversations(t *testing.T) {
	files, err := filepath.Glob("testdata/conversations/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no conversations: %v", err)
	}
	cases := map[int]bool{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var c conversation
		dec := yaml.NewDecoder(strings.NewReader(string(data)))
		dec.KnownFields(true)
		if err := dec.Decode(&c); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		cases[c.Case] = true
		t.Run(strings.TrimSuffix(filepath.Base(f), ".yaml"), func(t *testing.T) {
			t.Parallel()
			runConversation(t, c)
		})
	}
	for i := 1; i <= 10; i++ {
		if !cases[i] {
			t.Errorf("no conversation for case %d of the issue", i)
		}
	}
}

// seen is what a step produced: a message and its buttons.
type seen struct {
	text    string
	buttons [][]tgfake.Button
	replyTo int
}

type convState struct {
	t       *testing.T
	h       *harness
	posts   map[int]tgfake.MsgRef // step → the person's message
	from    map[int]tgfake.User
	answers map[int]tgfake.MsgRef // step → the bot's answer
}

func runConversation(t *testing.T, c conversation) {
	h := newHarness(t)
	for _, a := range c.Admins {
		h.srv.SetMember(group.ID, people[a].ID, "administrator", false)
	}
	st := &convState{t: t, h: h, posts: map[int]tgfake.MsgRef{}, from: map[int]tgfake.User{}, answers: map[int]tgfake.MsgRef{}}
	for i, s := range c.Steps {
		n := i + 1
		got, ok := st.do(n, s)
		if !ok {
			return
		}
		st.check(n, s.Expect, got)
	}
}

func chatOf(name string, u tgfake.User) tgfake.Chat {
	if name == "group" {
		return group
	}
	return tgfake.Chat{ID: u.ID, Type: "private", Title: ""}
}

// do runs a step and returns what the user saw, if anything.
func (st *convState) do(n int, s step) (*seen, bool) {
	t, h := st.t, st.h
	sent := len(h.srv.Sent())
	edits := len(h.srv.Calls("editMessageText"))
	answers := len(h.srv.Calls("answerCallbackQuery"))
	var target tgfake.MsgRef // the answer an edit or a press shows
	switch {
	case s.Post != nil:
		u := people[s.Post.From]
		chat := chatOf(s.Post.Chat, u)
		_, mid := h.srv.PushText(chat, u, s.Post.Text)
		st.posts[n], st.from[n] = tgfake.MsgRef{ChatID: chat.ID, MessageID: mid}, u
	case s.Edit != nil:
		ref := st.posts[s.Edit.Of]
		h.srv.PushEdit(ref, st.from[s.Edit.Of], s.Edit.Text)
		st.posts[n], st.from[n], target = ref, st.from[s.Edit.Of], st.answers[s.Edit.Of]
	case s.Cek != nil:
		ref := st.posts[s.Cek.Of]
		orig, _ := h.srv.Message(ref.ChatID, ref.MessageID)
		u := people[s.Cek.From]
		chat := chatOf("group", u)
		if ref.ChatID != group.ID {
			chat = tgfake.Chat{ID: ref.ChatID, Type: "private"}
		}
		h.srv.PushMessage(chat, u, map[string]any{"text": "/cek", "reply_to_message": map[string]any{
			"message_id": ref.MessageID, "date": time.Now().Unix(), "chat": map[string]any{"id": chat.ID, "type": chat.Type},
			"from": map[string]any{"id": st.from[s.Cek.Of].ID, "is_bot": false, "first_name": st.from[s.Cek.Of].FirstName},
			"text": orig.Text,
		}, "entities": []map[string]any{{"type": "bot_command", "offset": 0, "length": 4}}})
		st.posts[n], st.from[n] = ref, u
	case s.Press != nil:
		target = st.answers[s.Press.On]
		m, ok := h.srv.Message(target.ChatID, target.MessageID)
		if !ok {
			t.Fatalf("step %d: no answer to step %d to press on", n, s.Press.On)
		}
		data := ""
		for _, row := range parseButtons(t, m.ReplyMarkup) {
			for _, b := range row {
				if strings.HasPrefix(b.Text, s.Press.Button) && b.CallbackData != "" {
					data = b.CallbackData
				}
			}
		}
		if data == "" {
			t.Fatalf("step %d: no button %q on %q", n, s.Press.Button, m.Text)
		}
		h.srv.PushCallback(people[s.Press.From], target, data)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		calls, err := h.srv.WaitCalls(ctx, "answerCallbackQuery", answers+1)
		if err != nil {
			t.Fatalf("step %d: the press was not answered: %v", n, err)
		}
		if a := s.Expect.Alert; a != "" && !strings.Contains(calls[answers].Params.Get("text"), a) {
			t.Errorf("step %d: the presser saw %q, want %q", n, calls[answers].Params.Get("text"), a)
		}
		m, _ = h.srv.Message(target.ChatID, target.MessageID)
		return &seen{text: m.Text, buttons: parseButtons(t, m.ReplyMarkup)}, true
	default:
		t.Fatalf("step %d: nothing to do", n)
	}
	if s.Expect.Silence {
		h.settle()
		if len(h.srv.Sent()) != sent || len(h.srv.Calls("editMessageText")) != edits {
			t.Errorf("step %d: the bot answered where it should stay silent: %q", n, lastText(h))
		}
		return nil, true
	}
	if s.Expect.Edited {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if _, err := h.srv.WaitCalls(ctx, "editMessageText", edits+1); err != nil {
			t.Errorf("step %d: the earlier answer was not edited: %v", n, err)
			return nil, false
		}
		h.settle()
		if len(h.srv.Sent()) != sent {
			t.Errorf("step %d: a new message instead of an edit: %q", n, lastText(h))
		}
		m, _ := h.srv.Message(target.ChatID, target.MessageID)
		st.answers[n] = target
		return &seen{text: m.Text, buttons: parseButtons(t, m.ReplyMarkup)}, true
	}
	msg := h.waitSent(sent + 1)[sent]
	st.answers[n] = tgfake.MsgRef{ChatID: msg.ChatID, MessageID: msg.MessageID}
	if (s.Post != nil || s.Edit != nil) && !s.Expect.Standalone {
		if msg.ReplyToMessageID != st.posts[n].MessageID {
			t.Errorf("step %d: the answer replies to %d, not to the post %d", n, msg.ReplyToMessageID, st.posts[n].MessageID)
		}
	}
	return &seen{text: msg.Text, buttons: msg.Buttons, replyTo: msg.ReplyToMessageID}, true
}

func (st *convState) check(n int, e expect, got *seen) {
	t := st.t
	if got == nil {
		return
	}
	text := got.text
	if e.Starts != "" && !strings.HasPrefix(text, e.Starts) {
		t.Errorf("step %d: the message starts %q, want %q\n%s", n, firstLine(text), e.Starts, text)
	}
	for _, c := range e.Contains {
		if !strings.Contains(text, c) {
			t.Errorf("step %d: the message lacks %q:\n%s", n, c, text)
		}
	}
	for _, c := range e.Absent {
		if strings.Contains(text, c) {
			t.Errorf("step %d: the message shows %q:\n%s", n, c, text)
		}
	}
	if lines := strings.Count(text, "\n") + 1; e.MaxLines > 0 && lines > e.MaxLines {
		t.Errorf("step %d: %d lines, want at most %d:\n%s", n, lines, e.MaxLines, text)
	}
	has := func(label string) bool {
		for _, row := range got.buttons {
			for _, b := range row {
				if strings.HasPrefix(b.Text, label) {
					return true
				}
			}
		}
		return false
	}
	for _, b := range e.Buttons {
		if !has(b) {
			t.Errorf("step %d: no button %q in %+v", n, b, got.buttons)
		}
	}
	for _, b := range e.NoButtons {
		if has(b) {
			t.Errorf("step %d: unexpected button %q", n, b)
		}
	}
	if e.ReplyToAnswerOf > 0 && got.replyTo != st.answers[e.ReplyToAnswerOf].MessageID {
		t.Errorf("step %d: replies to %d, want the answer to step %d (%d)", n, got.replyTo, e.ReplyToAnswerOf, st.answers[e.ReplyToAnswerOf].MessageID)
	}
}

func parseButtons(t *testing.T, raw json.RawMessage) [][]tgfake.Button {
	if len(raw) == 0 {
		return nil
	}
	var kb struct {
		InlineKeyboard [][]tgfake.Button `json:"inline_keyboard"`
	}
	if err := json.Unmarshal(raw, &kb); err != nil {
		t.Fatalf("reply markup %s: %v", raw, err)
	}
	return kb.InlineKeyboard
}

func lastText(h *harness) string {
	s := h.srv.Sent()
	if len(s) == 0 {
		return ""
	}
	return stripTags(s[len(s)-1].Text)
}
