package pdf

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/yuin/goldmark/ast"

	"github.com/gdprdocs/gdprdocs/generators"
)

const ptToMM = 25.4 / 72

// writer is the state of one document being drawn.
type writer struct {
	*fpdf.Fpdf
	r      *Renderer
	src    []byte
	layout Layout

	size      float64 // font size in points
	style     Style
	indent    float64 // left indent of the current block, mm from the margin
	lists     []listState
	link      string // destination of the link being drawn, if any
	bookmarks int    // deepest bookmark level opened so far, plus one
	// skip is how many bytes of the next text to leave out: a clause number already
	// drawn in the hanging column.
	skip int
	// hanging is the indent a numbered clause paragraph added, to take back at its end.
	hanging float64
	// contents is the table of contents of a long document; nil for a short one.
	contents *contents
	// spans are the inline text of the current block, set when it ends (flow.go);
	// pieceBuf is the buffer its words are measured in, kept between blocks.
	spans    []span
	pieceBuf []piece
	// keepAfter is the room the current block's last line needs below it on its page:
	// the height of a closing line that must not start a page alone.
	keepAfter float64
	// form is whether the current section is a form to fill in by hand: its heading
	// has class "form".
	form bool
	// orientation is the orientation of the pages being drawn, "P" or "L": the
	// document's, or "L" in a section whose heading has classes "page" and "landscape".
	orientation, docOrientation string
	// utf8Loaded are the styles whose UTF-8 font the document has added.
	utf8Loaded map[Style]bool
	// embedded are the codes whose glyphs the single-byte fonts embed; incomplete is
	// set when one outside them is drawn.
	embedded   *codeSet
	incomplete bool
	// selected is the font the page's content last selected; zero when not known.
	selected selectedFont
}

// AddPage starts a page in the orientation of the section being drawn.
func (w *writer) AddPage() {
	w.AddPageFormat(w.orientation, w.GetPageSizeStr("A4"))
}

type listState struct {
	ordered bool
	next    int
	tight   bool
}

func (w *writer) lineHeight() float64 { return w.size * w.layout.LineHeight * ptToMM }

// setFont makes the body size the current size when none is set. The font is selected
// in the document when text is drawn (selectFont).
func (w *writer) setFont() {
	if w.size == 0 {
		w.size = w.layout.BodySize
	}
}

func (w *writer) useStyle(s Style) { w.style = s }

// selectFont makes family's font in the current style and size the document's font,
// unless it is already: fpdf writes a font selection into the page every time it is
// asked for one.
func (w *writer) selectFont(family string) {
	want := selectedFont{family, w.style, w.size}
	if w.selected != want {
		w.SetFont(family, string(w.style), w.size)
		w.selected = want
	}
}

// selectedFont is the font selected in the page being drawn.
type selectedFont struct {
	family string
	style  Style
	size   float64
}

func (w *writer) setIndent(indent float64) {
	w.indent = indent
	w.SetLeftMargin(w.layout.Margin + indent)
	w.SetX(w.layout.Margin + indent)
}

// space adds vertical space unless the block is at the top of a page.
func (w *writer) space(mm float64) {
	if w.GetY() > w.layout.Top+0.1 {
		w.SetY(w.GetY() + mm)
		w.SetX(w.layout.Margin + w.indent)
	}
}

// bottom is the lowest y that body text may reach.
func (w *writer) bottom() float64 {
	_, h := w.GetPageSize()
	return h - w.layout.Bottom
}

// keepSpace starts a new page unless height mm fit above the bottom margin.
func (w *writer) keepSpace(height float64) {
	if w.GetY()+height > w.bottom() {
		w.AddPage()
		w.SetX(w.layout.Margin + w.indent)
	}
}

// text adds inline text, in the current style and link, to the block being collected.
func (w *writer) text(s string) {
	if s = w.r.fonts.Sanitize(s); s != "" {
		w.spans = append(w.spans, span{text: s, style: w.style, link: w.link})
	}
}

// lineBreak ends the current line of the block being collected.
func (w *writer) lineBreak() { w.spans = append(w.spans, span{brk: true}) }

// endLine moves to the start of the next line when something is on the current one.
func (w *writer) endLine() {
	if w.GetX() > w.layout.Margin+w.indent+0.01 {
		w.Ln(w.lineHeight())
	}
}

var headingSizes = map[int]float64{1: 16, 2: 12.5, 3: 11, 4: 10.5, 5: 10, 6: 10}

