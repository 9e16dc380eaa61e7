// Package ocrtest draws job-ad text as the images people share — designed
// posters and phone screenshots of a chat — so that OCR can be tested
// against text whose ground truth is known. It uses Debian's DejaVu and
// Liberation fonts (packages fonts-dejavu-core and fonts-liberation).
package ocrtest

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"strings"
	"sync"
	"testing"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/f64"
	"golang.org/x/image/math/fixed"
)

// Layout is a way of drawing an ad.
type Layout string

// The layouts.
const (
	Title   Layout = "title"   // big bold title, body below, white
	Colour  Layout = "colour"  // light text on a coloured background
	Columns Layout = "columns" // title across, body in two columns
	Chat    Layout = "chat"    // phone screenshot of a chat, in bubbles
	Rotated Layout = "rotated" // the title layout turned by 1.5°
	JPEG    Layout = "jpeg"    // the colour layout as a JPEG of quality 60
)

// Layouts lists every layout.
var Layouts = []Layout{Title, Colour, Columns, Chat, Rotated, JPEG}

// Poster size: Instagram's portrait format, common for job posters.
const (
	PosterWidth  = 1080
	PosterHeight = 1350
)

// fontFiles are the Debian font files used.
var fontFiles = map[string][]string{
	"regular": {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"},
	"bold":    {"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"},
}

var (
	fontsOnce sync.Once
	fonts     map[string]*opentype.Font
	fontsErr  error
)

func loadFonts() (map[string]*opentype.Font, error) {
	fontsOnce.Do(func() {
		fonts = map[string]*opentype.Font{}
		for style, paths := range fontFiles {
			for _, p := range paths {
				data, err := os.ReadFile(p)
				if err != nil {
					continue
				}
				f, err := opentype.Parse(data)
				if err != nil {
					fontsErr = fmt.Errorf("ocrtest: %s: %w", p, err)
					return
				}
				fonts[style] = f
				break
			}
			if fonts[style] == nil {
				fontsErr = fmt.Errorf("ocrtest: no %s font in %v: apt-get install fonts-dejavu-core fonts-liberation", style, paths)
				return
			}
		}
	})
	return fonts, fontsErr
}

// face is a font face of a style and pixel size.
func face(style string, size float64) (font.Face, error) {
	fs, err := loadFonts()
	if err != nil {
		return nil, err
	}
	return opentype.NewFace(fs[style], &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
}

// Drawable is text reduced to what the fonts can draw: emoji and other
// symbols without a glyph are dropped, so the ground truth of an image is
// Drawable(text).
func Drawable(text string) string {
	f, err := face("regular", 12)
	if err != nil {
		return text
	}
	defer f.Close()
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == ' ' {
			return r
		}
		if _, ok := f.GlyphAdvance(r); !ok || r == '\ufe0f' {
			return -1
		}
		return r
	}, text)
}

// Image renders text in layout l for a test or benchmark: an error (the
// fonts are not installed) fails t.
func Image(t testing.TB, text string, l Layout) []byte {
	t.Helper()
	b, err := Render(text, l)
	if err != nil {
		t.Fatalf("render %s: %v", l, err)
	}
	return b
}

// Render draws text in a layout and returns the encoded image (PNG, or
// JPEG for the JPEG layout).
func Render(text string, l Layout) ([]byte, error) {
	var img image.Image
	var err error
	switch l {
	case Title:
		img, err = poster(text, white, dark, color.RGBA{0xc6, 0x28, 0x28, 0xff}, 1)
	case Colour, JPEG:
		img, err = poster(text, color.RGBA{0x0d, 0x47, 0xa1, 0xff}, white, color.RGBA{0xff, 0xeb, 0x3b, 0xff}, 1)
	case Columns:
		img, err = poster(text, color.RGBA{0xff, 0xf8, 0xe1, 0xff}, dark, color.RGBA{0x1b, 0x5e, 0x20, 0xff}, 2)
	case Chat:
		img, err = chat(text)
	case Rotated:
		img, err = poster(text, white, dark, color.RGBA{0xc6, 0x28, 0x28, 0xff}, 1)
		if err == nil {
			img = rotate(img, 1.5)
		}
	default:
		return nil, fmt.Errorf("ocrtest: unknown layout %q", l)
	}
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if l == JPEG {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 60})
	} else {
		err = png.Encode(&buf, img)
	}
	return buf.Bytes(), err
}

