package catalog

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/internal/pdftext"
)

var update = flag.Bool("update", false, "rewrite the golden files from the current output")

// now is the moment every test renders at: after all sample breaches became known.
var now = time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)

var (
	// samples are the breach samples whose first breach the authority notice reports:
	// "lt" is lt-breach.json; a full stem names any other sample.
	samples = []string{"lt", "nl", "en-processor"}
	langs   = []string{"lt", "nl", "en"}
)

func newService(t testing.TB) *Service {
	t.Helper()
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func sample(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "samples", name+"-breach.json"))
	if errors.Is(err, fs.ErrNotExist) {
		data, err = os.ReadFile(filepath.Join("..", "samples", name+".json"))
	}
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func render(t testing.TB, s *Service, sampleName, lang string, f Format) *Output {
	t.Helper()
	out, err := s.Render(context.Background(), Request{Doc: "breach-authority-notice", Lang: lang, Format: f, Now: now}, sample(t, sampleName))
	if err != nil {
		t.Fatalf("%s sample in %s as %s: %v", sampleName, lang, f, err)
	}
	return out
}

// openWorkbook reopens an XLSX output as a spreadsheet program would; a body excelize
// cannot read fails the test.
func openWorkbook(t testing.TB, body []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// goldenCase is one breach of one sample file.
type goldenCase struct {
	file   string // sample file name without ".json"
	breach string // the breach's reference
	data   []byte
}

func goldenCases(t testing.TB) []goldenCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "samples", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no samples: %v", err)
	}
	var out []goldenCase
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var c struct{ Breaches []struct{ Reference string } }
		if err := json.Unmarshal(data, &c); err != nil {
			t.Fatal(err)
		}
		for _, b := range c.Breaches {
			out = append(out, goldenCase{file: strings.TrimSuffix(filepath.Base(f), ".json"), breach: b.Reference, data: data})
		}
	}
	return out
}

// Every document, for every breach of every sample, in every language, is compared with
// a golden Markdown file that a person has read; where a document is refused (no notice
// is due), the refusal and its reason are golden too. Run with -update after a
// deliberate change, and read the diff.
func TestGoldenMarkdown(t *testing.T) {
	s := newService(t)
	en, _ := s.Locale("en")
	var refusals strings.Builder
	for _, doc := range Documents {
		if !perBreach(doc) {
			continue // TestGoldenPerSample
		}
		for _, gc := range goldenCases(t) {
			for _, lang := range langs {
				name := gc.file + "." + asciiSlug(gc.breach) + "." + lang
				out, err := s.Render(context.Background(), Request{Doc: doc.ID, Lang: lang, Format: Markdown, Breach: gc.breach, Now: now}, gc.data)
				if err != nil {
					e, ok := Explain(err, en)
					if !ok || len(e.Problems) != 1 {
						t.Errorf("%s %s: %v", doc.ID, name, err)
						continue
					}
					if lang == "en" {
						fmt.Fprintf(&refusals, "%s %s.%s: %s %s: %s\n", doc.ID, gc.file, gc.breach, e.Problems[0].Path, e.Problems[0].Code, e.Problems[0].Message)
					}
					continue
				}
				golden(t, filepath.Join("testdata", "golden", doc.ID, name+".md"), out.Body)
				for _, leak := range []string{"<no value>", "{{", "}}", "%!", "null", ".."} {
					if bytes.Contains(bytes.ReplaceAll(out.Body, []byte("..."), nil), []byte(leak)) {
						t.Errorf("%s %s: output contains %q", doc.ID, name, leak)
					}
				}
			}
		}
	}
	golden(t, filepath.Join("testdata", "golden", "refusals.txt"), []byte(refusals.String()))
}

// perBreach reports whether a document is about one breach of a case: a notice.
func perBreach(doc *Document) bool { return doc.Needs&casedata.NeedBreaches != 0 && !doc.Register }

// The registers and policies of every sample that has their section, in every language.
func TestGoldenPerSample(t *testing.T) {
	s := newService(t)
	files, _ := filepath.Glob(filepath.Join("..", "samples", "*.json"))
	for _, doc := range Documents {
		if perBreach(doc) || !doc.Offers(Markdown) {
			continue
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(data, []byte(`"`+doc.Sections[len(doc.Sections)-1]+`"`)) {
				continue // the sample has nothing for this register
			}
			for _, lang := range langs {
				out, err := s.Render(context.Background(), Request{Doc: doc.ID, Lang: lang, Format: Markdown, Now: now}, data)
				if err != nil {
					t.Fatalf("%s %s %s: %v", doc.ID, f, lang, err)
				}
				name := strings.TrimSuffix(filepath.Base(f), ".json") + "." + lang + ".md"
				golden(t, filepath.Join("testdata", "golden", doc.ID, name), out.Body)
			}
		}
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s; run go test ./catalog -update and read the diff", path)
	}
}

