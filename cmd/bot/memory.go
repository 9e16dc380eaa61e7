package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cekloker/cekloker/internal/memory"
	"github.com/cekloker/cekloker/internal/store"
)

// openMemory builds the bot's memory: the known templates and the
// store's confirmed scams. The admins' decisions reload it.
func openMemory(ctx context.Context, st *store.Store) (*memory.Holder, error) {
	seed, err := memory.Seed()
	if err != nil {
		return nil, err
	}
	h := memory.NewHolder(st, seed)
	if err := h.Reload(ctx); err != nil {
		return nil, err
	}
	return h, nil
}

// memoryCmd is `bot memory export` and `bot memory import`.
func memoryCmd(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "export" && args[0] != "import" {
		return usagef("usage: bot memory export [--db FILE] [--out FILE] | bot memory import FILE [--db FILE] [--apply]")
	}
	fs := flag.NewFlagSet("memory "+args[0], flag.ContinueOnError)
	db := fs.String("db", "", "SQLite file (default $BOT_DB or data/bot.db)")
	out := fs.String("out", "", "export: write to FILE instead of stdout")
	apply := fs.Bool("apply", false, "import: add the entries (without it, only a preview is printed)")
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return err
	}
	if *db == "" {
		*db = strings.TrimSpace(os.Getenv("BOT_DB"))
	}
	if *db == "" {
		*db = "data/bot.db"
	}
	if args[0] == "export" {
		if len(pos) > 0 {
			return usagef("memory export takes no FILE (use --out)")
		}
		return memoryExport(ctx, *db, *out, stdout)
	}
	if len(pos) != 1 {
		return usagef("usage: bot memory import FILE [--db FILE] [--apply] (FILE - reads stdin)")
	}
	return memoryImport(ctx, *db, pos[0], *apply, stdin, stdout)
}

func memoryExport(ctx context.Context, db, out string, stdout io.Writer) error {
	if _, err := os.Stat(db); err != nil {
		return fmt.Errorf("memory export: %w", err)
	}
	st, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	entries, forgotten, _, err := st.MemoryEntries(ctx)
	if err != nil {
		return err
	}
	// What was forgotten is not shared.
	kept := memory.Build(0, entries, forgotten).Entries()
	w := stdout
	if out != "" {
		f, err := os.Create(out)
		if err != nil {
			return fmt.Errorf("memory export: %w", err)
		}
		defer f.Close()
		w = f
	}
	if err := memory.WriteRecords(w, kept); err != nil {
		return fmt.Errorf("memory export: %w", err)
	}
	if out != "" {
		fmt.Fprintf(stdout, "exported %d confirmed entries to %s\n", len(kept), out)
	}
	return nil
}

// memoryImport previews (and with apply, adds) the entries of a JSONL
// export: which are new, which memory knows already (same contacts, or a
// near-duplicate text), and the contacts they add by kind.
func memoryImport(ctx context.Context, db, file string, apply bool, stdin io.Reader, stdout io.Writer) error {
	var r io.Reader = stdin
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return fmt.Errorf("memory import: %w", err)
		}
		defer f.Close()
		r = f
	}
	in, err := memory.ReadRecords(io.LimitReader(r, 64<<20))
	if err != nil {
		return fmt.Errorf("memory import: %s: %w", file, err)
	}
	st, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	seed, err := memory.Seed()
	if err != nil {
		return err
	}
	h := memory.NewHolder(st, seed)
	if err := h.Reload(ctx); err != nil {
		return err
	}
	p := h.Current().Preview(in)
	fresh := p.Fresh
	fmt.Fprintf(stdout, "%s: %d entries; %d new, %d already known (same contacts or a near-duplicate text)\n", file, len(in), len(fresh), p.Known)
	for _, k := range []string{"phone", "handle", "email", "link", "bank"} {
		if p.NewContacts[k] > 0 {
			fmt.Fprintf(stdout, "  new %s contacts: %d\n", k, p.NewContacts[k])
		}
	}
	for i, e := range fresh {
		if i == 20 {
			fmt.Fprintf(stdout, "  … and %d more\n", len(fresh)-20)
			break
		}
		conf := "-"
		if !e.Confirmed.IsZero() {
			conf = e.Confirmed.UTC().Format("2006-01-02")
		}
		fmt.Fprintf(stdout, "  + %s, confirmed %s, %d reports, %d contacts, text signature %v\n", e.Source, conf, e.Reports, len(e.Contacts), e.HasSig)
	}
	if !apply {
		fmt.Fprintln(stdout, "preview only: run again with --apply to import")
		return nil
	}
	if len(fresh) == 0 {
		fmt.Fprintln(stdout, "nothing to import")
		return nil
	}
	if err := st.ImportMemory(ctx, fresh, "cli", file); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported %d entries; the bot uses them from its next start\n", len(fresh))
	return nil
}
