package ocrtest

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"sync"
)

// Hostile images, for the checks that must refuse them with a clear
// message.

// Huge is a real PNG of w×h grey pixels (e.g. 8660×5774, 50 megapixels);
// it compresses to a small file but decoding it would take w·h bytes or
// more. It is written row by row, without holding the pixels.
func Huge(w, h int) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8] = 8 // bits per sample; colour type 0 (grey), no interlace
	chunk(&buf, "IHDR", ihdr)
	var z bytes.Buffer
	zw, err := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	if err != nil {
		return nil, err
	}
	row := bytes.Repeat([]byte{0xf0}, w+1)
	row[0] = 0 // filter: none
	for range h {
		if _, err := zw.Write(row); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	chunk(&buf, "IDAT", z.Bytes())
	chunk(&buf, "IEND", nil)
	return buf.Bytes(), nil
}

// chunk writes a PNG chunk: length, type, data, CRC of type and data.
func chunk(buf *bytes.Buffer, typ string, data []byte) {
	_ = binary.Write(buf, binary.BigEndian, uint32(len(data)))
	start := buf.Len()
	buf.WriteString(typ)
	buf.Write(data)
	_ = binary.Write(buf, binary.BigEndian, crc32.ChecksumIEEE(buf.Bytes()[start:]))
}

// Bomb is a decompression bomb: a PNG of a few hundred bytes whose header
// declares 100,000 × 100,000 pixels (10 gigapixels, gigabytes once
// decoded).
func Bomb() []byte {
	var buf bytes.Buffer
	_ = png.Encode(&buf, image.NewGray(image.Rect(0, 0, 8, 8)))
	b := buf.Bytes()
	// IHDR data starts after the 8-byte signature, 4-byte length and
	// 4-byte type; its CRC covers type and data (17 bytes).
	binary.BigEndian.PutUint32(b[16:], 100_000)
	binary.BigEndian.PutUint32(b[20:], 100_000)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// Truncated is the first half of a JPEG poster of text, as a download cut
// short leaves it.
func Truncated(text string) ([]byte, error) {
	b, err := Render(text, JPEG)
	if err != nil {
		return nil, err
	}
	return b[:len(b)/2], nil
}

// NotAnImage is what a file named "poster.jpg" may hold instead: text.
func NotAnImage() []byte {
	return []byte("%PDF-1.4\nnot an image at all, whatever its name says\n")
}

// Case is a hostile image and the ocr.Kind of error it must get.
type Case struct {
	Name string
	Data []byte
	Kind string
}

var (
	hostileOnce  sync.Once
	hostileCases []Case
	hostileErr   error
)

// Hostile are the hostile images of the bar: a 50-megapixel PNG,
// a decompression bomb, a truncated JPEG and a non-image named like one.
// They are made once per process (compressing 50 megapixels takes
// seconds under the race detector); callers must not change them.
func Hostile() ([]Case, error) {
	hostileOnce.Do(func() { hostileCases, hostileErr = hostile() })
	return hostileCases, hostileErr
}

func hostile() ([]Case, error) {
	huge, err := Huge(8660, 5774)
	if err != nil {
		return nil, err
	}
	trunc, err := Truncated("LOKER ADMIN KAMBOJA\nGaji 15 juta, tiket ditanggung, berangkat minggu depan.")
	if err != nil {
		return nil, err
	}
	return []Case{
		{"50mp.png", huge, "too_many_pixels"},
		{"bomb.png", Bomb(), "too_many_pixels"},
		{"cut.jpg", trunc, "damaged"},
		{"poster.jpg", NotAnImage(), "not_image"},
	}, nil
}
