package memory

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// Record is an entry as a JSON line: the form of `bot memory export` and
// `import`, and of the known templates shipped in seed.jsonl.
type Record struct {
	// ID is the entry's id in the exporting deployment (informative).
	ID         int64     `json:"id,omitempty"`
	Source     string    `json:"source"`
	Confirmed  string    `json:"confirmed,omitempty"` // RFC 3339; empty for known templates
	Reports    int       `json:"reports,omitempty"`
	LastReport string    `json:"last_reported,omitempty"`
	Signature  string    `json:"signature,omitempty"` // base64 of the 64-byte signature
	Contacts   []Contact `json:"contacts,omitempty"`
}

// MaxRecordLine bounds one JSON line.
const MaxRecordLine = 64 << 10

// ToRecord turns an entry into its JSON form.
func ToRecord(e Entry) Record {
	r := Record{ID: e.ID, Source: e.Source, Reports: e.Reports, Contacts: e.Contacts}
	if !e.Confirmed.IsZero() {
		r.Confirmed = e.Confirmed.UTC().Format(time.RFC3339)
	}
	if !e.LastReport.IsZero() {
		r.LastReport = e.LastReport.UTC().Format(time.RFC3339)
	}
	if e.HasSig {
		r.Signature = e.Sig.String()
	}
	return r
}

// Entry checks a record and turns it into an entry (without id).
func (r Record) Entry() (Entry, error) {
	e := Entry{Source: strings.TrimSpace(r.Source), Reports: r.Reports}
	if e.Source == "" {
		return e, fmt.Errorf("no source")
	}
	if r.Reports < 0 {
		return e, fmt.Errorf("negative reports")
	}
	var err error
	if r.Confirmed != "" {
		if e.Confirmed, err = time.Parse(time.RFC3339, r.Confirmed); err != nil {
			return e, fmt.Errorf("confirmed: %w", err)
		}
	}
	if r.LastReport != "" {
		if e.LastReport, err = time.Parse(time.RFC3339, r.LastReport); err != nil {
			return e, fmt.Errorf("last_reported: %w", err)
		}
	}
	if r.Signature != "" {
		if e.Sig, err = ParseSignature(r.Signature); err != nil {
			return e, err
		}
		e.HasSig = true
	}
	for _, c := range r.Contacts {
		if !validKind(c.Kind) || strings.TrimSpace(c.Value) == "" {
			return e, fmt.Errorf("bad contact %q:%q", c.Kind, c.Value)
		}
		e.Contacts = append(e.Contacts, c)
	}
	if !e.HasSig && len(e.Contacts) == 0 {
		return e, fmt.Errorf("neither signature nor contacts")
	}
	return e, nil
}

func validKind(k string) bool {
	switch k {
	case "phone", "handle", "email", "link", "bank":
		return true
	}
	return false
}

// ReadRecords reads JSON lines of records; an invalid line is an error
// naming its number.
func ReadRecords(r io.Reader) ([]Entry, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxRecordLine)
	var out []Entry
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var rec Record
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rec); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		e, err := rec.Entry()
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read records: %w", err)
	}
	return out, nil
}

// WriteRecords writes entries as JSON lines.
func WriteRecords(w io.Writer, entries []Entry) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, e := range entries {
		if err := enc.Encode(ToRecord(e)); err != nil {
			return err
		}
	}
	return nil
}

//go:embed seed.jsonl
var seedData string

// Seed returns the known scam templates shipped with the bot (made from
// the scam ads of the training corpus by seedgen), with ids -1, -2, ….
func Seed() ([]Entry, error) {
	es, err := ReadRecords(strings.NewReader(seedData))
	if err != nil {
		return nil, fmt.Errorf("memory: seed.jsonl: %w", err)
	}
	for i := range es {
		es[i].ID = -int64(i + 1)
	}
	return es, nil
}

// ImportPreview says what importing some entries would add.
type ImportPreview struct {
	// Fresh are the entries that add something: a contact memory does
	// not know, or a text that is not a near-duplicate of one it knows.
	Fresh []Entry
	// Known is the number of entries memory knows already.
	Known int
	// NewContacts counts the new contacts by kind.
	NewContacts map[string]int
}

// Preview tells what importing entries would add to the snapshot.
func (s *Snapshot) Preview(entries []Entry) ImportPreview {
	p := ImportPreview{NewContacts: map[string]int{}}
	for _, e := range entries {
		var fresh []string
		for _, c := range e.Contacts {
			if len(s.WithContact(c)) == 0 {
				fresh = append(fresh, c.Kind)
			}
		}
		near := false
		if e.HasSig {
			_, _, near = s.Near(&e.Sig)
		}
		if len(fresh) == 0 && (near || !e.HasSig) {
			p.Known++
			continue
		}
		for _, k := range fresh {
			p.NewContacts[k]++
		}
		p.Fresh = append(p.Fresh, e)
	}
	return p
}
