package catalog

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"

	"github.com/gdprdocs/gdprdocs/internal/pdftext"
)

func TestRequestRegisterWorkbook(t *testing.T) {
	s := newService(t)
	var tree map[string]any
	if err := json.Unmarshal(sample(t, "lt"), &tree); err != nil {
		t.Fatal(err)
	}
	reqs := tree["requests"].([]any)
	reqs[0].(map[string]any)["subject"] = "=1+1"
	reqs[1].(map[string]any)["comments"] = "@SUM(A1:A9)"
	data, _ := json.Marshal(tree)
	out, err := s.Render(context.Background(), Request{Doc: "request-register", Lang: "lt", Format: XLSX, Now: now}, data)
	if err != nil {
		t.Fatal(err)
	}
	if out.FileName != "prasymu-registras-2026-11-21.xlsx" {
		t.Errorf("file name %q", out.FileName)
	}
	f := openWorkbook(t, out.Body)
	const sheet = "Prašymai"
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || rows[0][0] != "Eil. Nr." || rows[0][4] != "Atsakyti iki" || rows[0][15] != "Vėluojama" {
		t.Fatalf("rows %v", rows)
	}
	// Dates are dates: a serial number underneath, shown in the locale's format.
	if v, _ := f.GetCellValue(sheet, "E4", excelize.Options{RawCellValue: true}); v != "46329" {
		t.Errorf("E4 raw %q, want the serial of 2026-11-03", v)
	}
	if rows[3][4] != "2026-11-03" || rows[3][15] != "Taip" || rows[4][6] != "2027-01-15" {
		t.Errorf("computed columns: %v / %v", rows[3], rows[4])
	}
	for _, cell := range []string{"C2", "O3"} {
		if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
			t.Errorf("%s became a formula %q", cell, formula)
		}
	}
	if rows[1][2] != "=1+1" || rows[2][14] != "@SUM(A1:A9)" {
		t.Errorf("text changed: %q %q", rows[1][2], rows[2][14])
	}
	dvs, _ := f.GetDataValidations(sheet)
	if len(dvs) != 1 || !strings.Contains(dvs[0].Formula1, "atsisakyta tenkinti") || !strings.HasPrefix(dvs[0].Sqref, "I2:I") {
		t.Errorf("decision drop-down %+v", dvs)
	}
	if panes, _ := f.GetPanes(sheet); !panes.Freeze {
		t.Error("header not frozen")
	}
	if tables, _ := f.GetTables(sheet); len(tables) != 1 || tables[0].Range != "A1:P6" {
		t.Errorf("filter table %+v", tables)
	}
	if layout, _ := f.GetPageLayout(sheet); layout.Orientation == nil || *layout.Orientation != "landscape" {
		t.Error("not landscape")
	}
}

func TestRequestRegisterPDFIsLandscape(t *testing.T) {
	s := newService(t)
	out, err := s.Render(context.Background(), Request{Doc: "request-register", Lang: "nl", Format: PDF, Now: now}, sample(t, "lt"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out.Body, []byte("/MediaBox [0 0 841.89 595.28]")) {
		t.Error("pages are not A4 landscape")
	}
	pages, err := pdftext.Pages(out.Body)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pages[0], "Nr. Ontvangen Betrokkene") || !strings.Contains(strings.Join(pages, "\n"), "3-11-2026 te laat") {
		t.Errorf("register text:\n%s", pages[0])
	}
}

// A case that states it has no requests gives a register that says so; a case that
// says nothing about requests gives no register at all.
func TestEmptyRequestRegister(t *testing.T) {
	s := newService(t)
	_, err := s.Render(context.Background(), Request{Doc: "request-register", Lang: "en", Format: Markdown, Now: now}, sample(t, "nl"))
	if p := problemAt(t, err, "/requests"); p.Code != "required" {
		t.Errorf("absent requests: %+v", p)
	}
	none := editCase(t, sample(t, "nl"), func(c map[string]any) { c["requests"] = []any{} })
	out, err := s.Render(context.Background(), Request{Doc: "request-register", Lang: "en", Format: Markdown, Now: now}, none)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out.Body), "No data subject requests have been registered.") || strings.Contains(string(out.Body), "| ---") {
		t.Errorf("empty register:\n%s", out.Body)
	}
}

