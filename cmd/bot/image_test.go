package main

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/ocr/ocrtest"
	"github.com/cekloker/cekloker/internal/ops"
)

// writeImage renders text in a layout into a file in a temporary folder.
func writeImage(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const posterAd = "LOKER ADMIN KAMBOJA\nGaji 15 juta, tiket pesawat ditanggung, berangkat minggu depan.\nCukup pakai visa turis. Hubungi WA 0812 3456 7890"

func TestScreenImageJSON(t *testing.T) {
	t.Setenv("BOT_OCR_TIMEOUT", "60s") // the test machine may be busy
	img := writeImage(t, "poster.png", ocrtest.Image(t, posterAd, ocrtest.Colour))
	code, out, errs := run(t, "", "screen", "--json", "--image", img, "lowongan dari grup FB")
	if code != 0 {
		t.Fatalf("exit %d: %s (needs apt-get install tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng)", code, errs)
	}
	var v struct {
		Level string `json:"level"`
		Hits  []struct{ Rule, Match string }
		Image struct {
			File    string `json:"file"`
			OCRText string `json:"ocr_text"`
			Caption string `json:"caption"`
		} `json:"image"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if v.Level != "high" || v.Image.File != img || v.Image.Caption != "lowongan dari grup FB" {
		t.Errorf("verdict %+v", v)
	}
	if !strings.Contains(strings.ToLower(v.Image.OCRText), "visa turis") {
		t.Errorf("OCR text %q", v.Image.OCRText)
	}
	quoted := false
	for _, h := range v.Hits {
		quoted = quoted || strings.Contains(strings.ToLower(v.Image.OCRText), strings.ToLower(h.Match))
	}
	if !quoted {
		t.Errorf("no hit quotes the OCR'd text: %+v", v.Hits)
	}
}

func TestScreenImageSaysItWasReadFromTheImage(t *testing.T) {
	t.Setenv("BOT_OCR_TIMEOUT", "60s")
	img := writeImage(t, "chat.png", ocrtest.Image(t, posterAd, ocrtest.Chat))
	code, out, errs := run(t, "", "screen", "--lang", "en", "--image", img)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(out, "I read this text from the image (OCR)") || !strings.Contains(out, "HIGH RISK") {
		t.Errorf("output:\n%s", out)
	}
}

func TestScreenImageRefusesHostileFiles(t *testing.T) {
	cases, err := ocrtest.Hostile()
	if err != nil {
		t.Fatal(err)
	}
	says := map[string]string{"too_many_pixels": "megapixels), more than the 20 allowed", "damaged": "truncated", "not_image": "not a PNG, JPEG or WebP image"}
	for _, tc := range cases {
		code, out, errs := run(t, "", "screen", "--image", writeImage(t, tc.Name, tc.Data))
		if code != exitFailure || out != "" || !strings.Contains(errs, says[tc.Kind]) || strings.Count(errs, "\n") != 1 {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 1 and one line saying %q", tc.Name, code, out, errs, says[tc.Kind])
		}
	}
	if code, _, errs := run(t, "", "screen", "--jsonl", "--image", "x.png"); code != exitUsage {
		t.Errorf("--jsonl --image: exit %d %s", code, errs)
	}
	t.Setenv("BOT_OCR_TIMEOUT", "soon")
	if code, _, errs := run(t, "", "screen", "--image", writeImage(t, "p.png", ocrtest.Image(t, posterAd, ocrtest.Title))); code != exitUsage || !strings.Contains(errs, "BOT_OCR_TIMEOUT") {
		t.Errorf("bad BOT_OCR_TIMEOUT: exit %d %s", code, errs)
	}
}

func TestScreenImageWithoutTesseract(t *testing.T) {
	t.Setenv("BOT_TESSERACT", "no-such-tesseract")
	img := writeImage(t, "poster.png", ocrtest.Image(t, posterAd, ocrtest.Title))
	code, _, errs := run(t, "", "screen", "--image", img)
	if code != exitFailure || !strings.Contains(errs, "cannot read images here") || !strings.Contains(errs, "tesseract-ocr") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

func TestHealthcheckSaysWhetherImagesCanBeRead(t *testing.T) {
	h := ops.NewHealth(nil, time.Now, time.Now)
	h.SetOCR(func() string {
		return "tesseract not found (install tesseract-ocr, tesseract-ocr-ind and tesseract-ocr-eng)"
	})
	srv := httptest.NewServer(ops.Handler(ops.NewMetrics(), h))
	defer srv.Close()
	t.Setenv("BOT_HTTP_ADDR", strings.TrimPrefix(srv.URL, "http://"))
	code, out, errs := run(t, "", "healthcheck")
	if code != exitOK || out != "healthy; ocr: tesseract not found (install tesseract-ocr, tesseract-ocr-ind and tesseract-ocr-eng)\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
}
