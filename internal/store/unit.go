package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Unit gathers the writes of one Telegram update — its screening and rule
// hits, deep-link verdict, answer — and commits them together with the
// update's "handled" mark in one transaction of prepared statements. A
// storage failure thus never stops a reply (the writes wait in the Unit
// until the reply is out), and an update whose writes failed is not
// marked handled.
//
// Store methods called with a context carrying a Unit (see [WithUnit])
// add their writes to it instead of writing at once: RecordScreening,
// SaveVerdict, RecordAnswer and RecordMemoryHits.
type Unit struct {
	s          *Store
	updateID   int
	screenings []unitScreening
	verdicts   []unitVerdict
	answers    []unitAnswer
	memHits    []unitMemHit
	parked     bool // delete it from the parked updates
}

type unitMemHit struct {
	screeningID, entryID int64
	weight               int
}

type unitScreening struct {
	sc   Screening
	ids  string
	text sql.NullString
}

type unitVerdict struct {
	token        string
	screeningID  int64
	data         []byte
	created, exp int64
}

type unitAnswer struct {
	chatKey   string
	messageID int
	hash      string
	replyID   int
	at        int64
}

type unitKey struct{}

// Unit starts the unit of work of an update.
func (s *Store) Unit(updateID int) *Unit { return &Unit{s: s, updateID: updateID} }

// WithUnit returns a context whose store writes go into u.
func WithUnit(ctx context.Context, u *Unit) context.Context {
	return context.WithValue(ctx, unitKey{}, u)
}

func (s *Store) unitOf(ctx context.Context) *Unit {
	u, _ := ctx.Value(unitKey{}).(*Unit)
	if u != nil && u.s == s {
		return u
	}
	return nil
}

// stmts are the prepared statements of the hot path.
type stmts struct {
	screening, hit, verdict, answer, handled, unpark *sql.Stmt
}

