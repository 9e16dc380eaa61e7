package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/cekloker/cekloker/internal/admin"
	"github.com/cekloker/cekloker/internal/i18n"
	"github.com/cekloker/cekloker/internal/model"
	"github.com/cekloker/cekloker/internal/ops"
	"github.com/cekloker/cekloker/internal/ruleset"
	"github.com/cekloker/cekloker/internal/store"
	"github.com/cekloker/cekloker/internal/telegram"
)

// config is the bot's configuration, from the environment.
type config struct {
	token     string
	endpoint  string
	db        string
	rules     string
	model     string // $BOT_MODEL: a file, "" for the built-in model, "off"
	admins    []int64
	storeText bool
	httpAddr  string
	logLevel  slog.Level
	limits    telegram.Limits
}

// loadConfig reads the environment; a missing token or a malformed value is
// a usage error.
func loadConfig(getenv func(string) string) (config, error) {
	c := config{
		token:    strings.TrimSpace(getenv("TELEGRAM_BOT_TOKEN")),
		endpoint: strings.TrimRight(strings.TrimSpace(getenv("TELEGRAM_API_ENDPOINT")), "/"),
		db:       strings.TrimSpace(getenv("BOT_DB")),
		rules:    rulesPathFrom(getenv),
		model:    strings.TrimSpace(getenv(model.EnvVar)),
		httpAddr: strings.TrimSpace(getenv("BOT_HTTP_ADDR")),
	}
	if c.token == "" {
		return c, usagef("TELEGRAM_BOT_TOKEN is not set: in Telegram, talk to @BotFather, send /newbot, and export the token it gives you as TELEGRAM_BOT_TOKEN")
	}
	if c.endpoint == "" {
		c.endpoint = "https://api.telegram.org"
	}
	if c.db == "" {
		c.db = "data/bot.db"
	}
	for _, f := range strings.Split(getenv("BOT_ADMINS"), ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return c, usagef("BOT_ADMINS must be comma-separated Telegram user ids, not %q", f)
		}
		c.admins = append(c.admins, id)
	}
	switch v := strings.TrimSpace(getenv("BOT_STORE_TEXT")); v {
	case "", "0", "false":
	case "1", "true":
		c.storeText = true
	default:
		return c, usagef("BOT_STORE_TEXT must be 1 or 0, not %q", v)
	}
	c.limits = telegram.DefaultLimits
	if v := strings.TrimSpace(getenv("BOT_SEND_RATE")); v != "" {
		r, err := strconv.ParseFloat(v, 64)
		if err != nil || r < 0 || r > 30 {
			return c, usagef("BOT_SEND_RATE must be a number of sends per second from 0 (no limit, for load tests against a local Bot API) to 30, not %q", v)
		}
		if r == 0 {
			c.limits = telegram.Limits{Off: true}
		} else {
			c.limits.Global, c.limits.GlobalBurst = rate.Limit(r), max(1, int(r/5))
		}
	}
	if lv := strings.TrimSpace(getenv("BOT_LOG_LEVEL")); lv != "" {
		if err := c.logLevel.UnmarshalText([]byte(lv)); err != nil {
			return c, usagef("BOT_LOG_LEVEL must be debug, info, warn or error, not %q", lv)
		}
	}
	return c, nil
}

func rulesPathFrom(getenv func(string) string) string {
	if p := strings.TrimSpace(getenv("BOT_RULES")); p != "" {
		return p
	}
	return defaultRules
}

