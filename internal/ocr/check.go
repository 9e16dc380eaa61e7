package ocr

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	_ "image/jpeg" // registers the JPEG header reader for DecodeConfig
	_ "image/png"  // registers the PNG header reader for DecodeConfig

	_ "golang.org/x/image/webp" // registers the WebP header reader
)

// Bounds on what is accepted, checked before any pixel is decoded.
const (
	// MaxFileSize is the largest image file read (10 MB).
	MaxFileSize = 10 << 20
	// MaxPixels is the largest image read, in pixels (about 20 megapixels).
	MaxPixels = 20_000_000
	// maxSide bounds either side, so that a 1×20,000,000 strip is refused.
	maxSide = 20_000
)

// Info describes an image that passed Check.
type Info struct {
	// Format is "png", "jpeg" or "webp".
	Format        string
	Width, Height int
}

// Pixels is the image's pixel count.
func (i Info) Pixels() int { return i.Width * i.Height }

var (
	pngMagic  = []byte("\x89PNG\r\n\x1a\n")
	jpegMagic = []byte{0xff, 0xd8, 0xff}
	pngEnd    = []byte("IEND\xaeB`\x82")
	jpegEOI   = []byte{0xff, 0xd9}
	jpegSOS   = []byte{0xff, 0xda}
)

// Check inspects image bytes without decoding pixels: it refuses files
// over MaxFileSize, anything that is not a PNG, JPEG or WebP whatever its
// name, images whose header is broken, images of more than MaxPixels (a
// decompression bomb declares huge dimensions in a tiny file), and
// truncated files. The error is an *Error.
func Check(data []byte) (Info, error) {
	if len(data) > MaxFileSize {
		return Info{}, errorf(TooBig, "file of %.1f MB, more than the %d MB allowed", float64(len(data))/(1<<20), MaxFileSize>>20)
	}
	format := sniff(data)
	if format == "" {
		return Info{}, errorf(NotImage, "not a PNG, JPEG or WebP image")
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return Info{}, errorf(Damaged, "%s header unreadable: %v", format, err)
	}
	info := Info{Format: format, Width: cfg.Width, Height: cfg.Height}
	if info.Width <= 0 || info.Height <= 0 {
		return info, errorf(Damaged, "%s image of %d×%d pixels", format, info.Width, info.Height)
	}
	if info.Width > maxSide || info.Height > maxSide || info.Width*info.Height > MaxPixels {
		return info, errorf(TooManyPixels, "%d×%d pixels (%.0f megapixels), more than the %d allowed",
			info.Width, info.Height, float64(info.Width)*float64(info.Height)/1e6, MaxPixels/1_000_000)
	}
	if !complete(format, data) {
		return info, errorf(Damaged, "%s file is truncated (its end is missing)", format)
	}
	return info, nil
}

// sniff names the format from the magic bytes, ignoring any file name.
func sniff(data []byte) string {
	switch {
	case bytes.HasPrefix(data, pngMagic):
		return "png"
	case bytes.HasPrefix(data, jpegMagic):
		return "jpeg"
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return "webp"
	}
	return ""
}

// complete reports whether the file has its end: a PNG its IEND chunk, a
// JPEG an end-of-image marker after the start of its scan data, a WebP all
// the bytes its RIFF header announces.
func complete(format string, data []byte) bool {
	switch format {
	case "png":
		return bytes.Contains(data[max(0, len(data)-64):], pngEnd)
	case "jpeg":
		sos := bytes.Index(data, jpegSOS)
		return sos >= 0 && bytes.LastIndex(data, jpegEOI) > sos
	case "webp":
		size := binary.LittleEndian.Uint32(data[4:8])
		return uint64(len(data)) >= 8+uint64(size)
	}
	return false
}

// Kind classifies why an image was not read.
type Kind string

// The kinds of Error.
const (
	TooBig        Kind = "too_big"         // file over MaxFileSize
	TooManyPixels Kind = "too_many_pixels" // over MaxPixels (or a bomb)
	NotImage      Kind = "not_image"       // not PNG, JPEG or WebP
	Damaged       Kind = "damaged"         // broken header or truncated
	Unavailable   Kind = "unavailable"     // tesseract is not installed
	Timeout       Kind = "timeout"         // OCR took longer than allowed
	Busy          Kind = "busy"            // waited too long for a free slot
	Failed        Kind = "failed"          // tesseract failed (e.g. memory limit)
)

// Error is why an image was not read.
type Error struct {
	Kind   Kind
	Detail string
}

func (e *Error) Error() string { return "image: " + e.Detail }

func errorf(k Kind, format string, args ...any) *Error {
	return &Error{Kind: k, Detail: fmt.Sprintf(format, args...)}
}
