// Command bot is cekloker: a Telegram bot that screens job ads for signs of
// trafficking and job scams, and the terminal tools around it.
//
//	bot [run]                     start the Telegram bot (long polling)
//	bot screen [flags] [TEXT|FILE] screen one ad, or a batch with --jsonl
//	bot rules check [FILE] [--corpus FILE.jsonl]
//	bot memory export|import      share confirmed scams as JSON lines
//	bot healthcheck               exit 0 if the running bot's /healthz is healthy
//
// Exit codes: 0 ok, 1 screening or validation failure, 2 usage error.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// usageError is a mistake in how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runMain(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// runMain dispatches to a subcommand and turns its error into an exit code
// and a one-line message on stderr.
func runMain(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd, rest := "run", args
	if len(args) > 0 {
		cmd, rest = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "run":
		err = runBot(ctx, rest, stderr)
	case "screen":
		err = screenCmd(rest, stdin, stdout)
	case "rules":
		err = rulesCmd(rest, stdout)
	case "healthcheck":
		err = healthcheckCmd(ctx, rest, stdout)
	case "memory":
		err = memoryCmd(ctx, rest, stdin, stdout)
	case "train":
		err = trainCmd(rest, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		err = usagef("unknown command %q (try: bot help)", cmd)
	}
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "bot:", err)
		return exitUsage
	default:
		fmt.Fprintln(stderr, "bot:", err)
		return exitFailure
	}
}

const usage = `cekloker — screens job ads for signs of trafficking and job scams.

Usage:
  bot [run]                        start the Telegram bot (needs TELEGRAM_BOT_TOKEN)
  bot screen [flags] [TEXT|FILE]   screen one ad (text, a file, or stdin)
      --lang id|en|…               language of the explanations: one with a catalog (default id)
      --json                       print the verdict as one JSON object
      --jsonl                      batch: JSON lines {"id","text"} in, one verdict per line out
      --rules FILE                 rule file (default $BOT_RULES or rules.yaml)
      --image FILE                 read the ad from an image (PNG, JPEG, WebP) with
                                   OCR; TEXT or FILE, if given, is its caption
  bot rules check [FILE] [--corpus FILE.jsonl]
                                   validate a rule file, run its examples, and
                                   score a labelled corpus
  bot train --corpus FILE [--corpus FILE ...] [--out model.bin]
                                   cross-validate and train the text model
  bot memory export [--db FILE] [--out FILE]
                                   confirmed scams as JSON lines (sources, dates)
  bot memory import FILE [--db FILE] [--apply]
                                   preview, then add, another deployment's export
  bot healthcheck                  exit 0 if the running bot's /healthz
                                   (BOT_HTTP_ADDR) answers healthy; prints
                                   whether it can read images (OCR)

Exit codes: 0 ok, 1 screening or validation failure, 2 usage error.
`
