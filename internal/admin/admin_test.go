package admin

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/memory"
	"github.com/cekloker/cekloker/internal/ruleset"
	"github.com/cekloker/cekloker/internal/store"
	"github.com/cekloker/cekloker/internal/telegram"
	"github.com/cekloker/cekloker/internal/tgfake"
)

const token = "123456:TEST-token"

var (
	alice = tgfake.User{ID: 1001, FirstName: "Alice", LanguageCode: "id"} // admin
	carol = tgfake.User{ID: 1003, FirstName: "Carol", LanguageCode: "en"} // admin
	bob   = tgfake.User{ID: 1002, FirstName: "Bob", LanguageCode: "en"}   // not an admin
)

func chatOf(u tgfake.User) tgfake.Chat { return tgfake.Chat{ID: u.ID, Type: "private"} }

type harness struct {
	t    *testing.T
	srv  *tgfake.Server
	st   *store.Store
	m    *ruleset.Manager
	ctx  context.Context
	yml  []byte
	path string
	bot  *telegram.Bot
	mem  *memory.Holder
	a    *Admin
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	srv := tgfake.New(token)
	srv.SetBot(123456, "cekloker_bot")
	dir := t.TempDir()
	data, err := os.ReadFile("../../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "rules.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(dir, "bot.db"), store.Options{StoreText: true})
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	m := ruleset.NewManager(st, log)
	if _, err := m.LoadModel(ctx, ""); err != nil { // the built-in model
		t.Fatal(err)
	}
	if _, err := m.Load(ctx, path); err != nil {
		t.Fatal(err)
	}
	mem := memory.NewHolder(st, nil)
	if err := mem.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	cfg := telegram.Config{Token: token, Endpoint: srv.URL(), Admins: []int64{alice.ID, carol.ID},
		PollTimeout: time.Second, Limits: telegram.Limits{Off: true}, DrainTimeout: 3 * time.Second, Memory: mem}
	send := telegram.NewSender(cfg, telegram.Hooks{}, log)
	a := New(Deps{Rules: m, Store: st, Sender: send, Memory: mem, Admins: cfg.Admins}, log)
	cfg.Sender, cfg.Commands = send, a
	bot, err := telegram.New(ctx, cfg, st, m, telegram.Hooks{}, log)
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- bot.Run(runCtx) }()
	t.Cleanup(func() {
		stop()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("bot did not stop")
		}
		st.Close()
		srv.Close()
		cancel()
	})
	return &harness{t: t, srv: srv, st: st, m: m, ctx: ctx, yml: data, path: path, bot: bot, mem: mem, a: a}
}

// next waits for the next message the bot sends after calling push,
// passing over the notes that work is under way and sample verdicts.
func (h *harness) next(push func()) tgfake.SentMessage {
	h.t.Helper()
	n := len(h.srv.Sent())
	push()
	for {
		sent, err := h.srv.WaitSent(h.ctx, n+1)
		if err != nil {
			h.t.Fatalf("no reply: %v", err)
		}
		if !isInterim(sent[n].Text) {
			return sent[n]
		}
		n++
	}
}

// isInterim tells the notes sent while a file is checked in the
// background, and the sample verdict of a preview.
func isInterim(text string) bool {
	return strings.HasPrefix(text, "⏳") || strings.HasPrefix(text, "<b>Contoh jawaban") || strings.HasPrefix(text, "<b>A sample reply")
}

// waitApplied waits until an applied preview shows the outcome, and
// returns that outcome (the callback itself only says "Applying…").
func (h *harness) waitApplied(s tgfake.SentMessage) (string, string) {
	h.t.Helper()
	for h.ctx.Err() == nil {
		m, _ := h.srv.Message(s.ChatID, s.MessageID)
		if !strings.Contains(m.Text, "⏳") {
			lines := strings.Split(m.Text, "\n")
			return lines[len(lines)-1], m.Text
		}
		time.Sleep(10 * time.Millisecond)
	}
	h.t.Fatal("apply never finished")
	return "", ""
}

func (h *harness) cmd(u tgfake.User, text string) tgfake.SentMessage {
	h.t.Helper()
	return h.next(func() { h.srv.PushText(chatOf(u), u, text) })
}

