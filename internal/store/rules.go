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

// RuleVersion is one saved version of the screening rules.
type RuleVersion struct {
	// Version numbers start at 1 and grow by one per saved version.
	Version int
	// YAML is the full rules file of this version.
	YAML []byte
	// SHA256 is the hex SHA-256 of YAML.
	SHA256 string
	// Author is the admin's Telegram user id in decimal, or "file" for
	// rules loaded from the rules file.
	Author string
	// Summary describes the change.
	Summary string
	// Created is when the version was saved.
	Created time.Time
}

// AddRuleVersion saves yaml as the next rule version, which becomes the
// active one.
func (s *Store) AddRuleVersion(ctx context.Context, yaml []byte, author, summary string) (RuleVersion, error) {
	rv, err := s.addRuleVersion(ctx, -1, yaml, author, summary)
	if err != nil {
		return RuleVersion{}, fmt.Errorf("store: add rule version: %w", err)
	}
	return rv, nil
}

// AddRuleVersionIfBase saves yaml as the next rule version only if the
// newest version is base (0: no version yet), checked and written in one
// transaction. Otherwise it fails with an error wrapping [ErrConflict],
// so of two admins applying an edit of the same base only one wins.
func (s *Store) AddRuleVersionIfBase(ctx context.Context, base int, yaml []byte, author, summary string) (RuleVersion, error) {
	if base < 0 {
		return RuleVersion{}, fmt.Errorf("store: add rule version: invalid base %d", base)
	}
	rv, err := s.addRuleVersion(ctx, base, yaml, author, summary)
	if err != nil {
		return RuleVersion{}, fmt.Errorf("store: add rule version: %w", err)
	}
	return rv, nil
}

// addRuleVersion adds a version; base < 0 skips the base check.
func (s *Store) addRuleVersion(ctx context.Context, base int, yaml []byte, author, summary string) (RuleVersion, error) {
	if len(yaml) == 0 {
		return RuleVersion{}, errors.New("empty rules")
	}
	if author == "" {
		return RuleVersion{}, errors.New("empty author")
	}
	sum := sha256.Sum256(yaml)
	rv := RuleVersion{
		YAML:    append([]byte(nil), yaml...),
		SHA256:  hex.EncodeToString(sum[:]),
		Author:  author,
		Summary: summary,
		Created: fromMillis(millis(s.now())),
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var newest int
		if err := tx.QueryRowContext(ctx,
			`SELECT coalesce(max(version), 0) FROM rule_versions`).Scan(&newest); err != nil {
			return err
		}
		if base >= 0 && newest != base {
			return fmt.Errorf("newest version is %d, not %d: %w", newest, base, ErrConflict)
		}
		rv.Version = newest + 1
		_, err := tx.ExecContext(ctx,
			`INSERT INTO rule_versions (version, yaml, sha256, author, summary, created_at)
			 VALUES (?, ?, ?, ?, ?, ?)`,
			rv.Version, rv.YAML, rv.SHA256, rv.Author, rv.Summary, millis(rv.Created))
		return err
	})
	if err != nil {
		return RuleVersion{}, err
	}
	return rv, nil
}

// ActiveRuleVersion returns the newest rule version; ok is false when no
// version was saved yet.
func (s *Store) ActiveRuleVersion(ctx context.Context) (rv RuleVersion, ok bool, err error) {
	rv, err = scanRuleVersion(s.db.QueryRowContext(ctx,
		selectRuleVersions+` ORDER BY version DESC LIMIT 1`))
	if errors.Is(err, sql.ErrNoRows) {
		return RuleVersion{}, false, nil
	}
	if err != nil {
		return RuleVersion{}, false, fmt.Errorf("store: active rule version: %w", err)
	}
	return rv, true, nil
}

// RuleVersion returns rule version n, or an error wrapping [ErrNotFound].
func (s *Store) RuleVersion(ctx context.Context, n int) (RuleVersion, error) {
	rv, err := scanRuleVersion(s.db.QueryRowContext(ctx, selectRuleVersions+` WHERE version = ?`, n))
	if errors.Is(err, sql.ErrNoRows) {
		return RuleVersion{}, fmt.Errorf("store: rule version %d: %w", n, ErrNotFound)
	}
	if err != nil {
		return RuleVersion{}, fmt.Errorf("store: rule version %d: %w", n, err)
	}
	return rv, nil
}

// RuleVersions returns the rule versions newest first, at most limit of
// them (limit <= 0: no limit).
func (s *Store) RuleVersions(ctx context.Context, limit int) ([]RuleVersion, error) {
	rows, err := s.db.QueryContext(ctx,
		selectRuleVersions+` ORDER BY version DESC LIMIT ?`, sqlLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("store: rule versions: %w", err)
	}
	defer rows.Close()
	var out []RuleVersion
	for rows.Next() {
		rv, err := scanRuleVersion(rows)
		if err != nil {
			return nil, fmt.Errorf("store: rule versions: %w", err)
		}
		out = append(out, rv)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: rule versions: %w", err)
	}
	return out, nil
}

const selectRuleVersions = `SELECT version, yaml, sha256, author, summary, created_at FROM rule_versions`

func scanRuleVersion(r scanner) (RuleVersion, error) {
	var rv RuleVersion
	var created int64
	if err := r.Scan(&rv.Version, &rv.YAML, &rv.SHA256, &rv.Author, &rv.Summary, &created); err != nil {
		return RuleVersion{}, err
	}
	rv.Created = fromMillis(created)
	return rv, nil
}
