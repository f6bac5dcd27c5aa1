// Package pdf renders a document's goldmark AST to PDF with fpdf: headings with
// bookmarks, paragraphs with bold and italic runs, nested lists, tables whose header row
// repeats on every page, A4 pages with a footer that carries the document's title, its
// reference and "page X of Y". Fonts are embedded TrueType subsets of the characters a
// document holds, in a single-byte encoding for the languages the documents are
// written in (encoding.go) and as UTF-8 for any other character; a document loads only
// the styles it uses. Like a goldmark renderer, it registers one function per node kind.
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/gdprdocs/gdprdocs/generators"
)

// Meta is what a PDF says about itself and prints in every page's footer.
type Meta struct {
	Title     string // document title: metadata and footer
	Author    string // the organisation
	Subject   string
	Lang      string // "lt", "nl", "en"
	Reference string // printed after the title in the footer, e.g. the breach reference
	// PageLabel formats the page number; pages is a placeholder that becomes the page
	// count when the document is complete. Default: "page / pages".
	PageLabel func(page int, pages string) string
	// Created is the document's date in the metadata; a fixed value keeps output reproducible.
	Created time.Time
	// Landscape turns the pages, for documents of wide tables (registers).
	Landscape bool
	// Contents is the heading of the table of contents ("Turinys") that a document of
	// more than five pages gets before its first section; empty for none.
	Contents string
}

// Layout is the page geometry and type sizes, in millimetres and points.
type Layout struct {
	Margin     float64 // left and right, mm
	Top        float64 // mm
	Bottom     float64 // mm, room for the footer included
	BodySize   float64 // pt
	LineHeight float64 // multiple of the font size
}

// DefaultLayout is A4 with margins that print well on any office printer.
var DefaultLayout = Layout{Margin: 20, Top: 18, Bottom: 22, BodySize: 10, LineHeight: 1.45}

// Renderer turns ASTs into PDFs. It is safe for concurrent use.
type Renderer struct {
	fonts  *Fonts
	layout Layout
	funcs  map[ast.NodeKind]nodeFunc
}

// nodeFunc renders one node, like goldmark's renderer.NodeRendererFunc.
type nodeFunc func(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error)

// New returns a renderer over the given fonts.
func New(fonts *Fonts, layout Layout) *Renderer {
	r := &Renderer{fonts: fonts, layout: layout, funcs: make(map[ast.NodeKind]nodeFunc)}
	r.register(ast.KindDocument, func(*writer, ast.Node, bool) (ast.WalkStatus, error) { return ast.WalkContinue, nil })
	r.register(ast.KindHeading, renderHeading)
	r.register(ast.KindParagraph, renderParagraph)
	r.register(ast.KindTextBlock, renderTextBlock)
	r.register(ast.KindList, renderList)
	r.register(ast.KindListItem, renderListItem)
	r.register(ast.KindBlockquote, renderBlockquote)
	r.register(ast.KindThematicBreak, renderThematicBreak)
	r.register(ast.KindCodeBlock, renderCodeBlock)
	r.register(ast.KindFencedCodeBlock, renderCodeBlock)
	r.register(ast.KindHTMLBlock, skip)
	r.register(ast.KindText, renderText)
	r.register(ast.KindString, renderString)
	r.register(ast.KindEmphasis, renderEmphasis)
	r.register(ast.KindCodeSpan, renderCodeSpan)
	r.register(ast.KindLink, renderLink)
	r.register(ast.KindAutoLink, renderAutoLink)
	r.register(ast.KindImage, renderImage)
	r.register(ast.KindRawHTML, skip)
	r.register(east.KindTable, renderTable)
	return r
}

func (r *Renderer) register(k ast.NodeKind, f nodeFunc) { r.funcs[k] = f }

func skip(*writer, ast.Node, bool) (ast.WalkStatus, error) { return ast.WalkSkipChildren, nil }

