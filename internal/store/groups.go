package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
)

// Default group settings, used when a group has none stored.
const (
	DefaultMinLevel = "medium"
	DefaultLang     = "id"
)

// DefaultLanguages are the group languages of a store opened without
// Options.Languages.
var DefaultLanguages = []string{"id", "en"}

// GroupSettings are the per-group options set by the group's admins.
type GroupSettings struct {
	// ChatID is the Telegram group or supergroup id (negative).
	ChatID int64
	// AutoScreen screens every job-ad-like message without a command.
	AutoScreen bool
	// MinLevel is the lowest level the bot replies to in the group:
	// "low", "medium" (default) or "high".
	MinLevel string
	// Lang is the group's reply language: "id" (default), "en" or another
	// of Options.Languages. "auto" (the poster's language) is still read
	// from old databases and is treated as "id".
	Lang string
	// DeleteHigh deletes high-risk messages (needs admin rights).
	DeleteHigh bool
	// IntroSent records that the bot posted its introduction.
	IntroSent bool
	// Title is the group's title, for the admin listing.
	Title string
}

// DefaultGroupSettings returns the settings of a group that stored none.
func DefaultGroupSettings(chatID int64) GroupSettings {
	return GroupSettings{ChatID: chatID, AutoScreen: true, MinLevel: DefaultMinLevel, Lang: DefaultLang}
}

// GroupSettings returns the group's stored settings, or
// [DefaultGroupSettings] when none are stored.
func (s *Store) GroupSettings(ctx context.Context, chatID int64) (GroupSettings, error) {
	row := s.db.QueryRowContext(ctx, selectGroups+` WHERE chat_id = ?`, chatID)
	g, err := scanGroup(row)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultGroupSettings(chatID), nil
	}
	if err != nil {
		return GroupSettings{}, fmt.Errorf("store: group settings: %w", err)
	}
	return g, nil
}

// SaveGroupSettings stores the group's settings, replacing earlier ones.
// An empty MinLevel or Lang is stored as the default. ChatID must be a
// group id (negative): private chat ids are never stored.
func (s *Store) SaveGroupSettings(ctx context.Context, g GroupSettings) error {
	if g.ChatID >= 0 {
		return fmt.Errorf("store: save group settings: chat id %d is not a group id", g.ChatID)
	}
	if g.MinLevel == "" {
		g.MinLevel = DefaultMinLevel
	}
	if g.Lang == "" {
		g.Lang = DefaultLang
	}
	switch g.MinLevel {
	case "low", "medium", "high":
	default:
		return fmt.Errorf("store: save group settings: invalid min level %q", g.MinLevel)
	}
	if g.Lang != "auto" && !slices.Contains(s.languages, g.Lang) {
		return fmt.Errorf("store: save group settings: invalid lang %q (want one of %v)", g.Lang, s.languages)
	}
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO group_settings
		   (chat_id, auto_screen, min_level, lang, delete_high, intro_sent, title, updated_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT (chat_id) DO UPDATE SET
		   auto_screen = excluded.auto_screen, min_level = excluded.min_level,
		   lang = excluded.lang, delete_high = excluded.delete_high,
		   intro_sent = excluded.intro_sent, title = excluded.title,
		   updated_at = excluded.updated_at`,
		g.ChatID, g.AutoScreen, g.MinLevel, g.Lang, g.DeleteHigh, g.IntroSent, g.Title,
		millis(s.now()))
	if err != nil {
		return fmt.Errorf("store: save group settings: %w", err)
	}
	return nil
}

// Groups returns the settings of every group that has stored settings,
// ordered by chat id.
func (s *Store) Groups(ctx context.Context) ([]GroupSettings, error) {
	return queryAll(ctx, s.db, "groups", scanGroup, selectGroups+` ORDER BY chat_id`)
}

const selectGroups = `SELECT chat_id, auto_screen, min_level, lang, delete_high, intro_sent, title
	FROM group_settings`

func scanGroup(r scanner) (GroupSettings, error) {
	var g GroupSettings
	err := r.Scan(&g.ChatID, &g.AutoScreen, &g.MinLevel, &g.Lang, &g.DeleteHigh, &g.IntroSent, &g.Title)
	return g, err
}
