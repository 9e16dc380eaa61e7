package admin

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/memory"
	"github.com/cekloker/cekloker/internal/store"
	"github.com/cekloker/cekloker/internal/tgfake"
)

var (
	dave   = tgfake.User{ID: 1004, FirstName: "Dave", LanguageCode: "id"} // a group member
	groupA = tgfake.Chat{ID: -100111, Type: "supergroup", Title: "Loker Jatim"}
	groupB = tgfake.Chat{ID: -100222, Type: "supergroup", Title: "Loker Jabar"}
)

// repostAd is written for this test; its repost has other numbers, a
// new recruiter, other emoji and its lines in another order.
const repostAd = `🔥 DICARI STAF CUSTOMER SERVICE UNTUK KANTOR DI KOTA BAVET 🔥
Perusahaan hiburan daring sedang membuka puluhan kursi baru
Gaji pokok 17 juta per bulan ditambah bonus mingguan yang besar
Cukup lancar mengetik dan bisa memakai ponsel, umur 19 sampai 33 tahun
Tiket pesawat dan tempat tinggal di asrama disediakan perusahaan
Berangkat bersama rombongan kak Melati dari Batam minggu depan
Daftar cepat lewat WhatsApp +855 16 318 274`

const repostVariant = `Daftar cepat lewat WhatsApp +855 88 765 4321 ✅
Cukup lancar mengetik dan bisa memakai ponsel, umur 20 sampai 36 tahun
⭐ DICARI STAF CUSTOMER SERVICE UNTUK KANTOR DI KOTA BAVET ⭐
Berangkat bersama rombongan bang Joko dari Batam minggu depan
Gaji pokok 19 juta per bulan ditambah bonus mingguan yang besar
Perusahaan hiburan daring sedang membuka puluhan kursi baru
Tiket pesawat dan tempat tinggal di asrama disediakan perusahaan`

// replyTo is a command sent as a reply to message mid (text) of from.
func replyTo(chat tgfake.Chat, mid int, from tgfake.User, text, cmd string) map[string]any {
	return map[string]any{"text": cmd, "reply_to_message": map[string]any{
		"message_id": mid, "date": time.Now().Unix(), "chat": map[string]any{"id": chat.ID, "type": chat.Type, "title": chat.Title},
		"from": map[string]any{"id": from.ID, "is_bot": false, "first_name": from.FirstName}, "text": text,
	}, "entities": []map[string]any{{"type": "bot_command", "offset": 0, "length": len(cmd)}}}
}

// TestReportReviewRepost: a post is reported in one group, an admin
// confirms it in /review, and its repost in another group is warned
// about with the memory line.
func TestReportReviewRepost(t *testing.T) {
	h := newHarness(t)
	var mid int
	first := h.next(func() { _, mid = h.srv.PushText(groupA, bob, repostAd) })
	if first.ChatID != groupA.ID || strings.Contains(first.Text, "dikonfirmasi") {
		t.Fatalf("first post: %q", first.Text)
	}
	r := h.next(func() { h.srv.PushMessage(groupA, dave, replyTo(groupA, mid, bob, repostAd, "/lapor")) })
	if !strings.Contains(r.Text, "laporan dicatat (1 orang") {
		t.Fatalf("report answer: %q", r.Text)
	}
	r = h.next(func() { h.srv.PushMessage(groupA, dave, replyTo(groupA, mid, bob, repostAd, "/lapor")) })
	if !strings.Contains(r.Text, "dihitung satu kali") {
		t.Errorf("repeated report: %q", r.Text)
	}
	// Not an admin: no queue.
	if s := h.cmd(bob, "/review"); !strings.Contains(s.Text, "only for the bot's operators") || hasButtons(s) {
		t.Errorf("/review by a non-admin: %q", s.Text)
	}
	q := h.cmd(alice, "/review")
	for _, want := range []string{"Laporan #1", "RISIKO TINGGI", "Loker Jatim", "phone +85516318274", "Dilaporkan oleh: 1", "BAVET"} {
		if !strings.Contains(q.Text, want) {
			t.Errorf("queue item lacks %q: %q", want, q.Text)
		}
	}
	if strings.Contains(q.Text, "1004") {
		t.Error("the queue shows a reporter's user id")
	}
	if ans, _ := h.press(bob, q, "rv:scam"); !strings.Contains(ans, "Only for the bot's operators") {
		t.Errorf("non-admin confirm: %q", ans)
	}
	ans, after := h.press(alice, q, "rv:scam")
	if !strings.Contains(ans, "Dikonfirmasi penipuan") || !strings.Contains(after, "Antrean laporan kosong") {
		t.Fatalf("confirm: %q / %q", ans, after)
	}
	ds, err := h.st.ReviewDecisions(h.ctx, 0)
	if err != nil || len(ds) != 1 || ds[0].AdminID != alice.ID || ds[0].Decision != "scam" || ds[0].ItemID != 1 {
		t.Errorf("audit: %+v, %v", ds, err)
	}
	// The repost in another group: other numbers, names, emoji, order.
	w := h.next(func() { h.srv.PushText(groupB, dave, repostVariant) })
	if w.ChatID != groupB.ID || !strings.Contains(w.Text, "iklan yang dikonfirmasi penipuan pada") || !strings.Contains(w.Text, "(1 laporan)") {
		t.Fatalf("repost warning lacks the memory line: %q", w.Text)
	}
	// In a private chat too.
	if s := h.cmd(dave, repostVariant); !strings.Contains(s.Text, "iklan yang dikonfirmasi penipuan pada") {
		t.Errorf("private verdict on the repost lacks the memory line: %q", s.Text)
	}
	// A look-up of the remembered number, of a new one, of a company.
	if s := h.cmd(dave, "+855 16 318 274"); !strings.Contains(s.Text, "dilaporkan 1 kali, terakhir") {
		t.Errorf("look-up of a remembered number: %q", s.Text)
	}
	if s := h.cmd(dave, "0812-9999-0000"); !strings.Contains(s.Text, "belum pernah dilaporkan — itu bukan jaminan aman") {
		t.Errorf("look-up of a new number: %q", s.Text)
	}
	if s := h.cmd(bob, "PT Cahaya Sukses Mandiri"); !strings.Contains(s.Text, "P3MI") || !strings.Contains(s.Text, "siskop2mi.bp2mi.go.id") {
		t.Errorf("company look-up: %q", s.Text)
	}
	if s := h.next(func() {
		h.srv.PushMessage(groupB, dave, map[string]any{"text": "/cek @hrd_bavet_cs", "entities": []map[string]any{{"type": "bot_command", "offset": 0, "length": 4}}})
	}); !strings.Contains(s.Text, "belum pernah dilaporkan") {
		t.Errorf("/cek @handle in a group: %q", s.Text)
	}
	// /forget: preview names the entry and the verdict it changes, then forgets.
	p := h.cmd(alice, "/forget +855 16 318 274")
	if !strings.Contains(p.Text, "Pratinjau: lupakan") || !strings.Contains(p.Text, "#1 report") || !strings.Contains(p.Text, "berubah tingkat: 0 dari 2") || !hasButtons(p) {
		t.Fatalf("forget preview: %q", p.Text)
	}
	if ans, _ := h.press(alice, p, "fg:ok"); !strings.Contains(ans, "Dilupakan") {
		t.Fatalf("forget: %q", ans)
	}
	if s := h.cmd(dave, "+855 16 318 274"); !strings.Contains(s.Text, "belum pernah dilaporkan") {
		t.Errorf("after /forget: %q", s.Text)
	}
}

