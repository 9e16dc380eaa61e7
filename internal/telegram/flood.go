package telegram

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/cekloker/cekloker/internal/i18n"
	"github.com/cekloker/cekloker/internal/reply"
)

// FloodLimits are the token buckets that keep one user or group from
// taking the bot's time from everyone else: Every is the sustained rate
// (one token per Every) and Burst how many may come at once.
type FloodLimits struct {
	PrivateEvery  time.Duration // a user's private messages
	PrivateBurst  int
	CallbackEvery time.Duration // a user's button presses
	CallbackBurst int
	GroupEvery    time.Duration // a group's posts and edits together
	GroupBurst    int
	// Off turns the flood limits off.
	Off bool
}

// DefaultFloodLimits: 30 private messages at once then one per 2 s; 20
// button presses then one a second; 30 group posts or edits then one per
// 2 s. Far above what a person types, far below a script.
var DefaultFloodLimits = FloodLimits{
	PrivateEvery: 2 * time.Second, PrivateBurst: 30,
	CallbackEvery: time.Second, CallbackBurst: 20,
	GroupEvery: 2 * time.Second, GroupBurst: 30,
}

const (
	// noticeEvery: at most one "slow down" notice per user in this time.
	noticeEvery = 10 * time.Minute
	// refusedLogEvery: a refused admin button is logged (and audited)
	// once per user in this time; the other presses are only counted.
	refusedLogEvery = time.Minute
	// floodIdle: buckets unused this long are forgotten.
	floodIdle = 15 * time.Minute
)

// floodGate holds the token buckets, by key.
type floodGate struct {
	limits FloodLimits
	mu     sync.Mutex
	bucket map[string]*bucket
	swept  time.Time
}

type bucket struct {
	l    *rate.Limiter
	used time.Time
}

func newFloodGate(l FloodLimits) *floodGate {
	return &floodGate{limits: l, bucket: map[string]*bucket{}, swept: time.Now()}
}

// allow takes a token from the bucket named key.
func (g *floodGate) allow(key string, every time.Duration, burst int) bool {
	now := time.Now()
	g.mu.Lock()
	defer g.mu.Unlock()
	if now.Sub(g.swept) > floodIdle {
		for k, b := range g.bucket {
			if now.Sub(b.used) > floodIdle {
				delete(g.bucket, k)
			}
		}
		g.swept = now
	}
	b, ok := g.bucket[key]
	if !ok {
		b = &bucket{l: rate.NewLimiter(rate.Every(every), burst)}
		g.bucket[key] = b
	}
	b.used = now
	return b.l.AllowN(now, 1)
}

// limited applies the flood limits to an update before it is dispatched:
// it reports true when the update is to be dropped (it counts it, and
// sends the one "slow down" notice where due). Bot admins are not
// limited.
func (b *Bot) limited(ctx context.Context, u *update) bool {
	g := b.flood
	switch {
	case u.CallbackQuery != nil && u.CallbackQuery.From != nil:
		q := u.CallbackQuery
		id := strconv.FormatInt(q.From.ID, 10)
		if b.isAdmin(q.From.ID) {
			return false
		}
		if strings.HasPrefix(q.Data, "adm:") {
			// Refused anyway: only the first press a minute reaches the
			// admin code (a polite answer, an audit row, a log line).
			if !g.allow("r:"+id, refusedLogEvery, 1) {
				b.countLimited("refused_callback")
				return true
			}
			b.countLimited("refused_callback")
			return false
		}
		if g.limits.Off || g.allow("c:"+id, g.limits.CallbackEvery, g.limits.CallbackBurst) {
			return false
		}
		b.countLimited("callback")
		return true
	case u.message() != nil && u.message().Chat != nil && !g.limits.Off:
		m := u.message()
		if m.Chat.IsPrivate() {
			if m.From != nil && b.isAdmin(m.From.ID) {
				return false
			}
			id := strconv.FormatInt(m.Chat.ID, 10)
			if g.allow("p:"+id, g.limits.PrivateEvery, g.limits.PrivateBurst) {
				return false
			}
			b.countLimited("private")
			if g.allow("n:"+id, noticeEvery, 1) {
				lang := i18n.Default
				if m.From != nil {
					lang = reply.Lang(m.From.LanguageCode)
				}
				if err := b.say(ctx, m.Chat.ID, 0, reply.SlowDown(lang)); err != nil {
					b.log.Info("telegram: slow-down notice not sent", "error", redact(err, b.cfg.Token))
				}
			}
			return true
		}
		if g.allow("g:"+strconv.FormatInt(m.Chat.ID, 10), g.limits.GroupEvery, g.limits.GroupBurst) {
			return false
		}
		kind := "group_post"
		if u.EditedMessage != nil {
			kind = "group_edit"
		}
		b.countLimited(kind)
		if g.allow("gn:"+strconv.FormatInt(m.Chat.ID, 10), noticeEvery, 1) {
			b.log.Warn("telegram: group over its flood limit; posts are not screened for now", "chat", m.Chat.ID)
		}
		return true
	}
	return false
}

func (b *Bot) countLimited(kind string) {
	if b.hooks.Limited != nil {
		b.hooks.Limited(kind)
	}
}
