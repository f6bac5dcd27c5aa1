package catalog

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/generators"
	"github.com/gdprdocs/gdprdocs/generators/htmlpage"
	"github.com/gdprdocs/gdprdocs/generators/numbering"
	"github.com/gdprdocs/gdprdocs/generators/pdf"
	"github.com/gdprdocs/gdprdocs/generators/plaintext"
	"github.com/gdprdocs/gdprdocs/generators/xlsx"
	"github.com/gdprdocs/gdprdocs/locales"
	"github.com/gdprdocs/gdprdocs/templates"
)

// prepared is a document ready to render: what its formats are made from and what the
// outputs say about it. Its contract, which check holds each render to and
// checkCatalogue holds the catalogue to at start-up:
//   - view is set when the document is offered in a format made from Markdown;
//   - table is set when the document's sheets are tableSheets;
//   - workbook is set when they are workbookSheets, and may be with tableSheets, where
//     it replaces the table's workbook as the document's XLSX.
type prepared struct {
	view      any
	reference string    // in the file name and the PDF footer
	date      time.Time // the document's date, in the PDF metadata
	landscape bool      // wide tables: the PDF's pages are landscape
	// workbook builds the spreadsheet of a document that is not one table.
	workbook func(title string) *xlsx.Workbook
	// table is a register's rows, for its XLSX, CSV and JSON.
	table *table
	// item is the index of the breach or review the document is about, if any.
	item string
	// title replaces the catalogue's title of the document when it is not empty.
	title string
}

// check reports a prepared document that breaks its contract: a bug of doc's prepare
// function, reported as an internal error instead of a nil dereference.
func (p *prepared) check(doc *Document) error {
	var missing string
	switch {
	case p.view == nil && slices.ContainsFunc(doc.Formats, Format.fromMarkdown):
		missing = "view"
	case doc.sheets == tableSheets && p.table == nil:
		missing = "table"
	case doc.sheets == workbookSheets && p.workbook == nil:
		missing = "workbook"
	default:
		return nil
	}
	return fmt.Errorf("catalog: %s was prepared without its %s", doc.ID, missing)
}

// Request says what to render.
type Request struct {
	Doc    string
	Lang   string
	Format Format
	// Breach is the reference of the breach to report; empty means the first one.
	Breach string
	// Review is the number of the review to record; empty means the latest.
	Review string
	// Audience is the audience a privacy notice is for, a code of casedata.Audiences
	// (another is a *ParameterError); empty means the public notice.
	Audience string
	// Now is the moment the document is made at: it dates notices that have not been
	// sent yet and decides whether they are late.
	Now time.Time
	// Fragment asks for HTML without the page around it, to embed.
	Fragment bool
	// Strict refuses a document that would print anything the case does not give — a
	// default, or text in another language — instead of reporting it among the
	// warnings: each becomes a problem at its path.
	Strict bool
	// Annexes says how the processing rules carry their annexes: AnnexesFull (the
	// default, also when empty) or AnnexesList.
	Annexes string
}

// The values of Request.Annexes.
const (
	// AnnexesFull prints the annexes of the processing rules in full: the records, the
	// list of authorised persons, the blank registers, the procedures and the
	// familiarisation sheet — the rules as an organisation approves them.
	AnnexesFull = "full"
	// AnnexesList lists the annexes, each kept as a document of its own, and prints
	// only the familiarisation sheet.
	AnnexesList = "list"
)

// AnnexesValues are the values Request.Annexes takes, the default first.
var AnnexesValues = []string{AnnexesFull, AnnexesList}

// The years a document's "now" may fall in, as written with its offset. Outside them
// a moment is a typo, not a document: year 0 would print as "31 December -1".
const (
	FirstNowYear = 2000
	LastNowYear  = 2100
)

// NowInRange reports whether t may date a document.
func NowInRange(t time.Time) bool { return t.Year() >= FirstNowYear && t.Year() <= LastNowYear }

// Output is a rendered document.
type Output struct {
	Body        []byte
	ContentType string
	FileName    string // ASCII-safe, localised: "pranesimas-apie-pazeidima-PAZ-2026-03.pdf"
	// Warnings are what the document holds that the case did not give it (defaults,
	// text in another language), ordered by path. WarningItems words them.
	Warnings []casedata.Warning
}

// Service renders documents. Everything that can be prepared once — locales,
// templates, fonts — is prepared by New; Render allocates only what a document needs.
// It is safe for concurrent use.
type Service struct {
	locales   *locales.Set
	templates *templates.Set
	pdf       *pdf.Renderer
}

