package pdf

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

const (
	cellPadX = 1.6 // mm
	cellPadY = 1.0 // mm

	// In a form (a section whose heading has class "form"), a column that no row fills
	// in is left for writing by hand (a date, a signature): it is at least handWidth wide
	// and the rows at least handLines lines high. A register's empty column is just empty.
	handWidth = 32.0 // mm
	handLines = 2
)

// table is a GFM table measured for drawing: the text of every cell, its column widths.
type table struct {
	header []string
	rows   [][]string
	widths []float64
	// blank marks, in a form, the columns empty in every row: columns to write in by
	// hand; handwritten is whether there is one.
	blank       []bool
	handwritten bool
}

// renderTable draws a whole table: columns sized to their content within the text
// width, cells wrapped, the header row repeated at the top of every page the table
// reaches, and a row split across pages only when it is taller than a page.
func renderTable(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	w.endLine()
	t := readTable(n, w.src, w.r.fonts, w.form)
	if len(t.rows) == 0 {
		return ast.WalkSkipChildren, nil // a GFM table always has a body row
	}
	// A wide table (a register) is set smaller, so that its words fit their columns.
	if cols := max(len(t.header), len(t.rows[0])); cols > 6 {
		w.size = w.layout.BodySize * 0.8
		defer func() { w.size = w.layout.BodySize; w.setFont() }()
	}
	width, _ := w.GetPageSize()
	t.measure(w, width-2*w.layout.Margin-w.indent)

	autoBreak, margin := w.GetAutoPageBreak()
	w.SetAutoPageBreak(false, margin)
	header := w.wrapRow(t, t.header, Bold)
	if len(header) > 0 {
		// The header and the first row start together.
		first := 0.0
		if len(t.rows) > 0 {
			first = rowHeight(w, w.wrapRow(t, t.rows[0], Regular))
		}
		w.keepSpace(rowHeight(w, header) + first)
		w.drawRow(t, header, nil, Bold)
	}
	for _, row := range t.rows {
		w.drawRow(t, w.wrapRow(t, row, Regular), header, Regular)
	}
	w.SetAutoPageBreak(autoBreak, margin)
	w.SetX(w.layout.Margin + w.indent)
	w.space(w.lineHeight() * 0.6)
	return ast.WalkSkipChildren, nil
}

func readTable(n ast.Node, src []byte, fonts *Fonts, form bool) *table {
	t := &table{}
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, fonts.Sanitize(strings.TrimSpace(plainText(cell, src))))
		}
		if row.Kind() == east.KindTableHeader {
			t.header = cells
		} else {
			t.rows = append(t.rows, cells)
		}
	}
	if form && len(t.header) > 0 && len(t.rows) > 0 {
		t.blank = make([]bool, len(t.header))
		for i := range t.blank {
			t.blank[i] = t.header[i] != ""
			for _, r := range t.rows {
				if i < len(r) && r[i] != "" {
					t.blank[i] = false
				}
			}
			t.handwritten = t.handwritten || t.blank[i]
		}
	}
	return t
}

// measure sets column widths: every column gets at least its longest word, and the
// rest of the width is shared in proportion to how much more each column's text needs.
func (t *table) measure(w *writer, total float64) {
	cols := len(t.header)
	for _, r := range t.rows {
		cols = max(cols, len(r))
	}
	natural := make([]float64, cols)
	minimum := make([]float64, cols)
	measureRow := func(cells []string, s Style) {
		w.useStyle(s)
		for i, c := range cells {
			natural[i] = max(natural[i], w.textWidth(c)+2*cellPadX)
			for _, word := range strings.Fields(c) {
				minimum[i] = max(minimum[i], w.textWidth(word)+2*cellPadX)
			}
		}
	}
	measureRow(t.header, Bold)
	for _, r := range t.rows {
		measureRow(r, Regular)
	}
	var sumNat, sumMin float64
	for i := range natural {
		if i < len(t.blank) && t.blank[i] {
			natural[i] = max(natural[i], handWidth)
		}
		minimum[i] = min(minimum[i], total/2) // a very long word may still be broken
		natural[i] = max(natural[i], minimum[i])
		sumNat += natural[i]
		sumMin += minimum[i]
	}
	t.widths = make([]float64, cols)
	switch {
	case sumNat <= total:
		for i := range natural {
			t.widths[i] = natural[i] * total / sumNat
		}
	case sumMin >= total:
		for i := range minimum {
			t.widths[i] = minimum[i] * total / sumMin
		}
	default:
		spare := total - sumMin
		for i := range natural {
			t.widths[i] = minimum[i] + spare*(natural[i]-minimum[i])/(sumNat-sumMin)
		}
	}
}