// Render writes the PDF of doc (parsed from source) to w. Nothing is written when
// rendering fails, so a caller never sends half a file; a render past ctx's deadline
// stops at the next block with ctx's error.
func (r *Renderer) Render(ctx context.Context, w io.Writer, source []byte, doc ast.Node, meta Meta) error {
	// The fonts embed the glyphs of the characters the document's text holds. Should a
	// character be drawn that the scan did not see, the document is drawn again with
	// the whole encoding.
	//
	// A document whose contents could not be completed in place is drawn again with
	// their page numbers known (contentsMoved).
	out := getBuffer()
	defer putBuffer(out)
	used, complete := r.codesUsed(source, doc, meta), false
	var pages []int
	for {
		out.Reset()
		err := r.draw(ctx, out, source, doc, meta, used, pages)
		var moved *contentsMoved
		switch {
		case errors.Is(err, errIncomplete) && !complete:
			used, complete = r.fonts.allCodes(), true
			continue
		case errors.As(err, &moved) && pages == nil:
			pages = moved.pages
			continue
		case err != nil:
			return fmt.Errorf("pdf: %w", err)
		}
		break
	}
	_, err := w.Write(out.Bytes())
	return err
}

// errIncomplete is a document that drew a character its fonts do not embed.
var errIncomplete = errors.New("a character outside the embedded glyphs")

// draw renders the document to out with fonts that embed the glyphs of used, and the
// contents' page numbers when they are known.
func (r *Renderer) draw(ctx context.Context, out *bytes.Buffer, source []byte, doc ast.Node, meta Meta, used *codeSet, pages []int) error {
	wr, err := r.newWriter(doc, meta, used)
	if err != nil {
		return err
	}
	wr.src = source
	p := wr.Fpdf
	wr.contents = planContents(wr, doc, r.fonts.Sanitize(meta.Contents), pages)
	err = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		// A long document gives up at the next block once its deadline has passed.
		if entering && n.Type() == ast.TypeBlock {
			if err := ctx.Err(); err != nil {
				return ast.WalkStop, err
			}
		}
		f, ok := r.funcs[n.Kind()]
		if !ok {
			// An unknown inline (from a future extension) still shows its text.
			return ast.WalkContinue, nil
		}
		return f(wr, n, entering)
	})
	if err != nil {
		return err
	}
	if err := wr.contents.fill(wr); err != nil {
		return err
	}
	plain := getBuffer()
	defer putBuffer(plain)
	if err := p.Output(plain); err != nil {
		return err
	}
	if err := p.Error(); err != nil {
		return err
	}
	if wr.incomplete {
		return errIncomplete
	}
	// The pages fpdf writes: up to the current one.
	return compressStreams(out, plain.Bytes(), p.PageNo())
}

// codesUsed are the codes of every character the document can draw: its source's,
// those of the text entities stand for and of the strings goldmark makes, the metadata
// the footer prints, the page label's and the renderer's own marks and numbers.
func (r *Renderer) codesUsed(source []byte, doc ast.Node, meta Meta) *codeSet {
	var set codeSet
	r.fonts.addText(&set, string(source))
	entities := bytes.IndexByte(source, '&') >= 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.String:
			r.fonts.addText(&set, string(n.Value))
		case *ast.Text:
			if value := n.Segment.Value(source); entities && bytes.IndexByte(value, '&') >= 0 {
				r.fonts.addText(&set, generators.Literal(value))
			}
		}
		return ast.WalkContinue, nil
	})
	for _, s := range []string{meta.Title, meta.Reference, meta.Contents, pageLabel(meta)(1, pagesAlias), "0123456789 ./•…·"} {
		r.fonts.addText(&set, s)
	}
	return &set
}

// pagesAlias is what the footer prints for the page count until the document is
// complete (compressStreams replaces it).
const pagesAlias = "{nb}"

// pageLabel is the function that formats meta's page numbers.
func pageLabel(meta Meta) func(page int, pages string) string {
	if meta.PageLabel != nil {
		return meta.PageLabel
	}
	return func(page int, pages string) string { return fmt.Sprintf("%d / %s", page, pages) }
}