func (s *Store) prepare(ctx context.Context) error {
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = s.wdb.PrepareContext(ctx, q)
		return st
	}
	s.st = stmts{
		screening: prep(`INSERT INTO screenings (id, screened_at, chat_type, chat_id, source, level, score,
			is_job_ad, rule_ids, text_hash, text, rules_version, model_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		// All of a screening's hits in one statement, from its JSON list.
		hit: prep(`INSERT INTO screening_hits (screening_id, rule_id)
			SELECT ?, value FROM json_each(?) WHERE true ON CONFLICT DO NOTHING`),
		verdict: prep(`INSERT INTO verdicts (token, screening_id, verdict, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?)`),
		// REPLACE gives the row a new rowid, so the latest answer stays
		// last even within one millisecond (see LatestAnswer).
		answer: prep(`INSERT OR REPLACE INTO answers (chat_key, message_id, text_hash, reply_message_id, answered_at)
			VALUES (?, ?, ?, ?, ?)`),
		handled: prep(`INSERT INTO handled_updates (update_id, handled_at) VALUES (?, ?)
			ON CONFLICT (update_id) DO NOTHING`),
		unpark: prep(`DELETE FROM parked_updates WHERE update_id = ?`),
	}
	if err == nil {
		err = s.wdb.QueryRowContext(ctx, `SELECT max(
			coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'screenings'), 0),
			coalesce((SELECT max(id) FROM screenings), 0))`).Scan(&s.lastSID)
	}
	return err
}

// nextScreeningID hands out screening ids (the store is the only writer:
// see the lock file), so that a Unit can name a screening before it is
// written.
func (s *Store) nextScreeningID() int64 {
	s.sidMu.Lock()
	defer s.sidMu.Unlock()
	s.lastSID++
	return s.lastSID
}

// Commit writes everything the unit gathered and marks the update handled,
// in one transaction. Units committed at the same moment by other
// goroutines share that transaction (group commit: the pages they all
// touch are written once); a failure there is retried unit by unit, so
// one unit's failure never fails another. On error nothing of the unit is
// written and it can be committed again.
func (u *Unit) Commit(ctx context.Context) error {
	s := u.s
	req := &commitReq{u: u, done: make(chan error, 1)}
	select {
	case s.commits <- req:
	case <-s.quit:
		return fmt.Errorf("store: commit update %d: the store is closed", u.updateID)
	case <-ctx.Done():
		return fmt.Errorf("store: commit update %d: %w", u.updateID, ctx.Err())
	}
	s.startCommitter()
	select {
	case err := <-req.done:
		if err != nil {
			return fmt.Errorf("store: commit update %d: %w", u.updateID, describeWriteErr(s.path, err))
		}
		return nil
	case <-ctx.Done():
		return fmt.Errorf("store: commit update %d: %w", u.updateID, ctx.Err())
	}
}

// commitReq is a unit waiting for the committer.
type commitReq struct {
	u    *Unit
	done chan error
}

// maxGroup bounds how many units share one transaction.
const maxGroup = 64

// startCommitter starts the goroutine that commits units, once.
func (s *Store) startCommitter() {
	s.commitOnce.Do(func() { go s.committer() })
}

func (s *Store) committer() {
	for {
		var req *commitReq
		select {
		case req = <-s.commits:
		case <-s.quit:
			return
		}
		group := []*commitReq{req}
	more:
		for len(group) < maxGroup {
			select {
			case r := <-s.commits:
				group = append(group, r)
			default:
				break more
			}
		}
		// No deadline: a context that cannot end lets the driver step
		// each statement in place (with a Done channel it starts a
		// goroutine per statement to watch it).
		ctx := context.Background()
		err := s.tx(ctx, func(tx *sql.Tx) error {
			for _, r := range group {
				if err := r.u.write(ctx, tx); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil && len(group) > 1 {
			// Find the unit at fault: each on its own.
			for _, r := range group {
				r.done <- s.tx(ctx, func(tx *sql.Tx) error { return r.u.write(ctx, tx) })
			}
		} else {
			for _, r := range group {
				r.done <- err
			}
		}
	}
}

// write adds the unit's rows to tx.
func (u *Unit) write(ctx context.Context, tx *sql.Tx) error {
	s := u.s
	now := millis(s.now())
	if err := u.writeScreenings(ctx, tx); err != nil {
		return err
	}
	for _, h := range u.memHits {
		if err := insertMemoryHit(ctx, tx, h.screeningID, h.entryID, h.weight); err != nil {
			return err
		}
	}
	for _, v := range u.verdicts {
		if _, err := tx.StmtContext(ctx, s.st.verdict).ExecContext(ctx, v.token, v.screeningID, v.data, v.created, v.exp); err != nil {
			return err
		}
	}
	for _, a := range u.answers {
		if _, err := tx.StmtContext(ctx, s.st.answer).ExecContext(ctx, a.chatKey, a.messageID, a.hash, a.replyID, a.at); err != nil {
			return err
		}
	}
	if u.parked {
		if _, err := tx.StmtContext(ctx, s.st.unpark).ExecContext(ctx, u.updateID); err != nil {
			return err
		}
	}
	_, err := tx.StmtContext(ctx, s.st.handled).ExecContext(ctx, u.updateID, now)
	return err
}

func (u *Unit) writeScreenings(ctx context.Context, tx *sql.Tx) error {
	s := u.s
	for _, x := range u.screenings {
		sc := x.sc
		if _, err := tx.StmtContext(ctx, s.st.screening).ExecContext(ctx, sc.ID, millis(sc.Time), sc.ChatType, sc.ChatID,
			sc.Source, sc.Level, sc.Score, sc.IsJobAd, x.ids, strings.ToLower(sc.TextHash), x.text, sc.RulesVersion,
			sql.NullString{String: sc.ModelVersion, Valid: sc.ModelVersion != ""}); err != nil {
			return err
		}
		if len(sc.RuleIDs) > 0 {
			if _, err := tx.StmtContext(ctx, s.st.hit).ExecContext(ctx, sc.ID, x.ids); err != nil {
				return err
			}
		}
	}
	return nil
}

// prepareScreening validates a screening and gives it its id and stored
// form.
func (s *Store) prepareScreening(sc Screening) (unitScreening, error) {
	if err := validateScreening(sc); err != nil {
		return unitScreening{}, err
	}
	if sc.ChatType != "group" && sc.ChatType != "supergroup" {
		sc.ChatID = 0
	}
	if sc.Time.IsZero() {
		sc.Time = s.now()
	}
	x := unitScreening{sc: sc}
	if s.storeText {
		x.text = sql.NullString{String: capText(sc.Text), Valid: true}
	}
	ids := sc.RuleIDs
	if ids == nil {
		ids = []string{}
	}
	b, err := json.Marshal(ids)
	if err != nil {
		return unitScreening{}, err
	}
	x.ids = string(b)
	x.sc.ID = s.nextScreeningID()
	return x, nil
}

// MaxStoredText is the most bytes of a message text stored with a
// screening (with BOT_STORE_TEXT=1); longer texts are cut on a character
// boundary.
const MaxStoredText = 64 << 10

func capText(t string) string {
	if len(t) <= MaxStoredText {
		return t
	}
	cut := MaxStoredText
	for cut > 0 && t[cut]&0xC0 == 0x80 {
		cut--
	}
	return t[:cut]
}

func newToken() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b[:]), nil
}

func (s *Store) verdictRow(screeningID int64, verdictJSON []byte, ttl time.Duration) (unitVerdict, error) {
	if ttl <= 0 {
		return unitVerdict{}, fmt.Errorf("ttl %v is not positive", ttl)
	}
	if len(verdictJSON) == 0 {
		return unitVerdict{}, errors.New("empty verdict")
	}
	token, err := newToken()
	if err != nil {
		return unitVerdict{}, fmt.Errorf("token: %w", err)
	}
	now := s.now()
	return unitVerdict{token: token, screeningID: screeningID, data: verdictJSON,
		created: millis(now), exp: millis(now.Add(ttl))}, nil
}
