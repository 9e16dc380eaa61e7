package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// A versioned file (the rules, the text model) is kept as numbered
// versions in one table each; the newest version is the active one and
// history is never rewritten.

// version is one saved version of a versioned file.
type version struct {
	Version int
	Data    []byte
	SHA256  string
	Author  string
	Summary string
	Created time.Time
}

// versioned names a table of versions, its data column, and what its
// versions are called in errors.
type versioned struct {
	table, data, what string
}

var (
	ruleVersions  = versioned{"rule_versions", "yaml", "rule version"}
	modelVersions = versioned{"model_versions", "model", "model version"}
)

func (t versioned) selectAll() string {
	return `SELECT version, ` + t.data + `, sha256, author, summary, created_at FROM ` + t.table
}

// add saves data as the next version, which becomes the active one. With
// base >= 0 it does so only if the newest version is base (0: none yet),
// checked and written in one transaction, and otherwise fails with an
// error wrapping [ErrConflict].
func (s *Store) addVersion(ctx context.Context, t versioned, base int, data []byte, author, summary string) (version, error) {
	v, err := s.insertVersion(ctx, t, base, data, author, summary)
	if err != nil {
		return version{}, fmt.Errorf("store: add %s: %w", t.what, err)
	}
	return v, nil
}

func (s *Store) insertVersion(ctx context.Context, t versioned, base int, data []byte, author, summary string) (version, error) {
	if len(data) == 0 {
		return version{}, errors.New("empty " + t.data)
	}
	if author == "" {
		return version{}, errors.New("empty author")
	}
	sum := sha256.Sum256(data)
	v := version{
		Data:    append([]byte(nil), data...),
		SHA256:  hex.EncodeToString(sum[:]),
		Author:  author,
		Summary: summary,
		Created: fromMillis(millis(s.now())),
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var newest int
		if err := tx.QueryRowContext(ctx,
			`SELECT coalesce(max(version), 0) FROM `+t.table).Scan(&newest); err != nil {
			return err
		}
		if base >= 0 && newest != base {
			return fmt.Errorf("newest version is %d, not %d: %w", newest, base, ErrConflict)
		}
		v.Version = newest + 1
		_, err := tx.ExecContext(ctx,
			`INSERT INTO `+t.table+` (version, `+t.data+`, sha256, author, summary, created_at)
			 VALUES (?, ?, ?, ?, ?, ?)`,
			v.Version, v.Data, v.SHA256, v.Author, v.Summary, millis(v.Created))
		return err
	})
	if err != nil {
		return version{}, err
	}
	return v, nil
}

// activeVersion returns the newest version; ok is false when there is none.
func (s *Store) activeVersion(ctx context.Context, t versioned) (v version, ok bool, err error) {
	v, err = scanVersion(s.db.QueryRowContext(ctx, t.selectAll()+` ORDER BY version DESC LIMIT 1`))
	if errors.Is(err, sql.ErrNoRows) {
		return version{}, false, nil
	}
	if err != nil {
		return version{}, false, fmt.Errorf("store: active %s: %w", t.what, err)
	}
	return v, true, nil
}

// lastVersionBy returns the newest version by author; ok is false when
// there is none.
func (s *Store) lastVersionBy(ctx context.Context, t versioned, author string) (v version, ok bool, err error) {
	v, err = scanVersion(s.db.QueryRowContext(ctx,
		t.selectAll()+` WHERE author = ? ORDER BY version DESC LIMIT 1`, author))
	if errors.Is(err, sql.ErrNoRows) {
		return version{}, false, nil
	}
	if err != nil {
		return version{}, false, fmt.Errorf("store: last %s by %s: %w", t.what, author, err)
	}
	return v, true, nil
}

// versionN returns version n, or an error wrapping [ErrNotFound].
func (s *Store) versionN(ctx context.Context, t versioned, n int) (version, error) {
	v, err := scanVersion(s.db.QueryRowContext(ctx, t.selectAll()+` WHERE version = ?`, n))
	if errors.Is(err, sql.ErrNoRows) {
		return version{}, fmt.Errorf("store: %s %d: %w", t.what, n, ErrNotFound)
	}
	if err != nil {
		return version{}, fmt.Errorf("store: %s %d: %w", t.what, n, err)
	}
	return v, nil
}

// versions returns the versions newest first, at most limit of them
// (limit <= 0: no limit).
func (s *Store) versions(ctx context.Context, t versioned, limit int) ([]version, error) {
	rows, err := s.db.QueryContext(ctx, t.selectAll()+` ORDER BY version DESC LIMIT ?`, sqlLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("store: %ss: %w", t.what, err)
	}
	defer rows.Close()
	var out []version
	for rows.Next() {
		v, err := scanVersion(rows)
		if err != nil {
			return nil, fmt.Errorf("store: %ss: %w", t.what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %ss: %w", t.what, err)
	}
	return out, nil
}

// convertAll converts versions with conv, or passes on err.
func convertAll[T any](vs []version, err error, conv func(version) T) ([]T, error) {
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(vs))
	for _, v := range vs {
		out = append(out, conv(v))
	}
	return out, nil
}

func scanVersion(r scanner) (version, error) {
	var v version
	var created int64
	if err := r.Scan(&v.Version, &v.Data, &v.SHA256, &v.Author, &v.Summary, &created); err != nil {
		return version{}, err
	}
	v.Created = fromMillis(created)
	return v, nil
}
