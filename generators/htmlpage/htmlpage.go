// Package htmlpage renders a document's Markdown as safe HTML: a standalone, print-friendly
// page or a fragment for embedding. Raw HTML in the Markdown is never passed through, so
// user text can never become markup.
package htmlpage

import (
	"bytes"
	"fmt"
	"html"

	"github.com/gdprdocs/gdprdocs/generators"
)

// Options describe the page around the document.
type Options struct {
	Lang  string // the page's lang attribute: "lt", "nl", "en"
	Title string // the page title
	// Fragment leaves out the page around the document: the result is one
	// <div class="gdprdocs" lang="…"> element to embed in another page.
	Fragment bool
}

// Render converts Markdown to HTML.
func Render(md []byte, opt Options) ([]byte, error) {
	var body bytes.Buffer
	body.Grow(len(md) * 3 / 2)
	if err := generators.Markdown.Convert(md, &body); err != nil {
		return nil, fmt.Errorf("html: %w", err)
	}
	lang := html.EscapeString(opt.Lang)
	var out bytes.Buffer
	out.Grow(body.Len() + len(stylesheet) + 512)
	if opt.Fragment {
		fmt.Fprintf(&out, "<div class=\"gdprdocs\" lang=\"%s\">\n", lang)
		out.Write(body.Bytes())
		out.WriteString("</div>\n")
		return out.Bytes(), nil
	}
	fmt.Fprintf(&out, `<!DOCTYPE html>
<html lang="%s">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="gdprdocs">
<title>%s</title>
<style>%s</style>
</head>
<body>
<main class="gdprdocs">
`, lang, html.EscapeString(opt.Title), stylesheet)
	out.Write(body.Bytes())
	out.WriteString("</main>\n</body>\n</html>\n")
	return out.Bytes(), nil
}

// Stylesheet is the documents' small, print-first style: the standalone page embeds it,
// and a site embedding a fragment may link to it (the API serves it).
const Stylesheet = stylesheet

// stylesheet is small and print-first: the page is also what a DPO prints or saves as PDF
// from the browser.
const stylesheet = `
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1a1a1a; font: 11pt/1.5 "Noto Sans", "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
.gdprdocs { max-width: 48rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; overflow-wrap: break-word; }
.gdprdocs h1 { font-size: 1.5em; line-height: 1.25; margin: 0 0 1.25rem; }
.gdprdocs h2 { font-size: 1.15em; margin: 1.75rem 0 .5rem; padding-bottom: .2rem; border-bottom: 1px solid #d0d0d0; break-after: avoid; }
.gdprdocs h3 { font-size: 1em; margin: 1.25rem 0 .4rem; break-after: avoid; }
.gdprdocs h1.annex { font-size: 1.25em; margin-top: 2.25rem; break-after: avoid; }
.gdprdocs p, .gdprdocs ul, .gdprdocs ol { margin: 0 0 .75rem; }
.gdprdocs ul, .gdprdocs ol { padding-left: 1.5rem; }
.gdprdocs li { margin: .15rem 0; }
.gdprdocs table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95em; }
.gdprdocs th, .gdprdocs td { border: 1px solid #c8c8c8; padding: .35rem .5rem; text-align: left; vertical-align: top; }
.gdprdocs th { background: #f2f2f2; }
.gdprdocs thead { display: table-header-group; }
.gdprdocs tr { break-inside: avoid; }
.gdprdocs .form ~ table td { height: 2.4em; }
.gdprdocs .form ~ table td:empty { min-width: 7rem; }
@media (max-width: 40rem) {
  .gdprdocs { padding: 1.25rem .75rem 2rem; }
  .gdprdocs table { display: block; overflow-x: auto; -webkit-overflow-scrolling: touch; }
  .gdprdocs th, .gdprdocs td { min-width: 7rem; }
}
@page { size: A4; margin: 20mm 18mm; }
@media print { .gdprdocs { max-width: none; padding: 0; } .gdprdocs .page { break-before: page; } }
`
