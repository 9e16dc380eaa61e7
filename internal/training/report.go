package training

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/cekloker/cekloker/internal/model"
	"github.com/cekloker/cekloker/internal/rules"
)

// counts are the levels reached by one system on a set of rows.
type counts struct {
	scam, legit     int
	sMed, sHigh     [3]int // rules, model, join: scams at medium+ and at high
	lMed, lHigh     [3]int // the same for legit job ads
	non, nonJob     int    // non-job texts; of them taken for job ads (job head)
	nonHigh, nonMed [3]int
}

// levels returns the rules, model-alone and joined levels of row i.
func levels(p *pred, th rules.Thresholds) [3]int {
	return [3]int{
		level(p.rules, th),
		aloneLevel(p.logit, p.alone),
		level(p.rules+p.join.Score(p.rules, p.logit, p.job, th.Medium, th.High), th),
	}
}

func tally(rows []Row, preds []pred, th rules.Thresholds, use func(int) bool) counts {
	var c counts
	for i := range rows {
		if !use(i) {
			continue
		}
		ls := levels(&preds[i], th)
		for s, l := range ls {
			switch {
			case rows[i].Scam():
				c.sMed[s] += b2i(l >= 1)
				c.sHigh[s] += b2i(l == 2)
			case rows[i].Job:
				c.lMed[s] += b2i(l >= 1)
				c.lHigh[s] += b2i(l == 2)
			default:
				c.nonMed[s] += b2i(l >= 1)
				c.nonHigh[s] += b2i(l == 2)
			}
		}
		switch {
		case rows[i].Scam():
			c.scam++
		case rows[i].Job:
			c.legit++
		default:
			c.non++
			c.nonJob += b2i(preds[i].job >= 0.5)
		}
	}
	return c
}

func pct(k, n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f", 100*float64(k)/float64(n))
}

// tables prints the cross-validation figures per origin, per language and
// overall: for scams the share at medium or higher / at high (higher is
// better), for legit job ads the same (lower is better), for rules alone,
// the model alone and the join.
func tables(rows []Row, preds []pred, th rules.Thresholds) []string {
	var b bytes.Buffer
	tw := tabwriter.NewWriter(&b, 0, 0, 1, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tscams\trules\tmodel\tjoin\tlegit\trules\tmodel\tjoin\t")
	fmt.Fprintln(tw, "\tn\tmed+/high %\tmed+/high %\tmed+/high %\tn\tmed+/high %\tmed+/high %\tmed+/high %\t")
	line := func(name string, c counts) {
		fmt.Fprintf(tw, "%s\t%d\t", name, c.scam)
		for s := range 3 {
			fmt.Fprintf(tw, "%s/%s\t", pct(c.sMed[s], c.scam), pct(c.sHigh[s], c.scam))
		}
		fmt.Fprintf(tw, "%d\t", c.legit)
		for s := range 3 {
			fmt.Fprintf(tw, "%s/%s\t", pct(c.lMed[s], c.legit), pct(c.lHigh[s], c.legit))
		}
		fmt.Fprintln(tw)
	}
	by := func(key func(*Row) string) {
		var names []string
		seen := map[string]bool{}
		for i := range rows {
			if k := key(&rows[i]); !seen[k] && rows[i].Job {
				seen[k] = true
				names = append(names, k)
			}
		}
		sort.Strings(names)
		for _, k := range names {
			line(k, tally(rows, preds, th, func(i int) bool { return key(&rows[i]) == k && rows[i].Job }))
		}
	}
	by(func(r *Row) string { return "origin " + r.Origin })
	by(func(r *Row) string { return "lang " + r.Lang })
	line("ALL", tally(rows, preds, th, func(i int) bool { return rows[i].Job }))
	tw.Flush()
	out := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	var scams, scamNon, legit, legitNon int
	for i := range rows {
		switch {
		case rows[i].Scam():
			scams++
			scamNon += b2i(preds[i].job < 0.5)
		case rows[i].Job:
			legit++
			legitNon += b2i(preds[i].job < 0.5)
		}
	}
	out = append(out, fmt.Sprintf("job head on ads: %d of %d scams (%s%%) and %d of %d legit ads (%s%%) not taken for job ads",
		scamNon, scams, pct(scamNon, scams), legitNon, legit, pct(legitNon, legit)))
	nj := tally(rows, preds, th, func(i int) bool { return !rows[i].Job })
	if nj.non > 0 {
		out = append(out, fmt.Sprintf("non-job texts: %d; taken for job ads by the job head: %d (%s%%); high: rules %d, model %d, join %d; medium+: rules %d, model %d, join %d",
			nj.non, nj.nonJob, pct(nj.nonJob, nj.non), nj.nonHigh[0], nj.nonHigh[1], nj.nonHigh[2], nj.nonMed[0], nj.nonMed[1], nj.nonMed[2]))
	}
	return out
}

// leaveOneOrigin trains without each origin in turn and reports on that
// origin, with the join and cut-offs chosen by cross-validation. (Without
// the non-job texts the job head cannot be trained: it then takes every
// text for a job ad.)
func leaveOneOrigin(rows []Row, items []item, join model.Join, alone model.Cutoffs, th rules.Thresholds, opt *Options) ([]string, error) {
	var origins []string
	seen := map[string]bool{}
	for i := range rows {
		if o := rows[i].Origin; !seen[o] {
			seen[o] = true
			origins = append(origins, o)
		}
	}
	sort.Strings(origins)
	preds := make([]pred, len(rows))
	for i := range items {
		if !items[i].aug {
			preds[items[i].row] = pred{rules: items[i].score, join: join, alone: alone}
		}
	}
	out := []string{"leave one origin out (trained on all other origins, tested on this one):"}
	for _, o := range origins {
		m, err := heads(items, func(it *item) bool { return rows[it.row].Origin != o }, opt)
		if err != nil {
			out = append(out, fmt.Sprintf("  %s: not trained (%v)", o, err))
			continue
		}
		for i := range items {
			if it := &items[i]; !it.aug && rows[it.row].Origin == o {
				r := m.Score(it.nt, it.syms)
				preds[it.row].logit, preds[it.row].job = r.Logit, r.Job
			}
		}
		opt.logf("left out %s", o)
	}
	out = append(out, tables(rows, preds, th)...)
	return out, nil
}
