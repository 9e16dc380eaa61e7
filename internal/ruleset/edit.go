package ruleset

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The edit helpers change one value in a rules file through its YAML node
// tree, so that comments and the order of keys survive.

func parseDoc(data []byte) (*yaml.Node, *yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, nil, fmt.Errorf("rules.yaml: %w", err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, nil, fmt.Errorf("rules.yaml: not a mapping")
	}
	return &doc, doc.Content[0], nil
}

func encodeDoc(doc *yaml.Node) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// mapValue returns the value node of key in mapping n, or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// setScalar sets key in mapping n to value (tag !!int or !!bool), adding
// the key at the end when it is missing.
func setScalar(n *yaml.Node, key, value, tag string) {
	if v := mapValue(n, key); v != nil {
		v.Kind, v.Tag, v.Value, v.Style = yaml.ScalarNode, tag, value, 0
		return
	}
	n.Content = append(n.Content,
		&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key},
		&yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value})
}

func deleteKey(n *yaml.Node, key string) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			n.Content = append(n.Content[:i], n.Content[i+2:]...)
			return
		}
	}
}

func findRule(root *yaml.Node, id string) (*yaml.Node, error) {
	seq := mapValue(root, "rules")
	if seq == nil || seq.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("rules.yaml: no rules")
	}
	for _, r := range seq.Content {
		if r.Kind == yaml.MappingNode {
			if v := mapValue(r, "id"); v != nil && v.Value == id {
				return r, nil
			}
		}
	}
	return nil, fmt.Errorf("no rule %q", id)
}

// lineEdit edits data line by line where the node positions allow it, so
// that everything else (blank lines, comments, quoting) stays byte for byte.
type lineEdit struct {
	lines []string
	ok    bool
}

func newLineEdit(data []byte) *lineEdit {
	return &lineEdit{lines: strings.SplitAfter(string(data), "\n"), ok: true}
}

// replace sets the plain scalar v to value in place.
func (e *lineEdit) replace(v *yaml.Node, value string) {
	if v.Kind != yaml.ScalarNode || v.Style != 0 || v.Line < 1 || v.Line > len(e.lines) {
		e.ok = false
		return
	}
	l := e.lines[v.Line-1]
	c := v.Column - 1
	if c < 0 || c+len(v.Value) > len(l) || l[c:c+len(v.Value)] != v.Value {
		e.ok = false
		return
	}
	e.lines[v.Line-1] = l[:c] + value + l[c+len(v.Value):]
}

// insertAfter adds "key: value" after the line of node after, indented
// like key node at.
func (e *lineEdit) insertAfter(at, after *yaml.Node, key, value string) {
	if at.Line < 1 || after.Line < 1 || after.Line > len(e.lines) || after.Kind != yaml.ScalarNode || after.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		e.ok = false
		return
	}
	line := strings.Repeat(" ", at.Column-1) + key + ": " + value + "\n"
	if !strings.HasSuffix(e.lines[after.Line-1], "\n") {
		e.lines[after.Line-1] += "\n"
	}
	e.lines = slices.Insert(e.lines, after.Line, line)
}

// deleteLine removes the line of key node k (a one-line "key: value").
func (e *lineEdit) deleteLine(k *yaml.Node) {
	if k.Line < 1 || k.Line > len(e.lines) || !strings.HasPrefix(strings.TrimSpace(e.lines[k.Line-1]), k.Value+":") {
		e.ok = false
		return
	}
	e.lines = slices.Delete(e.lines, k.Line-1, k.Line)
}

func (e *lineEdit) bytes() []byte { return []byte(strings.Join(e.lines, "")) }

// keyNode returns the key and value nodes of key in mapping n.
func keyNode(n *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i], n.Content[i+1]
		}
	}
	return nil, nil
}

// setIn sets key of mapping n to value, in the text when possible and
// else by re-encoding the node tree.
func setIn(data []byte, doc, n *yaml.Node, key, value, tag string) ([]byte, error) {
	e := newLineEdit(data)
	if _, v := keyNode(n, key); v != nil {
		e.replace(v, value)
	} else if len(n.Content) >= 2 {
		e.insertAfter(n.Content[0], n.Content[1], key, value)
	} else {
		e.ok = false
	}
	if e.ok {
		return e.bytes(), nil
	}
	setScalar(n, key, value, tag)
	return encodeDoc(doc)
}

// SetDisabled turns rule id off (disabled: true) or on (the key is removed).
func SetDisabled(data []byte, id string, disabled bool) ([]byte, error) {
	doc, root, err := parseDoc(data)
	if err != nil {
		return nil, err
	}
	r, err := findRule(root, id)
	if err != nil {
		return nil, err
	}
	if disabled {
		return setIn(data, doc, r, "disabled", "true", "!!bool")
	}
	k, _ := keyNode(r, "disabled")
	if k == nil {
		return data, nil
	}
	e := newLineEdit(data)
	e.deleteLine(k)
	if e.ok {
		return e.bytes(), nil
	}
	deleteKey(r, "disabled")
	return encodeDoc(doc)
}

// SetWeight sets the weight of rule id.
func SetWeight(data []byte, id string, weight int) ([]byte, error) {
	doc, root, err := parseDoc(data)
	if err != nil {
		return nil, err
	}
	r, err := findRule(root, id)
	if err != nil {
		return nil, err
	}
	return setIn(data, doc, r, "weight", strconv.Itoa(weight), "!!int")
}

// SetThreshold sets thresholds.medium or thresholds.high.
func SetThreshold(data []byte, which string, score int) ([]byte, error) {
	if which != "medium" && which != "high" {
		return nil, fmt.Errorf("threshold must be medium or high, not %q", which)
	}
	doc, root, err := parseDoc(data)
	if err != nil {
		return nil, err
	}
	t := mapValue(root, "thresholds")
	if t == nil || t.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("rules.yaml: no thresholds")
	}
	return setIn(data, doc, t, which, strconv.Itoa(score), "!!int")
}
