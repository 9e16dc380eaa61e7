// Package admin implements the bot admins' Telegram commands: looking at
// the rules, quick edits and whole-file imports with a preview and
// Apply/Cancel buttons, history and rollback, review of "wrong" feedback
// and statistics. The bot hands them its updates through
// telegram.Config.Commands.
package admin

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"html"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/i18n"
	"github.com/cekloker/cekloker/internal/reply"
)

// PendingTTL is how long a preview can be applied.
const PendingTTL = time.Hour

// maxText keeps replies under Telegram's 4096 characters.
const maxText = 3900

// Admin handles the admin commands.
type Admin struct {
	m      Rules
	st     Store
	send   Sender
	mem    Memory // nil: no memory
	admins []int64
	log    *slog.Logger

	mu      sync.Mutex
	pending map[string]*pending
	forgets map[string]*forgetPending
	imports map[string]*importPending
}

// pending is a previewed change of the rules, or of the text model
// (model set), waiting for Apply or Cancel.
type pending struct {
	user    int64
	model   bool
	base    int
	data    []byte // the rules file, or the model file
	summary string
	text    string // the preview as shown (HTML)
	lang    string
	created time.Time
}

// New returns the admin commands working with d.
func New(d Deps, log *slog.Logger) *Admin {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Admin{m: d.Rules, st: d.Store, send: d.Sender, mem: d.Memory, admins: d.Admins, log: log,
		pending: map[string]*pending{}, forgets: map[string]*forgetPending{}, imports: map[string]*importPending{}}
}

// isAdmin reports whether a user is one of the bot's operators.
func (a *Admin) isAdmin(userID int64) bool { return slices.Contains(a.admins, userID) }

// commands are the admin commands.
var commands = map[string]bool{
	"rules": true, "rule": true, "rule_off": true, "rule_on": true, "weight": true, "threshold": true,
	"rules_export": true, "rules_import": true, "rules_history": true, "rules_rollback": true,
	"review": true, "stats": true, "forget": true, "memory_export": true, "memory_import": true,
	"model": true, "model_import": true, "model_history": true, "model_rollback": true,
}

// command splits a message (text or caption) into command and arguments.
func command(m *tgbotapi.Message) (string, []string) {
	text := m.Text
	if text == "" {
		text = m.Caption
	}
	f := strings.Fields(text)
	if len(f) == 0 || !strings.HasPrefix(f[0], "/") {
		return "", nil
	}
	name, _, _ := strings.Cut(strings.TrimPrefix(f[0], "/"), "@")
	return strings.ToLower(name), f[1:]
}

func isYAMLDoc(d *tgbotapi.Document) bool {
	if d == nil {
		return false
	}
	n := strings.ToLower(d.FileName)
	return strings.HasSuffix(n, ".yaml") || strings.HasSuffix(n, ".yml")
}

// HandleMessage handles admin commands and rule files sent by admins in
// private chats, and refuses admin commands from everyone else; it
// reports whether the message was one of these.
func (a *Admin) HandleMessage(ctx context.Context, m *tgbotapi.Message) (bool, error) {
	if m.From == nil || m.Chat == nil || !m.Chat.IsPrivate() {
		return false, nil
	}
	name, args := command(m)
	lang := reply.Lang(m.From.LanguageCode)
	isCmd := commands[name]
	if !isCmd && !(name == "" && (isYAMLDoc(m.Document) || isJSONLDoc(m.Document) || isModelDoc(m.Document))) {
		return false, nil
	}
	if name == "" {
		switch {
		case isJSONLDoc(m.Document):
			name = "memory_import"
		case isModelDoc(m.Document):
			name = "model_import"
		default:
			name = "rules_import"
		}
	}
	if !a.isAdmin(m.From.ID) {
		if !isCmd {
			return false, nil // an ordinary user's file: not ours
		}
		a.log.Warn("admin: refused command from a non-admin", "user", m.From.ID, "command", "/"+name)
		if err := a.st.LogAdminAction(ctx, m.From.ID, "/"+name, false); err != nil {
			a.log.Warn("admin: audit log", "error", err)
		}
		return true, a.say(ctx, m.Chat.ID, i18n.T(lang, "admin_sorry_this_command_is_only"))
	}
	if err := a.st.LogAdminAction(ctx, m.From.ID, "/"+name, true); err != nil {
		a.log.Warn("admin: audit log", "error", err)
	}
	c := &call{a: a, m: m, lang: lang, args: args}
	var err error
	switch name {
	case "rules":
		err = c.rules(ctx)
	case "rule":
		err = c.rule(ctx)
	case "rule_off", "rule_on":
		err = c.toggle(ctx, name == "rule_off")
	case "weight":
		err = c.weight(ctx)
	case "threshold":
		err = c.threshold(ctx)
	case "rules_export":
		err = c.export(ctx)
	case "rules_import":
		err = c.importFile(ctx)
	case "rules_history":
		err = c.history(ctx)
	case "rules_rollback":
		err = c.rollback(ctx)
	case "review":
		err = c.reviewQueue(ctx)
	case "forget":
		err = c.forget(ctx)
	case "memory_export":
		err = c.memoryExport(ctx)
	case "memory_import":
		err = c.memoryImport(ctx)
	case "stats":
		err = c.stats(ctx)
	case "model":
		err = c.model(ctx)
	case "model_import":
		err = c.modelImport(ctx)
	case "model_history":
		err = c.modelHistory(ctx)
	case "model_rollback":
		err = c.modelRollback(ctx)
	}
	return true, err
}

