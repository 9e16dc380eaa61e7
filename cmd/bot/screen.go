package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"unsafe"

	cekloker "github.com/cekloker/cekloker"
	"github.com/cekloker/cekloker/internal/i18n"
	"github.com/cekloker/cekloker/internal/model"
	"github.com/cekloker/cekloker/internal/reply"
	"github.com/cekloker/cekloker/internal/rules"
	"github.com/cekloker/cekloker/internal/screen"
	"github.com/valyala/fastjson"
)

// maxScreenInput bounds what `bot screen` reads from a file or stdin.
const maxScreenInput = 16 << 20

func screenCmd(args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("screen", flag.ContinueOnError)
	lang := fs.String("lang", i18n.Default, "language of the explanations: "+strings.Join(i18n.Languages(), ", "))
	asJSON := fs.Bool("json", false, "print the verdict as JSON")
	jsonl := fs.Bool("jsonl", false, "batch mode: JSON lines in, JSON lines out")
	rulesFile := fs.String("rules", rulesPath(), "rule file")
	image := fs.String("image", "", "read the ad's text from this image (PNG, JPEG, WebP) with OCR")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if !i18n.Has(*lang) {
		return usagef("--lang must be one of %s, not %q", strings.Join(i18n.Languages(), ", "), *lang)
	}
	if *jsonl && *asJSON {
		return usagef("--json and --jsonl cannot be used together")
	}
	if *jsonl && *image != "" {
		return usagef("--image and --jsonl cannot be used together")
	}
	eng, err := loadEngine(*rulesFile)
	if err != nil {
		return err
	}
	if *image != "" {
		return screenImage(eng, *image, pos, stdin, stdout, *lang, *asJSON)
	}
	if *jsonl {
		if len(pos) > 1 {
			return usagef("--jsonl takes at most one FILE (or stdin)")
		}
		in := stdin
		if len(pos) == 1 && pos[0] != "-" {
			f, err := os.Open(pos[0])
			if err != nil {
				return err
			}
			defer f.Close()
			in = f
		}
		return screenBatch(eng, in, stdout)
	}
	text, err := screenInput(pos, stdin)
	if err != nil {
		return err
	}
	v := eng.Screen(text)
	if *asJSON {
		return writeJSON(stdout, reply.JSON(v, eng.Rules(), *lang))
	}
	if tr := eng.Distress(text); tr.Help {
		// The bot answers a cry for help with help, not with the verdict.
		note := i18n.T(*lang, "plain_distress_note") + "\n\n"
		if _, err := io.WriteString(stdout, note+reply.TroublePlain(tr, eng.Rules(), *lang)+"\n"); err != nil {
			return err
		}
	}
	_, err = io.WriteString(stdout, reply.Plain(v, eng.Rules(), *lang))
	return err
}

// loadEngine compiles the rule file at path (see loadRules) and joins the
// text model: $BOT_MODEL, or the model built into the binary.
func loadEngine(path string) (*screen.Engine, error) {
	eng, err := loadRules(path)
	if err != nil {
		return nil, err
	}
	m, err := model.Load(os.Getenv(model.EnvVar))
	if err != nil {
		return nil, err
	}
	return eng.WithModel(m), nil
}

// loadRules compiles the rule file at path. When the file is the default
// rules.yaml and the current folder has none, the rules built into the
// binary are used, so that `bot screen` works from any folder.
func loadRules(path string) (*screen.Engine, error) {
	data, err := rules.Read(path) // a file, or a folder of topic files
	if errors.Is(err, fs.ErrNotExist) && path == defaultRules && os.Getenv("BOT_RULES") == "" {
		data, path, err = cekloker.DefaultRules, "rules.yaml (built in)", nil
	}
	if err != nil {
		return nil, err
	}
	f, err := rules.Parse(path, data)
	if err != nil {
		return nil, err
	}
	return screen.Compile(f, "")
}

// screenInput is the text to screen: the arguments, a file named by the
// only argument, or stdin.
func screenInput(pos []string, stdin io.Reader) (string, error) {
	var data []byte
	switch {
	case len(pos) == 0 || len(pos) == 1 && pos[0] == "-":
		b, err := io.ReadAll(io.LimitReader(stdin, maxScreenInput))
		if err != nil {
			return "", fmt.Errorf("read stdin: %w", err)
		}
		data = b
	case len(pos) == 1 && isFile(pos[0]):
		f, err := os.Open(pos[0])
		if err != nil {
			return "", err
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, maxScreenInput))
		if err != nil {
			return "", fmt.Errorf("read %s: %w", pos[0], err)
		}
		data = b
	default:
		data = []byte(strings.Join(pos, " "))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return "", usagef("no text to screen: give the ad as an argument, a file, or on stdin")
	}
	return string(data), nil
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// batchOut is one output line of --jsonl.
type batchOut struct {
	ID      json.RawMessage `json:"id"`
	Level   string          `json:"level"`
	Score   int             `json:"score"`
	IsJobAd bool            `json:"is_job_ad"`
	Hits    []batchHit      `json:"hits"`
	// Model is the text model's part, when a model is joined.
	Model *batchModel `json:"model,omitempty"`
}

