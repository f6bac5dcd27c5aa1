// Package xlsx writes workbooks from typed tables: text as text (never a formula), whole
// numbers as numbers, days and moments as real dates with a localised number format.
// Sheets are streamed, so a sheet's memory does not grow with its rows; every sheet
// setting is applied before the rows are written, as excelize's stream writer requires.
package xlsx

import (
	"context"
	"fmt"
	"io"
	"iter"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// MaxCellText is the most characters a spreadsheet cell holds.
const MaxCellText = 32767

// Workbook is a spreadsheet to write.
type Workbook struct {
	Title   string
	Subject string
	Author  string
	Lang    string
	Created time.Time
	// DateFormat and DateTimeFormat are the number formats of date and moment cells,
	// for example "yyyy-mm-dd" and "yyyy-mm-dd hh:mm".
	DateFormat     string
	DateTimeFormat string
	Sheets         []Sheet
}

// Sheet is one worksheet: a header row and data rows.
type Sheet struct {
	Name    string
	Columns []Column
	// Rows yields the data rows; they are written as they come, so a sheet of many rows
	// is never held in memory whole.
	Rows iter.Seq[[]Cell]
	// FreezeHeader keeps the header row in view while scrolling.
	FreezeHeader bool
	// Filter makes the rows a table with filter buttons in the header.
	Filter bool
	// Print, when set, sets the sheet up for printing: landscape or not, fitted to the
	// page width, the header row repeated on every page, Footer at the page's foot.
	Print *Print
}

// Print is a sheet's print set-up.
type Print struct {
	Landscape bool
	// Footer is the footer in Excel's codes: "&P" the page, "&N" the page count.
	Footer string
}

// Column is a header and a width in characters.
type Column struct {
	Header string
	Width  float64
	// Choices, when given, are the values the column's cells offer in a drop-down.
	Choices []string
}

// Cell is one typed value: string, int, Day or time.Time (a moment). A nil Value
// is an empty cell.
type Cell struct{ Value any }

// Day is a calendar date without a time of day.
type Day struct{ time.Time }

// Write writes the workbook as XLSX to w. It refuses text longer than a cell holds
// rather than let it be cut silently, and stops with ctx's error once ctx is done
// (checked every rowsPerCheck rows).
func Write(ctx context.Context, w io.Writer, wb *Workbook) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f, wb)
	if err != nil {
		return err
	}
	for i, sh := range wb.Sheets {
		name := sh.Name
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return fmt.Errorf("xlsx: %w", err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
		if err := writeSheet(ctx, f, &sh, st); err != nil {
			return fmt.Errorf("xlsx: sheet %q: %w", name, err)
		}
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          wb.Title,
		Subject:        wb.Subject,
		Creator:        wb.Author,
		LastModifiedBy: "gdprdocs",
		Language:       wb.Lang,
		Created:        wb.Created.UTC().Format(time.RFC3339),
		Modified:       wb.Created.UTC().Format(time.RFC3339),
	}); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if err := f.SetAppProps(&excelize.AppProperties{Application: "gdprdocs"}); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

type styles struct {
	header, text, number, day, moment int
}

func newStyles(f *excelize.File, wb *Workbook) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "C8C8C8", Style: 1}, {Type: "right", Color: "C8C8C8", Style: 1},
		{Type: "top", Color: "C8C8C8", Style: 1}, {Type: "bottom", Color: "C8C8C8", Style: 1},
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	dateFmt, momentFmt := wb.DateFormat, wb.DateTimeFormat
	if dateFmt == "" {
		dateFmt = "yyyy-mm-dd"
	}
	if momentFmt == "" {
		momentFmt = "yyyy-mm-dd hh:mm"
	}
	defs := []*excelize.Style{
		{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8EDF3"}},
			Alignment: top, Border: border},
		{Alignment: top, Border: border},
		{Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "right"}, Border: border},
		{Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}, Border: border, CustomNumFmt: &dateFmt},
		{Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}, Border: border, CustomNumFmt: &momentFmt},
	}
	ids := make([]int, len(defs))
	for i, d := range defs {
		id, err := f.NewStyle(d)
		if err != nil {
			return nil, fmt.Errorf("xlsx: %w", err)
		}
		ids[i] = id
	}
	return &styles{header: ids[0], text: ids[1], number: ids[2], day: ids[3], moment: ids[4]}, nil
}

