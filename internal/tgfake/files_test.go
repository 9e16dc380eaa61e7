package tgfake_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/tgfake"
)

func download(t *testing.T, url string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

func TestGetFileAndDownload(t *testing.T) {
	srv, bot := start(t)
	content := []byte("Lowongan kerja: kirim paspor ke agen\n")
	srv.AddFile("BQAC-ad-1", "iklan.txt", content)
	f, err := bot.GetFile(tgbotapi.FileConfig{FileID: "BQAC-ad-1"})
	if err != nil {
		t.Fatal(err)
	}
	if f.FileID != "BQAC-ad-1" || f.FileSize != len(content) || f.FilePath == "" {
		t.Fatalf("file = %+v", f)
	}
	// tgbotapi's File.Link points at api.telegram.org whatever the endpoint.
	if !strings.HasPrefix(f.Link(token), "https://api.telegram.org/file/bot") {
		t.Fatalf("Link = %s", f.Link(token))
	}
	code, got := download(t, srv.FileURL(f.FilePath))
	if code != 200 || !bytes.Equal(got, content) {
		t.Fatalf("download: %d %q", code, got)
	}
	if c := srv.Calls("downloadFile"); len(c) != 1 || c[0].Params.Get("file_path") != f.FilePath || c[0].Status != 200 {
		t.Fatalf("download calls = %+v", c)
	}
	if code, _ := download(t, srv.URL()+"/file/bot"+token+"/documents/nope.txt"); code != 404 {
		t.Fatalf("missing file: %d", code)
	}
	if code, _ := download(t, srv.URL()+"/file/bot1:bad/"+f.FilePath); code != 401 {
		t.Fatalf("wrong token download: %d", code)
	}
	_, err = bot.GetFile(tgbotapi.FileConfig{FileID: "nope"})
	if e := apiErr(t, err); e.Message != "Bad Request: invalid file_id" {
		t.Fatalf("unknown file: %+v", e)
	}
	srv.AddFile("big", "big.bin", make([]byte, 20<<20+1))
	_, err = bot.GetFile(tgbotapi.FileConfig{FileID: "big"})
	if e := apiErr(t, err); e.Message != "Bad Request: file is too big" {
		t.Fatalf("big file: %+v", e)
	}
	srv.FailNext("downloadFile", 1, tgfake.Fault{Status: 500})
	if code, _ := download(t, srv.FileURL(f.FilePath)); code != 500 {
		t.Fatalf("faulted download: %d", code)
	}
}

func TestSendDocumentRecordsUpload(t *testing.T) {
	srv, bot := start(t)
	report := []byte("laporan,skor\nagen_x,9\n")
	doc := tgbotapi.NewDocument(group.ID, tgbotapi.FileBytes{Name: "laporan.csv", Bytes: report})
	doc.Caption = "Laporan mingguan"
	m, err := bot.Send(doc)
	if err != nil {
		t.Fatal(err)
	}
	if m.Document == nil || m.Document.FileName != "laporan.csv" || m.Document.FileSize != len(report) || m.Caption != "Laporan mingguan" {
		t.Fatalf("returned message = %+v", m)
	}
	sent := srv.Sent()
	if len(sent) != 1 || sent[0].Method != "sendDocument" || sent[0].DocumentName != "laporan.csv" ||
		!bytes.Equal(sent[0].DocumentContent, report) || sent[0].Text != "Laporan mingguan" || sent[0].ChatID != group.ID {
		t.Fatalf("sent = %+v", sent)
	}
	call := srv.Calls("sendDocument")[0]
	if !bytes.Equal(call.Files["document"], report) || call.FileNames["document"] != "laporan.csv" || call.Params.Get("caption") != "Laporan mingguan" {
		t.Fatalf("call = %+v", call)
	}
	// The uploaded document gets a file_id usable with getFile and for resending.
	f, err := bot.GetFile(tgbotapi.FileConfig{FileID: m.Document.FileID})
	if err != nil {
		t.Fatal(err)
	}
	if _, got := download(t, srv.FileURL(f.FilePath)); !bytes.Equal(got, report) {
		t.Fatalf("re-download = %q", got)
	}
	if _, err := bot.Send(tgbotapi.NewDocument(alice.ID, tgbotapi.FileID(m.Document.FileID))); err != nil {
		t.Fatal(err)
	}
	if s := srv.Sent(); len(s) != 2 || !bytes.Equal(s[1].DocumentContent, report) {
		t.Fatalf("resend by file_id: %+v", s)
	}
}
