package telegram

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/ocr"
	"github.com/cekloker/cekloker/internal/ocr/ocrtest"
	"github.com/cekloker/cekloker/internal/tgfake"
)

// newImageHarness is newHarness with an image reader.
func newImageHarness(t *testing.T, images ImageReader) *harness {
	t.Helper()
	return startHarness(t, Limits{Off: true}, func(h *harness) { h.images = images })
}

// realOCR is Tesseract with a timeout for a busy test machine.
func realOCR(t *testing.T) *ocr.Reader {
	t.Helper()
	r := ocr.New(ocr.Options{Timeout: time.Minute})
	if !r.Available() {
		t.Fatalf("OCR unavailable (%s): apt-get install tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng", r.Status())
	}
	return r
}

// fakeOCR "reads" a fixed text from any image that passes ocr.Check.
type fakeOCR struct {
	text  string
	calls atomic.Int32
}

func (f *fakeOCR) Available() bool { return true }

func (f *fakeOCR) ReadFrom(ctx context.Context, fetch func(context.Context) ([]byte, error)) (string, error) {
	f.calls.Add(1)
	data, err := fetch(ctx)
	if err != nil {
		return "", err
	}
	if _, err := ocr.Check(data); err != nil {
		return "", err
	}
	return f.text, nil
}

var photoSeq atomic.Int32

// pushPhoto sends a photo in three sizes; only the largest (1080×1350)
// holds data. It returns the message id and the largest size's file id.
func pushPhoto(h *harness, chat tgfake.Chat, from tgfake.User, data []byte, caption string) (int, string) {
	return pushPhotoWith(h, chat, from, data, map[string]any{"caption": caption})
}

// pushPhotoWith is pushPhoto with other message fields (an empty caption
// is left out).
func pushPhotoWith(h *harness, chat tgfake.Chat, from tgfake.User, data []byte, fields map[string]any) (int, string) {
	id := fmt.Sprintf("AgADposter%03d", photoSeq.Add(1))
	h.srv.AddFile(id+"_2", "photo.jpg", data)
	sizes := []map[string]any{}
	for i, wh := range [][2]int{{72, 90}, {256, 320}, {1080, 1350}} {
		sizes = append(sizes, map[string]any{"file_id": fmt.Sprintf("%s_%d", id, i), "file_unique_id": fmt.Sprintf("u%s_%d", id, i),
			"width": wh[0], "height": wh[1], "file_size": len(data) * (i + 1) / 3})
	}
	f := map[string]any{"photo": sizes}
	for k, v := range fields {
		if v != "" {
			f[k] = v
		}
	}
	_, mid := h.srv.PushMessage(chat, from, f)
	return mid, id + "_2"
}

const posterScam = "LOKER ADMIN KAMBOJA\nGaji 15 juta per bulan, tiket pesawat ditanggung kantor.\nBerangkat minggu depan, cukup pakai visa turis.\nHubungi WA 0812 3456 7890"

func TestPrivatePosterIsReadAndScreened(t *testing.T) {
	h := newImageHarness(t, realOCR(t))
	mid, fileID := pushPhoto(h, private, alice, ocrtest.Image(t, posterScam, ocrtest.Colour), "")
	s := h.waitSent(1)[0]
	if s.ReplyToMessageID != mid || !strings.HasPrefix(s.Text, "🖼 Teks ini saya baca dari gambar (OCR)") {
		t.Fatalf("reply to %d: %q", s.ReplyToMessageID, s.Text)
	}
	for _, want := range []string{"RISIKO TINGGI", "visa turis", "LOKER ADMIN KAMBOJA"} {
		if !strings.Contains(s.Text, want) {
			t.Errorf("reply lacks %q:\n%s", want, s.Text)
		}
	}
	if got := h.srv.Calls("getFile"); len(got) != 1 || got[0].Params.Get("file_id") != fileID {
		t.Errorf("getFile calls %v, want one for the largest size %s", got, fileID)
	}
	if n := len(h.srv.Calls("downloadFile")); n != 1 {
		t.Errorf("%d downloads, want 1", n)
	}
}