// TestWrongOffersReport: 👎 on a verdict adds a "Laporkan" button that
// files a report of the ad.
func TestWrongOffersReport(t *testing.T) {
	h := newHarness(t)
	v := h.next(func() { h.srv.PushText(chatOf(dave), dave, repostAd) })
	n := len(h.srv.Calls("answerCallbackQuery"))
	wrong := h.voteWrong(dave, v)
	m, _ := h.srv.Message(v.ChatID, v.MessageID)
	if !strings.Contains(string(m.ReplyMarkup), "Laporkan") || !strings.Contains(string(m.ReplyMarkup), `"rp:`) {
		t.Fatalf("no Laporkan button after 👎: %s", m.ReplyMarkup)
	}
	report := ""
	for _, part := range strings.Split(string(m.ReplyMarkup), `"`) {
		if strings.HasPrefix(part, "rp:") {
			report = part
		}
	}
	h.srv.PushCallback(dave, tgfake.MsgRef{ChatID: v.ChatID, MessageID: v.MessageID}, report)
	calls, err := h.srv.WaitCalls(h.ctx, "answerCallbackQuery", n+2)
	if err != nil {
		t.Fatal(err)
	}
	if ans := calls[n+1].Params.Get("text"); !strings.Contains(ans, "laporan dicatat") {
		t.Errorf("Laporkan answer: %q", ans)
	}
	it, pending, ok, err := h.st.ReportQueue(h.ctx)
	if err != nil || !ok || pending != 1 || it.Private != 1 || it.Text == "" {
		t.Errorf("queue after Laporkan: %+v %d %v %v", it, pending, ok, err)
	}
	// /lapor as a reply to the bot's verdict reports the same ad: counts once.
	r := h.next(func() {
		h.srv.PushMessage(chatOf(dave), dave, map[string]any{"text": "/lapor", "reply_to_message": map[string]any{
			"message_id": v.MessageID, "date": time.Now().Unix(), "chat": map[string]any{"id": dave.ID, "type": "private"},
			"from": map[string]any{"id": 123456, "is_bot": true, "first_name": "cekloker"}, "text": "RISIKO TINGGI",
			"reply_markup": map[string]any{"inline_keyboard": [][]map[string]any{{{"text": "👎", "callback_data": wrong}}}},
		}, "entities": []map[string]any{{"type": "bot_command", "offset": 0, "length": 6}}})
	})
	if !strings.Contains(r.Text, "dihitung satu kali") {
		t.Errorf("/lapor on the verdict: %q", r.Text)
	}
}

