package extract

// Word-at-a-time scanning helpers. They read eight bytes of a string as one
// uint64 (the compiler merges the byte loads) and test all of them at once,
// which makes skipping the prose between digits several times faster than
// a byte loop.

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// load64 reads the first eight bytes of s (len(s) >= 8) little-endian.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// hasDigit reports whether any byte of x is an ASCII digit (the "hasbetween"
// bit trick; bytes >= 0x80 never count).
func hasDigit(x uint64) bool {
	const m, n = '0' - 1, '9' + 1 // exclusive bounds
	t := x & (lsb * 127)
	return ((lsb*(127+n)-t)&^x&(t+lsb*(127-m)))&msb != 0
}

// nextDigit returns the index of the first ASCII digit at or after i, or
// len(s).
func nextDigit(s string, i int) int {
	for i+8 <= len(s) && !hasDigit(load64(s[i:])) {
		i += 8
	}
	for i < len(s) && !isDigit(s[i]) {
		i++
	}
	return i
}

// asciiPrefix returns the index of the first byte >= 0x80 at or after i, or
// len(s).
func asciiPrefix(s string, i int) int {
	for i+8 <= len(s) && load64(s[i:])&msb == 0 {
		i += 8
	}
	for i < len(s) && s[i] < 0x80 {
		i++
	}
	return i
}
