package telegram

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/model"
	"github.com/cekloker/cekloker/internal/ruleset"
	"github.com/cekloker/cekloker/internal/screen"
	"github.com/cekloker/cekloker/internal/store"
	"github.com/cekloker/cekloker/internal/tgfake"
)

const token = "123456:TEST-token"

var (
	engineOnce sync.Once
	engine     *screen.Engine
	engineErr  error
)

func testRules(t *testing.T) *ruleset.Set {
	t.Helper()
	engineOnce.Do(func() { engine, engineErr = screen.Load("../../rules.yaml") })
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	set := &ruleset.Set{}
	set.Swap(engine, 1)
	return set
}

// harness is a bot running against a fake Bot API.
type harness struct {
	t      *testing.T
	logw   io.Writer
	hooks  Hooks
	srv    *tgfake.Server
	st     *store.Store
	db     string
	cancel context.CancelFunc
	done   chan error
	limits Limits
	// callTimeout, when set, bounds each Bot API attempt.
	callTimeout time.Duration
	bot         *Bot
	images      ImageReader
	// rules, when set, replaces testRules (the rules alone).
	rules *ruleset.Set
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	return newHarnessWith(t, nil)
}

// newHarnessWith is newHarness screening with rules (nil: the rules of
// testRules alone).
func newHarnessWith(t *testing.T, rules *ruleset.Set) *harness {
	t.Helper()
	return startHarness(t, Limits{Off: true}, func(h *harness) { h.rules = rules })
}

// startHarness starts a bot against a fresh fake with limits, after
// setup (which may set hooks, faults, a call timeout) has run.
func startHarness(t *testing.T, limits Limits, setup func(h *harness)) *harness {
	t.Helper()
	srv := tgfake.New(token)
	srv.SetBot(123456, "cekloker_bot")
	t.Cleanup(srv.Close)
	h := &harness{t: t, srv: srv, db: filepath.Join(t.TempDir(), "bot.db"), limits: limits}
	if setup != nil {
		setup(h)
	}
	h.start()
	t.Cleanup(h.stop)
	return h
}

// joinedRules is testRules joined with the committed text model.
func joinedRules(t *testing.T) (*ruleset.Set, *model.Model) {
	t.Helper()
	m, err := model.Load("")
	if err != nil {
		t.Fatal(err)
	}
	eng, _ := testRules(t).Current()
	joined := &ruleset.Set{}
	joined.Swap(eng.WithModel(m), 1)
	return joined, m
}

func (h *harness) start() {
	h.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	st, err := store.Open(ctx, h.db, store.Options{})
	if err != nil {
		h.t.Fatal(err)
	}
	w := h.logw
	if w == nil {
		w = io.Discard
	}
	log := slog.New(slog.NewTextHandler(w, nil))
	rules := h.rules
	if rules == nil {
		rules = testRules(h.t)
	}
	bot, err := New(ctx, Config{Token: token, Endpoint: h.srv.URL(), PollTimeout: time.Second, Limits: h.limits, DrainTimeout: 3 * time.Second, CallTimeout: h.callTimeout, Images: h.images}, st, rules, h.hooks, log)
	if err != nil {
		h.t.Fatal(err)
	}
	h.st, h.cancel, h.done, h.bot = st, cancel, make(chan error, 1), bot
	go func() { h.done <- bot.Run(ctx) }()
}

