package store

import (
	"context"
	"testing"
)

// BenchmarkUnitCommit is the storage cost of one private update: its
// screening with seven rule hits, its answer and its handled mark, in one
// transaction.
func BenchmarkUnitCommit(b *testing.B) {
	ctx := context.Background()
	s := openAt(b, b.TempDir()+"/bot.db", Options{})
	defer s.Close()
	hits := []string{"job_office_generic", "departure_fast", "channel_chat_app", "dest_not_placement", "salary_high", "pays_ticket_visa", "visa_tourist"}
	b.ResetTimer()
	for i := range b.N {
		u := s.Unit(i)
		uctx := WithUnit(ctx, u)
		if _, err := s.RecordScreening(uctx, Screening{ChatType: "private", Source: "message", Level: "high", RuleIDs: hits, TextHash: sha("x")}); err != nil {
			b.Fatal(err)
		}
		if err := s.RecordAnswer(uctx, int64(i), i, sha("x"), i); err != nil {
			b.Fatal(err)
		}
		if err := u.Commit(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
