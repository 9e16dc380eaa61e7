package store

import (
	"context"
	"testing"
)

// An edited message whose text goes A → B → A must show A as the latest
// answer, even when all three answers fall in the same millisecond.
func TestLatestAnswerFollowsEdits(t *testing.T) {
	s, _ := openTest(t, Options{}) // the fake clock stands still
	ctx := context.Background()
	if _, _, ok, err := s.LatestAnswer(ctx, -100, 7); ok || err != nil {
		t.Fatalf("before any answer: ok %v, err %v", ok, err)
	}
	for i, h := range []string{sha("A"), sha("B"), sha("A")} {
		if err := s.RecordAnswer(ctx, -100, 7, h, 50); err != nil {
			t.Fatal(err)
		}
		reply, got, ok, err := s.LatestAnswer(ctx, -100, 7)
		if err != nil || !ok || got != h || reply != 50 {
			t.Fatalf("after answer %d: reply %d, hash %s, ok %v, err %v; want hash %s", i, reply, got, ok, err, h)
		}
	}
	if _, _, ok, _ := s.LatestAnswer(ctx, -100, 8); ok {
		t.Error("another message has no answer")
	}
}