// TestReportLimits: /report without an ad explains itself; a user's
// eleventh report within the hour is refused and nothing is stored.
func TestReportLimits(t *testing.T) {
	h := newHarness(t)
	if s := h.cmd(bob, "/report"); !strings.Contains(s.Text, "reply /report to the forwarded ad") {
		t.Errorf("/report without an ad: %q", s.Text)
	}
	for i := range 11 {
		s := h.cmd(dave, fmt.Sprintf("/lapor Lowongan nomor %d di luar negeri, hubungi kami", i))
		want := "laporan dicatat"
		if i == 10 {
			want = "banyak laporan dalam satu jam"
		}
		if !strings.Contains(s.Text, want) {
			t.Fatalf("report %d: %q", i+1, s.Text)
		}
	}
	if _, pending, _, err := h.st.ReportQueue(h.ctx); err != nil || pending != 10 {
		t.Errorf("pending %d, %v; want 10", pending, err)
	}
}

// TestMemoryExportImportInTelegram: /memory_export sends the confirmed
// scams as JSON lines; another deployment's file is previewed, then
// imported with Apply, and its contacts are known at once.
func TestMemoryExportImportInTelegram(t *testing.T) {
	h := newHarness(t)
	sig := memory.Signature{1, 2, 3, 4}
	r, err := h.st.AddReport(h.ctx, store.NewReport{AdKey: strings.Repeat("cd", 32), Level: "high", Score: 9, Signature: &sig,
		Contacts: []memory.Contact{{Kind: "handle", Value: "@hrd_bavet_cs", Raw: "@hrd_bavet_cs"}}, ReporterID: 7})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.st.DecideReport(h.ctx, r.ItemID, alice.ID, store.DecisionScam); err != nil {
		t.Fatal(err)
	}
	if err := h.mem.Reload(h.ctx); err != nil {
		t.Fatal(err)
	}
	if s := h.cmd(bob, "/memory_export"); !strings.Contains(s.Text, "only for the bot's operators") || s.DocumentName != "" {
		t.Errorf("export by a non-admin: %q %q", s.Text, s.DocumentName)
	}
	doc := h.cmd(alice, "/memory_export")
	if doc.DocumentName != "memory.jsonl" || !strings.Contains(string(doc.DocumentContent), `"value":"@hrd_bavet_cs"`) {
		t.Fatalf("export: %q %s", doc.DocumentName, doc.DocumentContent)
	}
	// The union's bot shares a number and the handle we know already.
	shared := `{"source":"report","confirmed":"2026-11-12T08:00:00Z","reports":4,"contacts":[{"kind":"phone","value":"+6281277778888","raw":"0812-7777-8888"}]}` + "\n" +
		strings.TrimSpace(string(doc.DocumentContent)) + "\n"
	h.srv.AddFile("mem1", "union.jsonl", []byte(shared))
	p := h.next(func() { h.srv.PushDocument(chatOf(alice), alice, "mem1", "union.jsonl", "/memory_import") })
	if !strings.Contains(p.Text, "2 entri; 1 baru, 1 sudah dikenal") || !strings.Contains(p.Text, "kontak baru phone: 1") || !hasButtons(p) {
		t.Fatalf("import preview: %q", p.Text)
	}
	if s := h.cmd(dave, "0812-7777-8888"); !strings.Contains(s.Text, "belum pernah dilaporkan") {
		t.Errorf("the preview changed memory: %q", s.Text)
	}
	if ans, _ := h.press(alice, p, "mi:ok"); !strings.Contains(ans, "Diimpor: 1 entri") {
		t.Fatalf("apply: %q", ans)
	}
	if s := h.cmd(dave, "0812-7777-8888"); !strings.Contains(s.Text, "dilaporkan 4 kali, terakhir 12 Nov") {
		t.Errorf("after import: %q", s.Text)
	}
	// A broken file is refused and changes nothing.
	h.srv.AddFile("mem2", "bad.jsonl", []byte("{\"source\":\"x\"}\n"))
	if s := h.next(func() { h.srv.PushDocument(chatOf(alice), alice, "mem2", "bad.jsonl", "") }); !strings.Contains(s.Text, "Ditolak") || !strings.Contains(s.Text, "line 1") {
		t.Errorf("bad file: %q", s.Text)
	}
}

// voteWrong presses 👎 on verdict v as u, waits for the answer, and
// returns the button's data.
func (h *harness) voteWrong(u tgfake.User, v tgfake.SentMessage) string {
	h.t.Helper()
	wrong := ""
	for _, row := range v.Buttons {
		for _, b := range row {
			if strings.HasSuffix(b.CallbackData, ":w") {
				wrong = b.CallbackData
			}
		}
	}
	if wrong == "" {
		h.t.Fatalf("no 👎 button on %q", v.Text)
	}
	n := len(h.srv.Calls("answerCallbackQuery"))
	h.srv.PushCallback(u, tgfake.MsgRef{ChatID: v.ChatID, MessageID: v.MessageID}, wrong)
	if _, err := h.srv.WaitCalls(h.ctx, "answerCallbackQuery", n+1); err != nil {
		h.t.Fatal(err)
	}
	return wrong
}