func renderHeading(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error) {
	h := n.(*ast.Heading)
	if entering {
		w.contents.drawBefore(w, h)
		w.endLine()
		// A heading of class "page" (a sheet to print and sign) starts a page of its own,
		// turned to landscape when it also has class "landscape" (a wide table), and
		// back to the document's orientation when it has not.
		_, classes := generators.HeadingAttributes(h)
		if slices.Contains(classes, "page") {
			turn := w.docOrientation
			if slices.Contains(classes, "landscape") {
				turn = "L"
			}
			if w.GetY() > w.layout.Top+0.1 || turn != w.orientation {
				w.orientation = turn
				w.AddPage()
			}
		}
		w.form = slices.Contains(classes, "form")
		w.size = headingSizes[h.Level]
		w.setFont()
		lh := w.lineHeight()
		w.space(lh * 0.8)
		// A heading is never left alone at the bottom of a page: it needs room for
		// itself (two lines, when long) and two lines of what follows.
		w.keepSpace(2*lh + 2*w.layout.BodySize*w.layout.LineHeight*ptToMM)
		w.contents.mark(w, h)
		level := min(h.Level-1, w.bookmarks)
		w.bookmark(w.r.fonts.Sanitize(plainText(n, w.src)), level)
		w.bookmarks = level + 1
		return ast.WalkContinue, nil
	}
	w.flush(false)
	w.size = w.layout.BodySize
	w.style = Regular
	w.setFont()
	w.SetY(w.GetY() + w.lineHeight()*0.25)
	return ast.WalkContinue, nil
}

// clauseNumber matches the number numbered documents start a clause with: "2.1. ".
var clauseNumber = regexp.MustCompile(`^\d+(\.\d+)+\.\s`)

// clauseIndent is the hanging column of numbered clauses and clauseGap the least space
// between a number and its text, in mm.
const (
	clauseIndent = 11.0
	clauseGap    = 2.0
)

// renderParagraph draws a paragraph; a numbered clause ("2.1. …") gets a hanging
// indent: its number in a column of its own, its lines aligned after it.
func renderParagraph(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.endLine()
		lh := w.lineHeight()
		// A one-line paragraph that closes its section (an approval, a signature) is
		// never left alone at the top of a page: this paragraph's last line keeps it
		// company.
		if w.closesSection(n.NextSibling()) {
			w.keepAfter = lh * (1 + paragraphGap)
		}
		if t, ok := n.FirstChild().(*ast.Text); ok && w.lists == nil {
			if m := clauseNumber.Find(t.Segment.Value(w.src)); m != nil {
				w.keepSpace(max(2*lh, lh+w.keepAfter))
				w.useStyle(Regular)
				y := w.GetY()
				number := strings.TrimSpace(string(m))
				// A deep number ("4.24.2.") widens its column rather than touch the text.
				hang := max(clauseIndent, w.textWidth(number)+clauseGap)
				w.SetX(w.layout.Margin + w.indent)
				w.cell(hang, w.lineHeight(), number, cellOptions{})
				w.hanging = hang
				w.setIndent(w.indent + hang)
				w.SetY(y)
				w.SetX(w.layout.Margin + w.indent)
				w.skip = len(m)
			}
		}
		return ast.WalkContinue, nil
	}
	w.flush(true)
	if w.hanging > 0 {
		w.setIndent(w.indent - w.hanging)
		w.hanging = 0
	}
	w.space(w.lineHeight() * paragraphGap)
	return ast.WalkContinue, nil
}

// paragraphGap is the space after a paragraph, in lines.
const paragraphGap = 0.45

// closesSection tells whether n is a paragraph of one line that ends its section: the
// next block is a heading, or there is none.
func (w *writer) closesSection(n ast.Node) bool {
	if n == nil || n.Kind() != ast.KindParagraph || w.lists != nil {
		return false
	}
	if after := n.NextSibling(); after != nil && after.Kind() != ast.KindHeading {
		return false
	}
	pageWidth, _ := w.GetPageSize()
	return w.r.fonts.width(plainText(n, w.src), Regular, w.size) <= pageWidth-2*w.layout.Margin-w.indent
}

// renderTextBlock draws the text of a tight list item.
func renderTextBlock(w *writer, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		w.flush(false)
	}
	return ast.WalkContinue, nil
}

const listIndent = 6.0 // mm per list level

