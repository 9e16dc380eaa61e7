package store

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"
)

func TestFeedbackReplacedNotDuplicated(t *testing.T) {
	ctx := context.Background()
	s, clk := openTest(t, Options{StoreText: true})
	id, err := s.RecordScreening(ctx, sampleScreening())
	if err != nil {
		t.Fatal(err)
	}
	const alice, bob int64 = 123456789, 987654321

	steps := []struct {
		user        int64
		vote        string
		wantChanged bool
		wantCounts  map[string]int
	}{
		{alice, VoteHelpful, true, map[string]int{"helpful": 1}},
		{alice, VoteHelpful, false, map[string]int{"helpful": 1}},
		{alice, VoteWrong, true, map[string]int{"wrong": 1}},
		{bob, VoteWrong, true, map[string]int{"wrong": 2}},
		{bob, VoteHelpful, true, map[string]int{"wrong": 1, "helpful": 1}},
	}
	for i, st := range steps {
		clk.Advance(time.Second)
		changed, err := s.RecordFeedback(ctx, id, st.user, st.vote)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if changed != st.wantChanged {
			t.Errorf("step %d: changed = %v, want %v", i, changed, st.wantChanged)
		}
		counts, err := s.FeedbackCounts(ctx, t0)
		if err != nil {
			t.Fatal(err)
		}
		if len(counts) != len(st.wantCounts) || counts["helpful"] != st.wantCounts["helpful"] || counts["wrong"] != st.wantCounts["wrong"] {
			t.Errorf("step %d: counts = %v, want %v", i, counts, st.wantCounts)
		}
	}
	if n := count(t, s, `SELECT count(*) FROM feedback`); n != 2 {
		t.Errorf("feedback rows = %d, want 2 (one per user)", n)
	}
	// No column of any feedback row holds a raw user id.
	for _, u := range []int64{alice, bob} {
		if n := count(t, s, `SELECT count(*) FROM feedback WHERE instr(user_hash, ?) > 0`,
			strconv.FormatInt(u, 10)); n != 0 {
			t.Errorf("user id %d stored raw", u)
		}
	}
	if n := count(t, s, `SELECT count(*) FROM feedback WHERE length(user_hash) = 64`); n != 2 {
		t.Errorf("%d of 2 user hashes are 64 hex chars", n)
	}
	if counts, _ := s.FeedbackCounts(ctx, clk.Now().Add(time.Second)); len(counts) != 0 {
		t.Errorf("counts since the future = %v, want none", counts)
	}

	reviews, err := s.WrongFeedback(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(reviews) != 1 {
		t.Fatalf("WrongFeedback = %d reviews, want 1", len(reviews))
	}
	r := reviews[0]
	if r.Screening.ID != id || r.Screening.Text != secretText || r.Screening.Level != "high" ||
		len(r.Screening.RuleIDs) != 2 || !r.Voted.Equal(t0.Add(3*time.Second)) {
		t.Errorf("review = %+v", r)
	}

	if _, err := s.RecordFeedback(ctx, id, alice, "meh"); err == nil {
		t.Error("invalid vote accepted")
	}
	if _, err := s.RecordFeedback(ctx, id+50, alice, VoteWrong); !errors.Is(err, ErrNotFound) {
		t.Errorf("vote on missing screening: %v, want ErrNotFound", err)
	}
}

func TestRuleVersions(t *testing.T) {
	ctx := context.Background()
	s, clk := openTest(t, Options{})
	if _, ok, err := s.ActiveVersion(ctx, RuleVersions); err != nil || ok {
		t.Fatalf("ActiveVersion(RuleVersions) on empty store = %v, %v", ok, err)
	}
	yamls := []string{"rules: [a]\n", "rules: [a, b]\n", "rules: [b]\n"}
	for i, y := range yamls {
		clk.Advance(time.Minute)
		rv, err := s.AddVersion(ctx, RuleVersions, []byte(y), "file", "v"+strconv.Itoa(i+1))
		if err != nil {
			t.Fatal(err)
		}
		if rv.Version != i+1 || rv.SHA256 != sha(y) || !rv.Created.Equal(clk.Now()) {
			t.Errorf("AddVersion(RuleVersions) %d = %+v", i, rv)
		}
	}
	active, ok, err := s.ActiveVersion(ctx, RuleVersions)
	if err != nil || !ok || active.Version != 3 || string(active.Data) != yamls[2] {
		t.Errorf("ActiveVersion(RuleVersions) = %+v, %v, %v", active, ok, err)
	}
	v1, err := s.Version(ctx, RuleVersions, 1)
	if err != nil || string(v1.Data) != yamls[0] || v1.Author != "file" || v1.Summary != "v1" {
		t.Errorf("Version(RuleVersions, 1) = %+v, %v", v1, err)
	}
	if _, err := s.Version(ctx, RuleVersions, 9); !errors.Is(err, ErrNotFound) {
		t.Errorf("Version(RuleVersions, 9): %v, want ErrNotFound", err)
	}
	list, err := s.Versions(ctx, RuleVersions, 2)
	if err != nil || len(list) != 2 || list[0].Version != 3 || list[1].Version != 2 {
		t.Errorf("Versions(RuleVersions, 2) = %+v, %v", list, err)
	}
	if _, err := s.AddVersionIfBase(ctx, RuleVersions, 2, []byte("x: 1\n"), "42", "stale"); !errors.Is(err, ErrConflict) {
		t.Errorf("stale base: %v, want ErrConflict", err)
	}
	if rv, err := s.AddVersionIfBase(ctx, RuleVersions, 3, []byte("x: 1\n"), "42", "ok"); err != nil || rv.Version != 4 {
		t.Errorf("current base: %+v, %v", rv, err)
	}
	if _, err := s.AddVersion(ctx, RuleVersions, nil, "file", "empty"); err == nil {
		t.Error("empty rules accepted")
	}
}

func TestAddRuleVersionIfBaseRace(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t, Options{})
	const rounds, admins = 10, 4
	for round := range rounds {
		base := round // each round adds exactly one version
		start := make(chan struct{})
		type result struct {
			rv  Version
			err error
		}
		results := make(chan result, admins)
		for a := range admins {
			go func() {
				<-start
				rv, err := s.AddVersionIfBase(ctx, RuleVersions, base,
					[]byte("admin: "+strconv.Itoa(a)+"\n"), strconv.Itoa(1000+a), "edit")
				results <- result{rv, err}
			}()
		}
		close(start)
		wins := 0
		for range admins {
			r := <-results
			switch {
			case r.err == nil:
				wins++
				if r.rv.Version != base+1 {
					t.Errorf("round %d: winner got version %d, want %d", round, r.rv.Version, base+1)
				}
			case !errors.Is(r.err, ErrConflict):
				t.Errorf("round %d: loser error %v, want ErrConflict", round, r.err)
			}
		}
		if wins != 1 {
			t.Fatalf("round %d: %d winners, want exactly 1", round, wins)
		}
	}
	if n := count(t, s, `SELECT count(*) FROM rule_versions`); n != rounds {
		t.Errorf("rule versions = %d, want %d", n, rounds)
	}
}

func TestAdminActions(t *testing.T) {
	ctx := context.Background()
	s, clk := openTest(t, Options{})
	const admin, stranger int64 = 1111, 2222333
	if err := s.LogAdminAction(ctx, admin, "/rules", true); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Second)
	if err := s.LogAdminAction(ctx, stranger, "/setrules", false); err != nil {
		t.Fatal(err)
	}
	acts, err := s.AdminActions(ctx, 10)
	if err != nil || len(acts) != 2 {
		t.Fatalf("AdminActions = %+v, %v", acts, err)
	}
	if a := acts[0]; a.Command != "/setrules" || a.Allowed || a.UserID != 0 || a.UserHash == "" || !a.Time.Equal(clk.Now()) {
		t.Errorf("refused entry = %+v", a)
	}
	if a := acts[1]; a.Command != "/rules" || !a.Allowed || a.UserID != admin {
		t.Errorf("allowed entry = %+v", a)
	}
	if n := count(t, s, `SELECT count(*) FROM admin_actions WHERE user_id = ?`, stranger); n != 0 {
		t.Error("refused sender stored raw")
	}
	if acts, _ := s.AdminActions(ctx, 1); len(acts) != 1 {
		t.Errorf("limit 1 gave %d entries", len(acts))
	}
}
