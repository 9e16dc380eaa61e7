package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/cekloker/cekloker/internal/i18n"
	"github.com/cekloker/cekloker/internal/screen"
)

func rulesCmd(args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "check" {
		return usagef("usage: bot rules check [FILE] [--corpus FILE.jsonl]")
	}
	fs := flag.NewFlagSet("rules check", flag.ContinueOnError)
	corpus := fs.String("corpus", "", "labelled corpus (JSON lines with text and label scam|legit)")
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("rules check takes one FILE")
	}
	path := rulesPath()
	if len(pos) == 1 {
		path = pos[0]
	}
	eng, err := loadEngine(path)
	if err != nil {
		return err
	}
	f := eng.Rules()
	examples := 0
	for _, r := range f.Rules {
		examples += len(r.Examples.Match) + len(r.Examples.NoMatch)
	}
	fmt.Fprintf(stdout, "%s: OK — %d rules in %d categories, %d combos, %d destinations; all %d examples pass\n",
		f.Path, len(f.Rules), len(f.Categories), len(f.Combos), len(f.Destinations), examples)
	for _, l := range f.Languages {
		if !i18n.Has(l) {
			fmt.Fprintf(stdout, "language %s has no message catalog (internal/i18n/locales/%s.yaml): the bot's own messages fall back to %s\n", l, l, i18n.Default)
		}
	}
	for _, c := range f.Combos {
		if len(c.Replaces) > 0 {
			fmt.Fprintf(stdout, "combo %s replaces %s (only the stronger counts)\n", c.ID, strings.Join(c.Replaces, ", "))
		}
	}
	if *corpus == "" {
		return nil
	}
	items, err := readCorpus(*corpus)
	if err != nil {
		return err
	}
	report(stdout, eng, items)
	return nil
}

// corpusItem is one labelled ad.
type corpusItem struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Text  string `json:"text"`
}

func readCorpus(path string) ([]corpusItem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	defer f.Close()
	var items []corpusItem
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), maxBatchLine)
	for n := 1; sc.Scan(); n++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var it corpusItem
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			return nil, fmt.Errorf("corpus %s:%d: %w", path, n, err)
		}
		if it.Label != "scam" && it.Label != "legit" {
			return nil, fmt.Errorf("corpus %s:%d: label must be scam or legit, not %q", path, n, it.Label)
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("corpus %s: %w", path, err)
	}
	return items, nil
}

// report prints the confusion table, precision and recall at high and at
// medium-or-higher, the misjudged ads, and each rule's hits per label.
func report(w io.Writer, eng *screen.Engine, items []corpusItem) {
	levels := []string{"high", "medium", "low"}
	table := map[string]map[string]int{"scam": {}, "legit": {}}
	hits := map[string]map[string]int{}
	var missed, alarms []string
	moved := modelMoves{up: map[string]int{}, down: map[string]int{}}
	rulesOnly := eng.WithModel(nil)
	for _, it := range items {
		v := eng.Screen(it.Text)
		table[it.Label][v.Level]++
		if eng.Model() != nil {
			moved.add(it.Label, rulesOnly.Screen(it.Text).Level, v.Level)
		}
		for _, h := range v.Hits {
			if hits[h.Rule] == nil {
				hits[h.Rule] = map[string]int{}
			}
			hits[h.Rule][it.Label]++
		}
		switch {
		case it.Label == "scam" && v.Level != "high":
			missed = append(missed, fmt.Sprintf("%s (%s, %d)", it.ID, v.Level, v.Score))
		case it.Label == "legit" && v.Level != "low":
			alarms = append(alarms, fmt.Sprintf("%s (%s, %d)", it.ID, v.Level, v.Score))
		}
	}
	fmt.Fprintf(w, "\ncorpus: %d ads (%d scam, %d legit)\n\n", len(items), sum(table["scam"]), sum(table["legit"]))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "label\thigh\tmedium\tlow\t")
	for _, label := range []string{"scam", "legit"} {
		fmt.Fprintf(tw, "%s\t", label)
		for _, l := range levels {
			fmt.Fprintf(tw, "%d\t", table[label][l])
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	s, g := table["scam"], table["legit"]
	fmt.Fprintln(w)
	prf(w, "high", s["high"], g["high"], sum(s))
	prf(w, "medium or higher", s["high"]+s["medium"], g["high"]+g["medium"], sum(s))
	fmt.Fprintf(w, "\nscam ads below high: %v\nlegit ads above low: %v\n", missed, alarms)
	if m := eng.Model(); m != nil {
		fmt.Fprintf(w, "\ntext model %s (trained %s) joined: it raised the level of %d scam and %d legit ads, lowered %d scam and %d legit ads\n",
			m.Version, m.Manifest.Created, moved.up["scam"], moved.up["legit"], moved.down["scam"], moved.down["legit"])
	} else {
		fmt.Fprintln(w, "\nno text model joined (BOT_MODEL=off): rules alone")
	}

	fmt.Fprintln(w, "\nrule hits (scam / legit):")
	ids := make([]string, 0, len(eng.Rules().Rules))
	for _, r := range eng.Rules().Rules {
		ids = append(ids, r.ID)
	}
	sort.SliceStable(ids, func(i, j int) bool { return hits[ids[i]]["scam"] > hits[ids[j]]["scam"] })
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, id := range ids {
		fmt.Fprintf(tw, "  %s\t%d\t%d\n", id, hits[id]["scam"], hits[id]["legit"])
	}
	tw.Flush()
}

func prf(w io.Writer, name string, tp, fp, scams int) {
	precision, recall := 0.0, 0.0
	if tp+fp > 0 {
		precision = float64(tp) / float64(tp+fp)
	}
	if scams > 0 {
		recall = float64(tp) / float64(scams)
	}
	fmt.Fprintf(w, "%-17s precision %.3f  recall %.3f  (%d of %d scam ads; %d legit ads flagged)\n", name+":", precision, recall, tp, scams, fp)
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// modelMoves counts, per label, the ads whose level the model moved.
type modelMoves struct{ up, down map[string]int }

func (m modelMoves) add(label, before, after string) {
	switch d := screen.LevelRank(after) - screen.LevelRank(before); {
	case d > 0:
		m.up[label]++
	case d < 0:
		m.down[label]++
	}
}
