package model

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cekloker/cekloker/internal/normalize"
)

// Made-up texts for the tests (not from any corpus).
var (
	scamTexts = []string{
		"gaji besar kerja santai transfer biaya pendaftaran dulu via wa",
		"cukup like dan subscribe dapat komisi per tugas, deposit dulu",
		"lowongan admin luar negeri tiket gratis transfer biaya visa",
		"kerja online dari rumah, bayar biaya aktivasi akun sekarang",
	}
	legitTexts = []string{
		"staf akuntansi minimal s1 pengalaman dua tahun kirim lamaran ke alamat kantor",
		"dibutuhkan teknisi listrik berpengalaman wawancara di kantor cabang",
		"perawat rumah sakit daerah, surat tanda registrasi aktif, seleksi administrasi",
		"guru matematika smp, ijazah s1 pendidikan, lamaran melalui portal resmi",
	}
	otherTexts = []string{
		"selamat pagi semua, hari ini hujan dari subuh",
		"resep rendang yang enak dan tidak kering",
	}
)

func examples(s *Settings) (scam, job []Example) {
	for _, t := range scamTexts {
		x := s.Vector(normalize.String(t).Tokens, []uint32{s.Symbol("rule", "fee")})
		scam = append(scam, Example{X: x, Y: 1, Weight: 1})
		job = append(job, Example{X: x, Y: 1, Weight: 1})
	}
	for _, t := range legitTexts {
		x := s.Vector(normalize.String(t).Tokens, nil)
		scam = append(scam, Example{X: x, Y: 0, Weight: 1})
		job = append(job, Example{X: x, Y: 1, Weight: 1})
	}
	for _, t := range otherTexts {
		x := s.Vector(normalize.String(t).Tokens, nil)
		scam = append(scam, Example{X: x, Y: 0, Weight: 1})
		job = append(job, Example{X: x, Y: 0, Weight: 2})
	}
	return scam, job
}

func trainSmall(t *testing.T) *Model {
	t.Helper()
	return trainSmallWith(t, Settings{Bits: 14, CharN: []int{3, 5}, Bigrams: true})
}

// trainSmallWith trains a small model on made-up texts with settings s.
func trainSmallWith(t *testing.T, s Settings) *Model {
	t.Helper()
	se, je := examples(&s)
	ws, bs, err := TrainHead(se, s.Bits, 1e-3, 100, nil)
	if err != nil {
		t.Fatal(err)
	}
	wj, bj, err := TrainHead(je, s.Bits, 1e-3, 100, nil)
	if err != nil {
		t.Fatal(err)
	}
	var man Manifest
	man.Settings = s
	man.Created = "2026-12-01T00:00:00Z"
	man.Heads.Scam.Bias, man.Heads.Job.Bias = bs, bj
	man.Join = Join{A: 1, Pos: 1, Neg: -2, Min: -2, Max: 6, JobCut: 0.5, NonJob: -2}
	m, err := New(man, ws, wj)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTrainingIsDeterministic(t *testing.T) {
	a, err := trainSmall(t).Encode()
	if err != nil {
		t.Fatal(err)
	}
	b, err := trainSmall(t).Encode()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatalf("two trainings on the same input gave different model bytes (%d and %d bytes)", len(a), len(b))
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	m := trainSmall(t)
	data, err := m.Encode()
	if err != nil {
		t.Fatal(err)
	}
	d, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	again, err := d.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, again) {
		t.Fatal("decode then encode changed the bytes")
	}
	if d.Version != m.Version || len(d.Version) != 12 {
		t.Fatalf("version %q after decode, %q before", d.Version, m.Version)
	}
	for _, text := range append(scamTexts, legitTexts...) {
		nt := normalize.String(text)
		if a, b := m.Score(nt, nil), d.Score(nt, nil); a.Logit != b.Logit || a.Job != b.Job {
			t.Errorf("%q: scores differ after decode: %v/%v and %v/%v", text, a.Logit, a.Job, b.Logit, b.Job)
		}
	}
}

func TestScoreSeparatesAndQuotesOriginal(t *testing.T) {
	m := trainSmall(t)
	// Unseen wording with the scam texts' words, obfuscated.
	text := "Kerja S4NTAI, TRANSFER b1aya pendaftaran dulu ya"
	r := m.Score(normalize.String(text), []uint32{m.Settings().Symbol("rule", "fee")})
	legit := m.Score(normalize.String("dibutuhkan guru akuntansi, lamaran ke kantor cabang"), nil)
	if r.Scam <= 0.5 || legit.Scam >= 0.5 {
		t.Fatalf("scam-like text %.2f, legit-like text %.2f: want > 0.5 and < 0.5", r.Scam, legit.Scam)
	}
	top := m.Explain(normalize.String(text))
	if len(top) == 0 || len(top) > MaxFragments {
		t.Fatalf("want 1-%d top fragments, got %v", MaxFragments, top)
	}
	for i, f := range top {
		if f.Weight <= 0 || i > 0 && f.Weight > top[i-1].Weight {
			t.Errorf("fragment %d weight %v: want positive and descending", i, f.Weight)
		}
		if q := text[f.Start:f.End]; q == "" || strings.TrimSpace(q) != q {
			t.Errorf("fragment %q: want whole tokens of the original", q)
		}
	}
	var quoted []string
	for _, f := range top {
		quoted = append(quoted, text[f.Start:f.End])
	}
	if all := strings.Join(quoted, "|"); !strings.Contains(all, "TRANSFER") && !strings.Contains(all, "b1aya") && !strings.Contains(all, "S4NTAI") {
		t.Errorf("top fragments %q quote none of the original's obfuscated scam words", all)
	}
	other := m.Score(normalize.String("selamat pagi, hujan dari subuh"), nil)
	if other.Job >= 0.5 {
		t.Errorf("chit-chat job probability %.2f, want < 0.5", other.Job)
	}
}