func TestRequestRegisterCSVAndJSON(t *testing.T) {
	s := newService(t)
	out, err := s.Render(context.Background(), Request{Doc: "request-register", Lang: "lt", Format: CSV, Now: now}, sample(t, "lt"))
	if err != nil {
		t.Fatal(err)
	}
	csvText := string(out.Body)
	if out.ContentType != "text/csv; charset=utf-8" || !strings.HasPrefix(csvText, "\uFEFFEil. Nr.;Gavimo data;") ||
		!strings.Contains(csvText, "2026-18;2026-10-01;J. V.;teisė reikalauti ištaisyti duomenis;2026-11-03;Ne;;;nagrinėjamas;") {
		t.Errorf("CSV:\n%s", csvText)
	}
	out, err = s.Render(context.Background(), Request{Doc: "request-register", Lang: "lt", Format: JSON, Now: now}, sample(t, "lt"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Document, Organisation, AsOf, Language string
		Rows                                   []map[string]any
	}
	if err := json.Unmarshal(out.Body, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Document != "request-register" || doc.Language != "lt" || len(doc.Rows) != 5 {
		t.Fatalf("JSON %+v", doc)
	}
	r := doc.Rows[3]
	if r["right"] != "portability" || r["decision"] != "pending" || r["extended"] != true || r["extended_due"] != "2027-01-15" || r["overdue"] != false {
		t.Errorf("row %v", r)
	}
}

// Every breach is in the register, the ones not notified with the reason.
func TestBreachRegister(t *testing.T) {
	s := newService(t)
	data := sampleFile(t, "nl-breaches")
	out, err := s.Render(context.Background(), Request{Doc: "breach-register", Lang: "en", Format: XLSX, Now: now}, data)
	if err != nil {
		t.Fatal(err)
	}
	f := openWorkbook(t, out.Body)
	rows, _ := f.GetRows("Breaches")
	if len(rows) != 5 || rows[0][0] != "No." || rows[0][22] != "Authority: why not notified" {
		t.Fatalf("rows %v", rows)
	}
	if rows[1][0] != "GT-2026-01" || rows[1][22] != "not required" || rows[1][19] != "unlikely to result in a risk" {
		t.Errorf("the breach not notified: %v", rows[1])
	}
	if typ, _ := f.GetCellType("Breaches", "L4"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("counts are not numbers: %v", typ)
	}
	if v, _ := f.GetCellValue("Breaches", "C2"); v != "27 Mar 2026 18:20" {
		t.Errorf("aware at shows %q", v)
	}
	dvs, _ := f.GetDataValidations("Breaches")
	if len(dvs) != 1 || !strings.HasPrefix(dvs[0].Sqref, "T2:T") {
		t.Errorf("risk drop-down %+v", dvs)
	}

	out, err = s.Render(context.Background(), Request{Doc: "breach-register", Lang: "nl", Format: JSON, Now: now}, data)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Rows []map[string]any }
	if err := json.Unmarshal(out.Body, &doc); err != nil {
		t.Fatal(err)
	}
	first, third := doc.Rows[0], doc.Rows[2]
	if first["authority_required"] != false || first["risk"] != "none" || third["subjects_required"] != false ||
		third["subject_notice"].(map[string]any)["exemption"] != "encrypted" || third["authority_notified_at"] != "2026-10-27T12:00:00+01:00" {
		t.Errorf("JSON rows %v / %v", first, third)
	}
}

// Every register and policy, for every sample that has its section, in every format and
// language: the XLSX reopens, the PDF reads back, the CSV starts with a byte order mark,
// the JSON parses.
func TestSampleDocumentsInEveryFormat(t *testing.T) {
	s := newService(t)
	for _, name := range []string{"lt-breach", "en-policy", "nl-saas"} {
		data := sampleFile(t, name)
		for _, doc := range Documents {
			if perBreach(doc) || !bytes.Contains(data, []byte(`"`+doc.Sections[len(doc.Sections)-1]+`"`)) {
				continue
			}
			renderEveryFormat(t, s, doc, data)
		}
	}
}

func renderEveryFormat(t *testing.T, s *Service, doc *Document, data []byte) {
	t.Helper()
	{
		for _, lang := range langs {
			for _, f := range doc.Formats {
				out, err := s.Render(context.Background(), Request{Doc: doc.ID, Lang: lang, Format: f, Now: now}, data)
				if err != nil {
					t.Fatalf("%s %s %s: %v", doc.ID, lang, f, err)
				}
				switch f {
				case XLSX:
					x := openWorkbook(t, out.Body)
					if rows, _ := x.GetRows(x.GetSheetName(0)); len(rows) < 2 {
						t.Errorf("%s %s: %d rows", doc.ID, lang, len(rows))
					}
				case PDF:
					if _, err := pdftext.Pages(out.Body); err != nil {
						t.Error(err)
					}
				case CSV:
					if !bytes.HasPrefix(out.Body, []byte("\uFEFF")) {
						t.Errorf("%s %s: no BOM", doc.ID, lang)
					}
				case JSON:
					var v map[string]any
					if err := json.Unmarshal(out.Body, &v); err != nil || v["document"] != doc.ID {
						t.Errorf("%s %s: %v %v", doc.ID, lang, err, v["document"])
					}
				}
			}
		}
	}
}

// One workbook for the whole set: a sheet per register the case has data for.
func TestRegistersWorkbook(t *testing.T) {
	s := newService(t)
	out, err := s.Render(context.Background(), Request{Doc: "registers", Lang: "nl", Format: XLSX, Now: now}, sample(t, "lt"))
	if err != nil {
		t.Fatal(err)
	}
	if out.FileName != "avg-registers-2026-11-21.xlsx" {
		t.Errorf("file name %q", out.FileName)
	}
	f := openWorkbook(t, out.Body)
	if got := strings.Join(f.GetSheetList(), ","); got != "Activiteiten,Datalekken,Verzoeken,Geautoriseerde personen" {
		t.Errorf("sheets %s", got)
	}
	props, _ := f.GetDocProps()
	if props.Title != "AVG-registers" || props.Language != "nl" {
		t.Errorf("properties %+v", props)
	}
	// Only the registers the case has: the Dutch sample has breaches only.
	out, err = s.Render(context.Background(), Request{Doc: "registers", Lang: "en", Format: XLSX, Now: now}, sample(t, "nl"))
	if err != nil {
		t.Fatal(err)
	}
	g := openWorkbook(t, out.Body)
	if got := strings.Join(g.GetSheetList(), ","); got != "Breaches" {
		t.Errorf("sheets %s", got)
	}
}

func TestProcessingRecordsWorkbook(t *testing.T) {
	s := newService(t)
	out, err := s.Render(context.Background(), Request{Doc: "processing-records", Lang: "en", Format: XLSX, Now: now}, sample(t, "lt"))
	if err != nil {
		t.Fatal(err)
	}
	f := openWorkbook(t, out.Body)
	if got := strings.Join(f.GetSheetList(), ","); got != "Organisation,Controller records,Processor records" {
		t.Fatalf("sheets %s", got)
	}
	org, _ := f.GetRows("Organisation")
	if org[1][0] != "Controller" || org[1][1] != "UAB „Linų kraštas“" {
		t.Errorf("organisation sheet %v", org)
	}
	rows, _ := f.GetRows("Controller records")
	if len(rows) != 5 || rows[4][9] != "health data" || !strings.Contains(rows[2][11], "United States, Mailflow Inc. (standard contractual clauses)") {
		t.Errorf("controller records %v", rows)
	}
	processor, _ := f.GetRows("Processor records")
	if len(processor) != 2 || processor[1][2] != "processor" || processor[1][3] != "UAB „Audinių sala“" {
		t.Errorf("processor records %v", processor)
	}
}

// The cookie policy as an embeddable fragment: no script, an anchor for every section,
// user text escaped.
func TestCookiePolicyFragment(t *testing.T) {
	s := newService(t)
	var tree map[string]any
	_ = json.Unmarshal(sampleFile(t, "en-policy"), &tree)
	cookies := tree["organisation"].(map[string]any)["cookies"].([]any)
	cookies[0].(map[string]any)["purpose"] = `<script>alert(1)</script> {#evil}`
	data, _ := json.Marshal(tree)
	out, err := s.Render(context.Background(), Request{Doc: "cookie-policy", Lang: "en", Format: HTML, Fragment: true, Now: now}, data)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(out.Body))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if n.Data == "script" || n.Data == "style" {
			t.Errorf("<%s> in the fragment", n.Data)
		}
		for _, a := range n.Attr {
			if a.Key == "id" {
				ids[a.Val] = true
			}
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("event handler %s", a.Key)
			}
		}
	}
	for _, id := range []string{"what-are-cookies", "consent-rule", "cookies", "cookies-necessary", "cookies-statistics",
		"cookies-marketing", "managing-consent", "third-parties", "changes"} {
		if !ids[id] {
			t.Errorf("no anchor #%s (have %v)", id, ids)
		}
	}
	if ids["evil"] || !strings.Contains(string(out.Body), "&lt;script&gt;") {
		t.Error("user text became markup")
	}
	if !strings.Contains(string(out.Body), "<td>2 years</td>") || !strings.Contains(string(out.Body), "<td>30 minutes</td>") {
		t.Error("lifetimes not in words")
	}
}
