package catalog

import (
	"bytes"
	"encoding/json"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/gdprdocs/gdprdocs/generators/csvfile"
	"github.com/gdprdocs/gdprdocs/generators/xlsx"
	"github.com/gdprdocs/gdprdocs/locales"
)

// table is a register as typed columns and rows — the one source of its XLSX and CSV —
// and its machine-readable rows for JSON (codes, not labels; ISO dates). Rows are
// produced as they are written, so a register of many rows is never held twice.
type table struct {
	name    string // the worksheet's name
	columns []xlsx.Column
	rows    iter.Seq[[]xlsx.Cell]
	records func() any // a slice of the register's JSON row type
}

// registerJSON is the documented JSON shape of every register.
type registerJSON struct {
	Document     string `json:"document"`
	Organisation string `json:"organisation"`
	AsOf         string `json:"as_of"`
	Language     string `json:"language"`
	Rows         any    `json:"rows"`
}

// worksheet is the table as a worksheet: frozen header, filter, landscape print set-up.
func (t *table) worksheet(loc *locales.Locale) xlsx.Sheet {
	page, _ := loc.Text("format.page", map[string]any{"Page": "&P", "Pages": "&N"})
	return xlsx.Sheet{
		Name: t.name, Columns: t.columns, Rows: t.rows, FreezeHeader: true, Filter: true,
		Print: &xlsx.Print{Landscape: true, Footer: "&L&A&R" + page},
	}
}

// workbook puts tables in one workbook, a sheet each.
func workbook(title, author, lang string, date time.Time, loc *locales.Locale, tables ...*table) *xlsx.Workbook {
	wb := &xlsx.Workbook{
		Title: title, Author: author, Lang: lang, Created: date,
		DateFormat: loc.MustText("format.xlsx_date"), DateTimeFormat: loc.MustText("format.xlsx_datetime"),
	}
	for _, t := range tables {
		wb.Sheets = append(wb.Sheets, t.worksheet(loc))
	}
	return wb
}

// csv writes the table with the language's separator; days as ISO dates, which every
// spreadsheet reads as dates.
func (t *table) csv(lang string) ([]byte, error) {
	header := make([]string, len(t.columns))
	for i, c := range t.columns {
		header[i] = c.Header
	}
	rows := func(yield func([]string) bool) {
		for r := range t.rows {
			record := make([]string, len(r))
			for j, cell := range r {
				switch v := cell.Value.(type) {
				case string:
					record[j] = v
				case int:
					record[j] = strconv.Itoa(v)
				case xlsx.Day:
					record[j] = v.Format(time.DateOnly)
				case time.Time:
					record[j] = v.Format("2006-01-02 15:04")
				}
			}
			if !yield(record) {
				return
			}
		}
	}
	var buf bytes.Buffer
	err := csvfile.Write(&buf, csvfile.Separator(lang), header, rows)
	return buf.Bytes(), err
}

func (t *table) json(doc, org, lang string, asOf time.Time) ([]byte, error) {
	return json.MarshalIndent(registerJSON{Document: doc, Organisation: org, AsOf: asOf.Format(time.DateOnly),
		Language: lang, Rows: t.records()}, "", "  ")
}

// rowsOf yields the cells of each item, made as they are asked for.
func rowsOf[T any](items []T, cells func(T) []xlsx.Cell) iter.Seq[[]xlsx.Cell] {
	return func(yield func([]xlsx.Cell) bool) {
		for _, it := range items {
			if !yield(cells(it)) {
				return
			}
		}
	}
}

// recordsOf maps items to their JSON records.
func recordsOf[T, R any](items []T, record func(T) R) []R {
	out := make([]R, len(items))
	for i, it := range items {
		out[i] = record(it)
	}
	return out
}

// words renders codes and yes or no for spreadsheet cells, in a language: plain text,
// where the templates' functions give Markdown.
type words struct{ loc *locales.Locale }

// label names a code, or gives free text as it is; "" stays "".
func (w words) label(kind, code string) string {
	if code == "" {
		return ""
	}
	s, _ := w.loc.Label(kind, code)
	return s
}

// labels names codes, separated by semicolons: a cell holds a list, not a sentence.
func (w words) labels(kind string, codes []string) string {
	return strings.Join(labelsOf(w, kind, codes), "; ")
}

// known is a fact with three states: yes, no, or — when the case does not say —
// "not yet established".
func (w words) known(known, b bool) string {
	if !known {
		return w.loc.MustText("format.not_established")
	}
	return w.yesNo(b)
}

// stated is a text the case gives, or "not yet established".
func (w words) stated(s string) string {
	if strings.TrimSpace(s) == "" {
		return w.loc.MustText("format.not_established")
	}
	return s
}

// labelsOf names each code (or free text) of a list.
func labelsOf(w words, kind string, codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = w.label(kind, c)
	}
	return out
}

// list is a list of texts with three states: given (joined by sep), stated as none, or
// not given ("not yet established").
func (w words) list(items []string, sep string) string {
	switch {
	case items == nil:
		return w.loc.MustText("format.not_established")
	case len(items) == 0:
		return w.loc.MustText("format.none")
	}
	return strings.Join(items, sep)
}

func (w words) yesNo(b bool) string {
	if b {
		return w.loc.MustText("format.yes")
	}
	return w.loc.MustText("format.no")
}