// runBot starts the Telegram bot and runs it until ctx ends.
func runBot(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return usagef("bot run takes no arguments; configure it with environment variables (see README)")
	}
	cfg, err := loadConfig(os.Getenv)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.logLevel}))
	if os.Getenv("GOMEMLIMIT") == "" {
		// A soft heap limit keeps a burst of large messages from growing
		// the process far beyond what it holds (GOMEMLIMIT overrides it);
		// with it the bot's peak RSS stays under 60 MB (README,
		// Performance).
		debug.SetMemoryLimit(34 << 20)
	}

	st, err := store.Open(ctx, cfg.db, store.Options{StoreText: cfg.storeText, Languages: i18n.Languages()})
	if err != nil {
		return err
	}
	defer st.Close()
	pruneCtx, stopPrune := context.WithCancel(ctx)
	defer stopPrune()
	go prune(pruneCtx, st, time.Hour, log)

	// The rules (rules.yaml and the admins' edits) and the text model
	// ($BOT_MODEL or the built-in one, and the admins' imports), as
	// versions in the store.
	mgr := ruleset.NewManager(st, log)
	modelVersion, err := mgr.LoadModel(ctx, cfg.model)
	if err != nil {
		return err
	}
	version, err := mgr.Load(ctx, cfg.rules)
	if err != nil {
		return err
	}
	mem, err := openMemory(ctx, st)
	if err != nil {
		return err
	}
	metrics := ops.NewMetrics()
	metrics.Versions(func() (int, int) {
		_, rv := mgr.Current()
		m, mv := mgr.CurrentModel()
		if m == nil {
			mv = 0
		}
		return rv, mv
	})
	images, err := newImageReader(os.Getenv, log)
	if err != nil {
		return err
	}
	metrics.SetOCRAvailable(images.Available())
	hooks := metrics.Hooks()
	tgcfg := telegram.Config{Token: cfg.token, Endpoint: cfg.endpoint, Admins: cfg.admins, Limits: cfg.limits, Memory: mem, Images: images}
	// The admin commands send through the bot's sender (one set of limits)
	// and the bot hands them its private messages and buttons first.
	tgcfg.Sender = telegram.NewSender(tgcfg, hooks, log)
	adm := admin.New(admin.Deps{Rules: mgr, Store: st, Sender: tgcfg.Sender, Memory: mem, Admins: cfg.admins}, log)
	tgcfg.Commands = adm
	bot, err := telegram.New(ctx, tgcfg, st, mgr, hooks, log)
	if err != nil {
		return err
	}
	adm.Resume(ctx) // an Apply cut short by a crash: say which version is active
	report := adm.ReloadReporter(ctx)
	if err := mgr.Watch(ctx, cfg.rules, report); err != nil {
		log.Warn("rules: not watching the rules file", "path", cfg.rules, "error", err)
	}
	if cfg.model != "" && cfg.model != "off" {
		if err := mgr.WatchModel(ctx, cfg.model, adm.ModelReloadReporter(ctx, filepath.Base(cfg.model))); err != nil {
			log.Warn("model: not watching the model file", "path", cfg.model, "error", err)
		}
	}
	log.Info("cekloker started", "bot", "@"+bot.Username(), "rules_version", version, "model_version", modelVersion, "db", cfg.db, "store_text", cfg.storeText)

	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	httpDone := make(chan error, 1)
	if cfg.httpAddr != "" {
		health := ops.NewHealth(st, bot.LastPoll, time.Now)
		health.SetOCR(images.Status)
		go func() {
			err := ops.Serve(runCtx, cfg.httpAddr, ops.Handler(metrics, health), log)
			if err != nil {
				cancel() // e.g. the port is taken: stop rather than run unobserved
			}
			httpDone <- err
		}()
	} else {
		httpDone <- nil
	}
	runErr := bot.Run(runCtx)
	cancel()
	if err := <-httpDone; err != nil && runErr == nil {
		runErr = err
	}
	if runErr != nil {
		return runErr
	}
	log.Info("cekloker stopped")
	return nil
}

// prune applies the retention periods (store.Prune) now and then every
// interval until ctx ends.
func prune(ctx context.Context, st *store.Store, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := st.Prune(ctx, time.Now()); err != nil && ctx.Err() == nil {
			log.Warn("store: prune", "error", err)
		} else if err == nil {
			log.Debug("store: pruned old records")
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// healthcheckCmd asks the running bot's /healthz (BOT_HTTP_ADDR) whether it
// is healthy: exit 0 if so, 1 if not. For container health checks.
func healthcheckCmd(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) > 0 {
		return usagef("bot healthcheck takes no arguments; it checks BOT_HTTP_ADDR")
	}
	addr := strings.TrimSpace(os.Getenv("BOT_HTTP_ADDR"))
	if addr == "" {
		return usagef("BOT_HTTP_ADDR is not set: the health check needs the address the bot serves /healthz on, e.g. :8080")
	}
	r, err := ops.FetchHealth(ctx, ops.HealthURL(addr))
	if err != nil {
		return err
	}
	if r.OCR != "" {
		fmt.Fprintf(stdout, "healthy; ocr: %s\n", r.OCR)
	}
	return nil
}
