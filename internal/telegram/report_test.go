package telegram

import (
	"fmt"
	"testing"
)

func TestAdCacheBounded(t *testing.T) {
	var c adCache
	for i := range int64(adCacheMax + 10) {
		c.put(i, fmt.Sprint("ad ", i))
	}
	if n := len(c.m); n > adCacheMax {
		t.Fatalf("%d ads cached, want at most %d", n, adCacheMax)
	}
	last := int64(adCacheMax + 9)
	if got, ok := c.get(last); !ok || got != fmt.Sprint("ad ", last) {
		t.Errorf("the newest ad is gone: %q %v", got, ok)
	}
	if _, ok := c.get(-1); ok {
		t.Error("an unknown screening has an ad")
	}
}
