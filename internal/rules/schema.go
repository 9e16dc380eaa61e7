// Package rules defines the rule file that admins edit (rules.yaml): its
// schema, strict loading, and validation. It knows nothing of matching or of
// Telegram; the screen package compiles a loaded File into an engine.
package rules

import (
	"slices"

	"github.com/cekloker/cekloker/internal/normalize"
)

// File is a whole rule file.
type File struct {
	// Version is the schema version of the file format; only 1 exists.
	Version int `yaml:"version"`
	// Name describes this rule set.
	Name string `yaml:"name"`
	// Languages are the language codes of the texts people read
	// (explanations, names, guidance, labels), the default first; every
	// such text is a map keyed by them. A file without the list has
	// DefaultLanguages. The bot also needs a message catalog for each
	// (internal/i18n).
	Languages []string `yaml:"languages"`
	// Thresholds are the scores at which an ad becomes medium and high risk.
	Thresholds Thresholds `yaml:"thresholds"`
	// JobAd says how to tell a job offer from ordinary conversation.
	JobAd JobAd `yaml:"job_ad"`
	// Categories are the kinds of red flag; every rule belongs to one.
	Categories []Category `yaml:"categories"`
	// Rules are the red-flag rules.
	Rules []Rule `yaml:"rules"`
	// Combos add score when several categories occur together.
	Combos []Combo `yaml:"combos"`
	// Destinations are countries with their placement status.
	Destinations []Destination `yaml:"destinations"`
	// Guidance is the official advice shown with each verdict.
	Guidance Guidance `yaml:"guidance"`
	// Negation lists the words that negate a match of a negatable rule.
	Negation Negation `yaml:"negation"`
	// Lists are the lists that change as scammers change: link hosts,
	// free mail domains, abbreviations, currency rates.
	Lists Lists `yaml:"lists"`
	// Distress recognises cries for help, answered with help, not a verdict.
	Distress Distress `yaml:"distress"`

	// Normalizer normalises texts and phrases with Lists.Abbreviations;
	// set by Parse.
	Normalizer *normalize.Normalizer `yaml:"-"`

	// Path is the name the file was loaded from (for error messages).
	Path string `yaml:"-"`
	// Lines maps YAML paths such as "rules[3]" or "rules[3].patterns[1]"
	// to the line where they are written.
	Lines map[string]int `yaml:"-"`
	// sources are the topic files of a folder (see ReadDir).
	sources []source
}

// Lists are the lists that change as scammers change.
type Lists struct {
	// LinkHosts are link hosts by kind (whatsapp, telegram, form,
	// shortener, social); a host matches a listed domain or a subdomain.
	LinkHosts map[string][]string `yaml:"link_hosts"`
	// FreeMail are free mail domains; "yahoo." matches every domain that
	// starts with it.
	FreeMail []string `yaml:"free_mail"`
	// Abbreviations are short forms expanded before matching, in texts
	// and in rule phrases alike (brgkt: berangkat).
	Abbreviations map[string]string `yaml:"abbreviations"`
	// RatesIDR are rupiah per unit of each currency (ISO 4217 code).
	RatesIDR map[string]float64 `yaml:"rates_idr"`
	// OfficialPhones are the numbers (E.164) of official channels, such
	// as the ministry's hotline: a text that gives only these is not
	// taken to give a way to make contact with its writer.
	OfficialPhones []string `yaml:"official_phones"`
}

// Thresholds are the minimum scores of the medium and high levels.
type Thresholds struct {
	Medium int `yaml:"medium"`
	High   int `yaml:"high"`
}

// Level is the level of a score: High from th.High on, Medium from
// th.Medium on, else Low.
func (th Thresholds) Level(score int) string {
	switch {
	case score >= th.High:
		return High
	case score >= th.Medium:
		return Medium
	}
	return Low
}

// JobAd decides whether a text is a job offer at all: it is when at least
// MinScore of the patterns occur (a salary amount counts as one, and so does
// each of Categories with a hit).
type JobAd struct {
	MinScore int      `yaml:"min_score"`
	Patterns []string `yaml:"patterns"`
	// Categories count one point each when one of their rules hits.
	Categories []string `yaml:"categories"`
	// Warnings are phrases of scam warnings and news reports ("jangan
	// tergiur", "modus penipuan"): a text with at least WarningsMin
	// different ones talks about scams rather than offering a job, so it
	// is not a job ad (its score is kept).
	Warnings    []string `yaml:"warnings"`
	WarningsMin int      `yaml:"warnings_min"`
	// Recruit are phrases of a call to apply or to make contact ("hub
	// WA", "japri", "kirim CV", "dibutuhkan"). Warning words never make a
	// text that also recruits (one of these, or a WhatsApp or Telegram
	// link) a non-job-ad: "⚠️ WASPADA PENIPUAN! … PM saya" still gets a
	// verdict.
	Recruit []string `yaml:"recruit"`
	// CompiledRecruit holds Recruit compiled by Parse.
	CompiledRecruit []Pattern `yaml:"-"`

	// Compiled holds Patterns compiled by Parse, in the same order.
	Compiled []Pattern `yaml:"-"`
	// CompiledWarnings holds Warnings compiled by Parse.
	CompiledWarnings []Pattern `yaml:"-"`
}

