package rules

import "testing"

func TestThresholdsLevel(t *testing.T) {
	th := Thresholds{Medium: 4, High: 7}
	for score, want := range map[int]string{-2: Low, 0: Low, 3: Low, 4: Medium, 6: Medium, 7: High, 20: High} {
		if got := th.Level(score); got != want {
			t.Errorf("score %d: %s, want %s", score, got, want)
		}
	}
}