func renderList(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error) {
	l := n.(*ast.List)
	if entering {
		w.endLine()
		w.lists = append(w.lists, listState{ordered: l.IsOrdered(), next: l.Start, tight: l.IsTight})
		return ast.WalkContinue, nil
	}
	w.lists = w.lists[:len(w.lists)-1]
	if len(w.lists) == 0 {
		w.space(w.lineHeight() * paragraphGap)
	}
	return ast.WalkContinue, nil
}

func renderListItem(w *writer, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	list := &w.lists[len(w.lists)-1]
	if !entering {
		w.setIndent(w.indent - listIndent)
		if list.tight {
			w.space(w.lineHeight() * 0.15)
		}
		return ast.WalkContinue, nil
	}
	w.keepSpace(w.lineHeight())
	marker := "•"
	if list.ordered {
		marker = strconv.Itoa(list.next) + "."
		list.next++
	}
	y := w.GetY()
	w.useStyle(Regular)
	w.SetX(w.layout.Margin + w.indent)
	w.cell(listIndent-1, w.lineHeight(), marker, cellOptions{})
	w.setIndent(w.indent + listIndent)
	w.SetY(y)
	w.SetX(w.layout.Margin + w.indent)
	return ast.WalkContinue, nil
}

func renderBlockquote(w *writer, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.endLine()
		w.setIndent(w.indent + listIndent)
		return ast.WalkContinue, nil
	}
	w.setIndent(w.indent - listIndent)
	return ast.WalkContinue, nil
}

func renderThematicBreak(w *writer, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.endLine()
		width, _ := w.GetPageSize()
		w.space(w.lineHeight() * 0.3)
		w.SetDrawColor(180, 180, 180)
		w.SetLineWidth(0.2)
		w.Line(w.layout.Margin+w.indent, w.GetY(), width-w.layout.Margin, w.GetY())
		w.space(w.lineHeight() * 0.6)
	}
	return ast.WalkSkipChildren, nil
}

func renderCodeBlock(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	w.endLine()
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		w.text(strings.TrimRight(string(seg.Value(w.src)), "\n"))
		w.flush(false)
	}
	w.space(w.lineHeight() * paragraphGap)
	return ast.WalkSkipChildren, nil
}

func renderText(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	t := n.(*ast.Text)
	w.useStyle(styleAt(n))
	value := t.Segment.Value(w.src)
	if w.skip > 0 {
		value, w.skip = value[min(w.skip, len(value)):], 0
	}
	w.text(generators.Literal(value))
	switch {
	case t.HardLineBreak():
		w.lineBreak()
	case t.SoftLineBreak():
		w.text(" ")
	}
	return ast.WalkContinue, nil
}

func renderString(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.useStyle(styleAt(n))
		w.text(string(n.(*ast.String).Value))
	}
	return ast.WalkContinue, nil
}

// renderEmphasis needs no work of its own: text nodes take their style from their
// ancestors (styleAt).
func renderEmphasis(*writer, ast.Node, bool) (ast.WalkStatus, error) { return ast.WalkContinue, nil }

// renderCodeSpan draws a code span's text as it is: escapes do not apply inside one.
func renderCodeSpan(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.useStyle(styleAt(n))
		var b strings.Builder
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				b.Write(t.Segment.Value(w.src))
			}
		}
		w.text(b.String())
	}
	return ast.WalkSkipChildren, nil
}

func renderLink(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.link = safeURL(string(n.(*ast.Link).Destination))
	} else {
		w.link = ""
	}
	return ast.WalkContinue, nil
}

func renderAutoLink(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		a := n.(*ast.AutoLink)
		w.useStyle(styleAt(n))
		w.link = safeURL(string(a.URL(w.src)))
		w.text(string(a.Label(w.src)))
		w.link = ""
	}
	return ast.WalkSkipChildren, nil
}

// renderImage shows an image's description: documents carry no pictures.
func renderImage(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.text(plainText(n, w.src))
	}
	return ast.WalkSkipChildren, nil
}

// safeURL keeps only links a reader can follow safely.
func safeURL(u string) string {
	lower := strings.ToLower(u)
	for _, scheme := range []string{"https://", "http://", "mailto:"} {
		if strings.HasPrefix(lower, scheme) {
			return u
		}
	}
	return ""
}

// plainText is the text of n's inline content, without markup.
func plainText(n ast.Node, src []byte) string { return generators.InlineText(n, src, " ") }