// Negation words cancel a match of a negatable rule when one stands among
// the Window words before it (Before) or the two words after it (After),
// within the same sentence: "tidak ada biaya pendaftaran", "biaya
// pendaftaran gratis".
type Negation struct {
	Window int      `yaml:"window"`
	Before []string `yaml:"before"`
	After  []string `yaml:"after"`
}

// Text is a text that people read, by language code: {id: ..., en: ...}.
// Its languages are those of [File.Languages]; validation makes every
// required text have all of them.
type Text map[string]string

// In returns the text in lang exactly, or "" when it has none; see
// [File.Text] for the text with the default language as fallback.
func (t Text) In(lang string) string { return t[lang] }

// Empty reports whether the text has no words in any language.
func (t Text) Empty() bool {
	for _, s := range t {
		if s != "" {
			return false
		}
	}
	return true
}

// DefaultLanguages are the languages of a rule file that has no
// languages: list (files written before it existed).
var DefaultLanguages = []string{"id", "en"}

// Default is the file's default language, the first of Languages: the
// language of texts that lack the one asked for.
func (f *File) Default() string {
	if len(f.Languages) == 0 {
		return DefaultLanguages[0]
	}
	return f.Languages[0]
}

// Rule returns the rule with the given id, or nil.
func (f *File) Rule(id string) *Rule {
	for i := range f.Rules {
		if f.Rules[i].ID == id {
			return &f.Rules[i]
		}
	}
	return nil
}

// HasLanguage reports whether lang is one of the file's languages.
func (f *File) HasLanguage(lang string) bool {
	return slices.Contains(f.Languages, lang)
}

// Text returns t in lang, or in the default language when lang is not one
// of the file's languages or t lacks it.
func (f *File) Text(t Text, lang string) string {
	if s := t[lang]; s != "" {
		return s
	}
	return t[f.Default()]
}

// Category is a kind of red flag.
type Category struct {
	ID   string `yaml:"id"`
	Name Text   `yaml:"name"`
}

// Rule is one red flag: phrases (or regular expressions, written /like
// this/) and entity conditions that raise the score by Weight.
type Rule struct {
	ID       string `yaml:"id"`
	Category string `yaml:"category"`
	Weight   int    `yaml:"weight"`
	// Patterns are phrases matched as whole words after normalisation. A
	// word may end (or start) with * to match any ending (or beginning);
	// a number in a phrase matches any number. A pattern written between
	// slashes, /like this/, is a regular expression over the normalised
	// text.
	Patterns []string `yaml:"patterns"`
	// Exclude are phrases that cancel a match of Patterns lying inside
	// them: "visa turis" does not count inside "bukan visa turis".
	Exclude []string `yaml:"exclude"`
	// Negatable rules ignore matches that the negation words negate.
	Negatable bool `yaml:"negatable"`
	// MinMatches, when above 1, makes the rule hit only when that many
	// different patterns occur (for example a long list of unrelated jobs).
	MinMatches int `yaml:"min_matches"`
	// With, when set, makes the rule count only when one of these
	// categories has a red flag too ("Rute: Jakarta – …" is a transit route
	// only on the way to a risky country).
	With []string `yaml:"with"`
	// Unless makes the rule not count when one of these categories has a
	// hit ("tech-savvy" is no light requirement in an ad that asks for a
	// degree).
	Unless []string `yaml:"unless"`
	// NotWhenRecruiting makes the rule not count in a text that recruits
	// (see [JobAd.Recruit]): a warning is no sign of an official notice in
	// a post that says "PM saya".
	NotWhenRecruiting bool `yaml:"not_when_recruiting"`
	// NotAnOffer marks a rule that finds a text to be about job offers
	// rather than one (a news report, a story, a question): when it hits,
	// the text is no job ad and is rated low whatever red flags it names,
	// the rule's weight growing as far as needed to bring the final score
	// (rules, model and all) below the medium threshold. Only the bot's
	// memory of confirmed scams counts after it. It needs a weight of 0 or
	// less and not_when_recruiting, so that a post that asks people to
	// apply or make contact is never let off; nor is one that gives a
	// phone number, an e-mail address or a WhatsApp or Telegram link.
	NotAnOffer bool `yaml:"not_an_offer"`
	// DespiteContact lets a not_an_offer rule count in a text that gives
	// a phone number, an e-mail address or a chat link: for texts that
	// sell something other than work (a trip, a contest), whose number is
	// for booking. Pair it with unless: the categories of a job offer, so
	// that a "trip" that promises work is not let off.
	DespiteContact bool `yaml:"despite_contact"`
	// Entity is a condition on what was extracted from the text.
	Entity   *Entity  `yaml:"entity"`
	Explain  Text     `yaml:"explain"`
	Examples Examples `yaml:"examples"`
	// Disabled rules are kept in the file but never hit.
	Disabled bool `yaml:"disabled"`

	// Compiled holds Patterns compiled by Parse, in the same order.
	Compiled []Pattern `yaml:"-"`
	// CompiledExclude holds Exclude compiled by Parse.
	CompiledExclude []Pattern `yaml:"-"`
}

