package normalize

import "testing"

func TestViewFoldSpan(t *testing.T) {
	text := "a⑩b\u200bc–d"
	f := Fold(text)
	if f.Folded != "a10bc-d" {
		t.Fatalf("folded = %q", f.Folded)
	}
	tests := []struct {
		a, b int
		want string
	}{
		{0, 1, "a"}, {1, 2, "⑩"}, {2, 3, "⑩"}, {1, 3, "⑩"}, {0, 4, "a⑩b"},
		{4, 5, "c"}, {3, 5, "b\u200bc"}, {5, 6, "–"}, {6, 7, "d"}, {0, 7, text},
	}
	for _, tc := range tests {
		a, b := f.Span(tc.a, tc.b)
		if got := text[a:b]; got != tc.want {
			t.Errorf("span(%d,%d) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestViewFoldSameLengthReplacement(t *testing.T) {
	text := "xĲ9"
	f := Fold(text)
	if f.Folded != "xIJ9" {
		t.Fatalf("folded = %q", f.Folded)
	}
	for _, tc := range []struct {
		a, b int
		want string
	}{{1, 2, "Ĳ"}, {2, 3, "Ĳ"}, {2, 4, "Ĳ9"}, {3, 4, "9"}} {
		a, b := f.Span(tc.a, tc.b)
		if got := text[a:b]; got != tc.want {
			t.Errorf("span(%d,%d) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}
