package pdf

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
)

// cellOptions say how cell places its text.
type cellOptions struct {
	right bool // aligned to the cell's right edge; else its left
	// newline moves to the start of the next line after the cell, as fpdf's ln 1 does;
	// else the position moves to the cell's right.
	newline bool
	link    int    // an internal link, from fpdf's AddLink
	url     string // an external link
	spacing float64
}

// cell draws text in the writer's style and size in a cell width mm wide (0: to the
// right margin) and height mm high at the current position, spacing mm added to every
// space (justified text). Text of the encoding is drawn in the single-byte font, in
// one piece; a stretch of characters outside it in the UTF-8 font, which the document
// loads the first time it needs it.
func (w *writer) cell(width, height float64, text string, o cellOptions) {
	x, y := w.GetX(), w.GetY()
	if width == 0 {
		pageWidth, _ := w.GetPageSize()
		_, _, right, _ := w.GetMargins()
		width = pageWidth - right - x
	}
	switch encoded, ok := w.r.fonts.enc.encode(text); {
	case text == "":
		// An empty cell draws nothing, as fpdf's does.
	case ok:
		align := "L"
		if o.right {
			align = "R"
		}
		w.drawEncoded(width, height, text, encoded, align, o)
	default:
		w.drawMixed(x, y, width, height, text, o)
	}
	if o.newline {
		left, _, _, _ := w.GetMargins()
		w.SetXY(left, y+height)
	} else {
		w.SetXY(x+width, y)
	}
}

// drawMixed draws text of characters in and outside the encoding: each stretch in the
// font that has it, placed after the one before.
func (w *writer) drawMixed(x, y, width, height float64, text string, o cellOptions) {
	fonts := w.r.fonts
	at := x
	if o.right {
		at += width - w.textWidth(text) - o.spacing*float64(strings.Count(text, " "))
	}
	for rest := text; rest != ""; {
		n, encodable := fonts.enc.prefix(rest)
		part := rest[:n]
		rest = rest[n:]
		partWidth := w.textWidth(part) + o.spacing*float64(strings.Count(part, " "))
		w.SetXY(at, y)
		at += partWidth
		if encodable {
			encoded, _ := fonts.enc.encode(part)
			w.drawEncoded(partWidth, height, part, encoded, "L", o)
			continue
		}
		w.loadUTF8(w.style)
		w.selectFont(fonts.utf8)
		w.CellFormat(partWidth, height, part, "", 0, "L", false, o.link, o.url)
	}
}

// drawEncoded draws text, encoded, in the single-byte font; fpdf's word spacing works
// for single-byte fonts only as the PDF operator, which is set around it.
func (w *writer) drawEncoded(width, height float64, text, encoded, align string, o cellOptions) {
	for i := 0; i < len(encoded); i++ {
		if !w.embedded.has(encoded[i]) {
			w.incomplete = true
		}
	}
	w.selectFont(w.r.fonts.family)
	if o.spacing > 0 {
		w.RawWriteStr(strconv.FormatFloat(o.spacing*w.GetConversionRatio(), 'f', 3, 64) + " Tw")
	}
	if o.link == 0 && o.url == "" && w.plainColours() {
		w.showText(width, height, text, encoded, align)
	} else {
		w.CellFormat(width, height, encoded, "", 0, align, false, o.link, o.url)
	}
	if o.spacing > 0 {
		w.RawWriteStr("0 Tw")
	}
}

// plainColours reports whether text is drawn in the fill colour: fpdf then writes no
// colour around it.
func (w *writer) plainColours() bool {
	tr, tg, tb := w.GetTextColor()
	fr, fg, fb := w.GetFillColor()
	return tr == fr && tg == fg && tb == fb
}

// showText writes the operators fpdf's CellFormat writes for a cell of text without
// link, border or colour — the same bytes but for braces, built without fmt, which
// made CellFormat the renderer's largest cost after its own layout.
func (w *writer) showText(width, height float64, text, encoded, align string) {
	k := w.GetConversionRatio()
	x, y := w.GetXY()
	_, pageHeight := w.GetPageSize()
	if align == "R" {
		x += width - w.textWidth(text)
	}
	b := make([]byte, 0, len(encoded)+40)
	b = append(b, "BT "...)
	b = strconv.AppendFloat(b, x*k, 'f', 2, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, (pageHeight-(y+.5*height+.3*w.size/k))*k, 'f', 2, 64)
	b = append(b, " Td ("...)
	for i := 0; i < len(encoded); i++ {
		switch c := encoded[i]; c {
		case '\\', '(', ')':
			b = append(b, '\\', c)
		case '{':
			// Written as its octal escape, a brace of the text can never make the
			// page-count alias, which the compressor replaces in the page's content.
			b = append(b, `\173`...)
		default:
			b = append(b, c)
		}
	}
	b = append(b, ")Tj ET"...)
	w.RawWriteStr(string(b))
}

// bookmark adds an entry to the document's outline. fpdf writes its title as UTF-16
// only while a UTF-8 font is selected, as raw bytes otherwise; the writer encodes it
// then, as a PDF text string of UTF-16 with its byte order mark.
func (w *writer) bookmark(title string, level int) {
	if w.GetFontFamily() != w.r.fonts.utf8 {
		b := []byte{0xFE, 0xFF}
		for _, u := range utf16.Encode([]rune(title)) {
			b = append(b, byte(u>>8), byte(u))
		}
		title = string(b)
	}
	w.Bookmark(title, level, -1)
}

// loadUTF8 adds style's UTF-8 font to the document unless it has it.
func (w *writer) loadUTF8(s Style) {
	if w.utf8Loaded == nil {
		w.utf8Loaded = make(map[Style]bool)
	}
	if !w.utf8Loaded[s] {
		w.AddUTF8FontFromBytes(w.r.fonts.utf8, string(s), w.r.fonts.ttf[s])
		w.utf8Loaded[s] = true
	}
}

// textWidth is the width of s in the writer's style and size, in millimetres.
func (w *writer) textWidth(s string) float64 { return w.r.fonts.width(s, w.style, w.size) }

// fit shortens s with an ellipsis until it fits width in the writer's style and size.
func (w *writer) fit(s string, width float64) string {
	if w.textWidth(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && w.textWidth(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// splitLines breaks s into lines no wider than width in the writer's style and size:
// at spaces, and inside a word longer than a line — fpdf's SplitText, measured with
// the layout's widths, which work for every font.
func (w *writer) splitLines(s string, width float64) []string {
	widths := w.r.fonts.widths[w.style]
	limit := int(math.Ceil(width * 1000 / (w.size * ptToMM)))
	runes := []rune(strings.TrimRight(s, "\n"))
	var lines []string
	sep, start, units := -1, 0, 0
	for i := 0; i < len(runes); {
		r := runes[i]
		if r < 0x10000 {
			units += int(widths[r])
		}
		if unicode.IsSpace(r) {
			sep = i
		}
		if r != '\n' && units <= limit {
			i++
			continue
		}
		if sep == -1 {
			if i == start {
				i++
			}
			sep = i
		} else {
			i = sep + 1
		}
		lines = append(lines, string(runes[start:sep]))
		sep, start, units = -1, i, 0
	}
	if start < len(runes) {
		lines = append(lines, string(runes[start:]))
	}
	return lines
}