func (h *harness) stop() {
	if h.cancel == nil {
		return
	}
	h.cancel()
	select {
	case err := <-h.done:
		if err != nil {
			h.t.Errorf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		h.t.Error("bot did not stop within 10 s")
	}
	h.st.Close()
	h.cancel = nil
}

// waitSent waits for n sent messages in total.
func (h *harness) waitSent(n int) []tgfake.SentMessage {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	sent, err := h.srv.WaitSent(ctx, n)
	if err != nil {
		h.t.Fatalf("waiting for %d messages: %v (got %d)", n, err, len(h.srv.Sent()))
	}
	for i := range sent {
		sent[i].Text = stripTags(sent[i].Text)
	}
	return sent
}

// stripTags removes HTML tags, leaving the text a user reads.
func stripTags(s string) string {
	return stripHTML(s)
}

// settle waits until the bot has polled again after everything pushed so
// far, so that a test can assert that nothing more was sent.
func (h *harness) settle() {
	h.t.Helper()
	n := len(h.srv.Calls("getUpdates"))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := h.srv.WaitCalls(ctx, "getUpdates", n+2); err != nil {
		h.t.Fatal(err)
	}
}

var (
	alice   = tgfake.User{ID: 1001, FirstName: "Alice", LanguageCode: "id"}
	bob     = tgfake.User{ID: 1002, FirstName: "Bob", LanguageCode: "en"}
	private = tgfake.Chat{ID: 1001, Type: "private"}
	group   = tgfake.Chat{ID: -100500, Type: "supergroup", Title: "Pekerja Migran"}
)

const scamAd = "LOKER ADMIN K4MB0JA 🇰🇭 gaji 20jt, tiket & visa ditanggung, brgkt minggu ini, cukup visa turis. Hub WA +855 16 318 274"

const legitAd = "Dicari staf gudang PT Sinar Jaya, Cikarang. Syarat: pendidikan minimal SMK, pengalaman 1 tahun, domisili Bekasi. Lamaran dikirim ke kantor kami."

func hasButton(s tgfake.SentMessage, pred func(tgfake.Button) bool) bool {
	for _, row := range s.Buttons {
		for _, b := range row {
			if pred(b) {
				return true
			}
		}
	}
	return false
}

func TestPrivateAdGetsFullVerdict(t *testing.T) {
	h := newHarness(t)
	_, mid := h.srv.PushText(private, alice, scamAd)
	s := h.waitSent(1)[0]
	if !strings.HasPrefix(s.Text, "🔴 RISIKO TINGGI") {
		t.Errorf("headline: %q", firstLine(s.Text))
	}
	if s.ReplyToMessageID != mid || s.ParseMode != "HTML" {
		t.Errorf("reply_to %d (want %d), parse mode %q", s.ReplyToMessageID, mid, s.ParseMode)
	}
	for _, want := range []string{"K4MB0JA", "visa turis", "SISKOP2MI"} {
		if !strings.Contains(s.Text, want) {
			t.Errorf("reply lacks %q", want)
		}
	}
	if !hasButton(s, func(b tgfake.Button) bool { return strings.HasPrefix(b.CallbackData, "fb:") }) {
		t.Error("no feedback buttons")
	}
	if !hasButton(s, func(b tgfake.Button) bool { return strings.Contains(b.URL, "siskop2mi.bp2mi.go.id") }) {
		t.Error("no SISKOP2MI button")
	}
}

func TestEnglishUserGetsEnglish(t *testing.T) {
	h := newHarness(t)
	h.srv.PushText(tgfake.Chat{ID: bob.ID, Type: "private"}, bob, scamAd)
	s := h.waitSent(1)[0]
	if !strings.HasPrefix(s.Text, "🔴 HIGH RISK") {
		t.Errorf("headline: %q", firstLine(s.Text))
	}
}

func TestLegitAdIsLowButNotClearance(t *testing.T) {
	h := newHarness(t)
	h.srv.PushText(private, alice, legitAd)
	s := h.waitSent(1)[0]
	if !strings.Contains(s.Text, "RISIKO RENDAH") || !strings.Contains(s.Text, "bukan jaminan") {
		t.Errorf("low reply: %q", s.Text)
	}
}

func TestForwardedAdNamesOrigin(t *testing.T) {
	h := newHarness(t)
	ch := tgfake.Chat{ID: -1009, Type: "channel", Title: "Info Loker LN", Username: "infolokerln"}
	h.srv.PushForward(private, alice, scamAd, tgfake.Origin{Chat: &ch, MessageID: 5})
	s := h.waitSent(1)[0]
	if !strings.Contains(s.Text, "Diteruskan dari: Info Loker LN (@infolokerln)") || !strings.Contains(s.Text, "RISIKO TINGGI") {
		t.Errorf("forward reply: %q", s.Text)
	}
}

func TestCaptionIsScreened(t *testing.T) {
	h := newHarness(t)
	h.srv.PushCaption(private, alice, scamAd)
	if s := h.waitSent(1)[0]; !strings.Contains(s.Text, "RISIKO TINGGI") {
		t.Errorf("caption reply: %q", s.Text)
	}
}

// TestQuestionAboutAnOffer: someone who asks whether an offer is safe,
// without the ad itself, hears the offer's red flags and is asked for the
// ad; the bot does not score the question.
func TestQuestionAboutAnOffer(t *testing.T) {
	h := newHarness(t)
	h.srv.PushText(private, alice, "Saya ditawari kerja admin di Kamboja, gaji 20 juta, berangkat minggu ini pakai visa turis. Aman gak ya?")
	s := h.waitSent(1)[0]
	for _, want := range []string{"TENTANG SEBUAH TAWARAN", "🚩", "Kamboja", "Teruskan ke saya"} {
		if !strings.Contains(s.Text, want) {
			t.Errorf("reply lacks %q: %q", want, s.Text)
		}
	}
	if strings.Contains(s.Text, "RISIKO") {
		t.Errorf("a question is not scored: %q", s.Text)
	}
}

func TestStartHelpNonJobAndSticker(t *testing.T) {
	h := newHarness(t)
	h.srv.PushText(private, alice, "/start")
	h.srv.PushText(private, alice, "/help")
	h.srv.PushText(private, alice, "halo, apa kabar semuanya?")
	h.srv.PushSticker(private, alice, "😀")
	h.srv.PushPhoto(private, alice)
	sent := h.waitSent(5)
	if !strings.Contains(sent[0].Text, "Cara pakai") || sent[0].Text != sent[1].Text {
		t.Errorf("/start and /help: %q / %q", firstLine(sent[0].Text), firstLine(sent[1].Text))
	}
	if !strings.Contains(sent[2].Text, "tidak terlihat seperti lowongan") {
		t.Errorf("non-job text: %q", sent[2].Text)
	}
	if !strings.Contains(sent[3].Text, "hanya bisa membaca teks") {
		t.Errorf("sticker answer: %q", sent[3].Text)
	}
	if !strings.Contains(sent[4].Text, "tidak bisa membaca tulisan di gambar") {
		t.Errorf("photo answer without OCR: %q", sent[4].Text)
	}
}

func TestCommandMenuRegistered(t *testing.T) {
	h := newHarness(t)
	h.settle()
	calls := h.srv.Calls("setMyCommands")
	if len(calls) < 4 {
		t.Fatalf("setMyCommands called %d times, want 4 (private and group, id and en)", len(calls))
	}
	langs := map[string]bool{}
	for _, c := range calls {
		langs[c.Params.Get("language_code")] = true
	}
	if !langs["en"] || !langs[""] {
		t.Errorf("languages registered: %v", langs)
	}
}

func TestGroupAdGetsCompactReplySmallTalkSilence(t *testing.T) {
	h := newHarness(t)
	h.srv.PushText(group, alice, "selamat pagi semua, hari ini hujan ya")
	_, mid := h.srv.PushText(group, alice, scamAd)
	h.srv.PushText(group, bob, "thanks, see you tomorrow")
	s := h.waitSent(1)[0]
	h.settle()
	if n := len(h.srv.Sent()); n != 1 {
		t.Fatalf("group got %d messages, want only the one reply to the ad", n)
	}
	if s.ReplyToMessageID != mid || !strings.HasPrefix(s.Text, "🔴 RISIKO TINGGI") {
		t.Errorf("group reply to %d: %q", s.ReplyToMessageID, s.Text)
	}
	if strings.Count(s.Text, "\n") > 5 {
		t.Errorf("group reply is not compact: %q", s.Text)
	}
	var link string
	hasButton(s, func(b tgfake.Button) bool {
		if strings.HasPrefix(b.URL, "https://t.me/cekloker_bot?start=") {
			link = b.URL
		}
		return false
	})
	if link == "" {
		t.Fatal("no deep link to the full explanation")
	}
	// The deep link opens the full verdict in a private chat.
	h.srv.PushText(private, alice, "/start "+strings.TrimPrefix(link, "https://t.me/cekloker_bot?start="))
	full := h.waitSent(2)[1]
	if full.ChatID != private.ID || !strings.Contains(full.Text, "🚩 «visa turis»") {
		t.Errorf("deep link answer in chat %d: %q", full.ChatID, full.Text)
	}
	if !hasButton(full, func(b tgfake.Button) bool { return strings.HasPrefix(b.CallbackData, "dt:") }) {
		t.Error("the deep-link verdict has no details button")
	}
}

func TestGroupCekAlwaysAnswers(t *testing.T) {
	h := newHarness(t)
	_, mid := h.srv.PushText(group, alice, "Dicari kasir toko roti di Bandung, gaji UMK, kirim lamaran ke toko.")
	h.srv.PushMessage(group, bob, map[string]any{"text": "/cek", "reply_to_message": map[string]any{
		"message_id": mid, "date": time.Now().Unix(), "chat": map[string]any{"id": group.ID, "type": group.Type},
		"from": map[string]any{"id": alice.ID, "is_bot": false, "first_name": alice.FirstName},
		"text": "Dicari kasir toko roti di Bandung, gaji UMK, kirim lamaran ke toko.",
	}, "entities": []map[string]any{{"type": "bot_command", "offset": 0, "length": 4}}})
	s := h.waitSent(1)[0]
	// Bob asked, in English, but the group's language is a group setting:
	// Indonesian by default.
	if s.ReplyToMessageID != mid || !strings.Contains(s.Text, "RISIKO RENDAH") {
		t.Errorf("/cek reply to %d: %q", s.ReplyToMessageID, s.Text)
	}
}

func TestSettingsAdminAndNonAdmin(t *testing.T) {
	h := newHarness(t)
	h.srv.SetMember(group.ID, alice.ID, "administrator", false)
	h.srv.SetMember(group.ID, bob.ID, "member", false)
	h.srv.PushText(group, bob, "/settings")
	h.srv.PushText(group, alice, "/settings")
	sent := h.waitSent(2)
	if !strings.Contains(sent[0].Text, "Maaf, hanya admin grup") { // the group's language
		t.Errorf("non-admin /settings: %q", sent[0].Text)
	}
	panel := sent[1]
	if !hasButton(panel, func(b tgfake.Button) bool { return b.CallbackData == "set:auto" }) {
		t.Fatalf("admin /settings has no buttons: %+v", panel.Buttons)
	}
	// A member pressing a button is refused; the admin's press is saved.
	ref := tgfake.MsgRef{ChatID: group.ID, MessageID: panel.MessageID}
	h.srv.PushCallback(bob, ref, "set:auto")
	h.srv.PushCallback(alice, ref, "set:level")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	answers, err := h.srv.WaitCalls(ctx, "answerCallbackQuery", 2)
	if err != nil {
		t.Fatal(err)
	}
	if a := answers[0].Params.Get("text"); !strings.Contains(a, "only the group's admins") {
		t.Errorf("member's press answered %q", a)
	}
	h.settle()
	gs, err := h.st.GroupSettings(ctx, group.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !gs.AutoScreen || gs.MinLevel != "high" {
		t.Errorf("settings after presses: %+v (want auto on, level high)", gs)
	}
	// Deleting high-risk posts needs the delete right: the bot lacks it.
	h.srv.SetMember(group.ID, 123456, "member", false)
	h.srv.PushCallback(alice, ref, "set:del")
	answers, err = h.srv.WaitCalls(ctx, "answerCallbackQuery", 3)
	if err != nil {
		t.Fatal(err)
	}
	if a := answers[2]; !strings.Contains(a.Params.Get("text"), "hapus pesan") || a.Params.Get("show_alert") != "true" {
		t.Errorf("delete without right answered %v", a.Params)
	}
}

func TestFeedbackButtonsAreStored(t *testing.T) {
	h := newHarness(t)
	h.srv.PushText(private, alice, scamAd)
	s := h.waitSent(1)[0]
	var wrong string
	hasButton(s, func(b tgfake.Button) bool {
		if strings.HasSuffix(b.CallbackData, ":w") {
			wrong = b.CallbackData
		}
		return false
	})
	h.srv.PushCallback(alice, tgfake.MsgRef{ChatID: private.ID, MessageID: s.MessageID}, wrong)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := h.srv.WaitCalls(ctx, "answerCallbackQuery", 1); err != nil {
		t.Fatal(err)
	}
	h.settle()
	counts, err := h.st.FeedbackCounts(ctx, time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if counts["wrong"] != 1 {
		t.Errorf("feedback counts %v, want one wrong", counts)
	}
}

// TestScreeningRecordsModelVersion: a screening keeps which text model
// took part in its verdict, and none when the rules screened alone.
func TestScreeningRecordsModelVersion(t *testing.T) {
	joined, m := joinedRules(t)
	for _, tc := range []struct {
		name  string
		rules *ruleset.Set
		want  string
	}{{"model", joined, m.Version}, {"rules alone", nil, ""}} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarnessWith(t, tc.rules)
			h.srv.PushText(private, alice, scamAd)
			h.waitSent(1)
			// The screening is committed with its update's answer, just
			// after the send.
			var scs []store.Screening
			for deadline := time.Now().Add(10 * time.Second); len(scs) == 0 && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
				var err error
				if scs, err = h.st.RecentScreenings(context.Background(), time.Now().Add(-time.Hour), 10); err != nil {
					t.Fatal(err)
				}
			}
			if len(scs) != 1 || scs[0].ModelVersion != tc.want {
				t.Errorf("screenings %+v, want one with model version %q", scs, tc.want)
			}
		})
	}
}