// What a DPO checks first in the PDF: the authority in the right grammatical case, the
// deadline as a native date, the reasons for the delay — with every diacritic intact.
func TestPDFText(t *testing.T) {
	s := newService(t)
	tests := []struct {
		sample, lang string
		want         []string
	}{
		{"lt", "lt", []string{"Kam: Valstybinei duomenų apsaugos inspekcijai", "2026 m. lapkričio 19 d. 08:05 (EET)",
			"Vėlavimo priežastys", "išorinis ekspertas", "UAB „Linų kraštas“", "praleidus terminą", "1 psl. iš 3"}},
		{"lt", "nl", []string{"Staatsinspectie voor gegevensbescherming (Litouwen)", "19 november 2026 om 08:05 uur (EET)",
			"Redenen voor de vertraging", "Pagina 1 van 3"}},
		{"lt", "en", []string{"State Data Protection Inspectorate", "19 November 2026, 08:05 (EET)", "Reasons for the delay", "Page 1 of 3"}},
		{"nl", "nl", []string{"Voorbereiding van het Meldformulier datalekken",
			"Wijze van indienen: uitsluitend via het online Meldformulier datalekken", "0. Over deze melding",
			"21 november 2026 om 16:40 uur (CET)", "burgerservicenummers (BSN)", "binnen de termijn"}},
		{"nl", "lt", []string{"Pasirengimas pildyti Autoriteit Persoonsgegevens",
			"2026 m. lapkričio 21 d. 16:40 (CET)"}},
		{"en-processor", "en", []string{"State Data Protection Inspectorate", "23 November 2026, 09:30 (EET)",
			"UAB „Baltijos knygos“, submitted on its behalf by its processor Polderwolk Hosting B.V.", "on behalf of UAB „Baltijos knygos“"}},
		{"en-processor", "lt", []string{"Valstybinei duomenų apsaugos inspekcijai", "2026 m. lapkričio 23 d. 09:30 (EET)",
			"UAB „Baltijos knygos“ per duomenų tvarkytoją Polderwolk"}},
	}
	for _, tt := range tests {
		out := render(t, s, tt.sample, tt.lang, PDF)
		pages, err := pdftext.Pages(out.Body)
		if err != nil {
			t.Fatal(err)
		}
		if len(pages) < 2 || len(pages) > 4 {
			t.Errorf("%s/%s: %d pages, want a 2–4 page notice", tt.sample, tt.lang, len(pages))
		}
		text := strings.Join(pages, "\n")
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s sample in %s: PDF text lacks %q", tt.sample, tt.lang, w)
			}
		}
		info := pdftext.Info(out.Body)
		if info["Lang"] != tt.lang || info["Creator"] != "gdprdocs" || !strings.Contains(info["Subject"], "33") || info["Title"] == "" || info["Author"] == "" {
			t.Errorf("%s/%s: metadata %v", tt.sample, tt.lang, info)
		}
	}
}

// The Dutch notice follows the AP form, numbered 0 to 9; the Lithuanian one the VDAI
// order from 1. The same case gives the same sections in every language.
func TestFormOrder(t *testing.T) {
	s := newService(t)
	headings := func(md []byte) []string {
		var out []string
		for _, line := range strings.Split(string(md), "\n") {
			if strings.HasPrefix(line, "## ") {
				num, _, _ := strings.Cut(strings.TrimPrefix(line, "## "), " ")
				out = append(out, num)
			}
		}
		return out
	}
	want := map[string]string{
		"nl": "0. 1. 2. 3. 4. 5. 6. 7. 8. 9. Voorbereid",
		"lt": "1. 2. 3. 4. 5. 6. 7. 8. 9. 10. Pranešimą",
	}
	for sm, w := range want {
		if got := strings.Join(headings(render(t, s, sm, sm, Markdown).Body), " "); got != w {
			t.Errorf("%s form: sections %q, want %q", sm, got, w)
		}
	}
}

func TestXLSXFieldsInFormOrder(t *testing.T) {
	s := newService(t)
	out := render(t, s, "nl", "nl", XLSX)
	f := openWorkbook(t, out.Body)
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "Melding" || got[1] != "Termijnen" {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows("Melding")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], "|") != "Onderdeel|Vraag|Antwoord" {
		t.Errorf("header %v", rows[0])
	}
	// Sections never go backwards: the field list follows the AP form.
	last := -1
	fields := map[string]string{}
	for _, r := range rows[1:] {
		n := 0
		for _, c := range r[0] {
			n = n*10 + int(c-'0')
		}
		if n < last {
			t.Errorf("section %d after %d", n, last)
		}
		last = n
		fields[r[1]] = r[2]
	}
	if last != 9 {
		t.Errorf("last section %d, want 9", last)
	}
	if fields["Kenmerk"] != "DL-2026-011" || fields["Soort melding"] != "eerste melding" {
		t.Errorf("fields %v", fields)
	}
	// Counts are numbers, moments are dates: a DPO can sort and filter them.
	for _, r := range []struct {
		label string
		typ   excelize.CellType
	}{{"Aantal betrokkenen (maximaal)", excelize.CellTypeNumber}, {"Ontdekt op", excelize.CellTypeNumber}} {
		for i, row := range rows {
			if len(row) > 1 && row[1] == r.label {
				cell, _ := excelize.CoordinatesToCellName(3, i+1)
				typ, err := f.GetCellType("Melding", cell)
				if err != nil || typ != r.typ && typ != excelize.CellTypeUnset {
					t.Errorf("%s: cell type %v (%v)", r.label, typ, err)
				}
				if r.label == "Ontdekt op" {
					v, _ := f.GetCellValue("Melding", cell)
					if v != "18-11-2026 16:40" {
						t.Errorf("%s shows %q, want the local wall-clock time", r.label, v)
					}
				}
			}
		}
	}
	panes, err := f.GetPanes("Melding")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header row not frozen: %+v %v", panes, err)
	}
	deadlines, _ := f.GetRows("Termijnen")
	if len(deadlines) != 5 || deadlines[4][2] != "binnen de termijn" {
		t.Errorf("deadlines sheet %v", deadlines)
	}
	props, err := f.GetDocProps()
	if err != nil || props.Language != "nl" || props.Creator != "Thuiszorg Het Lindehof B.V." {
		t.Errorf("document properties %+v %v", props, err)
	}
	zr, err := zip.NewReader(bytes.NewReader(out.Body), int64(len(out.Body)))
	if err != nil || len(zr.File) == 0 {
		t.Errorf("not a zip package: %v", err)
	}
}