// rowsPerCheck is how many rows a sheet writes between two looks at the deadline.
const rowsPerCheck = 256

func writeSheet(ctx context.Context, f *excelize.File, sh *Sheet, st *styles) error {
	// Sheet settings go first: excelize drops those applied after the stream's Flush.
	if err := sheetSettings(f, sh); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sh.Name)
	if err != nil {
		return err
	}
	// Settings first: the stream writer drops what comes after the first row.
	for i, c := range sh.Columns {
		if c.Width > 0 {
			if err := sw.SetColWidth(i+1, i+1, c.Width); err != nil {
				return err
			}
		}
	}
	if sh.FreezeHeader {
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}
	header := make([]any, len(sh.Columns))
	for i, c := range sh.Columns {
		header[i] = excelize.Cell{StyleID: st.header, Value: c.Header}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{StyleID: st.header}); err != nil {
		return err
	}
	row := make([]any, len(sh.Columns))
	r := 0
	var rowErr error
	for cells := range sh.Rows {
		if r%rowsPerCheck == 0 {
			if rowErr = ctx.Err(); rowErr != nil {
				break
			}
		}
		clear(row)
		for i, c := range cells {
			v, err := cellValue(c, st)
			if err != nil {
				rowErr = fmt.Errorf("row %d, column %d: %w", r+2, i+1, err)
				break
			}
			row[i] = v
		}
		if rowErr != nil {
			break
		}
		ref, _ := excelize.CoordinatesToCellName(1, r+2)
		if rowErr = sw.SetRow(ref, row[:len(cells)]); rowErr != nil {
			break
		}
		r++
	}
	if rowErr != nil {
		return rowErr
	}
	if sh.Filter && r > 0 && len(sh.Columns) > 0 {
		last, _ := excelize.CoordinatesToCellName(len(sh.Columns), r+1)
		if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: tableName(sh.Name)}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// sheetSettings applies drop-downs and the print set-up.
func sheetSettings(f *excelize.File, sh *Sheet) error {
	for i, c := range sh.Columns {
		if len(c.Choices) == 0 {
			continue
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, excelize.TotalRows)
		if err := dv.SetDropList(c.Choices); err != nil {
			return err
		}
		if err := f.AddDataValidation(sh.Name, dv); err != nil {
			return err
		}
	}
	if sh.Print == nil {
		return nil
	}
	orientation, one, zero, fit := "portrait", 1, 0, true
	if sh.Print.Landscape {
		orientation = "landscape"
	}
	if err := f.SetPageLayout(sh.Name, &excelize.PageLayoutOptions{Orientation: &orientation, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sh.Name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sh.Name, &excelize.HeaderFooterOptions{OddFooter: sh.Print.Footer}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: quoteSheet(sh.Name) + "!$1:$1", Scope: sh.Name})
}

// tableName makes an Excel table name from a sheet name: letters, digits and underscores.
func tableName(sheet string) string {
	var b strings.Builder
	b.WriteString("T_")
	for _, r := range sheet {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

func quoteSheet(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }

func cellValue(c Cell, st *styles) (excelize.Cell, error) {
	switch v := c.Value.(type) {
	case nil:
		return excelize.Cell{StyleID: st.text}, nil
	case string:
		if utf8.RuneCountInString(v) > MaxCellText {
			return excelize.Cell{}, fmt.Errorf("text of %d characters does not fit a cell (%d)", utf8.RuneCountInString(v), MaxCellText)
		}
		// A string value is written as a shared or inline string, never as a formula,
		// whatever it starts with.
		return excelize.Cell{StyleID: st.text, Value: v}, nil
	case int:
		return excelize.Cell{StyleID: st.number, Value: v}, nil
	case Day:
		return excelize.Cell{StyleID: st.day, Value: time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, time.UTC)}, nil
	case time.Time:
		// A spreadsheet has no time zones: the moment is written as the wall-clock time
		// of its own location, the one the document shows.
		wall := time.Date(v.Year(), v.Month(), v.Day(), v.Hour(), v.Minute(), v.Second(), 0, time.UTC)
		return excelize.Cell{StyleID: st.moment, Value: wall}, nil
	default:
		return excelize.Cell{}, fmt.Errorf("unsupported cell value %T", v)
	}
}
