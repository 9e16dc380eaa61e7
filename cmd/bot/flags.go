package main

import (
	"flag"
	"io"
	"os"
)

// parseInterspersed parses flags that may come before or after positional
// arguments ("bot screen 'text' --json").
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usagef("%v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// rulesPath is the default rule file: $BOT_RULES or rules.yaml.
func rulesPath() string { return rulesPathFrom(os.Getenv) }

// defaultRules is the rule file used when BOT_RULES is not set.
const defaultRules = "rules.yaml"
