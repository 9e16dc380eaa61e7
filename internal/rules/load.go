package rules

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MaxFileSize is the largest rule file accepted.
const MaxFileSize = 1 << 20

// Error is one problem in a rule file, located by file, line and rule id.
type Error struct {
	File string
	Line int
	Rule string
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	if e.Rule != "" {
		b.WriteString("rule " + strconv.Quote(e.Rule) + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every problem found in one file.
type Errors []*Error

func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Err returns es as an error, or nil when it is empty.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// Load reads and parses the rule file at path, or the topic files of the
// folder at path (see ReadDir).
func Load(path string) (*File, error) {
	data, err := Read(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Read returns the rules at path: the file, or the topic files of a folder
// joined by ReadDir.
func Read(path string) ([]byte, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return ReadDir(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	defer f.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxFileSize+1)); err != nil {
		return nil, fmt.Errorf("rules: read %s: %w", path, err)
	}
	return buf.Bytes(), nil
}

// Parse decodes a rule file strictly and validates its structure: unknown
// keys, duplicate ids, unknown categories, bad regular expressions, empty
// explanations and missing sources are errors naming the line and rule.
// The file may be a stream of YAML documents (topic files joined by
// ReadDir): their lists are joined and every other section is written in
// one document only. Parse does not run the examples; screen.Compile does.
func Parse(path string, data []byte) (*File, error) {
	if len(data) > MaxFileSize {
		return nil, Errors{{File: path, Msg: fmt.Sprintf("file is larger than %d bytes", MaxFileSize)}}
	}
	f := &File{Path: path, Lines: map[string]int{}, sources: sourcesOf(data)}
	nodes := yaml.NewDecoder(bytes.NewReader(data))
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	for n := 0; ; n++ {
		var root yaml.Node
		err := nodes.Decode(&root)
		if err == io.EOF {
			if n == 0 {
				return nil, Errors{{File: path, Msg: "file is empty"}}
			}
			break
		}
		if err != nil {
			return nil, f.yamlError(err)
		}
		if len(root.Content) == 0 {
			continue
		}
		part := &File{}
		lines := map[string]int{}
		collectLines(root.Content[0], "", lines)
		if err := dec.Decode(part); err != nil {
			_ = f.merge(part, lines) // for the rule ids of the errors
			return nil, f.yamlError(err)
		}
		if err := f.merge(part, lines); err != nil {
			return nil, err
		}
	}
	if err := f.validate(); err != nil {
		return nil, err
	}
	return f, nil
}

// Line returns the line of a YAML path such as "rules[2].patterns[0]", or
// of its nearest enclosing element.
func (f *File) Line(path string) int {
	for path != "" {
		if l, ok := f.Lines[path]; ok {
			return l
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return 0
}

// RuleAtLine returns the id of the rule written around line n, if any.
func (f *File) RuleAtLine(n int) string {
	best, id := 0, ""
	for i, r := range f.Rules {
		l := f.Line(fmt.Sprintf("rules[%d]", i))
		if l <= n && l > best {
			best, id = l, r.ID
		}
	}
	return id
}

var yamlLine = regexp.MustCompile(`line (\d+): (.*)`)

// yamlError turns a YAML library error into Errors with files, lines and
// rule ids.
func (f *File) yamlError(err error) error {
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	var es Errors
	for _, m := range msgs {
		e := &Error{File: f.Path, Msg: strings.TrimPrefix(m, "yaml: ")}
		if sm := yamlLine.FindStringSubmatch(m); sm != nil {
			line, _ := strconv.Atoi(sm[1])
			e.Msg = sm[2]
			e.Rule = f.RuleAtLine(line)
			e.File, e.Line = f.locateLine(line)
		}
		es = append(es, e)
	}
	return es
}

// collectLines records the line of every mapping value and sequence item
// under a YAML path, and names rule items by index.
func collectLines(n *yaml.Node, path string, lines map[string]int) {
	if path != "" {
		lines[path] = n.Line
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			p := k
			if path != "" {
				p = path + "." + k
			}
			lines[p] = n.Content[i].Line
			collectLines(n.Content[i+1], p, lines)
			lines[p] = n.Content[i].Line
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			collectLines(c, fmt.Sprintf("%s[%d]", path, i), lines)
		}
	}
}