var (
	white = color.RGBA{0xff, 0xff, 0xff, 0xff}
	dark  = color.RGBA{0x21, 0x21, 0x21, 0xff}
)

// poster draws the first line as a big bold title and the rest as body
// text in cols columns, shrinking the body font until it fits.
func poster(text string, bg, fg, accent color.Color, cols int) (image.Image, error) {
	img := image.NewRGBA(image.Rect(0, 0, PosterWidth, PosterHeight))
	draw.Draw(img, img.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	title, body := splitTitle(strings.TrimSpace(Drawable(text)))
	const margin = 60
	y := margin
	tf, err := face("bold", 64)
	if err != nil {
		return nil, err
	}
	defer tf.Close()
	for _, line := range wrap(tf, strings.TrimSpace(title), PosterWidth-2*margin) {
		y += 72
		drawText(img, tf, accent, margin, y, line)
	}
	y += 40
	gap := 40
	colW := (PosterWidth - 2*margin - (cols-1)*gap) / cols
	for size := 38.0; ; size -= 2 {
		bf, err := face("regular", size)
		if err != nil {
			return nil, err
		}
		lineH := int(size * 1.35)
		var lines []string
		for _, para := range strings.Split(body, "\n") {
			lines = append(lines, wrap(bf, strings.TrimSpace(para), colW)...)
		}
		perCol := (PosterHeight - margin - y) / lineH
		if len(lines) <= perCol*cols || size <= 20 {
			for i, line := range lines {
				c, row := i/max(perCol, 1), i%max(perCol, 1)
				if c >= cols {
					break
				}
				drawText(img, bf, fg, margin+c*(colW+gap), y+(row+1)*lineH, line)
			}
			bf.Close()
			return img, nil
		}
		bf.Close()
	}
}

// splitTitle takes the first line as the title, or its first five words
// when the line is long.
func splitTitle(text string) (title, body string) {
	title, body, _ = strings.Cut(text, "\n")
	if w := strings.Fields(title); len(title) > 60 && len(w) > 5 {
		title = strings.Join(w[:5], " ")
		body = strings.TrimSpace(strings.Join(w[5:], " ") + "\n" + body)
	}
	return title, body
}

// wrap breaks text into lines no wider than width pixels.
func wrap(f font.Face, text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		try := strings.TrimSpace(line + " " + w)
		if line != "" && font.MeasureString(f, try).Ceil() > width {
			lines = append(lines, line)
			line = w
			continue
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

func drawText(dst draw.Image, f font.Face, c color.Color, x, y int, s string) {
	d := font.Drawer{Dst: dst, Src: image.NewUniform(c), Face: f, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

// rotate turns img by deg degrees about its centre on a white canvas of
// the same size.
func rotate(img image.Image, deg float64) image.Image {
	b := img.Bounds()
	out := image.NewRGBA(b)
	draw.Draw(out, b, image.NewUniform(white), image.Point{}, draw.Src)
	a := deg * math.Pi / 180
	cx, cy := float64(b.Dx())/2, float64(b.Dy())/2
	cos, sin := math.Cos(a), math.Sin(a)
	m := f64.Aff3{cos, -sin, cx - cos*cx + sin*cy, sin, cos, cy - sin*cx - cos*cy}
	xdraw.BiLinear.Transform(out, m, img, b, draw.Over, nil)
	return out
}