type batchModel struct {
	Probability float64 `json:"probability"`
	Points      int     `json:"points"`
}

type batchHit struct {
	Rule     string `json:"rule"`
	Category string `json:"category"`
	Match    string `json:"match"`
}

type batchErr struct {
	ID    json.RawMessage `json:"id"`
	Line  int             `json:"line"`
	Error string          `json:"error"`
}

// jsonNull is the id of a line whose id cannot be read.
var jsonNull = json.RawMessage("null")

// maxBatchLine is the longest input line accepted in --jsonl mode.
const maxBatchLine = 8 << 20

// screenBatch screens JSON lines in order; a bad line gets an error line
// and the batch goes on.
func screenBatch(eng *screen.Engine, in io.Reader, out io.Writer) error {
	r := bufio.NewReaderSize(in, 64<<10)
	w := bufio.NewWriter(out)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var p fastjson.Parser
	var buf []byte // the line read, reused: nothing screened keeps it
	for n := 1; ; n++ {
		line, tooLong, err := readLine(r, buf[:0], maxBatchLine)
		buf = line[:0]
		if err == io.EOF && len(line) == 0 && !tooLong {
			return nil
		}
		if err != nil && err != io.EOF {
			return fmt.Errorf("jsonl: line %d: %w", n, err)
		}
		var rec any
		line = bytes.TrimSpace(line)
		switch {
		case tooLong:
			rec = batchErr{ID: jsonNull, Line: n, Error: fmt.Sprintf("line longer than %d bytes", maxBatchLine)}
		case len(line) == 0:
			continue
		default:
			rec = screenLine(eng, &p, line, n)
		}
		if err := enc.Encode(rec); err != nil {
			return fmt.Errorf("jsonl: write: %w", err)
		}
		if err == io.EOF {
			return nil
		}
	}
}

// screenLine screens one JSON line, or describes why it cannot. The line
// is parsed with fastjson, which reads the two fields needed several times
// faster than encoding/json (about 1 µs against 10 µs for a 1.4 KB ad); a
// field named twice counts the first time, and names are matched exactly.
func screenLine(eng *screen.Engine, p *fastjson.Parser, line []byte, n int) any {
	doc, err := p.ParseBytes(line)
	if err != nil {
		return batchErr{ID: jsonNull, Line: n, Error: "invalid JSON: " + err.Error()}
	}
	obj, err := doc.Object()
	if err != nil {
		return batchErr{ID: jsonNull, Line: n, Error: "invalid JSON: a line must be an object"}
	}
	id := jsonNull
	if v := obj.Get("id"); v != nil {
		id = v.MarshalTo(nil)
	}
	tv := obj.Get("text")
	if tv == nil || tv.Type() == fastjson.TypeNull {
		return batchErr{ID: id, Line: n, Error: `missing "text"`}
	}
	text, err := tv.StringBytes()
	if err != nil {
		return batchErr{ID: id, Line: n, Error: `"text" must be a string`}
	}
	// The text is screened where the parser holds it, not copied: the
	// verdict is written out before the next line is parsed, and whatever
	// the engine keeps (caches, quotes) it copies.
	v := eng.Screen(unsafe.String(unsafe.SliceData(text), len(text)))
	o := batchOut{ID: id, Level: v.Level, Score: v.Score, IsJobAd: v.IsJobAd, Hits: make([]batchHit, len(v.Hits))}
	for i, h := range v.Hits {
		o.Hits[i] = batchHit{Rule: h.Rule, Category: h.Category, Match: h.Match}
	}
	if v.Model != nil {
		o.Model = &batchModel{Probability: v.Model.Probability, Points: v.Model.Points}
	}
	return o
}

// readLine reads one line of at most max bytes into line (whose memory it
// reuses); a longer line is skipped to its end and reported with tooLong.
func readLine(r *bufio.Reader, line []byte, max int) (_ []byte, tooLong bool, err error) {
	for {
		frag, isPrefix, err := r.ReadLine()
		if !tooLong {
			if len(line)+len(frag) > max {
				tooLong, line = true, nil
			} else {
				line = append(line, frag...)
			}
		}
		if err != nil || !isPrefix {
			return line, tooLong, err
		}
	}
}
