package store

import (
	"context"
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

func (v version) rule() RuleVersion {
	return RuleVersion{Version: v.Version, YAML: v.Data, SHA256: v.SHA256, Author: v.Author, Summary: v.Summary, Created: v.Created}
}

// AddRuleVersion saves yaml as the next rule version, which becomes the
// active one.
func (s *Store) AddRuleVersion(ctx context.Context, yaml []byte, author, summary string) (RuleVersion, error) {
	v, err := s.addVersion(ctx, ruleVersions, -1, yaml, author, summary)
	return v.rule(), err
}

// AddRuleVersionIfBase saves yaml as the next rule version only if the
// newest version is base (0: no version yet), checked and written in one
// transaction. Otherwise it fails with an error wrapping [ErrConflict],
// so of two admins applying an edit of the same base only one wins.
func (s *Store) AddRuleVersionIfBase(ctx context.Context, base int, yaml []byte, author, summary string) (RuleVersion, error) {
	if base < 0 {
		return RuleVersion{}, fmt.Errorf("store: add rule version: invalid base %d", base)
	}
	v, err := s.addVersion(ctx, ruleVersions, base, yaml, author, summary)
	return v.rule(), err
}

// ActiveRuleVersion returns the newest rule version; ok is false when no
// version was saved yet.
func (s *Store) ActiveRuleVersion(ctx context.Context) (rv RuleVersion, ok bool, err error) {
	v, ok, err := s.activeVersion(ctx, ruleVersions)
	return v.rule(), ok, err
}

// LastRuleVersionBy returns the newest rule version saved by author; ok is
// false when there is none.
func (s *Store) LastRuleVersionBy(ctx context.Context, author string) (v RuleVersion, ok bool, err error) {
	sv, ok, err := s.lastVersionBy(ctx, ruleVersions, author)
	return sv.rule(), ok, err
}

// RuleVersion returns rule version n, or an error wrapping [ErrNotFound].
func (s *Store) RuleVersion(ctx context.Context, n int) (RuleVersion, error) {
	v, err := s.versionN(ctx, ruleVersions, n)
	return v.rule(), err
}

// RuleVersions returns the rule versions newest first, at most limit of
// them (limit <= 0: no limit).
func (s *Store) RuleVersions(ctx context.Context, limit int) ([]RuleVersion, error) {
	vs, err := s.versions(ctx, ruleVersions, limit)
	return convertAll(vs, err, version.rule)
}
