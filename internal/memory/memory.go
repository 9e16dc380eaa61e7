// Package memory is what the bot remembers of confirmed scams: a
// near-duplicate index of their texts (one-permutation MinHash over
// word-pair shingles of the normalised text, with LSH buckets for
// sublinear look-up) and an index of the recruiters' contacts (phones,
// handles, e-mails, links, bank accounts). A Snapshot never changes after
// Build; a Holder swaps snapshots atomically, so a screening in flight
// keeps the snapshot it started with. It does no I/O.
package memory

import (
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cekloker/cekloker/internal/extract"
	"github.com/cekloker/cekloker/internal/screen"
)

// Threshold is the similarity from which a text counts as a
// near-duplicate of a remembered scam. It was chosen on the training
// corpus (see README "Memory"): no legitimate ad comes near it.
const Threshold = 0.4

// Entry is one remembered scam.
type Entry struct {
	// ID is the store's id (> 0), or < 0 for known templates (seed).
	ID int64
	// Source says where it comes from: "report", "import", or the corpus
	// and row of a known template.
	Source string
	// Confirmed is when an admin confirmed it (zero for known templates).
	Confirmed time.Time
	// Reports is how many people reported it; LastReport the latest.
	Reports    int
	LastReport time.Time
	// Sig is the text's signature, when the text was long enough.
	Sig    Signature
	HasSig bool
	// Contacts are the recruiter's contacts in the ad.
	Contacts []Contact
}

// Snapshot is an immutable index of entries.
type Snapshot struct {
	version   int64
	threshold float64
	entries   []Entry
	// bands[b] maps band b of every signature to its entries.
	bands [Bands]table[uint32]
	// contacts maps a hash of every contact key to its entries.
	contacts table[uint64]
	ncontact int
}

// seed fixes maphash's seed for the process (hashes are never stored).
var seed = maphash.MakeSeed()

func keyHash(key string) uint64 { return maphash.String(seed, key) }

// Build indexes entries. Entries whose id or contact key is among
// forgotten ("entry:ID" or a Contact.Key) are left out, respectively lose
// that contact; an entry left with neither signature nor contact is
// dropped.
func Build(version int64, entries []Entry, forgottenKeys []string) *Snapshot {
	forgotten := make(map[string]bool, len(forgottenKeys))
	for _, k := range forgottenKeys {
		forgotten[k] = true
	}
	s := &Snapshot{version: version, threshold: Threshold, entries: make([]Entry, 0, len(entries))}
	for _, e := range entries {
		if forgotten[entryKey(e.ID)] {
			continue
		}
		if len(forgotten) > 0 {
			cs := make([]Contact, 0, len(e.Contacts))
			for _, c := range e.Contacts {
				if !forgotten[c.Key()] {
					cs = append(cs, c)
				}
			}
			e.Contacts = cs
		}
		if !e.HasSig && len(e.Contacts) == 0 {
			continue
		}
		s.entries = append(s.entries, e)
	}
	nsig, ncontact := 0, 0
	for i := range s.entries {
		if s.entries[i].HasSig {
			nsig++
		}
		ncontact += len(s.entries[i].Contacts)
	}
	for b := range Bands {
		s.bands[b] = newTable[uint32](nsig)
	}
	s.contacts, s.ncontact = newTable[uint64](ncontact), ncontact
	for i := range s.entries {
		e := &s.entries[i]
		if e.HasSig {
			for b := range Bands {
				s.bands[b].add(e.Sig.band(b), i)
			}
		}
		for _, c := range e.Contacts {
			s.contacts.add(keyHash(c.Key()), i)
		}
	}
	return s
}

func entryKey(id int64) string { return "entry:" + strconv.FormatInt(id, 10) }

// Version is the memory version the snapshot was built from.
func (s *Snapshot) Version() int64 { return s.version }

// Len is the number of entries.
func (s *Snapshot) Len() int { return len(s.entries) }

// Entries returns the entries (callers must not change them).
func (s *Snapshot) Entries() []Entry { return s.entries }

