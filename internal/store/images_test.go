package store

import (
	"context"
	"testing"
)

func TestReadImagesIsOffUntilAGroupTurnsItOn(t *testing.T) {
	s, _ := openTest(t, Options{})
	ctx := context.Background()
	const group = -100123
	if on, err := s.ReadImages(ctx, group); err != nil || on {
		t.Fatalf("default: %v %v, want off", on, err)
	}
	if err := s.SetReadImages(ctx, group, true); err != nil {
		t.Fatal(err)
	}
	if on, err := s.ReadImages(ctx, group); err != nil || !on {
		t.Fatalf("after on: %v %v", on, err)
	}
	if on, _ := s.ReadImages(ctx, -100999); on {
		t.Error("another group is on too")
	}
	if err := s.SetReadImages(ctx, group, false); err != nil {
		t.Fatal(err)
	}
	if on, _ := s.ReadImages(ctx, group); on {
		t.Error("still on after off")
	}
	if err := s.SetReadImages(ctx, 42, true); err == nil {
		t.Error("a private chat id was accepted")
	}
}
