package extract

import (
	"strings"
	"testing"
)

func TestHasDigitEveryByteEveryLane(t *testing.T) {
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 8; pos++ {
			b := []byte("abcdefgh")
			b[pos] = byte(c)
			if got := hasDigit(load64(string(b))); got != isDigit(byte(c)) {
				t.Fatalf("hasDigit with byte %#x in lane %d = %v", c, pos, got)
			}
		}
	}
}

func TestNextDigitAndASCIIPrefix(t *testing.T) {
	s := strings.Repeat("abcdefgh", 3) + "é9"
	if got := nextDigit(s, 0); got != len(s)-1 {
		t.Errorf("nextDigit = %d, want %d", got, len(s)-1)
	}
	if got := nextDigit("abc", 0); got != 3 {
		t.Errorf("nextDigit without digits = %d", got)
	}
	if got := asciiPrefix(s, 0); got != 24 {
		t.Errorf("asciiPrefix = %d, want 24", got)
	}
	if got := asciiPrefix(s, 25); got != 25 {
		t.Errorf("asciiPrefix on a continuation byte = %d, want 25", got)
	}
	if got := asciiPrefix(s, 26); got != 27 {
		t.Errorf("asciiPrefix after the rune = %d, want 27", got)
	}
}