// call is one admin command being handled.
type call struct {
	a    *Admin
	m    *tgbotapi.Message
	lang string
	args []string
	// sample: the preview sends one verdict of the new rules first (for
	// whole files, which may break every reply).
	sample bool
}

// t is message id of the catalogs (package i18n) in the admin's
// language, its fields filled from pairs of name and value.
func (c *call) t(id string, fields ...any) string { return i18n.T(c.lang, id, fields...) }

func (c *call) say(ctx context.Context, text string) error {
	return c.a.say(ctx, c.m.Chat.ID, text)
}

var esc = html.EscapeString

// clip cuts text to fit in one message.
func clip(s string) string { return clipN(s, maxText) }

// clipN cuts text at a line end to at most n bytes, and closes the HTML
// tags the cut left open (so that Telegram accepts it).
func clipN(s string, n int) string {
	if len(s) <= n {
		return s
	}
	n -= 40 // room for the closing tags
	cut := strings.LastIndex(s[:n], "\n")
	if cut < 0 {
		cut = n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return balanceTags(s[:cut]) + "\n…"
}

// balanceTags drops a tag or entity cut in half at the end of s and
// closes the tags still open, innermost first.
func balanceTags(s string) string {
	if i := strings.LastIndexByte(s, '<'); i >= 0 && !strings.Contains(s[i:], ">") {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '&'); i >= 0 && !strings.Contains(s[i:], ";") {
		s = s[:i]
	}
	var open []string
	for rest := s; ; {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i:], '>')
		if j < 0 {
			break
		}
		tag := rest[i+1 : i+j]
		rest = rest[i+j+1:]
		if name, ok := strings.CutPrefix(tag, "/"); ok {
			if len(open) > 0 && open[len(open)-1] == name {
				open = open[:len(open)-1]
			}
			continue
		}
		name, _, _ := strings.Cut(tag, " ")
		open = append(open, name)
	}
	var b strings.Builder
	b.WriteString(s)
	for i := len(open) - 1; i >= 0; i-- {
		b.WriteString("</" + open[i] + ">")
	}
	return b.String()
}

func htmlMsg(chatID int64, text string, kb *tgbotapi.InlineKeyboardMarkup) tgbotapi.MessageConfig {
	msg := tgbotapi.NewMessage(chatID, clip(text))
	msg.ParseMode = tgbotapi.ModeHTML
	msg.DisableWebPagePreview = true
	if kb != nil {
		msg.ReplyMarkup = *kb
	}
	return msg
}

func (a *Admin) say(ctx context.Context, chatID int64, text string) error {
	_, err := a.send.Send(ctx, chatID, htmlMsg(chatID, text, nil))
	return err
}

func newID() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// addPending stores p and returns its id; it drops expired previews.
func (a *Admin) addPending(p *pending) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	for id, q := range a.pending {
		if time.Since(q.created) > PendingTTL {
			delete(a.pending, id)
		}
	}
	id := newID()
	a.pending[id] = p
	return id
}
