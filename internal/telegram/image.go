package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/ocr"
	"github.com/cekloker/cekloker/internal/reply"
)

// ImageReader reads the text in an image (an *ocr.Reader).
type ImageReader interface {
	// Available reports whether images can be read here.
	Available() bool
	// ReadFrom gets the image with fetch when it may hold it (so that
	// only a few are held at once) and returns the text in it; errors
	// about the image are *ocr.Error, fetch's errors are returned as they
	// are.
	ReadFrom(ctx context.Context, fetch func(context.Context) ([]byte, error)) (string, error)
}

// downloadTimeout bounds the download of one image.
const downloadTimeout = 30 * time.Second

// picture is an image attached to a message.
type picture struct {
	fileID string
	size   int
}

// imageOf is the image in m to read: the largest photo size within the
// pixel cap, or a document that is a PNG, JPEG or WebP image (by MIME
// type or name; what it really is gets checked after the download).
func imageOf(m *tgbotapi.Message) *picture {
	if m == nil {
		return nil
	}
	var best *tgbotapi.PhotoSize
	for i := range m.Photo {
		p := &m.Photo[i]
		if p.Width*p.Height > ocr.MaxPixels {
			continue
		}
		if best == nil || p.Width*p.Height > best.Width*best.Height {
			best = p
		}
	}
	if best != nil {
		return &picture{fileID: best.FileID, size: best.FileSize}
	}
	if len(m.Photo) > 0 {
		// Every size is over the cap: take the smallest, Check refuses it
		// with a clear message.
		return &picture{fileID: m.Photo[0].FileID, size: m.Photo[0].FileSize}
	}
	if d := m.Document; d != nil && isImageDoc(d) {
		return &picture{fileID: d.FileID, size: d.FileSize}
	}
	return nil
}

func isImageDoc(d *tgbotapi.Document) bool {
	switch strings.ToLower(d.MimeType) {
	case "image/png", "image/jpeg", "image/jpg", "image/webp":
		return true
	}
	switch strings.ToLower(path.Ext(d.FileName)) {
	case ".png", ".jpg", ".jpeg", ".webp":
		return true
	}
	return false
}

// imageText is what an image gave: the text to screen (caption and OCR
// text joined) and the note that goes above the verdict; or, when there is
// nothing to screen, the message that explains why.
type imageText struct {
	text, ocrText, note, problem string
}

// readImage downloads the picture and reads its text. Problems with the
// image (too big, not an image, no text, OCR unavailable) are not errors:
// they become the problem message, or a note above the verdict of the
// caption when there is one.
func (b *Bot) readImage(ctx context.Context, pic *picture, caption, lang string) (imageText, error) {
	caption = strings.TrimSpace(caption)
	start := time.Now()
	outcome, it, err := b.ocrImage(ctx, pic, lang)
	if b.hooks.Image != nil && ctx.Err() == nil {
		b.hooks.Image(outcome, time.Since(start))
	}
	if err != nil {
		return it, err
	}
	if it.ocrText != "" {
		it.text, it.note = ocr.Join(caption, it.ocrText), reply.FromImage(it.ocrText, lang)
		return it, nil
	}
	if caption != "" {
		it.text, it.note, it.problem = caption, "⚠️ "+it.problem, ""
	}
	return it, nil
}

// ocrImage downloads and reads the picture; it names the outcome for
// metrics.
func (b *Bot) ocrImage(ctx context.Context, pic *picture, lang string) (string, imageText, error) {
	if b.images == nil || !b.images.Available() {
		return string(ocr.Unavailable), imageText{problem: reply.OCRUnavailable(lang)}, nil
	}
	if pic.size > ocr.MaxFileSize {
		return string(ocr.TooBig), imageText{problem: reply.ImageProblem(string(ocr.TooBig), lang)}, nil
	}
	text, err := b.images.ReadFrom(ctx, func(ctx context.Context) ([]byte, error) {
		return b.download(ctx, pic.fileID, ocr.MaxFileSize)
	})
	var oe *ocr.Error
	switch {
	case errors.As(err, &oe):
		b.log.Info("telegram: image not read", "kind", oe.Kind, "reason", oe.Detail)
		return string(oe.Kind), imageText{problem: reply.ImageProblem(string(oe.Kind), lang)}, nil
	case err != nil && ctx.Err() != nil:
		return "error", imageText{}, ctx.Err() // shutdown: handled again after restart
	case err != nil:
		// The download failed (or took too long): the user is asked to
		// send it again, rather than the update being retried forever.
		b.log.Warn("telegram: image download failed", "error", redact(err, b.cfg.Token))
		return "download_failed", imageText{problem: reply.ImageProblem(string(ocr.Failed), lang)}, nil
	case strings.TrimSpace(text) == "":
		return "no_text", imageText{problem: reply.NoTextInImage(lang)}, nil
	}
	return "ok", imageText{ocrText: text}, nil
}

// download fetches a file from the Bot API's file endpoint (see FetchFile),
// refusing files over limit bytes with an ocr.TooBig error.
func (b *Bot) download(ctx context.Context, fileID string, limit int) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, downloadTimeout)
	defer cancel()
	tooBig := &ocr.Error{Kind: ocr.TooBig, Detail: fmt.Sprintf("file over %d MB", limit>>20)}
	resp, err := b.send.Request(ctx, tgbotapi.FileConfig{FileID: fileID})
	if err != nil {
		if strings.Contains(err.Error(), "file is too big") {
			return nil, tooBig
		}
		return nil, fmt.Errorf("telegram: getFile: %w", err)
	}
	var f tgbotapi.File
	if err := json.Unmarshal(resp.Result, &f); err != nil {
		return nil, fmt.Errorf("telegram: getFile: %w", err)
	}
	if f.FileSize > limit {
		return nil, tooBig
	}
	res, err := b.send.FetchFile(ctx, f.FilePath)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("telegram: download: HTTP %d", res.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(res.Body, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("telegram: download: %s", redact(err, b.cfg.Token))
	}
	if len(data) > limit {
		return nil, tooBig
	}
	return data, nil
}

// answerImage answers a message with an image: in a private chat with
// the full verdict (under the forward's origin, if any), in a group with
// the compact one (always, for /cek; quietly skipping problems otherwise).
func (b *Bot) answerImage(ctx context.Context, m *tgbotapi.Message, pic *picture, source, lang, origin string, group *groupContext, edited bool) error {
	it, err := b.readImage(ctx, pic, messageText(m), lang)
	if err != nil {
		return err
	}
	if it.problem != "" {
		if group != nil && !group.always {
			return nil // a group post: stay quiet
		}
		return b.say(ctx, m.Chat.ID, m.MessageID, it.problem)
	}
	if group != nil {
		if it.ocrText != "" {
			it.note = reply.FromImageShort(lang)
		}
		return b.answerCompactNote(ctx, m, source, it.text, lang, group.gs, group.always, edited, it.note)
	}
	if origin != "" {
		it.note = reply.Forwarded(origin, lang) + "\n" + it.note
	}
	return b.answerFullNote(ctx, m, source, it.text, lang, it.note, edited)
}
