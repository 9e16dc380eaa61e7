package ocr_test

import (
	"context"
	"flag"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/ocr"
	"github.com/cekloker/cekloker/internal/ocr/ocrtest"
)

var update = flag.Bool("update", false, "rewrite scripts/testdata/poster.jpg")

// dockerPoster is the poster scripts/docker-check.sh reads inside the
// image: `go test ./internal/ocr -run CommittedPoster -update` draws it.
const dockerPoster = "../../scripts/testdata/poster.jpg"

const dockerPosterAd = "LOKER ADMIN KAMBOJA\n" +
	"Gaji 15 juta per bulan, mess dan makan gratis.\n" +
	"Tiket pesawat ditanggung kantor, berangkat minggu depan.\n" +
	"Cukup pakai visa turis, paspor dibantu.\n" +
	"Hubungi WA 0812 3456 7890"

func TestCommittedPosterReads(t *testing.T) {
	if *update {
		if err := os.WriteFile(dockerPoster, ocrtest.Image(t, dockerPosterAd, ocrtest.JPEG), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(dockerPoster)
	if err != nil {
		t.Fatal(err)
	}
	text, err := reader(t, ocr.Options{Timeout: time.Minute}).Read(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	// The words scripts/docker-check.sh looks for.
	for _, w := range []string{"kamboja", "visa turis", "tiket pesawat"} {
		if !strings.Contains(strings.ToLower(text), w) {
			t.Errorf("%q not read from %s:\n%s", w, dockerPoster, text)
		}
	}
}