func TestImageDocumentWithCaptionInEnglish(t *testing.T) {
	h := newImageHarness(t, realOCR(t))
	h.srv.AddFile("BQdoc1", "screenshot.png", ocrtest.Image(t, posterScam, ocrtest.Chat))
	h.srv.PushDocument(tgfake.Chat{ID: bob.ID, Type: "private"}, bob, "BQdoc1", "screenshot.png", "my cousin got this, is it real?")
	s := h.waitSent(1)[0]
	if !strings.HasPrefix(s.Text, "🖼 I read this text from the image (OCR)") || !strings.Contains(s.Text, "HIGH RISK") {
		t.Errorf("reply:\n%s", s.Text)
	}
}

func TestHostileImagesGetClearMessages(t *testing.T) {
	h := newImageHarness(t, realOCR(t))
	hostile, err := ocrtest.Hostile()
	if err != nil {
		t.Fatal(err)
	}
	type imageCase struct {
		name string
		data []byte
		says string
	}
	cases := []imageCase{{"big.png", append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, ocr.MaxFileSize)...), "lebih dari 10 MB"}}
	says := map[string]string{"too_many_pixels": "lebih dari 20 megapiksel", "damaged": "rusak atau terpotong", "not_image": "bukan gambar PNG, JPEG atau WebP"}
	for _, c := range hostile {
		cases = append(cases, imageCase{c.Name, c.Data, says[c.Kind]})
	}
	mids := map[int]string{}
	for i, c := range cases {
		id := fmt.Sprintf("BQbad%d", i)
		h.srv.AddFile(id, c.name, c.data)
		_, mid := h.srv.PushDocument(private, alice, id, c.name, "")
		mids[mid] = c.says
	}
	for _, s := range h.waitSent(len(cases)) {
		if want := mids[s.ReplyToMessageID]; want == "" || !strings.Contains(s.Text, want) {
			t.Errorf("reply to %d: %q, want %q", s.ReplyToMessageID, s.Text, want)
		}
	}
	// The file over 10 MB was refused from its announced size: no download.
	if n := len(h.srv.Calls("downloadFile")); n != len(cases)-1 {
		t.Errorf("%d downloads, want %d", n, len(cases)-1)
	}
}

func TestWithoutOCRTheBotAsksForTheText(t *testing.T) {
	h := newImageHarness(t, ocr.New(ocr.Options{Command: "no-such-tesseract"}))
	pushPhoto(h, private, alice, ocrtest.Image(t, posterScam, ocrtest.Title), "")
	pushPhoto(h, private, alice, ocrtest.Image(t, posterScam, ocrtest.Title), scamAd)
	sent := h.waitSent(2)
	if !strings.Contains(sent[0].Text, "tidak bisa membaca tulisan di gambar") || !strings.Contains(sent[0].Text, "ketik") {
		t.Errorf("photo without caption: %q", sent[0].Text)
	}
	// With a caption, the caption is screened, under the same warning.
	if !strings.HasPrefix(sent[1].Text, "⚠️ Maaf, di sini saya tidak bisa membaca") || !strings.Contains(sent[1].Text, "RISIKO TINGGI") {
		t.Errorf("photo with caption:\n%s", sent[1].Text)
	}
	if n := len(h.srv.Calls("downloadFile")); n != 0 {
		t.Errorf("%d downloads without OCR", n)
	}
}

func TestImageWithoutText(t *testing.T) {
	h := newImageHarness(t, &fakeOCR{text: ""})
	pushPhoto(h, private, alice, ocrtest.Image(t, " ", ocrtest.Title), "")
	if s := h.waitSent(1)[0]; !strings.Contains(s.Text, "tidak menemukan tulisan") {
		t.Errorf("reply: %q", s.Text)
	}
}

