package pdf

import "strings"

// The text of a block (a paragraph, a list item's text, a heading) is collected as it is
// walked and set when the block ends: broken into lines by the renderer itself, body
// text justified. fpdf's own flowing-text writer is not used: it cannot justify text of
// mixed styles, and it converts the rest of a paragraph to runes for every character it
// places, which made long clauses quadratic.

// span is a stretch of inline text in one style, possibly a link.
type span struct {
	text  string
	style Style
	link  string
	brk   bool // a hard line break, with no text
}

// piece is the part of a word in one span. Words are runs of pieces; gap marks the
// first piece of a word that follows another on the same line of source text, brk a
// hard line break (a piece with no text).
type piece struct {
	text  string
	style Style
	link  string
	width float64
	gap   bool
	brk   bool
}

// line is pieces[from:to] set on one line: the width of its words alone, how many
// gaps separate them, and whether a hard break ends it.
type line struct {
	from, to int
	width    float64
	gaps     int
	brk      bool
}

// pieces splits the collected spans at spaces into measured pieces, reusing the
// writer's buffer.
func (w *writer) pieces() []piece {
	out := w.pieceBuf[:0]
	gap := false
	for _, sp := range w.spans {
		if sp.brk {
			out = append(out, piece{brk: true})
			gap = false
			continue
		}
		for rest := sp.text; rest != ""; {
			part, after, found := strings.Cut(rest, " ")
			if part != "" {
				out = append(out, piece{text: part, style: sp.style, link: sp.link,
					width: w.r.fonts.width(part, sp.style, w.size), gap: gap && len(out) > 0})
				gap = false
			}
			if found {
				gap = true
			}
			rest = after
		}
	}
	w.pieceBuf = out
	return out
}

// breakLines sets pieces into lines no wider than width, breaking only at gaps; a
// word wider than a whole line gets a line of its own and runs into the margin rather
// than vanish.
func breakLines(pieces []piece, width, space float64) []line {
	var lines []line
	cur := line{}
	for i := 0; i < len(pieces); {
		if pieces[i].brk {
			cur.to, cur.brk = i, true
			lines = append(lines, cur)
			i++
			cur = line{from: i}
			continue
		}
		// The word starting at i: its pieces run to the next gap or break.
		j, wordWidth := i+1, pieces[i].width
		for ; j < len(pieces) && !pieces[j].gap && !pieces[j].brk; j++ {
			wordWidth += pieces[j].width
		}
		need := wordWidth
		if i > cur.from {
			need += space
		}
		if i > cur.from && cur.width+need > width+1e-6 {
			cur.to = i
			lines = append(lines, cur)
			cur, need = line{from: i}, wordWidth
		} else if i > cur.from {
			cur.gaps++
		}
		cur.width += need
		i = j
	}
	if cur.to = len(pieces); cur.to > cur.from {
		lines = append(lines, cur)
	}
	return lines
}

// flush sets the collected text from the current position's left edge to the right
// margin, one line after another, starting a new page when a line does not fit. With
// justify, every line but the last (and one that a hard break ends) fills the width.
func (w *writer) flush(justify bool) {
	lh := w.lineHeight()
	keepAfter := w.keepAfter
	w.keepAfter = 0
	if len(w.spans) == 0 {
		w.Ln(lh)
		return
	}
	pageWidth, _ := w.GetPageSize()
	left := w.layout.Margin + w.indent
	width := pageWidth - w.layout.Margin - left
	space := w.r.fonts.width(" ", Regular, w.size)
	pieces := w.pieces()
	lines := breakLines(pieces, width, space)
	w.spans = w.spans[:0]
	y := w.GetY()
	for i, ln := range lines {
		need := lh
		if i == len(lines)-1 {
			need += keepAfter
		}
		if y+need > w.bottom() {
			w.AddPage()
			y = w.GetY()
		}
		extra := 0.0
		if justify && !ln.brk && i < len(lines)-1 && ln.gaps > 0 {
			extra = (width - ln.width) / float64(ln.gaps)
		}
		w.drawLine(pieces[ln.from:ln.to], left, y, lh, extra)
		y += lh
	}
	w.SetXY(left, y)
}

// drawLine draws one line, each run of one style and link as one cell; extra is the
// space added to every gap between words, as word spacing inside a run.
func (w *writer) drawLine(pieces []piece, x, y, lh, extra float64) {
	var run strings.Builder
	var runStyle Style
	var runLink string
	var runWidth float64
	draw := func() {
		if run.Len() == 0 {
			return
		}
		w.useStyle(runStyle)
		w.SetXY(x, y)
		w.cell(runWidth, lh, run.String(), cellOptions{url: runLink, spacing: extra})
		x += runWidth
		run.Reset()
		runWidth = 0
	}
	for i, p := range pieces {
		if p.gap && i > 0 {
			// A gap is a real space character at the end of the run before it, also
			// where the style changes, so that text copied from the PDF keeps its words
			// apart.
			run.WriteByte(' ')
			runWidth += w.r.fonts.width(" ", runStyle, w.size) + extra
		}
		if p.style != runStyle || p.link != runLink {
			draw()
		}
		runStyle, runLink = p.style, p.link
		run.WriteString(p.text)
		runWidth += p.width
	}
	draw()
}
