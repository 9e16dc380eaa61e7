package ocr_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/ocr"
	"github.com/cekloker/cekloker/internal/ocr/ocrtest"
)

// installHint is what a machine without OCR needs (.ci/run installs it).
const installHint = "apt-get install tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng fonts-dejavu-core fonts-liberation"

// reader is a real Tesseract reader; the test fails, saying what to
// install, when there is none.
func reader(t testing.TB, opt ocr.Options) *ocr.Reader {
	t.Helper()
	r := ocr.New(opt)
	if !r.Available() {
		t.Fatalf("OCR unavailable (%s): %s", r.Status(), installHint)
	}
	return r
}

const sample = "LOKER KAMBOJA GAJI 15JT\nDicari admin chat, tiket pesawat ditanggung.\nBerangkat minggu depan, hubungi WA 0812 3456 7890"

func kindOf(err error) ocr.Kind {
	var e *ocr.Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return ""
}

func TestCheckRefusesHostileImagesBeforeDecoding(t *testing.T) {
	hostile, err := ocrtest.Hostile()
	if err != nil {
		t.Fatal(err)
	}
	huge := hostile[0].Data // 8660×5774: 50 megapixels
	trunc, err := ocrtest.Truncated(sample)
	if err != nil {
		t.Fatal(err)
	}
	big := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, ocr.MaxFileSize)...)
	for _, tc := range []struct {
		name string
		data []byte
		kind ocr.Kind
		says string
	}{
		{"50 megapixels", huge, ocr.TooManyPixels, "50 megapixels"},
		{"decompression bomb", ocrtest.Bomb(), ocr.TooManyPixels, "100000×100000"},
		{"truncated JPEG", trunc, ocr.Damaged, "truncated"},
		{"not an image", ocrtest.NotAnImage(), ocr.NotImage, "not a PNG, JPEG or WebP"},
		{"over 10 MB", big, ocr.TooBig, "more than the 10 MB"},
		{"empty", nil, ocr.NotImage, "not a PNG"},
		{"PNG header only", []byte("\x89PNG\r\n\x1a\n"), ocr.Damaged, "header unreadable"},
		{"WebP cut short", webpHeader(640, 480, 4000), ocr.Damaged, "truncated"},
		{"WebP bomb", webpHeader(16000, 16000, 0), ocr.TooManyPixels, "256 megapixels"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ocr.Check(tc.data)
			if kindOf(err) != tc.kind || !strings.Contains(err.Error(), tc.says) {
				t.Fatalf("Check = %v (kind %q), want kind %q saying %q", err, kindOf(err), tc.kind, tc.says)
			}
		})
	}
	if len(huge) > 1<<20 {
		t.Errorf("the 50-megapixel PNG is %d bytes: it should be small, like the attack", len(huge))
	}
}

// webpHeader is a lossless WebP header for w×h pixels announcing extra
// bytes of data that are not there.
func webpHeader(w, h, extra int) []byte {
	bits := uint32(w-1) | uint32(h-1)<<14
	vp8l := []byte{0x2f, byte(bits), byte(bits >> 8), byte(bits >> 16), byte(bits >> 24)}
	chunk := append([]byte("VP8L"), le32(len(vp8l)+extra)...)
	chunk = append(chunk, vp8l...)
	body := append([]byte("WEBP"), chunk...)
	return append(append([]byte("RIFF"), le32(len(body)+extra)...), body...)
}

func le32(n int) []byte { return []byte{byte(n), byte(n >> 8), byte(n >> 16), byte(n >> 24)} }

func TestCheckAcceptsPosters(t *testing.T) {
	for _, l := range ocrtest.Layouts {
		info, err := ocr.Check(ocrtest.Image(t, sample, l))
		if err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		if info.Width != 1080 || info.Pixels() < 1080*1350 {
			t.Errorf("%s: %+v", l, info)
		}
	}
}

func TestReadFindsThePosterText(t *testing.T) {
	r := reader(t, ocr.Options{Timeout: time.Minute})
	for _, l := range []ocrtest.Layout{ocrtest.Title, ocrtest.Chat, ocrtest.JPEG} {
		text, err := r.Read(context.Background(), ocrtest.Image(t, sample, l))
		if err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		low := strings.ToLower(text)
		for _, want := range []string{"kamboja", "tiket pesawat ditanggung", "0812 3456 7890"} {
			if !strings.Contains(low, want) {
				t.Errorf("%s: %q not in OCR text:\n%s", l, want, text)
			}
		}
	}
}

