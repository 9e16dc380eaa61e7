package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"testing"
	"time"
)

const secretText = "Dicari TKW ke Malaysia, gaji 15 juta, paspor ditahan agen, hubungi 0812-SECRET"

func sampleScreening() Screening {
	return Screening{
		Time:         t0.Add(-time.Hour),
		ChatType:     "supergroup",
		ChatID:       -100777,
		Source:       "forward",
		Level:        "high",
		Score:        87,
		IsJobAd:      true,
		RuleIDs:      []string{"passport_held", "fee_upfront"},
		TextHash:     sha(secretText),
		Text:         secretText,
		RulesVersion: 3,
		ModelVersion: "5b2ea66f3cd5",
	}
}

// recordAndRead records in and reads it back.
func recordAndRead(t *testing.T, s *Store, in Screening) Screening {
	t.Helper()
	ctx := context.Background()
	id, err := s.RecordScreening(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Screening(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestScreeningModelVersion: the model that took part in a verdict is kept
// with it, and a verdict of the rules alone keeps none (NULL).
func TestScreeningModelVersion(t *testing.T) {
	s := openAt(t, t.TempDir()+"/bot.db", Options{})
	defer s.Close()
	for _, mv := range []string{"5b2ea66f3cd5", ""} {
		in := sampleScreening()
		in.ModelVersion = mv
		if got := recordAndRead(t, s, in); got.ModelVersion != mv {
			t.Errorf("ModelVersion = %q, want %q", got.ModelVersion, mv)
		}
	}
	if n := count(t, s, `SELECT count(*) FROM screenings WHERE model_version IS NULL`); n != 1 {
		t.Errorf("%d screenings without a model stored as NULL, want 1", n)
	}
}

func TestStoreTextOptIn(t *testing.T) {
	tests := []struct {
		storeText bool
		wantText  string
	}{
		{false, ""},
		{true, secretText},
	}
	for _, tc := range tests {
		t.Run("StoreText="+strconv.FormatBool(tc.storeText), func(t *testing.T) {
			path := t.TempDir() + "/bot.db"
			s := openAt(t, path, Options{StoreText: tc.storeText})
			in := sampleScreening()
			got := recordAndRead(t, s, in)
			want := in
			want.ID, want.Text = got.ID, tc.wantText
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Screening = %+v\nwant        %+v", got, want)
			}
			nonNull := count(t, s, `SELECT count(*) FROM screenings WHERE text IS NOT NULL`)
			if tc.storeText != (nonNull == 1) {
				t.Errorf("rows with text = %d, StoreText %v", nonNull, tc.storeText)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			// Nowhere in the file (or a left-over WAL) unless opted in.
			var raw []byte
			for _, p := range []string{path, path + "-wal"} {
				b, _ := os.ReadFile(p)
				raw = append(raw, b...)
			}
			if found := bytes.Contains(raw, []byte("0812-SECRET")); found != tc.storeText {
				t.Errorf("text found in database file = %v, want %v", found, tc.storeText)
			}
		})
	}
}

func TestRecordScreeningValidationAndPrivacy(t *testing.T) {
	ctx := context.Background()
	s, clk := openTest(t, Options{})

	// Private and CLI chat ids are never stored; zero time means now.
	for _, ct := range []string{"private", "cli"} {
		sc := sampleScreening()
		sc.ChatType, sc.ChatID, sc.Time, sc.RuleIDs = ct, 55501234, time.Time{}, nil
		id, err := s.RecordScreening(ctx, sc)
		if err != nil {
			t.Fatalf("%s: %v", ct, err)
		}
		got, err := s.Screening(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got.ChatID != 0 || !got.Time.Equal(clk.Now()) || got.RuleIDs != nil {
			t.Errorf("%s: stored ChatID %d, Time %v, RuleIDs %#v; want 0, %v, nil", ct, got.ChatID, got.Time, got.RuleIDs, clk.Now())
		}
	}
	if n := count(t, s, `SELECT count(*) FROM screenings WHERE chat_id = 55501234`); n != 0 {
		t.Errorf("%d rows hold the private chat id", n)
	}

	bad := []struct {
		name string
		edit func(*Screening)
	}{
		{"chat type", func(sc *Screening) { sc.ChatType = "channel" }},
		{"source", func(sc *Screening) { sc.Source = "inline" }},
		{"level", func(sc *Screening) { sc.Level = "" }},
		{"text as hash", func(sc *Screening) { sc.TextHash = secretText }},
		{"short hash", func(sc *Screening) { sc.TextHash = "abc123" }},
		{"empty rule id", func(sc *Screening) { sc.RuleIDs = []string{""} }},
	}
	for _, tc := range bad {
		sc := sampleScreening()
		tc.edit(&sc)
		if _, err := s.RecordScreening(ctx, sc); err == nil {
			t.Errorf("invalid %s accepted", tc.name)
		}
	}
}

func TestRecentScreenings(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t, Options{})
	var ids []int64
	for i := range 5 {
		sc := sampleScreening()
		sc.Time = t0.Add(time.Duration(i) * time.Hour)
		id, err := s.RecordScreening(ctx, sc)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	tests := []struct {
		since time.Time
		limit int
		want  []int64
	}{
		{t0, 0, []int64{ids[4], ids[3], ids[2], ids[1], ids[0]}},
		{t0, 2, []int64{ids[4], ids[3]}},
		{t0.Add(3 * time.Hour), 10, []int64{ids[4], ids[3]}},
		{t0.Add(5 * time.Hour), 10, nil},
	}
	for _, tc := range tests {
		got, err := s.RecentScreenings(ctx, tc.since, tc.limit)
		if err != nil {
			t.Fatal(err)
		}
		var gotIDs []int64
		for _, sc := range got {
			gotIDs = append(gotIDs, sc.ID)
		}
		if !reflect.DeepEqual(gotIDs, tc.want) {
			t.Errorf("since %v limit %d: ids %v, want %v", tc.since, tc.limit, gotIDs, tc.want)
		}
	}
}

func TestVerdictTokens(t *testing.T) {
	ctx := context.Background()
	s, clk := openTest(t, Options{})
	id, err := s.RecordScreening(ctx, sampleScreening())
	if err != nil {
		t.Fatal(err)
	}
	verdict := []byte(`{"level":"high","score":87}`)
	tok, err := s.SaveVerdict(ctx, id, verdict, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	tok2, err := s.SaveVerdict(ctx, id, verdict, 2*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	deepLink := regexp.MustCompile(`^[A-Za-z0-9_-]{22}$`)
	if !deepLink.MatchString(tok) || tok == tok2 {
		t.Errorf("tokens %q, %q: want two distinct 22-char deep-link tokens", tok, tok2)
	}

	check := func(when string, token string, wantOK bool) {
		t.Helper()
		gotID, gotJSON, ok, err := s.Verdict(ctx, token)
		if err != nil || ok != wantOK {
			t.Fatalf("%s: Verdict ok = %v, %v; want %v", when, ok, err, wantOK)
		}
		if ok && (gotID != id || !bytes.Equal(gotJSON, verdict)) {
			t.Errorf("%s: Verdict = %d, %s", when, gotID, gotJSON)
		}
	}
	check("fresh", tok, true)
	check("unknown", "AAAAAAAAAAAAAAAAAAAAAA", false)
	clk.Advance(59 * time.Minute)
	check("before expiry", tok, true)
	clk.Advance(time.Minute)
	check("at expiry", tok, false)
	check("longer ttl", tok2, true)

	if err := s.Prune(ctx, clk.Now()); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, `SELECT count(*) FROM verdicts`); n != 1 {
		t.Errorf("verdict rows after Prune = %d, want 1 (the unexpired one)", n)
	}

	if _, err := s.SaveVerdict(ctx, id+99, verdict, time.Hour); !errors.Is(err, ErrNotFound) {
		t.Errorf("SaveVerdict for a missing screening: %v, want ErrNotFound", err)
	}
	if _, err := s.SaveVerdict(ctx, id, verdict, 0); err == nil {
		t.Error("SaveVerdict with zero ttl succeeded")
	}
}
