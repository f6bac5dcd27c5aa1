package pdf

import (
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/gdprdocs/gdprdocs/generators"
)

const (
	// contentsAfterPages is how long a document must be for a table of contents.
	contentsAfterPages = 5
	// runesPerPage is how many characters of Markdown a page of body text holds, measured
	// on the numbered documents (1,800–1,900). The length is estimated from it before
	// drawing, because the contents come first and fpdf cannot insert pages afterwards.
	runesPerPage = 1850
	// pageColumn is the width of the page-number column of the contents, mm.
	pageColumn = 12.0
)

// entry is one line of the table of contents: a section or an annex heading, where its
// line was drawn in the contents, and the page its heading landed on.
type entry struct {
	heading  *ast.Heading
	text     string
	link     int
	linePage int
	lineY    float64
	page     int // 0 until the heading is drawn
}

// contents is the table of contents of a long document, or nil.
type contents struct {
	title   string
	entries []*entry
	next    int // index of the entry whose heading comes next
	drawn   bool
	// pages are the entries' page numbers when an earlier drawing of the document
	// found them: draw writes them at once, and fill has nothing left to do.
	pages []int
}

// contentsMoved is a document whose contents fill could not complete: fpdf draws on a
// page it goes back to with the geometry of the last page, so the contents' pages must
// have the last page's size. The document is drawn again with the page numbers known.
type contentsMoved struct{ pages []int }

func (*contentsMoved) Error() string { return "the contents' pages differ from the last page" }

// planContents lists the top-level headings of doc (sections and annexes, not the title
// nor the sections inside an annex)
// when the document is long enough to need a table of contents under the given title.
func planContents(w *writer, doc ast.Node, title string, pages []int) *contents {
	if title == "" || utf8.RuneCount(w.src) <= contentsAfterPages*runesPerPage {
		return nil
	}
	c := &contents{title: title, pages: pages}
	annex := false // the sections of an annex are the annex's own, not listed
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok || h.Level > 2 || (h.Level == 1 && n == doc.FirstChild()) {
			continue
		}
		if h.Level == 1 {
			_, classes := generators.HeadingAttributes(h)
			annex = slices.Contains(classes, "annex")
		} else if annex {
			continue
		}
		c.entries = append(c.entries, &entry{heading: h, text: w.r.fonts.Sanitize(plainText(h, w.src)), link: w.AddLink()})
	}
	if len(c.entries) < 2 {
		return nil
	}
	return c
}

// drawBefore draws the contents when h is the first heading they list.
func (c *contents) drawBefore(w *writer, h *ast.Heading) {
	if c != nil && !c.drawn && len(c.entries) > 0 && c.entries[0].heading == h {
		c.draw(w)
	}
}

// mark notes the page heading h landed on, when the contents list it, and points the
// entry's link at it.
func (c *contents) mark(w *writer, h *ast.Heading) {
	if c == nil || c.next >= len(c.entries) || c.entries[c.next].heading != h {
		return
	}
	e := c.entries[c.next]
	e.page = w.PageNo()
	w.SetLink(e.link, w.GetY(), e.page)
	c.next++
}

// draw writes the contents: a heading, then one line per entry with room for its page
// number, which fill adds when the document is complete.
func (c *contents) draw(w *writer) {
	c.drawn = true
	w.endLine()
	w.size = headingSizes[2]
	w.style = Bold
	w.setFont()
	w.space(w.lineHeight() * 0.8)
	w.keepSpace(3 * w.lineHeight())
	w.cell(0, w.lineHeight(), c.title, cellOptions{newline: true})
	w.size, w.style = w.layout.BodySize, Regular
	w.setFont()
	width, _ := w.GetPageSize()
	textWidth := width - 2*w.layout.Margin - pageColumn
	lh := w.lineHeight()
	for i, e := range c.entries {
		lines := w.splitLines(e.text, textWidth)
		w.keepSpace(float64(len(lines)) * lh)
		for _, line := range lines {
			w.SetX(w.layout.Margin)
			w.cell(textWidth, lh, line, cellOptions{newline: true, link: e.link})
		}
		e.linePage, e.lineY = w.PageNo(), w.GetY()-lh
		if i < len(c.pages) && c.pages[i] > 0 {
			e.writePage(w, c.pages[i], width)
		}
	}
	w.space(lh)
}

// fill writes each entry's page number beside its line, going back to the pages of the
// contents, and returns to the last page; it returns a *contentsMoved when a page of the
// contents differs in size from the last page.
func (c *contents) fill(w *writer) error {
	if c == nil || !c.drawn {
		return nil
	}
	if c.pages != nil {
		// The numbers are written; they must be where the headings landed again.
		for i, e := range c.entries {
			if e.page != c.pages[i] {
				return fmt.Errorf("the contents say page %d for %q, which landed on page %d", c.pages[i], e.text, e.page)
			}
		}
		return nil
	}
	last := w.PageNo()
	width, height := w.GetPageSize()
	for _, e := range c.entries {
		if wd, ht, _ := w.PageSize(e.linePage); wd != width || ht != height {
			pages := make([]int, len(c.entries))
			for i, e := range c.entries {
				pages[i] = e.page
			}
			return &contentsMoved{pages: pages}
		}
	}
	w.size, w.style = w.layout.BodySize, Regular
	w.setFont()
	for _, e := range c.entries {
		if e.page == 0 {
			continue
		}
		w.SetPage(e.linePage)
		// The page's stream ends with its footer's font.
		w.selected = selectedFont{}
		e.writePage(w, e.page, width)
	}
	w.SetPage(last)
	w.selected = selectedFont{}
	return nil
}

// writePage writes page in the column beside the entry's last line, on the page being
// drawn, pageWidth wide, and moves to the start of the line below.
func (e *entry) writePage(w *writer, page int, pageWidth float64) {
	w.SetXY(pageWidth-w.layout.Margin-pageColumn, e.lineY)
	w.cell(pageColumn, w.lineHeight(), strconv.Itoa(page), cellOptions{right: true, newline: true, link: e.link})
}
