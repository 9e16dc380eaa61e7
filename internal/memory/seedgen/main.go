// Command seedgen makes internal/memory/seed.jsonl, the known scam
// templates shipped with the bot, from the scam ads of a labelled corpus
// (signature, contacts and source; not the text), and prints how similar
// legitimate ads are to them, to justify memory.Threshold.
//
//	go run ./internal/memory/seedgen -corpus ../shared/corpus/train.jsonl -out internal/memory/seed.jsonl [-check ../shared/corpus/dev.jsonl]
//
// Contacts that also occur in a legitimate ad of the corpus are left out.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"slices"

	"github.com/cekloker/cekloker/internal/extract"
	"github.com/cekloker/cekloker/internal/memory"
	"github.com/cekloker/cekloker/internal/screen"
)

type row struct {
	ID, Label, Origin, Text string
}

type ad struct {
	row
	sig      memory.Signature
	hasSig   bool
	contacts []memory.Contact
}

func main() {
	corpus := flag.String("corpus", "", "labelled corpus (JSONL with id, label, origin, text)")
	out := flag.String("out", "", "seed file to write (nothing written when empty)")
	check := flag.String("check", "", "another labelled corpus to measure against the seed")
	rulesPath := flag.String("rules", "rules.yaml", "rule file whose lists read the links")
	flag.Parse()
	eng, err := screen.Load(*rulesPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "seedgen:", err)
		os.Exit(1)
	}
	entities = eng.Extract
	ads, err := read(*corpus)
	if err != nil {
		fmt.Fprintln(os.Stderr, "seedgen:", err)
		os.Exit(1)
	}
	scams, legit := split(ads)
	legitContacts := map[string]bool{}
	for _, a := range legit {
		for _, c := range a.contacts {
			legitContacts[c.Key()] = true
		}
	}
	fmt.Printf("%s: %d scam, %d legit ads; %d scam and %d legit with a signature\n", *corpus, len(scams), len(legit), count(scams), count(legit))
	report("legit ad vs most similar scam ad", legit, scams, false)
	report("scam ad vs most similar other scam ad", scams, scams, true)
	if *check != "" {
		dev, err := read(*check)
		if err != nil {
			fmt.Fprintln(os.Stderr, "seedgen:", err)
			os.Exit(1)
		}
		ds, dl := split(dev)
		report(*check+" legit vs seed", dl, scams, false)
		report(*check+" scam vs seed", ds, scams, false)
	}
	if *out == "" {
		return
	}
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "seedgen:", err)
		os.Exit(1)
	}
	var entries []memory.Entry
	dropped, kept := 0, 0
	for _, a := range scams {
		e := memory.Entry{Source: "corpus " + a.Origin + " " + a.ID, Sig: a.sig, HasSig: a.hasSig}
		for _, c := range a.contacts {
			if legitContacts[c.Key()] {
				dropped++
				continue
			}
			c.Raw = ""
			e.Contacts = append(e.Contacts, c)
			kept++
		}
		if e.HasSig || len(e.Contacts) > 0 {
			entries = append(entries, e)
		}
	}
	if err := memory.WriteRecords(f, entries); err != nil {
		fmt.Fprintln(os.Stderr, "seedgen:", err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "seedgen:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d entries to %s (%d contacts; %d left out because legitimate ads carry them)\n", len(entries), *out, kept, dropped)
}

// entities finds the contacts of a text with the rule file's lists.
var entities func(string) extract.Entities

func read(path string) ([]ad, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 1<<22)
	var out []ad
	for sc.Scan() {
		var r row
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		a := ad{row: r}
		a.sig, a.hasSig = memory.Sign(r.Text)
		a.contacts = memory.Contacts(entities(r.Text))
		out = append(out, a)
	}
	return out, sc.Err()
}

func count(as []ad) int {
	n := 0
	for _, a := range as {
		if a.hasSig {
			n++
		}
	}
	return n
}

// report prints the distribution of each ad's highest similarity to the
// others.
func report(title string, as, others []ad, skipSame bool) {
	var best []float64
	worst := ""
	for _, a := range as {
		if !a.hasSig {
			continue
		}
		m := 0.0
		for _, o := range others {
			if !o.hasSig || skipSame && o.ID == a.ID {
				continue
			}
			if s := memory.Similarity(&a.sig, &o.sig); s > m {
				m = s
				if m >= 0.3 && !skipSame {
					worst = a.ID + " ~ " + o.ID
				}
			}
		}
		best = append(best, m)
	}
	slices.Sort(best)
	var hist [10]int
	for _, b := range best {
		hist[min(9, int(b*10))]++
	}
	fmt.Printf("\n%s (n=%d): max %.2f, p99 %.2f, p50 %.2f\n", title, len(best), best[len(best)-1], best[len(best)*99/100], best[len(best)/2])
	for i, h := range hist {
		fmt.Printf("  %.1f–%.1f %5d\n", float64(i)/10, float64(i+1)/10, h)
	}
	if worst != "" {
		fmt.Println("  a pair at ≥ 0.3:", worst)
	}
}

// split separates scam ads from legitimate ones.
func split(ads []ad) (scams, legit []ad) {
	for _, a := range ads {
		if a.Label == "scam" {
			scams = append(scams, a)
		} else {
			legit = append(legit, a)
		}
	}
	return scams, legit
}