// press presses a button of message s as u and returns the callback answer
// text and the preview message text afterwards.
func (h *harness) press(u tgfake.User, s tgfake.SentMessage, action string) (string, string) {
	h.t.Helper()
	data := ""
	for _, row := range s.Buttons {
		for _, b := range row {
			if strings.HasPrefix(b.CallbackData, "adm:"+action+":") {
				data = b.CallbackData
			}
		}
	}
	if data == "" {
		h.t.Fatalf("no %s button in %q", action, s.Text)
	}
	n := len(h.srv.Calls("answerCallbackQuery"))
	h.srv.PushCallback(u, tgfake.MsgRef{ChatID: s.ChatID, MessageID: s.MessageID}, data)
	calls, err := h.srv.WaitCalls(h.ctx, "answerCallbackQuery", n+1)
	if err != nil {
		h.t.Fatal(err)
	}
	ans := calls[n].Params.Get("text")
	if ans == "Sedang diterapkan…" || ans == "Applying…" {
		return h.waitApplied(s)
	}
	m, _ := h.srv.Message(s.ChatID, s.MessageID)
	return ans, m.Text
}

func (h *harness) version() int {
	_, v := h.m.Current()
	return v
}

// othersCannotApply checks that neither another admin (carol) nor a
// non-admin (bob) can apply preview p.
func (h *harness) othersCannotApply(p tgfake.SentMessage) {
	h.t.Helper()
	if ans, _ := h.press(carol, p, "apply"); !strings.Contains(ans, "Only the admin who asked") {
		h.t.Errorf("other admin: %q", ans)
	}
	if ans, _ := h.press(bob, p, "apply"); !strings.Contains(ans, "Only for the bot's operators") {
		h.t.Errorf("non-admin: %q", ans)
	}
}

func hasButtons(s tgfake.SentMessage) bool { return len(s.Buttons) > 0 }

const scamAd = "LOKER ADMIN K4MB0JA gaji 20jt, tiket & visa ditanggung, brgkt minggu ini, cukup visa turis. Hub WA +855 16 318 274"