func TestHTMLIsAStandalonePageOrAFragment(t *testing.T) {
	s := newService(t)
	page := string(render(t, s, "lt", "lt", HTML).Body)
	if !strings.HasPrefix(page, "<!DOCTYPE html>") || !strings.Contains(page, `<html lang="lt">`) ||
		!strings.Contains(page, "<title>Pranešimas priežiūros institucijai apie asmens duomenų saugumo pažeidimą</title>") {
		t.Errorf("page head wrong: %.300s", page)
	}
	out, err := s.Render(context.Background(), Request{Doc: "breach-authority-notice", Lang: "en", Format: HTML, Now: now, Fragment: true}, sample(t, "nl"))
	if err != nil {
		t.Fatal(err)
	}
	frag := string(out.Body)
	if !strings.HasPrefix(frag, `<div class="gdprdocs" lang="en">`) || strings.Contains(frag, "<html") || strings.Contains(frag, "<style") {
		t.Errorf("fragment: %.200s", frag)
	}
}

func TestFileNames(t *testing.T) {
	s := newService(t)
	for _, tt := range []struct{ sample, lang, format, want string }{
		{"lt", "lt", "pdf", "pranesimas-apie-pazeidima-PAZ-2026-03.pdf"},
		{"nl", "nl", "xlsx", "melding-datalek-DL-2026-011.xlsx"},
		{"en-processor", "en", "md", "breach-notification-PW-2026-017.md"},
	} {
		if got := render(t, s, tt.sample, tt.lang, Format(tt.format)).FileName; got != tt.want {
			t.Errorf("file name %q, want %q", got, tt.want)
		}
	}
}

func TestRenderErrors(t *testing.T) {
	s := newService(t)
	lt := sample(t, "lt")
	var late map[string]any
	if err := json.Unmarshal(lt, &late); err != nil {
		t.Fatal(err)
	}
	delete(late["breaches"].([]any)[0].(map[string]any), "delay_reason")
	lateJSON, _ := json.Marshal(late)
	tests := []struct {
		name string
		req  Request
		body string
		code string
		path string
	}{
		{"unknown document", Request{Doc: "nope", Lang: "en", Format: PDF}, string(lt), "unknown_document", ""},
		{"unknown language", Request{Doc: "breach-authority-notice", Lang: "fr", Format: PDF}, string(lt), "unknown_language", ""},
		{"format not offered", Request{Doc: "breach-authority-notice", Lang: "en", Format: "docx"}, string(lt), "unknown_format", ""},
		{"malformed", Request{Doc: "breach-authority-notice", Lang: "en", Format: PDF}, `{"version": 1,`, "malformed_json", ""},
		{"late without reason", Request{Doc: "breach-authority-notice", Lang: "lt", Format: PDF, Now: now},
			string(lateJSON), "invalid_case", "/breaches/0/delay_reason"},
		{"unknown breach", Request{Doc: "breach-authority-notice", Lang: "en", Format: PDF, Breach: "NONE"}, string(lt), "invalid_case", "/breaches"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Render(context.Background(), tt.req, []byte(tt.body))
			loc, _ := s.Locale("en")
			e, ok := Explain(err, loc)
			if !ok || e.Code != tt.code {
				t.Fatalf("error %v explained as %+v, want code %s", err, e, tt.code)
			}
			if e.Message == "" || strings.Contains(e.Message, "<no value>") {
				t.Errorf("message %q", e.Message)
			}
			if tt.path != "" && (len(e.Problems) == 0 || e.Problems[0].Path != tt.path) {
				t.Errorf("problems %+v, want path %s", e.Problems, tt.path)
			}
		})
	}
}

func TestCancelledContext(t *testing.T) {
	s := newService(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.Render(ctx, Request{Doc: "breach-authority-notice", Lang: "en", Format: PDF, Now: now}, sample(t, "nl"))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}