// wrapRow splits each cell's text into the lines that fit its column.
func (w *writer) wrapRow(t *table, cells []string, s Style) [][]string {
	if cells == nil {
		return nil
	}
	w.useStyle(s)
	out := make([][]string, len(t.widths))
	for i := range t.widths {
		text := ""
		if i < len(cells) {
			text = cells[i]
		}
		if text == "" {
			out[i] = []string{""}
			continue
		}
		out[i] = w.splitLines(text, t.widths[i]-2*cellPadX)
	}
	if s == Regular && t.handwritten {
		for len(out[0]) < handLines {
			out[0] = append(out[0], "")
		}
	}
	return out
}

func rowLines(lines [][]string) int {
	n := 1
	for _, c := range lines {
		n = max(n, len(c))
	}
	return n
}

func rowHeight(w *writer, lines [][]string) float64 {
	if lines == nil {
		return 0
	}
	return float64(rowLines(lines))*w.lineHeight() + 2*cellPadY
}

// drawRow draws one row, moving to a new page (and repeating the header there) when
// the row does not fit; a row taller than a whole page is split between pages.
func (w *writer) drawRow(t *table, lines, header [][]string, s Style) {
	lh := w.lineHeight()
	total := rowLines(lines)
	for start := 0; start < total; {
		fit := int((w.bottom() - w.GetY() - 2*cellPadY) / lh)
		left := total - start
		if fit < left && w.GetY() > w.layout.Top+rowHeight(w, header)+0.1 {
			// Not at the top of a page: try the whole rest of the row on a fresh one.
			w.tablePage(t, header)
			continue
		}
		n := min(fit, left)
		if n < 1 {
			w.tablePage(t, header)
			continue
		}
		w.drawCells(t, lines, start, n, s)
		start += n
		if start < total {
			w.tablePage(t, header)
		}
	}
}

func (w *writer) tablePage(t *table, header [][]string) {
	w.AddPage()
	if header != nil {
		w.drawCells(t, header, 0, rowLines(header), Bold)
	}
}

// drawCells draws lines [start, start+n) of every cell of a row as one band.
func (w *writer) drawCells(t *table, lines [][]string, start, n int, s Style) {
	lh := w.lineHeight()
	y := w.GetY()
	h := float64(n)*lh + 2*cellPadY
	x := w.layout.Margin + w.indent
	w.useStyle(s)
	w.SetDrawColor(190, 190, 190)
	w.SetLineWidth(0.2)
	for i, width := range t.widths {
		if s == Bold {
			w.SetFillColor(238, 238, 238)
			w.Rect(x, y, width, h, "FD")
		} else {
			w.Rect(x, y, width, h, "D")
		}
		for j := start; j < start+n && j < len(lines[i]); j++ {
			w.SetXY(x+cellPadX, y+cellPadY+float64(j-start)*lh)
			w.cell(width-2*cellPadX, lh, lines[i][j], cellOptions{})
		}
		x += width
	}
	if s == Bold {
		// Text is drawn in the fill colour when the two agree (showText).
		w.SetFillColor(0, 0, 0)
	}
	w.SetXY(w.layout.Margin+w.indent, y+h)
}
