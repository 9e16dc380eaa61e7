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

// Version is one saved version of a versioned file.
type Version struct {
	// Version numbers start at 1 and grow by one per saved version.
	Version int
	// Data is the whole file: the rules YAML, or the model file as
	// written by `bot train`.
	Data []byte
	// SHA256 is the hex SHA-256 of Data; for a model its first 12 digits
	// are the model's own short id (model.Model.Version).
	SHA256 string
	// Author is the admin's Telegram user id in decimal, or "file" for a
	// version loaded from the rules file, from $BOT_MODEL or from the
	// model built into the binary.
	Author string
	// Summary describes the version.
	Summary string
	// Created is when the version was saved.
	Created time.Time
}

// Versioned is a table of versions: [RuleVersions] or [ModelVersions].
type Versioned struct {
	table, data, what string
}

var (
	// RuleVersions are the versions of the screening rules.
	RuleVersions = Versioned{"rule_versions", "yaml", "rule version"}
	// ModelVersions are the versions of the text model.
	ModelVersions = Versioned{"model_versions", "model", "model version"}
)

func (t Versioned) selectAll() string {
	return `SELECT version, ` + t.data + `, sha256, author, summary, created_at FROM ` + t.table
}

// AddVersion saves data as the next version of t, which becomes the
// active one.
func (s *Store) AddVersion(ctx context.Context, t Versioned, data []byte, author, summary string) (Version, error) {
	return s.addVersion(ctx, t, -1, data, author, summary)
}

// AddVersionIfBase saves data as the next version of t only if the newest
// version is base (0: none yet), checked and written in one transaction.
// Otherwise it fails with an error wrapping [ErrConflict], so of two
// admins applying a change of the same base only one wins.
func (s *Store) AddVersionIfBase(ctx context.Context, t Versioned, base int, data []byte, author, summary string) (Version, error) {
	if base < 0 {
		return Version{}, fmt.Errorf("store: add %s: invalid base %d", t.what, base)
	}
	return s.addVersion(ctx, t, base, data, author, summary)
}

// addVersion saves data as the next version; with base >= 0 only if the
// newest version is base.
func (s *Store) addVersion(ctx context.Context, t Versioned, base int, data []byte, author, summary string) (Version, error) {
	v, err := s.insertVersion(ctx, t, base, data, author, summary)
	if err != nil {
		return Version{}, fmt.Errorf("store: add %s: %w", t.what, err)
	}
	return v, nil
}

func (s *Store) insertVersion(ctx context.Context, t Versioned, base int, data []byte, author, summary string) (Version, error) {
	if len(data) == 0 {
		return Version{}, errors.New("empty " + t.data)
	}
	if author == "" {
		return Version{}, errors.New("empty author")
	}
	sum := sha256.Sum256(data)
	v := Version{
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
		return Version{}, err
	}
	return v, nil
}

// ActiveVersion returns the newest version of t; ok is false when none
// was saved yet.
func (s *Store) ActiveVersion(ctx context.Context, t Versioned) (v Version, ok bool, err error) {
	v, err = scanVersion(s.db.QueryRowContext(ctx, t.selectAll()+` ORDER BY version DESC LIMIT 1`))
	if errors.Is(err, sql.ErrNoRows) {
		return Version{}, false, nil
	}
	if err != nil {
		return Version{}, false, fmt.Errorf("store: active %s: %w", t.what, err)
	}
	return v, true, nil
}

// LastVersionBy returns the newest version of t saved by author; ok is
// false when there is none.
func (s *Store) LastVersionBy(ctx context.Context, t Versioned, author string) (v Version, ok bool, err error) {
	v, err = scanVersion(s.db.QueryRowContext(ctx,
		t.selectAll()+` WHERE author = ? ORDER BY version DESC LIMIT 1`, author))
	if errors.Is(err, sql.ErrNoRows) {
		return Version{}, false, nil
	}
	if err != nil {
		return Version{}, false, fmt.Errorf("store: last %s by %s: %w", t.what, author, err)
	}
	return v, true, nil
}

// Version returns version n of t, or an error wrapping [ErrNotFound].
func (s *Store) Version(ctx context.Context, t Versioned, n int) (Version, error) {
	v, err := scanVersion(s.db.QueryRowContext(ctx, t.selectAll()+` WHERE version = ?`, n))
	if errors.Is(err, sql.ErrNoRows) {
		return Version{}, fmt.Errorf("store: %s %d: %w", t.what, n, ErrNotFound)
	}
	if err != nil {
		return Version{}, fmt.Errorf("store: %s %d: %w", t.what, n, err)
	}
	return v, nil
}

// Versions returns the versions of t newest first, at most limit of them
// (limit <= 0: no limit).
func (s *Store) Versions(ctx context.Context, t Versioned, limit int) ([]Version, error) {
	return queryAll(ctx, s.db, t.what+"s", scanVersion, t.selectAll()+` ORDER BY version DESC LIMIT ?`, sqlLimit(limit))
}

func scanVersion(r scanner) (Version, error) {
	var v Version
	var created int64
	if err := r.Scan(&v.Version, &v.Data, &v.SHA256, &v.Author, &v.Summary, &created); err != nil {
		return Version{}, err
	}
	v.Created = fromMillis(created)
	return v, nil
}