func TestJoinPoints(t *testing.T) {
	j := Join{A: 2, Pos: 1, Neg: -1, Min: -3, Max: 6, NonJob: -3, JobCut: 0.5}
	j2 := j
	j2.NonJob = -1
	if got := j2.Points(0, 0.1); got != -1 {
		t.Errorf("Points(0, 0.1) with NonJob -1 = %d, want -1", got)
	}
	for _, c := range []struct {
		logit, job float64
		want       int
	}{
		{0, 0.9, 0}, {1, 0.9, 0}, {2, 0.9, 2}, {10, 0.9, 6}, {-2, 0.9, -2}, {-10, 0.9, -3},
		// No job ad: the points go down by NonJob, but never below Min:
		// the model takes at most Min off the rules, job head or not.
		{2, 0.1, -3}, {-10, 0.1, -3},
	} {
		if got := j.Points(c.logit, c.job); got != c.want {
			t.Errorf("Points(%v, %v) = %d, want %d", c.logit, c.job, got, c.want)
		}
	}
}

func TestJoinLift(t *testing.T) {
	j := Join{A: 2, Pos: 1, Neg: -1, Min: -3, Max: 6, NonJob: -3, JobCut: 0.5,
		Lift: &Lift{Medium: 1.5, High: 4, Max: 8}}
	const medium, high = 4, 8
	for _, c := range []struct {
		rules      int
		logit, job float64
		want       int
	}{
		{0, 1.4, 0.9, 1}, // below the lift: Points alone
		{0, 1.5, 0.9, 4}, // lifted to medium
		{3, 1.5, 0.9, 1}, // the rules already bring it near: only what is missing
		{6, 1.5, 0.9, 1}, // already medium: Points stand (1 > -2)
		{0, 4, 0.9, 8},   // lifted to high
		{10, 4, 0.9, 6},  // already high: Points stand
		{0, 5, 0.1, -3},  // no job ad: never lifted
		{2, -5, 0.9, -3}, // reads genuine: Points stand
	} {
		if got := j.Score(c.rules, c.logit, c.job, medium, high); got != c.want {
			t.Errorf("Score(rules %d, %v, %v) = %d, want %d", c.rules, c.logit, c.job, got, c.want)
		}
	}
	// Thresholds an admin raised beyond the lift's reach still hold.
	if got := j.Score(0, 5, 0.9, 100, 200); got != 8 {
		t.Errorf("Score under thresholds 100/200 = %d, want the lift's Max 8", got)
	}
	j.Lift = nil
	if got := j.Score(0, 5, 0.9, medium, high); got != j.Points(5, 0.9) {
		t.Errorf("without lift Score = %d, want Points %d", got, j.Points(5, 0.9))
	}
}

func TestDecodeRejectsBadFiles(t *testing.T) {
	good, err := trainSmall(t).Encode()
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string][]byte{
		"empty":     nil,
		"not model": []byte("hello world"),
		"truncated": good[:len(good)-3],
		"trailing":  append(append([]byte{}, good...), 0),
		"manifest":  []byte(magic + "\x05{bad}"),
		"too big":   bytes.Repeat([]byte{'x'}, MaxFile+1),
	}
	for name, data := range cases {
		if _, err := Decode(data); err == nil {
			t.Errorf("%s: decoded without error", name)
		}
	}
	bad := strings.Replace(string(good), `"bits":14`, `"bits":40`, 1)
	if _, err := Decode([]byte(bad)); err == nil || !strings.Contains(err.Error(), "bits") {
		t.Errorf("40 hash bits: err %v", err)
	}
}

func TestLoad(t *testing.T) {
	if m, err := Load("off"); m != nil || err != nil {
		t.Fatalf("off: %v %v", m, err)
	}
	if _, err := Load(t.TempDir() + "/missing.bin"); err == nil {
		t.Fatal("missing file loaded")
	}
	m, err := Load("")
	if err != nil || m == nil {
		t.Fatalf("built-in model: %v", err)
	}
	if len(m.Manifest.Corpora) == 0 || m.Manifest.Created == "" {
		t.Errorf("built-in model manifest lacks corpora or date: %+v", m.Manifest)
	}
}
