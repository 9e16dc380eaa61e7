package ocr_test

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/cekloker/cekloker/internal/ocr"
	"github.com/cekloker/cekloker/internal/ocr/ocrtest"
)

// benchAd is a typical poster: a title and a dozen lines of body text.
const benchAd = "LOKER ADMIN & CS ONLINE\n" +
	"Penempatan: Phnom Penh, Kamboja\n" +
	"Gaji 15-20 juta per bulan + bonus target\n" +
	"Mess, makan 3x sehari dan tiket pesawat ditanggung perusahaan\n" +
	"Syarat: pria/wanita usia 18-35 tahun, bisa mengetik, punya HP\n" +
	"Tidak perlu pengalaman, training gratis\n" +
	"Proses cepat: interview online, berangkat 7 hari\n" +
	"Cukup pakai visa kunjungan, nanti diurus di sana\n" +
	"Paspor yang belum punya dibantu\n" +
	"Kuota terbatas, khusus minggu ini!\n" +
	"Hubungi Bu Rina WA 0852 7713 4096 atau Telegram @rekrut_kh"

// BenchmarkReadPoster reads a 1080×1350 poster with one OCR job at a time
// (tesseract with one thread: one core). Besides the wall time it reports
// the CPU seconds the child used per poster, which a busy machine does
// not inflate.
func BenchmarkReadPoster(b *testing.B) {
	r := reader(b, ocr.Options{Jobs: 1, Timeout: time.Minute})
	img := ocrtest.Image(b, benchAd, ocrtest.Title)
	var before, after syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &before); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		text, err := r.Read(context.Background(), img)
		if err != nil || len(text) < 200 {
			b.Fatalf("read %d bytes: %v", len(text), err)
		}
	}
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &after); err != nil {
		b.Fatal(err)
	}
	cpu := time.Duration(after.Utime.Nano()-before.Utime.Nano()) + time.Duration(after.Stime.Nano()-before.Stime.Nano())
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}
