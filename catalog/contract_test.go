package catalog

import (
	"strings"
	"testing"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/locales"
)

// The catalogue keeps its promises, and an entry that would break one is refused at
// start-up with its id and what is wrong.
func TestCheckCatalogue(t *testing.T) {
	locs, err := locales.Default()
	if err != nil {
		t.Fatal(err)
	}
	if err := checkCatalogue(Documents, locs); err != nil {
		t.Fatalf("the catalogue is refused: %v", err)
	}
	prepare := func(*casedata.Case, Request, *locales.Locale) (*prepared, error) { return &prepared{}, nil }
	// entry is a valid catalogue entry changed by edit.
	entry := func(edit func(d *Document)) *Document {
		d := &Document{ID: "breach-register", Formats: []Format{XLSX, PDF, CSV, JSON}, sheets: tableSheets, prepare: prepare}
		edit(d)
		return d
	}
	if err := checkCatalogue([]*Document{entry(func(*Document) {})}, locs); err != nil {
		t.Fatalf("a valid entry is refused: %v", err)
	}
	tests := []struct {
		name string
		docs []*Document
		want string
	}{
		{"CSV without a table", []*Document{entry(func(d *Document) { d.sheets = workbookSheets })}, "CSV or JSON without a table"},
		{"JSON without a table", []*Document{entry(func(d *Document) { d.Formats = []Format{PDF, JSON}; d.sheets = noSheets })}, "CSV or JSON without a table"},
		{"XLSX without sheets", []*Document{entry(func(d *Document) { d.Formats = []Format{XLSX}; d.sheets = noSheets })}, "XLSX without"},
		{"sheets without XLSX", []*Document{entry(func(d *Document) { d.Formats = []Format{PDF}; d.sheets = workbookSheets })}, "not offered as XLSX"},
		{"an unknown format", []*Document{entry(func(d *Document) { d.Formats = []Format{PDF, "docx"}; d.sheets = noSheets })}, `"docx" unknown`},
		{"a format twice", []*Document{entry(func(d *Document) { d.Formats = []Format{PDF, PDF}; d.sheets = noSheets })}, "listed twice"},
		{"no format", []*Document{entry(func(d *Document) { d.Formats = nil; d.sheets = noSheets })}, "no format"},
		{"no prepare", []*Document{entry(func(d *Document) { d.prepare = nil })}, "no prepare"},
		{"an id twice", []*Document{entry(func(*Document) {}), entry(func(*Document) {})}, "listed twice"},
		{"no title", []*Document{entry(func(d *Document) { d.ID = "nda" })}, `document.nda.title`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkCatalogue(tt.docs, locs)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.docs[0].ID) {
				t.Errorf("got %v, want an error naming the entry and saying %q", err, tt.want)
			}
		})
	}
}

// A prepared document without what its catalogue entry promises is an internal error
// of the render, not a nil dereference.
func TestPreparedCheck(t *testing.T) {
	register, _ := Lookup("breach-register")
	notice, _ := Lookup("breach-authority-notice")
	tests := []struct {
		doc  *Document
		p    *prepared
		want string // "" when the prepared document keeps the contract
	}{
		{register, &prepared{view: 1, table: &table{}}, ""},
		{register, &prepared{view: 1}, "without its table"},
		{register, &prepared{table: &table{}}, "without its view"},
		{notice, &prepared{view: 1, table: &table{}}, "without its workbook"},
	}
	for _, tt := range tests {
		err := tt.p.check(tt.doc)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.doc.ID, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: got %v, want %q", tt.doc.ID, err, tt.want)
		case err != nil:
			if _, ok := Explain(err, nil); ok {
				t.Errorf("%s: a broken contract is explained to the client: %v", tt.doc.ID, err)
			}
		}
	}
}