// maxCandidates bounds the signatures compared per look-up, so that a
// bucket crowded by a common template cannot make a look-up slow.
const maxCandidates = 64

// Near returns the remembered entry most similar to sig, if any reaches
// the threshold. It looks only in the LSH buckets sig falls into.
func (s *Snapshot) Near(sig *Signature) (e *Entry, sim float64, ok bool) {
	var cand [maxCandidates]uint32
	n := 0
	for b := 0; b < Bands && n < maxCandidates; b++ {
		s.bands[b].each(sig.band(b), func(idx int) bool {
			if !slices.Contains(cand[:n], uint32(idx)) {
				cand[n] = uint32(idx)
				n++
			}
			return n < maxCandidates
		})
	}
	best := -1
	for _, idx := range cand[:n] {
		if v := Similarity(sig, &s.entries[idx].Sig); v > sim || best < 0 {
			best, sim = int(idx), v
		}
	}
	if best < 0 || sim < s.threshold {
		return nil, 0, false
	}
	return &s.entries[best], sim, true
}

// WithContact returns the entries that carry the contact.
func (s *Snapshot) WithContact(c Contact) []*Entry {
	key := c.Key()
	var out []*Entry
	s.contacts.each(keyHash(key), func(idx int) bool {
		e := &s.entries[idx]
		if slices.ContainsFunc(e.Contacts, func(x Contact) bool { return x.Kind == c.Kind && x.Value == c.Value }) {
			out = append(out, e)
		}
		return true
	})
	return out
}

// Stats is what memory knows of one contact.
type Stats struct {
	// Entries is the number of remembered scams with the contact.
	Entries int
	// Reports is the number of reports of those scams.
	Reports int
	// Last is the latest report or confirmation (zero if only known
	// templates carry the contact).
	Last time.Time
	// Sources are the known templates' sources.
	Sources []string
}

// Lookup tells what memory knows of a contact.
func (s *Snapshot) Lookup(c Contact) Stats {
	var st Stats
	for _, e := range s.WithContact(c) {
		st.Entries++
		st.Reports += e.Reports
		last := e.LastReport
		if e.Confirmed.After(last) {
			last = e.Confirmed
		}
		if last.After(st.Last) {
			st.Last = last
		}
		if e.Confirmed.IsZero() && !slices.Contains(st.Sources, e.Source) {
			st.Sources = append(st.Sources, e.Source)
		}
	}
	return st
}

// Recall implements screen.Memory: the most similar remembered text, if
// it reaches the threshold, then each contact of the text that memory
// knows, with the latest scam that carried it.
func (s *Snapshot) Recall(text string, ents extract.Entities) []screen.MemoryHit {
	if s == nil || len(s.entries) == 0 {
		return nil
	}
	var hits []screen.MemoryHit
	if sig, ok := Sign(text); ok {
		if e, sim, ok := s.Near(&sig); ok {
			hits = append(hits, hit(e, screen.MemoryText, firstLine(text), sim))
		}
	}
	if s.ncontact == 0 {
		return hits
	}
	for _, c := range Contacts(ents) {
		es := s.WithContact(c)
		if len(es) == 0 {
			continue
		}
		latest := es[0]
		reports := 0
		for _, e := range es {
			reports += e.Reports
			if e.Confirmed.After(latest.Confirmed) {
				latest = e
			}
		}
		h := hit(latest, c.Kind, c.Raw, 0)
		h.Reports = reports
		hits = append(hits, h)
	}
	return hits
}

func hit(e *Entry, kind, value string, sim float64) screen.MemoryHit {
	return screen.MemoryHit{Kind: kind, Value: value, Similarity: sim, Entry: e.ID,
		Confirmed: e.Confirmed, Reports: e.Reports, Source: e.Source}
}

// firstLine is the first non-empty line of text, cut to 80 bytes on a
// character boundary: what a text hit quotes.
func firstLine(text string) string {
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if len(line) > 80 {
			cut := 80
			for cut > 0 && !utf8.RuneStart(line[cut]) {
				cut--
			}
			line = line[:cut] + "…"
		}
		return line
	}
	return ""
}