func TestEveryCommandAdminAndNonAdmin(t *testing.T) {
	h := newHarness(t)
	// A screening and a "wrong" vote, for /review and /stats.
	v := h.next(func() { h.srv.PushText(chatOf(bob), bob, scamAd) })
	h.voteWrong(bob, v)

	cases := []struct {
		cmd, want string
		preview   bool
	}{
		{"/rules", "Aturan versi 1", false},
		{"/rule departure_fast", "Bobot: 2", false},
		{"/rule nope", "Tidak ada aturan", false},
		{"/rule_off departure_fast", "Pratinjau", true},
		{"/rule_on departure_fast", "Tidak ada perubahan", false},
		{"/weight departure_fast 5", "Aturan diubah: <code>departure_fast</code>", true},
		{"/weight departure_fast x", "Cara pakai", false},
		{"/threshold high 20", "tinggi 8 → 20", true},
		{"/threshold low 2", "Cara pakai", false},
		{"/rules_history", "berkas rules.yaml", false},
		{"/rules_rollback 1", "Tidak ada perubahan", false},
		{"/rules_rollback 9", "Tidak ada versi 9", false},
		{"/rules_import", "keterangan /rules_import", false},
		{"/review", "K4MB0JA", false},
		{"/review", "v1 + Model ", false}, // the rules and the model behind the verdict
		{"/stats", "private 1", false},
		{"/rules_export", "Aturan versi 1", false},
	}
	for _, c := range cases {
		s := h.cmd(alice, c.cmd)
		if !strings.Contains(s.Text, c.want) || hasButtons(s) != c.preview {
			t.Errorf("%s: buttons %v, reply %q", c.cmd, hasButtons(s), s.Text)
		}
		if s.ParseMode != "HTML" && s.Method == "sendMessage" || len([]rune(s.Text)) > 4096 {
			t.Errorf("%s: parse mode %q, %d chars", c.cmd, s.ParseMode, len(s.Text))
		}
		if c.cmd == "/rules_export" && (s.DocumentName != "rules.yaml" || !bytes.Equal(s.DocumentContent, h.yml)) {
			t.Errorf("export: %q, %d bytes", s.DocumentName, len(s.DocumentContent))
		}
		r := h.cmd(bob, c.cmd)
		if !strings.Contains(r.Text, "only for the bot's operators") || hasButtons(r) {
			t.Errorf("%s by a non-admin: %q", c.cmd, r.Text)
		}
	}
	if s := h.cmd(carol, "/rules"); !strings.Contains(s.Text, "Rules version 1") || !strings.Contains(s.Text, "Text model: version 1, <code>") {
		t.Errorf("English /rules (with the text model's version): %q", s.Text)
	}
	acts, err := h.st.AdminActions(h.ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	refused := 0
	for _, a := range acts {
		if !a.Allowed {
			refused++
			if a.UserID != 0 {
				t.Error("refused sender stored by id")
			}
		}
	}
	if refused != len(cases) {
		t.Errorf("%d refusals logged, want %d", refused, len(cases))
	}
	if h.version() != 1 {
		t.Errorf("version %d: previews changed the rules", h.version())
	}
}

func TestExportEditImportApply(t *testing.T) {
	h := newHarness(t)
	exp := h.cmd(alice, "/rules_export")
	before, _ := h.m.Current()
	if before.Screen(scamAd).Level != "high" {
		t.Fatal("scam ad not high to begin with")
	}
	edited, err := ruleset.SetThreshold(exp.DocumentContent, "high", 200)
	if err != nil {
		t.Fatal(err)
	}
	edited, _ = ruleset.SetThreshold(edited, "medium", 100)
	h.srv.AddFile("doc1", "rules.yaml", edited)
	p := h.next(func() { h.srv.PushDocument(chatOf(alice), alice, "doc1", "rules.yaml", "/rules_import") })
	if !strings.Contains(p.Text, "Ambang: sedang 4 → 100") || !hasButtons(p) {
		t.Fatalf("preview: %q", p.Text)
	}
	// Another admin cannot press it; a non-admin neither.
	h.othersCannotApply(p)
	if h.version() != 1 {
		t.Fatal("applied by someone else")
	}
	ans, text := h.press(alice, p, "apply")
	if !strings.Contains(ans, "versi 2") || !strings.Contains(text, "Diterapkan sebagai versi 2") {
		t.Fatalf("apply: %q / %q", ans, text)
	}
	if h.version() != 2 {
		t.Fatalf("version %d", h.version())
	}
	// Screening through the bot now uses version 2.
	r := h.cmd(bob, scamAd)
	if !strings.Contains(r.Text, "LOW RISK") {
		t.Errorf("screening after apply: %q", r.Text)
	}
	rv, _ := h.m.Active(h.ctx)
	if rv.Author != "1001" || !strings.Contains(rv.Summary, "thresholds") {
		t.Errorf("version 2: %q %q", rv.Author, rv.Summary)
	}
	// A plain .yaml document (no caption) is an import too.
	h.srv.AddFile("doc2", "my-rules.yml", h.yml)
	p2 := h.next(func() { h.srv.PushDocument(chatOf(alice), alice, "doc2", "my-rules.yml", "") })
	if !hasButtons(p2) {
		t.Fatalf("no preview for a plain document: %q", p2.Text)
	}
	if ans, _ := h.press(alice, p2, "cancel"); !strings.Contains(ans, "Dibatalkan") || h.version() != 2 {
		t.Errorf("cancel: %q, version %d", ans, h.version())
	}
}

func TestFailingImportsChangeNothing(t *testing.T) {
	h := newHarness(t)
	badRegex := strings.Replace(string(h.yml), "  - id: departure_fast\n", "  - id: departure_fast\n    exclude: [\"/(unclosed kerja/\"]\n", 1)
	failing := strings.Replace(string(h.yml), "  - id: departure_fast\n", "  - id: departure_fast\n", 1)
	// A match example that nothing matches.
	i := strings.Index(failing, "  - id: departure_fast\n")
	j := strings.Index(failing[i:], "      match:\n") + i + len("      match:\n")
	failing = failing[:j] + "        - \"selamat pagi semuanya\"\n" + failing[j:]
	big := append(bytes.Repeat([]byte("# padding\n"), 110_000), h.yml...)
	cases := []struct {
		name string
		data []byte
		want []string
	}{
		{"regex", []byte(badRegex), []string{"departure_fast", "baris"}},
		{"example", []byte(failing), []string{"departure_fast", "selamat pagi semuanya", "baris"}},
		{"unknown key", []byte(strings.Replace(string(h.yml), "thresholds:\n", "thresholdz: 1\nthresholds:\n", 1)), []string{"thresholdz", "baris"}},
		{"not yaml", []byte("\x00\x01 [[["), []string{"Ditolak"}},
		{"too big", big, []string{"1 MB"}},
	}
	for k, c := range cases {
		id := fmt.Sprintf("bad%d", k)
		h.srv.AddFile(id, "rules.yaml", c.data)
		s := h.next(func() { h.srv.PushDocument(chatOf(alice), alice, id, "rules.yaml", "/rules_import") })
		for _, w := range c.want {
			if !strings.Contains(s.Text, w) {
				t.Errorf("%s: reply lacks %q: %q", c.name, w, s.Text)
			}
		}
		if hasButtons(s) || !strings.Contains(s.Text, "Ditolak") {
			t.Errorf("%s: not refused: %q", c.name, s.Text)
		}
	}
	if h.version() != 1 {
		t.Errorf("version %d", h.version())
	}
	if vs, _ := h.st.Versions(h.ctx, store.RuleVersions, 0); len(vs) != 1 {
		t.Errorf("%d versions", len(vs))
	}
}

func TestRollback(t *testing.T) {
	h := newHarness(t)
	p := h.cmd(alice, "/rule_off departure_fast")
	if ans, _ := h.press(alice, p, "apply"); !strings.Contains(ans, "versi 2") {
		t.Fatalf("apply: %q", ans)
	}
	eng, _ := h.m.Current()
	for _, r := range eng.Rules().Rules {
		if r.ID == "departure_fast" && !r.Disabled {
			t.Fatal("rule still on")
		}
	}
	p = h.cmd(alice, "/rules_rollback 1")
	if !strings.Contains(p.Text, "departure_fast") || !hasButtons(p) {
		t.Fatalf("rollback preview: %q", p.Text)
	}
	if ans, _ := h.press(alice, p, "apply"); !strings.Contains(ans, "versi 3") {
		t.Fatalf("apply rollback: %q", ans)
	}
	rv, _ := h.m.Active(h.ctx)
	if rv.Version != 3 || !bytes.Equal(rv.Data, h.yml) || !strings.Contains(rv.Summary, "rollback to version 1") {
		t.Errorf("rollback version %d %q", rv.Version, rv.Summary)
	}
	if s := h.cmd(alice, "/rules_history"); !strings.Contains(s.Text, "rollback to version 1") {
		t.Errorf("history: %q", s.Text)
	}
}

func TestConcurrentEditsSecondRefused(t *testing.T) {
	h := newHarness(t)
	pa := h.cmd(alice, "/weight departure_fast 3")
	pc := h.cmd(carol, "/threshold high 9")
	if ans, _ := h.press(alice, pa, "apply"); !strings.Contains(ans, "versi 2") {
		t.Fatalf("first: %q", ans)
	}
	ans, text := h.press(carol, pc, "apply")
	if !strings.Contains(ans, "the rules changed meanwhile, preview again") || !strings.Contains(text, "preview again") {
		t.Fatalf("second: %q / %q", ans, text)
	}
	eng, v := h.m.Current()
	if v != 2 || eng.Rules().Thresholds.High != 8 {
		t.Errorf("version %d, high %d", v, eng.Rules().Thresholds.High)
	}
	// Pressing again: the preview is gone.
	if ans, _ := h.press(carol, pc, "apply"); !strings.Contains(ans, "expired") {
		t.Errorf("again: %q", ans)
	}
}

func TestHotReloadTellsAdmins(t *testing.T) {
	h := newHarness(t)
	wctx, stop := context.WithCancel(h.ctx)
	defer stop()
	if err := h.m.Watch(wctx, h.path, h.a.ReloadReporter(wctx)); err != nil {
		t.Fatal(err)
	}
	// Screenings go on while the file is reloaded.
	done := make(chan struct{})
	screened := make(chan int, 1)
	go func() {
		n := 0
		defer func() { screened <- n }()
		for {
			select {
			case <-done:
				return
			default:
			}
			eng, _ := h.m.Current()
			if eng.Screen(scamAd).Level == "" {
				t.Error("empty level")
			}
			n++
		}
	}()
	good, _ := ruleset.SetWeight(h.yml, "departure_fast", 4)
	n := len(h.srv.Sent())
	if err := os.WriteFile(h.path, good, 0o644); err != nil {
		t.Fatal(err)
	}
	sent, err := h.srv.WaitSent(h.ctx, n+2) // one message per admin
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sent[n].Text, "versi 2") || h.version() != 2 {
		t.Fatalf("good reload: %q, version %d", sent[n].Text, h.version())
	}
	bad := strings.Replace(string(good), "  - id: departure_fast\n", "  - id: departure_fast\n    exclude: [\"/(unclosed kerja/\"]\n", 1)
	if err := os.WriteFile(h.path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	sent, err = h.srv.WaitSent(h.ctx, n+4)
	if err != nil {
		t.Fatal(err)
	}
	msg := sent[n+2].Text
	if !strings.Contains(msg, "departure_fast") || !strings.Contains(msg, "baris") || !strings.Contains(msg, "last good rules") {
		t.Errorf("broken reload: %q", msg)
	}
	if h.version() != 2 {
		t.Errorf("version %d after a broken file", h.version())
	}
	close(done)
	if <-screened == 0 {
		t.Error("no screenings during reloads")
	}
}