// Entity is a condition on the entities extracted from a text.
type Entity struct {
	// Kind is one of: salary, destination, phone, link, email, handle.
	Kind string `yaml:"kind"`
	// MinMonthlyIDR (salary): the salary converted to rupiah per month is
	// at least this.
	MinMonthlyIDR float64 `yaml:"min_monthly_idr"`
	// Periods (salary): the pay is per one of these periods (e.g. task).
	Periods []string `yaml:"periods"`
	// Placement (destination): the destination's placement status.
	Placement *bool `yaml:"placement"`
	// LinkKinds (link): whatsapp, telegram, shortener, form, social, other.
	LinkKinds []string `yaml:"link_kinds"`
	// FreeMail (email): the address is at a free mail provider.
	FreeMail bool `yaml:"free_mail"`
}

// Examples are texts that the rule must match and must not match.
type Examples struct {
	Match   []string `yaml:"match"`
	NoMatch []string `yaml:"no_match"`
}

// Combo adds Weight when all its categories occur in one text. Combos do
// not stack silently: a combo that hits cancels the combos it Replaces
// (typically those with a subset of its categories), so only the strongest
// of a family counts.
type Combo struct {
	ID         string   `yaml:"id"`
	Categories []string `yaml:"categories"`
	Weight     int      `yaml:"weight"`
	// Replaces names combos that do not count when this one hits.
	Replaces []string `yaml:"replaces"`
	Explain  Text     `yaml:"explain"`
}

// Destination is a country job seekers are sent to.
type Destination struct {
	// ID is the ISO 3166 alpha-2 code (KH, MM, ...).
	ID   string `yaml:"id"`
	Name Text   `yaml:"name"`
	// Placement is true for official placement countries of Indonesian
	// migrant workers and false for countries that are not.
	Placement bool `yaml:"placement"`
	// Aliases are names of the country in any language.
	Aliases []string `yaml:"aliases"`
	// Towns are towns and areas, such as the scam hubs.
	Towns []string `yaml:"towns"`
	// PhoneCodes are telephone country codes such as 855.
	PhoneCodes []int `yaml:"phone_codes"`
	// Source is where the placement status comes from.
	Source string `yaml:"source"`
}

// Guidance is the official advice shown with verdicts.
type Guidance struct {
	// Summary is one line for compact group replies.
	Summary Text `yaml:"summary"`
	// Advice is shown with every full verdict whose level is listed.
	Advice []Advice `yaml:"advice"`
	// Links become URL buttons under a verdict.
	Links []Link `yaml:"links"`
	// OverseasCategories are the categories whose red flags make a case an
	// offer of work abroad even when no destination is named.
	OverseasCategories []string `yaml:"overseas_categories"`
}

// Advice is one piece of official advice and its source.
type Advice struct {
	Text   Text     `yaml:"text"`
	Source string   `yaml:"source"`
	Levels []string `yaml:"levels"`
	// Categories, when set, show the advice only when one of them has a
	// red flag (advice on fake domestic vacancies only for those).
	Categories []string `yaml:"categories"`
	// Scope, when set, shows the advice only for a "domestic" case (a
	// fake vacancy at home) or an "overseas" one (see [Case]).
	Scope string `yaml:"scope"`
	// Short, when set, is the advice in one line: the first item of a
	// verdict's advice with a short form is its "what to do" line.
	Short Text `yaml:"short"`
	// NeedsDestination shows the advice only when a destination was found.
	NeedsDestination bool `yaml:"needs_destination"`
}

// Link is an official channel shown as a button.
type Link struct {
	Label  Text   `yaml:"label"`
	URL    string `yaml:"url"`
	Source string `yaml:"source"`
}

// Levels in increasing order of risk.
const (
	Low    = "low"
	Medium = "medium"
	High   = "high"
)

// ShowsFor reports whether advice is shown for a verdict of level whose red
// flags are in the categories flagged.
func (a Advice) ShowsFor(level string, flagged func(category string) bool) bool {
	if len(a.Levels) > 0 && !slices.Contains(a.Levels, level) {
		return false
	}
	if len(a.Categories) == 0 {
		return true
	}
	for _, c := range a.Categories {
		if flagged(c) {
			return true
		}
	}
	return false
}
