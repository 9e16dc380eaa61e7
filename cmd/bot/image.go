package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/cekloker/cekloker/internal/ocr"
	"github.com/cekloker/cekloker/internal/reply"
	"github.com/cekloker/cekloker/internal/screen"
)

// imageVerdict is `bot screen --image --json`: the verdict's fields, and
// what was read from the image.
type imageVerdict struct {
	reply.JSONVerdict
	Image imageText `json:"image"`
}

type imageText struct {
	File    string `json:"file"`
	OCRText string `json:"ocr_text"`
	Caption string `json:"caption,omitempty"`
}

// screenImage reads the text in an image with OCR, joins it with the
// caption (the other arguments, a file or stdin "-", if any) and screens
// it. An image that cannot be read is a failure with a one-line reason.
func screenImage(eng *screen.Engine, path string, pos []string, stdin io.Reader, stdout io.Writer, lang string, asJSON bool) error {
	data, err := readImage(path)
	if err != nil {
		return err
	}
	opt, err := ocrOptions(os.Getenv)
	if err != nil {
		return err
	}
	r := ocr.New(opt)
	if !r.Available() {
		return fmt.Errorf("cannot read images here: %s; give the ad's text instead", r.Status())
	}
	text, err := r.Read(context.Background(), data)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	caption := ""
	if len(pos) > 0 {
		if caption, err = screenInput(pos, stdin); err != nil {
			return err
		}
	}
	if text == "" && caption == "" {
		return fmt.Errorf("%s: no readable text in the image; give the ad's text instead", path)
	}
	v := eng.Screen(ocr.Join(caption, text))
	if asJSON {
		return writeJSON(stdout, imageVerdict{JSONVerdict: reply.JSON(v, eng.Rules(), lang), Image: imageText{File: path, OCRText: text, Caption: caption}})
	}
	_, err = io.WriteString(stdout, reply.FromImagePlain(text, lang)+"\n"+reply.Plain(v, eng.Rules(), lang))
	return err
}

// readImage reads an image file of at most ocr.MaxFileSize bytes.
func readImage(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > ocr.MaxFileSize {
		return nil, fmt.Errorf("%s: %w", path, &ocr.Error{Kind: ocr.TooBig,
			Detail: fmt.Sprintf("file of %.1f MB, more than the %d MB allowed", float64(st.Size())/(1<<20), ocr.MaxFileSize>>20)})
	}
	data, err := io.ReadAll(io.LimitReader(f, ocr.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return data, nil
}

// ocrOptions are the OCR settings from the environment: BOT_OCR_TIMEOUT
// (a duration, default 10s) bounds one image, for slow machines.
func ocrOptions(getenv func(string) string) (ocr.Options, error) {
	var opt ocr.Options
	if v := strings.TrimSpace(getenv("BOT_OCR_TIMEOUT")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return opt, usagef("BOT_OCR_TIMEOUT must be a duration such as 10s, not %q", v)
		}
		opt.Timeout = d
	}
	return opt, nil
}

// newImageReader is the bot's OCR, configured from the environment; it
// logs whether images can be read.
func newImageReader(getenv func(string) string, log *slog.Logger) (*ocr.Reader, error) {
	opt, err := ocrOptions(getenv)
	if err != nil {
		return nil, err
	}
	r := ocr.New(opt)
	if r.Available() {
		log.Info("ocr: images are read with tesseract", "jobs", r.Jobs())
	} else {
		log.Warn("ocr: images cannot be read here; the bot asks for the text", "reason", r.Status())
	}
	return r, nil
}