func TestGroupImagesOnlyOnCekOrWhenEnabled(t *testing.T) {
	reader := &fakeOCR{text: scamAd}
	h := newImageHarness(t, reader)
	poster := ocrtest.Image(t, posterScam, ocrtest.Title)
	// Off by default: a posted image is not even downloaded.
	pushPhoto(h, group, alice, poster, "")
	h.settle()
	if len(h.srv.Sent()) != 0 || reader.calls.Load() != 0 || len(h.srv.Calls("downloadFile")) != 0 {
		t.Fatalf("image post with images off: %d sent, %d reads", len(h.srv.Sent()), reader.calls.Load())
	}
	// /cek on the image answers.
	mid, fileID := pushPhoto(h, group, alice, poster, "")
	h.srv.PushMessage(group, bob, map[string]any{"text": "/cek", "reply_to_message": map[string]any{
		"message_id": mid, "date": time.Now().Unix(), "chat": map[string]any{"id": group.ID, "type": group.Type},
		"from":  map[string]any{"id": alice.ID, "is_bot": false, "first_name": alice.FirstName},
		"photo": []map[string]any{{"file_id": fileID, "file_unique_id": "u" + fileID, "width": 1080, "height": 1350}},
	}, "entities": []map[string]any{{"type": "bot_command", "offset": 0, "length": 4}}})
	s := h.waitSent(1)[0]
	if s.ReplyToMessageID != mid || !strings.HasPrefix(s.Text, "🖼 Dibaca dari gambar.") || !strings.Contains(s.Text, "RISIKO TINGGI") {
		t.Errorf("/cek on an image: reply to %d %q", s.ReplyToMessageID, s.Text)
	}
	// An admin turns it on in /settings; then image posts are screened.
	h.srv.SetMember(group.ID, alice.ID, "administrator", false)
	h.srv.PushText(group, alice, "/settings")
	panel := h.waitSent(2)[1]
	if !hasButton(panel, func(b tgfake.Button) bool { return b.CallbackData == "set:img" && strings.Contains(b.Text, "MATI") }) {
		t.Fatalf("settings have no image button that is off: %+v", panel.Buttons)
	}
	h.srv.PushCallback(alice, tgfake.MsgRef{ChatID: group.ID, MessageID: panel.MessageID}, "set:img")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := h.srv.WaitCalls(ctx, "answerCallbackQuery", 1); err != nil {
		t.Fatal(err)
	}
	if on, err := h.st.ReadImages(ctx, group.ID); err != nil || !on {
		t.Fatalf("read images after the press: %v %v", on, err)
	}
	mid, _ = pushPhoto(h, group, alice, poster, "")
	s = h.waitSent(3)[2]
	if s.ReplyToMessageID != mid || !strings.Contains(s.Text, "RISIKO TINGGI") || !strings.Contains(s.Text, "Dibaca dari gambar") {
		t.Errorf("image post with images on: reply to %d %q", s.ReplyToMessageID, s.Text)
	}
	// A broken image posted in the group gets no reply there.
	h.srv.AddFile("BQgrpbad", "poster.jpg", ocrtest.NotAnImage())
	h.srv.PushDocument(group, alice, "BQgrpbad", "poster.jpg", "")
	h.settle()
	if n := len(h.srv.Sent()); n != 3 {
		t.Errorf("a broken image in the group was answered: %d messages", n)
	}
}

func TestFailedDownloadAsksToSendAgainOnce(t *testing.T) {
	reader := &fakeOCR{text: scamAd}
	h := newImageHarness(t, reader)
	h.srv.FailNext("downloadFile", 1, tgfake.Fault{Status: 404, Description: "Not Found"})
	mid, _ := pushPhoto(h, private, alice, ocrtest.Image(t, posterScam, ocrtest.Title), "")
	s := h.waitSent(1)[0]
	if s.ReplyToMessageID != mid || !strings.Contains(s.Text, "gagal membaca gambar ini") {
		t.Errorf("reply to %d: %q", s.ReplyToMessageID, s.Text)
	}
	h.settle()
	if n := len(h.srv.Sent()); n != 1 {
		t.Errorf("%d messages: a failed download must be answered once, not retried", n)
	}
}

func TestForwardedPosterNamesItsOrigin(t *testing.T) {
	h := newImageHarness(t, &fakeOCR{text: scamAd})
	channel := map[string]any{"id": -1001234, "type": "channel", "title": "Info Loker Luar Negeri"}
	date := time.Now().Add(-time.Hour).Unix()
	pushPhotoWith(h, private, alice, ocrtest.Image(t, posterScam, ocrtest.Title), map[string]any{
		"forward_origin":    map[string]any{"type": "channel", "chat": channel, "message_id": 77, "date": date},
		"forward_from_chat": channel, "forward_from_message_id": 77, "forward_date": date,
	})
	s := h.waitSent(1)[0]
	if !strings.HasPrefix(s.Text, "📨 Diteruskan dari: Info Loker Luar Negeri\n🖼 Teks ini saya baca dari gambar") || !strings.Contains(s.Text, "RISIKO TINGGI") {
		t.Errorf("reply:\n%s", s.Text)
	}
}
