package reply

import "github.com/cekloker/cekloker/internal/i18n"

// SlowDown is the one notice a user gets when they send faster than the
// bot answers; what they send meanwhile is not answered.
func SlowDown(lang string) string { return i18n.T(lang, "slow_down") }