// newWriter sets up an A4 document with metadata, the footer and the font styles doc
// uses, embedding the glyphs of used, ready to draw on its first page.
func (r *Renderer) newWriter(doc ast.Node, meta Meta, used *codeSet) (*writer, error) {
	l := r.layout
	orientation := "P"
	if meta.Landscape {
		orientation = "L"
	}
	p := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", SizeStr: "A4", OrientationStr: orientation})
	w := &writer{Fpdf: p, r: r, layout: l, orientation: orientation, docOrientation: orientation, embedded: used}
	p.SetMargins(l.Margin, l.Top, l.Margin)
	// Cells are placed exactly where the layout says; padding is the renderer's own.
	p.SetCellMargin(0)
	p.SetAutoPageBreak(true, l.Bottom)
	for _, s := range stylesUsed(doc) {
		definition, file, err := r.fonts.embedding(s, used)
		if err != nil {
			return nil, err
		}
		p.AddFontFromBytes(r.fonts.family, string(s), definition, file)
	}
	p.SetTitle(r.fonts.Sanitize(meta.Title), true)
	p.SetAuthor(r.fonts.Sanitize(meta.Author), true)
	p.SetSubject(r.fonts.Sanitize(meta.Subject), true)
	p.SetCreator("gdprdocs", true)
	p.SetProducer("gdprdocs", true)
	if meta.Lang != "" {
		p.SetLang(meta.Lang)
	}
	if !meta.Created.IsZero() {
		p.SetCreationDate(meta.Created)
		p.SetModificationDate(meta.Created)
	}
	p.SetCatalogSort(true)
	p.SetCompression(false) // compressStreams does it
	label := pageLabel(meta)
	footer := r.fonts.Sanitize(meta.Title)
	if meta.Reference != "" {
		footer += " · " + r.fonts.Sanitize(meta.Reference)
	}
	p.SetFooterFunc(func() {
		// After the footer fpdf selects again, on the next page, the font that was
		// selected before it.
		size, style, selected := w.size, w.style, w.selected
		w.size, w.style = 7.5, Regular
		width, height := p.GetPageSize()
		y := height - l.Bottom + 8
		p.SetTextColor(110, 110, 110)
		p.SetDrawColor(200, 200, 200)
		p.SetLineWidth(0.2)
		p.Line(l.Margin, y-2, width-l.Margin, y-2)
		pageText := r.fonts.Sanitize(label(p.PageNo(), pagesAlias))
		pageWidth := w.textWidth(pageText) + 2
		footerWidth := width - 2*l.Margin - pageWidth - 4
		p.SetXY(l.Margin, y)
		w.cell(footerWidth, 4, w.fit(footer, footerWidth), cellOptions{})
		p.SetXY(width-l.Margin-pageWidth, y)
		w.cell(pageWidth, 4, pageText, cellOptions{right: true})
		p.SetTextColor(0, 0, 0)
		w.size, w.style, w.selected = size, style, selected
	})
	p.AddPage()
	w.setFont()
	return w, nil
}

// stylesUsed lists the font styles a document needs, so that only those are loaded:
// each style costs fpdf a parse of the font file per document.
func stylesUsed(doc ast.Node) []Style {
	used := map[Style]bool{Regular: true}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindHeading, east.KindTableHeader:
			used[Bold] = true
		case ast.KindEmphasis:
			used[styleAt(n)] = true
		}
		return ast.WalkContinue, nil
	})
	var out []Style
	for _, s := range []Style{Regular, Bold, Italic, BoldItalic} {
		if used[s] {
			out = append(out, s)
		}
	}
	return out
}

// styleAt is the font style text at node n is drawn in: bold inside strong emphasis,
// headings and table headers, italic inside emphasis.
func styleAt(n ast.Node) Style {
	var bold, italic bool
	for ; n != nil; n = n.Parent() {
		switch n := n.(type) {
		case *ast.Emphasis:
			if n.Level >= 2 {
				bold = true
			} else {
				italic = true
			}
		case *ast.Heading, *east.TableHeader:
			bold = true
		}
	}
	return styleOf(bold, italic)
}

func styleOf(bold, italic bool) Style {
	switch {
	case bold && italic:
		return BoldItalic
	case bold:
		return Bold
	case italic:
		return Italic
	}
	return Regular
}
