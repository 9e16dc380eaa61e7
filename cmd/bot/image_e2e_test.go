package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/ocr/ocrtest"
	"github.com/cekloker/cekloker/internal/reply"
	"github.com/cekloker/cekloker/internal/tgfake"
)

// TestImagesEndToEnd runs the real binary against the fake Bot API:
// hostile images each get a clear message, 20 posters sent at once from
// 20 chats are all read, a text sent right after them in another chat is
// answered without waiting for them all, /metrics says OCR is available,
// and the bot's peak RSS (VmHWM; tesseract runs in child processes)
// stays under 100 MB.
func TestImagesEndToEnd(t *testing.T) {
	dir := t.TempDir()
	bin := buildBot(t)
	const token = "888:IMAGETEST"
	srv := fakeAPI(t, token, 888, "image_bot")
	addr := freeAddr(t)
	cmd := botCmd(bin, token, srv, filepath.Join(dir, "bot.db"))
	cmd.Env = append(cmd.Env, "BOT_HTTP_ADDR="+addr, // the later value wins
		"BOT_OCR_TIMEOUT=60s") // a busy test machine
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()

	// Hostile images, as documents with image names.
	cases, err := ocrtest.Hostile()
	if err != nil {
		t.Fatal(err)
	}
	user := tgfake.User{ID: 11, FirstName: "Sari", LanguageCode: "id"}
	want := map[int]string{}
	for i, c := range cases {
		id := fmt.Sprintf("BQhostile%d", i)
		srv.AddFile(id, c.Name, c.Data)
		_, mid := srv.PushDocument(tgfake.Chat{ID: 11, Type: "private"}, user, id, c.Name, "")
		want[mid] = reply.ImageProblem(c.Kind, "id")
	}
	sent, err := srv.WaitSent(ctx, len(want))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sent {
		if w := want[s.ReplyToMessageID]; w == "" || s.Text != w {
			t.Errorf("reply to %d: %q, want %q", s.ReplyToMessageID, s.Text, w)
		}
	}

	// 20 posters at once, then a text in another chat.
	const posters = 20
	for i := range posters {
		id := fmt.Sprintf("AgADe2e%02d", i)
		img := ocrtest.Image(t, posterAd, ocrtest.Layouts[i%len(ocrtest.Layouts)])
		srv.AddFile(id, "photo.jpg", img)
		chat := tgfake.Chat{ID: int64(100 + i), Type: "private"}
		srv.PushMessage(chat, tgfake.User{ID: chat.ID, FirstName: "U", LanguageCode: "id"}, map[string]any{"photo": []map[string]any{
			{"file_id": id, "file_unique_id": "u" + id, "width": 1080, "height": 1350, "file_size": len(img)}}})
	}
	pushed := time.Now()
	_, textMid := srv.PushText(tgfake.Chat{ID: 200, Type: "private"}, tgfake.User{ID: 200, FirstName: "T"}, "Dicari admin di Kamboja, gaji 15jt, tiket ditanggung")
	sent, err = srv.WaitSent(ctx, len(want)+posters+1)
	if err != nil {
		t.Fatal(err)
	}
	var textReply, other string
	var textAt time.Time
	before, ok := 0, 0
	for _, s := range sent[len(want):] {
		switch {
		case s.ReplyToMessageID == textMid:
			textAt, textReply = s.Time, s.Text
		case strings.Contains(s.Text, "baca dari gambar") && strings.Contains(s.Text, "RISIKO TINGGI"):
			ok++
			if textAt.IsZero() {
				before++
			}
		default:
			other = s.Text
		}
	}
	if ok != posters {
		t.Errorf("%d of %d posters answered as read from the image, high risk; another answer: %q", ok, posters, other)
	}
	if !strings.Contains(textReply, "RISIKO TINGGI") || strings.Contains(textReply, "baca dari gambar") {
		t.Errorf("the text's reply: %q", textReply)
	}
	// The bar: with each chat in its own queue, the text does not
	// wait for the posters being read.
	t.Logf("text reply %s after it was sent, behind %d of %d poster replies (last poster answered %s after)",
		textAt.Sub(pushed).Round(10*time.Millisecond), before, posters, sent[len(sent)-1].Time.Sub(pushed).Round(10*time.Millisecond))
	if d := textAt.Sub(pushed); d > time.Second {
		t.Errorf("the text reply took %s while 20 posters were being read, want at most 1 s", d.Round(10*time.Millisecond))
	}

	metrics := httpGet(t, "http://"+addr+"/metrics")
	for _, w := range []string{"cekloker_ocr_available 1", `cekloker_images_total{outcome="ok"} 20`, `cekloker_images_total{outcome="too_many_pixels"} 2`,
		"cekloker_rules_version 1", "cekloker_model_version 1"} {
		if !strings.Contains(metrics, w) {
			t.Errorf("/metrics lacks %s", w)
		}
	}
	if h := httpGet(t, "http://"+addr+"/healthz"); !strings.Contains(h, `"ocr":"ok"`) {
		t.Errorf("/healthz: %s", h)
	}
	hwm := peakRSS(t, cmd.Process.Pid)
	t.Logf("bot peak RSS (VmHWM): %.1f MB", float64(hwm)/(1<<20))
	if hwm >= 100<<20 {
		t.Errorf("bot peak RSS %.1f MB, want under 100 MB", float64(hwm)/(1<<20))
	}
	stopBot(t, cmd, 15*time.Second)
}

// buildBot builds the binary into dir.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func httpGet(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// peakRSS is a process's peak resident set size in bytes (VmHWM).
func peakRSS(t *testing.T, pid int) int64 {
	t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "VmHWM:" {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb << 10
		}
	}
	t.Fatal("no VmHWM in /proc status")
	return 0
}
