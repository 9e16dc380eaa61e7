package store

import (
	"context"
	"fmt"
	"time"
)

// ModelVersion is one saved version of the text model.
type ModelVersion struct {
	// Version numbers start at 1 and grow by one per saved version.
	Version int
	// Model is the whole model file (as written by `bot train`).
	Model []byte
	// SHA256 is the hex SHA-256 of Model; its first 12 digits are the
	// model's own short id (model.Model.Version).
	SHA256 string
	// Author is the admin's Telegram user id in decimal, or "file" for a
	// model loaded from $BOT_MODEL or built into the binary.
	Author string
	// Summary describes the version.
	Summary string
	// Created is when the version was saved.
	Created time.Time
}

func (v version) model() ModelVersion {
	return ModelVersion{Version: v.Version, Model: v.Data, SHA256: v.SHA256, Author: v.Author, Summary: v.Summary, Created: v.Created}
}

// AddModelVersion saves a model file as the next model version, which
// becomes the active one.
func (s *Store) AddModelVersion(ctx context.Context, data []byte, author, summary string) (ModelVersion, error) {
	v, err := s.addVersion(ctx, modelVersions, -1, data, author, summary)
	return v.model(), err
}

// AddModelVersionIfBase saves a model file as the next model version only
// if the newest version is base (0: none yet); otherwise it fails with an
// error wrapping [ErrConflict].
func (s *Store) AddModelVersionIfBase(ctx context.Context, base int, data []byte, author, summary string) (ModelVersion, error) {
	if base < 0 {
		return ModelVersion{}, fmt.Errorf("store: add model version: invalid base %d", base)
	}
	v, err := s.addVersion(ctx, modelVersions, base, data, author, summary)
	return v.model(), err
}

// ActiveModelVersion returns the newest model version; ok is false when
// none was saved yet.
func (s *Store) ActiveModelVersion(ctx context.Context) (mv ModelVersion, ok bool, err error) {
	v, ok, err := s.activeVersion(ctx, modelVersions)
	return v.model(), ok, err
}

// LastModelVersionBy returns the newest model version saved by author; ok is
// false when there is none.
func (s *Store) LastModelVersionBy(ctx context.Context, author string) (v ModelVersion, ok bool, err error) {
	sv, ok, err := s.lastVersionBy(ctx, modelVersions, author)
	return sv.model(), ok, err
}

// ModelVersion returns model version n, or an error wrapping [ErrNotFound].
func (s *Store) ModelVersion(ctx context.Context, n int) (ModelVersion, error) {
	v, err := s.versionN(ctx, modelVersions, n)
	return v.model(), err
}

// ModelVersions returns the model versions newest first, at most limit of
// them (limit <= 0: no limit).
func (s *Store) ModelVersions(ctx context.Context, limit int) ([]ModelVersion, error) {
	vs, err := s.versions(ctx, modelVersions, limit)
	return convertAll(vs, err, version.model)
}
