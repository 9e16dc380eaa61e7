package ocrtest

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"strings"

	"golang.org/x/image/font"
)

// Screenshot size: a common 1080-pixel-wide phone.
const (
	PhoneWidth  = 1080
	PhoneHeight = 2160
)

var (
	chatBG     = color.RGBA{0xec, 0xe5, 0xdd, 0xff}
	chatHeader = color.RGBA{0x07, 0x5e, 0x54, 0xff}
	bubbleIn   = color.RGBA{0xff, 0xff, 0xff, 0xff}
	bubbleOut  = color.RGBA{0xdc, 0xf8, 0xc6, 0xff}
	timeGrey   = color.RGBA{0x8a, 0x8a, 0x8a, 0xff}
)

// chat draws text as a phone screenshot of a messaging app: a status bar,
// a green header with the contact's name, and the ad's paragraphs as chat
// bubbles, most from the contact (left) and some from the user (right).
func chat(text string) (image.Image, error) {
	img := image.NewRGBA(image.Rect(0, 0, PhoneWidth, PhoneHeight))
	draw.Draw(img, img.Bounds(), image.NewUniform(chatBG), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(0, 0, PhoneWidth, 220), image.NewUniform(chatHeader), image.Point{}, draw.Src)
	small, err := face("regular", 30)
	if err != nil {
		return nil, err
	}
	defer small.Close()
	name, err := face("bold", 46)
	if err != nil {
		return nil, err
	}
	defer name.Close()
	drawText(img, small, white, 40, 50, "10:42")
	drawText(img, small, white, PhoneWidth-140, 50, "87%")
	drawText(img, name, white, 150, 150, "Kak Dewi")
	drawText(img, small, white, 150, 195, "online")
	var paras []string
	for _, p := range strings.Split(strings.TrimSpace(Drawable(text)), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			paras = append(paras, p)
		}
	}
	// Bubbles of up to three paragraphs each.
	var bubbles []string
	for i := 0; i < len(paras); i += 3 {
		bubbles = append(bubbles, strings.Join(paras[i:min(i+3, len(paras))], "\n"))
	}
	for size := 36.0; ; size -= 2 {
		body, err := face("regular", size)
		if err != nil {
			return nil, err
		}
		ok := layoutBubbles(img, body, small, bubbles, size, size <= 20)
		body.Close()
		if ok {
			return img, nil
		}
	}
}

// layoutBubbles draws the bubbles if they fit (or always when force),
// and reports whether it drew them.
func layoutBubbles(img *image.RGBA, body, small font.Face, bubbles []string, size float64, force bool) bool {
	const pad, maxW = 28, 820
	lineH := int(size * 1.3)
	type placed struct {
		lines []string
		r     image.Rectangle
		out   bool
	}
	var all []placed
	y := 260
	for i, b := range bubbles {
		var lines []string
		for _, p := range strings.Split(b, "\n") {
			lines = append(lines, wrap(body, p, maxW-2*pad)...)
		}
		w := 0
		for _, l := range lines {
			w = max(w, font.MeasureString(body, l).Ceil())
		}
		w = max(w+2*pad, 220)
		h := len(lines)*lineH + 2*pad + 30
		out := i%4 == 3 // every fourth bubble is the user's
		x := 30
		if out {
			x = PhoneWidth - 30 - w
		}
		all = append(all, placed{lines, image.Rect(x, y, x+w, y+h), out})
		y += h + 24
	}
	if y > PhoneHeight && !force {
		return false
	}
	for i, p := range all {
		c := bubbleIn
		if p.out {
			c = bubbleOut
		}
		draw.Draw(img, p.r, image.NewUniform(c), image.Point{}, draw.Src)
		for j, l := range p.lines {
			drawText(img, body, dark, p.r.Min.X+pad, p.r.Min.Y+pad+(j+1)*lineH-lineH/4, l)
		}
		drawText(img, small, timeGrey, p.r.Max.X-110, p.r.Max.Y-14, fmt.Sprintf("10:%02d", 30+i))
	}
	return true
}
