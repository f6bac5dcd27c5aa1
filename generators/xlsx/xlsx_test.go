package xlsx

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func workbook(rows [][]Cell) *Workbook {
	return &Workbook{
		Title: "Registras", Author: "UAB „Bandymas“", Lang: "lt", Created: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC),
		DateFormat: "yyyy-mm-dd", DateTimeFormat: "yyyy-mm-dd hh:mm",
		Sheets: []Sheet{{Name: "Įrašai", FreezeHeader: true,
			Columns: []Column{{Header: "Tekstas", Width: 30}, {Header: "Skaičius", Width: 10}, {Header: "Data", Width: 14}, {Header: "Laikas", Width: 18}},
			Rows:    slices.Values(rows)}},
	}
}

func TestTypedCells(t *testing.T) {
	vilnius, _ := time.LoadLocation("Europe/Vilnius")
	var buf bytes.Buffer
	err := Write(context.Background(), &buf, workbook([][]Cell{
		{{Value: "ąčęėįšųūž „kabutės“"}, {Value: 42}, {Value: Day{time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC)}}, {Value: time.Date(2026, 11, 19, 14, 30, 0, 0, vilnius)}},
		{{Value: "=1+1"}, {Value: "+370"}, {Value: "@SUM(A1)"}, {Value: "-2"}},
		{{Value: nil}},
	}))
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := "Įrašai"
	check := func(cell, want string, typ excelize.CellType) {
		t.Helper()
		got, _ := f.GetCellValue(sheet, cell)
		gotType, _ := f.GetCellType(sheet, cell)
		if got != want || (typ != excelize.CellTypeUnset && gotType != typ) {
			t.Errorf("%s = %q (%v), want %q (%v)", cell, got, gotType, want, typ)
		}
	}
	check("A1", "Tekstas", excelize.CellTypeUnset)
	check("A2", "ąčęėįšųūž „kabutės“", excelize.CellTypeUnset)
	// A cell without a type attribute is a number in OOXML.
	check("B2", "42", excelize.CellTypeUnset)
	if typ, _ := f.GetCellType(sheet, "B2"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("B2 has type %v, want a number", typ)
	}
	check("C2", "2026-02-28", excelize.CellTypeUnset)
	check("D2", "2026-11-19 14:30", excelize.CellTypeUnset)
	for _, cell := range []string{"A3", "B3", "C3", "D3"} {
		if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
			t.Errorf("%s became the formula %q", cell, formula)
		}
		if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("%s has type %v, want a string", cell, typ)
		}
	}
	check("A3", "=1+1", excelize.CellTypeUnset)
	// Dates are real dates: the raw value is a serial number, not text.
	raw, _ := f.GetCellValue(sheet, "C2", excelize.Options{RawCellValue: true})
	if raw != "46081" {
		t.Errorf("C2 raw value %q, want the serial date 46081", raw)
	}
	panes, _ := f.GetPanes(sheet)
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v", panes)
	}
	if w, _ := f.GetColWidth(sheet, "A"); w != 30 {
		t.Errorf("column A width %v", w)
	}
	props, _ := f.GetDocProps()
	if props.Title != "Registras" || props.Language != "lt" || props.Creator != "UAB „Bandymas“" {
		t.Errorf("properties %+v", props)
	}
}

// Text longer than a cell holds is refused, never cut silently.
func TestOverlongTextIsRefused(t *testing.T) {
	err := Write(context.Background(), &bytes.Buffer{}, workbook([][]Cell{{{Value: strings.Repeat("a", MaxCellText+1)}}}))
	if err == nil || !strings.Contains(err.Error(), "does not fit") {
		t.Errorf("err = %v", err)
	}
}

// A register's sheet: drop-downs for coded columns, a filter table, print set-up.
func TestRegisterSettings(t *testing.T) {
	wb := workbook([][]Cell{{{Value: "a"}, {Value: 1}}, {{Value: "b"}, {Value: 2}}})
	sh := &wb.Sheets[0]
	sh.Columns[0].Choices = []string{"patenkintas", "atsisakyta tenkinti"}
	sh.Filter = true
	sh.Print = &Print{Landscape: true, Footer: "&L&A&R&P psl. iš &N"}
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, wb); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dvs, _ := f.GetDataValidations("Įrašai")
	if len(dvs) != 1 || !strings.Contains(dvs[0].Formula1, "atsisakyta tenkinti") || !strings.HasPrefix(dvs[0].Sqref, "A2:A") {
		t.Errorf("data validations %+v", dvs)
	}
	tables, _ := f.GetTables("Įrašai")
	if len(tables) != 1 || tables[0].Range != "A1:D3" {
		t.Errorf("tables %+v", tables)
	}
	layout, _ := f.GetPageLayout("Įrašai")
	if layout.Orientation == nil || *layout.Orientation != "landscape" || layout.FitToWidth == nil || *layout.FitToWidth != 1 {
		t.Errorf("page layout %+v", layout)
	}
	hf, _ := f.GetHeaderFooter("Įrašai")
	if hf == nil || hf.OddFooter != "&L&A&R&P psl. iš &N" {
		t.Errorf("footer %+v", hf)
	}
	if names := f.GetDefinedName(); len(names) != 1 || names[0].Name != "_xlnm.Print_Titles" {
		t.Errorf("print titles %+v", names)
	}
}

// A workbook whose deadline has passed is not written: Write stops with the context's error.
func TestWriteStopsAtTheDeadline(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var buf bytes.Buffer
	err := Write(ctx, &buf, workbook([][]Cell{{{Value: "a"}}}))
	if !errors.Is(err, context.Canceled) || buf.Len() != 0 {
		t.Fatalf("err = %v, %d bytes written", err, buf.Len())
	}
}
