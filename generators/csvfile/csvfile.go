// Package csvfile writes a table as CSV for spreadsheet applications: UTF-8 with a byte
// order mark (so Excel reads the diacritics), the separator the language's spreadsheets
// expect, and every cell that a spreadsheet would take for a formula made inert.
package csvfile

import (
	"encoding/csv"
	"io"
	"iter"
	"strings"
	"unicode"
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

// Write writes a header row and the rows, as they come. Every cell that Inert would
// prefix gets a leading apostrophe, so that re-opening the file in a spreadsheet never
// evaluates it (CSV injection).
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

// Inert prefixes with an apostrophe a value a spreadsheet could read as a formula: one
// whose first visible character is "=", "+", "-" or "@" — spreadsheets skip leading
// spaces, no-break spaces, zero-width characters, byte order marks and line breaks before
// a formula sign — and one starting with a tab, carriage return or line feed.
func Inert(s string) string {
	for i, r := range s {
		switch {
		case i == 0 && (r == '\t' || r == '\r' || r == '\n'):
			return "'" + s
		case strings.ContainsRune("=+-@", r):
			return "'" + s
		case unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			continue
		}
		return s
	}
	return s
}