// TestHonestAdIsAJobAd: an ordinary local ad with none of the red-flag
// categories the rules count for "job ad" is answered as a job ad (low
// risk, with the advice) when the model is on, not with "send me the ad";
// with the rules alone it is not recognised.
func TestHonestAdIsAJobAd(t *testing.T) {
	joined, _ := joinedRules(t)
	const ad = "Bengkel motor di Purwokerto butuh mekanik berpengalaman 1 orang dan helper 1 orang. Gaji mingguan + bonus servis. Hubungi Pak Budi 0813 2222 3333"
	for _, tc := range []struct {
		name  string
		rules *ruleset.Set
		want  string
	}{{"model", joined, "RISIKO RENDAH"}, {"rules alone", nil, "tidak terlihat seperti lowongan"}} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarnessWith(t, tc.rules)
			h.srv.PushText(private, alice, ad)
			if s := h.waitSent(1)[0]; !strings.Contains(s.Text, tc.want) {
				t.Errorf("reply %q, want %q", firstLine(s.Text), tc.want)
			}
		})
	}
}

func TestEditedGroupPostIsScreenedOnce(t *testing.T) {
	h := newHarness(t)
	_, mid := h.srv.PushText(group, alice, "halo semua, salam kenal")
	h.settle()
	ref := tgfake.MsgRef{ChatID: group.ID, MessageID: mid}
	h.srv.PushEdit(ref, alice, scamAd)
	s := h.waitSent(1)[0]
	if s.ReplyToMessageID != mid || !strings.Contains(s.Text, "RISIKO TINGGI") {
		t.Errorf("edit reply: %q", s.Text)
	}
	h.srv.PushEdit(ref, alice, scamAd) // the same text again
	h.settle()
	if n := len(h.srv.Sent()); n != 1 {
		t.Errorf("the same text was answered %d times", n)
	}
	h.srv.PushEdit(ref, alice, legitAd)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := h.srv.WaitCalls(ctx, "editMessageText", 1); err != nil {
		t.Fatalf("a changed text should update the earlier reply: %v", err)
	}
	if m, _ := h.srv.Message(group.ID, s.MessageID); !strings.Contains(stripTags(m.Text), "RISIKO RENDAH") {
		t.Errorf("updated reply: %q", m.Text)
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func TestAddedToGroupIntroducesOnce(t *testing.T) {
	h := newHarness(t)
	h.srv.PushBotAdded(group, alice)
	h.srv.PushBotAdded(group, alice)
	s := h.waitSent(1)[0]
	h.settle()
	if n := len(h.srv.Sent()); n != 1 {
		t.Errorf("%d messages, want one introduction", n)
	}
	if s.ChatID != group.ID || !strings.Contains(s.Text, "Cek Loker") || !strings.Contains(s.Text, "/cek") {
		t.Errorf("introduction: %q", s.Text)
	}
}

func TestHighRiskPostDeletedWhenEnabled(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	h.srv.SetMember(group.ID, 123456, "administrator", true)
	gs, err := h.st.GroupSettings(ctx, group.ID)
	if err != nil {
		t.Fatal(err)
	}
	gs.DeleteHigh = true
	if err := h.st.SaveGroupSettings(ctx, gs); err != nil {
		t.Fatal(err)
	}
	_, mid := h.srv.PushText(group, alice, scamAd)
	h.waitSent(1)
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	calls, err := h.srv.WaitCalls(wctx, "deleteMessage", 1)
	if err != nil {
		t.Fatal(err)
	}
	if calls[0].Params.Get("message_id") != fmt.Sprint(mid) {
		t.Errorf("deleted %v, want message %d", calls[0].Params, mid)
	}
	if m, ok := h.srv.Message(group.ID, mid); !ok || !m.Deleted {
		t.Errorf("post not deleted: %+v", m)
	}
}