// New prepares a service.
func New() (*Service, error) {
	locs, err := locales.Default()
	if err != nil {
		return nil, err
	}
	if err := casedata.CheckJurisdictions(); err != nil {
		return nil, err
	}
	if err := checkCatalogue(Documents, locs); err != nil {
		return nil, err
	}
	if got, want := locs.Languages(), casedata.Languages(); !slices.Equal(got, want) {
		return nil, fmt.Errorf("catalog: the locales speak %v, the case format %v", got, want)
	}
	tmpl, err := templates.Load(locs)
	if err != nil {
		return nil, err
	}
	fonts, err := pdf.LoadFonts()
	if err != nil {
		return nil, err
	}
	return &Service{locales: locs, templates: tmpl, pdf: pdf.New(fonts, pdf.DefaultLayout)}, nil
}

// Languages lists the supported languages.
func (s *Service) Languages() []string { return s.locales.Languages() }

// Locale returns the locale of a supported language.
func (s *Service) Locale(lang string) (*locales.Locale, bool) { return s.locales.Locale(lang) }

func (s *Service) locale(lang string) (*locales.Locale, error) {
	if l, ok := s.locales.Locale(lang); ok {
		return l, nil
	}
	return nil, &UnknownLanguageError{Lang: lang, Allowed: s.locales.Languages()}
}

// Render renders the requested document from a case given as JSON. Errors the request
// caused are explained by Explain; the context's error and internal errors are not.
// The output carries the warnings of the render; a strict request with any warning is
// refused with them as problems.
func (s *Service) Render(ctx context.Context, req Request, caseJSON []byte) (*Output, error) {
	r, err := s.render(ctx, req, caseJSON)
	if err == nil {
		err = ctx.Err() // a render that outlasted its deadline is not answered late
	}
	if err != nil {
		return nil, err
	}
	out := r.out
	for _, w := range r.c.Warnings() {
		if r.concerns(w) {
			out.Warnings = append(out.Warnings, w)
		}
	}
	if req.Strict && len(out.Warnings) > 0 {
		probs := make(casedata.Problems, len(out.Warnings))
		for i, w := range out.Warnings {
			probs[i] = w.Problem()
		}
		return nil, probs
	}
	return out, nil
}

// rendering is a rendered document with what its warnings are judged by.
type rendering struct {
	out  *Output
	doc  *Document
	c    *casedata.Case // the case it was rendered from, whose warnings the render recorded
	item string         // the index of the breach or review it is about, if any
	md   []byte         // its Markdown; nil for a spreadsheet, CSV or JSON
}

