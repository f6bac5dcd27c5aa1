// Package csv writes a table as CSV for spreadsheet applications: UTF-8 with a byte
// order mark (so Excel reads the diacritics), the separator the language's spreadsheets
// expect, and every cell that a spreadsheet would take for a formula made inert.
package csv

import (
	"encoding/csv"
	"io"
	"iter"
	"strings"
)

// Separator is the field separator spreadsheet applications expect for a language:
// ";" where the decimal separator is a comma (lt, nl), "," elsewhere.
func Separator(lang string) rune {
	switch lang {
	case "lt", "nl":
		return ';'
	}
	return ','
}

// Write writes a header row and the rows, as they come. A cell starting with "=", "+", "-", "@", a
// tab or a carriage return gets a leading apostrophe, so that re-opening the file in
// a spreadsheet never evaluates it (CSV injection).
func Write(w io.Writer, sep rune, header []string, rows iter.Seq[[]string]) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = sep
	cw.UseCRLF = true
	if err := cw.Write(header); err != nil {
		return err
	}
	record := make([]string, 0, len(header))
	for row := range rows {
		record = record[:0]
		for _, cell := range row {
			record = append(record, Inert(cell))
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Inert prefixes a value a spreadsheet would read as a formula with an apostrophe.
func Inert(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