// TestReadWebP reads testdata/poster.webp (the colour layout of sample,
// converted with cwebp -q 60: Go has no WebP encoder).
func TestReadWebP(t *testing.T) {
	data, err := os.ReadFile("testdata/poster.webp")
	if err != nil {
		t.Fatal(err)
	}
	info, err := ocr.Check(data)
	if err != nil || info.Format != "webp" || info.Width != 1080 || info.Height != 1350 {
		t.Fatalf("Check = %+v, %v", info, err)
	}
	text, err := reader(t, ocr.Options{Timeout: time.Minute}).Read(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	if low := strings.ToLower(text); !strings.Contains(low, "kamboja") || !strings.Contains(low, "tiket pesawat ditanggung") {
		t.Errorf("OCR text:\n%s", text)
	}
	if _, err := ocr.Check(data[:len(data)-100]); kindOf(err) != ocr.Damaged {
		t.Errorf("a WebP cut short: %v", err)
	}
}

func TestReadRefusesHostileImagesWithoutRunningTesseract(t *testing.T) {
	r := ocr.New(ocr.Options{Command: fakeTesseract(t, "echo should-not-run")})
	_, err := r.Read(context.Background(), ocrtest.Bomb())
	if kindOf(err) != ocr.TooManyPixels {
		t.Fatalf("bomb: %v", err)
	}
}

// fakeTesseract writes a stand-in for tesseract that lists the languages
// and otherwise runs body.
func fakeTesseract(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "tesseract")
	script := "#!/bin/sh\nif [ \"$1\" = --list-langs ]; then echo 'List of available languages (3):'; echo eng; echo ind; echo osd; exit 0; fi\n" + body + "\n"
	if err := os.WriteFile(p, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestUnavailableSaysWhatToInstall(t *testing.T) {
	r := ocr.New(ocr.Options{Command: "no-such-tesseract-here"})
	if r.Available() {
		t.Fatal("available without tesseract")
	}
	if !strings.Contains(r.Status(), "tesseract-ocr-ind") {
		t.Errorf("status %q does not say what to install", r.Status())
	}
	_, err := r.Read(context.Background(), ocrtest.Image(t, sample, ocrtest.Title))
	if kindOf(err) != ocr.Unavailable {
		t.Fatalf("Read = %v, want unavailable", err)
	}
	missing := ocr.New(ocr.Options{Command: fakeTesseract(t, "exit 0"), Langs: "ind+tha"})
	if missing.Available() || !strings.Contains(missing.Status(), "tesseract-ocr-tha") {
		t.Errorf("a missing language: available=%v status %q", missing.Available(), missing.Status())
	}
}

func TestTimeoutKillsTheChild(t *testing.T) {
	r := ocr.New(ocr.Options{Command: fakeTesseract(t, "sleep 30"), Timeout: 300 * time.Millisecond})
	start := time.Now()
	_, err := r.Read(context.Background(), ocrtest.Image(t, sample, ocrtest.Title))
	if kindOf(err) != ocr.Timeout {
		t.Fatalf("Read = %v, want a timeout", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("Read returned after %s: the child was not stopped", took)
	}
}

func TestMemoryLimitStopsTesseract(t *testing.T) {
	reader(t, ocr.Options{})
	r := ocr.New(ocr.Options{MemoryLimit: 16 << 20})
	_, err := r.Read(context.Background(), ocrtest.Image(t, sample, ocrtest.Title))
	if kindOf(err) != ocr.Failed {
		t.Fatalf("Read with a 16 MB limit = %v, want a failure", err)
	}
}

func TestAtMostJobsRunAtOnce(t *testing.T) {
	dir := t.TempDir()
	// Each run leaves a marker while it works and prints how many markers
	// it saw.
	body := "m=" + dir + "/$$; touch $m; n=$(ls " + dir + " | wc -l); sleep 0.2; rm $m; echo running $n"
	r := ocr.New(ocr.Options{Command: fakeTesseract(t, body), Jobs: 2})
	img := ocrtest.Image(t, sample, ocrtest.Title)
	var wg sync.WaitGroup
	seen := make([]int, 6)
	for i := range seen {
		wg.Add(1)
		go func() {
			defer wg.Done()
			text, err := r.Read(context.Background(), img)
			if err != nil {
				t.Error(err)
				return
			}
			seen[i], _ = strconv.Atoi(strings.TrimPrefix(text, "running "))
		}()
	}
	wg.Wait()
	for _, n := range seen {
		if n < 1 || n > 2 {
			t.Fatalf("runs saw %v others at once, want 1 or 2", seen)
		}
	}
}

func TestBusyWhenTheQueueIsTooLong(t *testing.T) {
	r := ocr.New(ocr.Options{Command: fakeTesseract(t, "sleep 1; echo done"), Jobs: 1, QueueTimeout: 100 * time.Millisecond})
	img := ocrtest.Image(t, sample, ocrtest.Title)
	first := make(chan error)
	go func() { _, err := r.Read(context.Background(), img); first <- err }()
	time.Sleep(200 * time.Millisecond)
	_, err := r.Read(context.Background(), img)
	if kindOf(err) != ocr.Busy {
		t.Errorf("second Read = %v, want busy", err)
	}
	if err := <-first; err != nil {
		t.Errorf("first Read: %v", err)
	}
}

func TestTidy(t *testing.T) {
	in := "  LOKER   KAMBOJA \n\n\n|  —\n  gaji 15jt, hub WA 0812\n3456 7890\n\n\n\nPT Maju  "
	if got, want := ocr.Tidy(in), "LOKER KAMBOJA\n\ngaji 15jt, hub WA 0812 3456 7890\n\nPT Maju"; got != want {
		t.Errorf("Tidy = %q, want %q", got, want)
	}
}