// concerns reports whether a warning of the case concerns the rendered document. A
// default is recorded as the document prints it. A language fallback is recorded as the
// case is read, so it counts where the document reads and, when the document is made
// from Markdown, only when its text is there.
func (r *rendering) concerns(w casedata.Warning) bool {
	if w.Code != "language_fallback" {
		return true
	}
	if !r.doc.concerns(w, r.item) {
		return false
	}
	if r.md == nil {
		return true
	}
	text := templates.Inline(strings.SplitN(strings.ReplaceAll(w.Text(), "\r\n", "\n"), "\n\n", 2)[0])
	text = strings.TrimPrefix(text, `\`) // escaped only at the start of a line
	return bytes.Contains(r.md, []byte(text))
}

// render renders the document.
func (s *Service) render(ctx context.Context, req Request, caseJSON []byte) (*rendering, error) {
	doc, ok := Lookup(req.Doc)
	if !ok {
		return nil, &UnknownDocumentError{ID: req.Doc}
	}
	loc, err := s.locale(req.Lang)
	if err != nil {
		return nil, err
	}
	if req.Annexes != "" && !slices.Contains(AnnexesValues, req.Annexes) {
		return nil, &ParameterError{Name: "annexes", Value: req.Annexes, Allowed: AnnexesValues}
	}
	if req.Audience != "" && !casedata.Audiences.Has(req.Audience) {
		return nil, &ParameterError{Name: "audience", Value: req.Audience, Allowed: casedata.Audiences.Codes}
	}
	if !doc.Offers(req.Format) {
		return nil, &FormatError{Doc: doc, Format: req.Format}
	}
	c, err := casedata.Parse(ctx, caseJSON, doc.Needs, req.Lang)
	if err != nil {
		return nil, err
	}
	ready, err := doc.prepare(c, req, loc)
	if err != nil {
		return nil, err
	}
	if err := ready.check(doc); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	title := loc.MustText("document." + doc.ID + ".title")
	if ready.title != "" {
		title = ready.title
	}
	r := &rendering{doc: doc, c: c, item: ready.item, out: &Output{
		ContentType: req.Format.ContentType(),
		FileName:    fileName(loc.MustText("document."+doc.ID+".file"), ready.reference, req.Format),
	}}
	markdown := func() ([]byte, error) {
		md, err := s.markdown(ctx, doc, req.Lang, ready.view)
		r.md = md
		return md, err
	}
	var body []byte
	switch req.Format {
	case XLSX:
		book := ready.workbook
		if book == nil {
			book = func(title string) *xlsx.Workbook {
				return workbook(title, c.Organisation.Name, req.Lang, ready.date, loc, ready.table)
			}
		}
		var buf bytes.Buffer
		err = xlsx.Write(ctx, &buf, book(title))
		body = buf.Bytes()
	case CSV:
		body, err = ready.table.csv(req.Lang)
	case JSON:
		body, err = ready.table.json(doc.ID, c.Organisation.Name, req.Lang, ready.date)
	case Markdown:
		body, err = markdown()
	case Text:
		if body, err = markdown(); err == nil {
			body = plaintext.Render(body)
		}
	case HTML:
		if body, err = markdown(); err == nil {
			body, err = htmlpage.Render(body, htmlpage.Options{Lang: req.Lang, Title: title, Fragment: req.Fragment})
		}
	case PDF:
		if body, err = markdown(); err == nil {
			var buf bytes.Buffer
			err = s.pdf.Render(ctx, &buf, body, generators.Parse(body), pdf.Meta{
				Title:     title,
				Author:    c.Organisation.Name,
				Subject:   loc.MustText("document."+doc.ID+".source") + " · " + ready.reference,
				Lang:      req.Lang,
				Reference: ready.reference,
				PageLabel: pageLabel(loc),
				Created:   ready.date.UTC(),
				Landscape: ready.landscape,
				Contents:  loc.MustText("format.contents"),
			})
			body = buf.Bytes()
		}
	default:
		err = &FormatError{Doc: doc, Format: req.Format}
	}
	if err != nil {
		return nil, err
	}
	r.out.Body = body
	return r, nil
}

// markdown executes the document's template in lang on its view, and numbers its
// clauses when the document is numbered.
func (s *Service) markdown(ctx context.Context, doc *Document, lang string, view any) ([]byte, error) {
	md, err := s.templates.Render(ctx, lang, doc.ID, view)
	if err != nil {
		return nil, err
	}
	if doc.Numbered {
		// A reference that resolves to nothing is a template bug: it fails the render
		// (and the tests) instead of reaching a document.
		if md, err = numbering.Apply(md, numbering.Options{}); err != nil {
			return nil, err
		}
	}
	return md, ctx.Err()
}

func pageLabel(loc *locales.Locale) func(int, string) string {
	return func(page int, pages string) string {
		s, err := loc.Text("format.page", map[string]any{"Page": page, "Pages": pages})
		if err != nil {
			return fmt.Sprintf("%d / %s", page, pages)
		}
		return s
	}
}

// maxFileName is the longest name fileName makes, in bytes with the extension: a
// reference of any length gives a Content-Disposition header of bounded size.
const maxFileName = 120

// fileName builds an ASCII-safe file name from a localised stem (ASCII) and a reference:
// diacritics are dropped (ž → z), anything else unsafe becomes a hyphen. A name longer
// than maxFileName loses the end of its reference and keeps its extension.
func fileName(stem, reference string, f Format) string {
	name, ext := stem, "."+string(f)
	if ref := asciiSlug(reference); ref != "" {
		name += "-" + ref
	}
	if len(name)+len(ext) > maxFileName {
		name = strings.TrimRight(name[:maxFileName-len(ext)], "-.")
	}
	return name + ext
}

func asciiSlug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_'):
			b.WriteRune(r)
			hyphen = false
		default:
			if !hyphen && b.Len() > 0 {
				b.WriteByte('-')
				hyphen = true
			}
		}
	}
	return strings.Trim(b.String(), "-.")
}

// CheckCase checks a case on its own, as a store takes it: decoded once and checked as
// a document that reads every section the case gives would check it, so that every
// document the case can make, it makes without a problem of its data. Its errors are
// a render's (Explain words them).
func (s *Service) CheckCase(ctx context.Context, caseJSON []byte) error {
	_, err := casedata.ParseGiven(ctx, caseJSON, "en")
	return err
}
