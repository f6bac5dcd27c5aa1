// Package templates turns case data into the canonical Markdown of every prose document.
// Wording lives in "<lang>/<document>.md.tmpl" files, one set per language, embedded and
// parsed once; decisions come from casedata and arrive in the view models of this package.
// All user text reaches the Markdown through the md and para functions, which escape it,
// so that no value from a case can change a document's structure.
package templates

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"

	"github.com/gdprdocs/gdprdocs/locales"
)

//go:embed */*.md.tmpl
var files embed.FS

// Set is every language's parsed templates. It is safe for concurrent use.
type Set struct {
	byLang map[string]*template.Template
}

// Load parses the embedded templates of every language in locs.
func Load(locs *locales.Set) (*Set, error) {
	return LoadFS(files, locs)
}

// LoadFS parses "<lang>/*.md.tmpl" from fsys for every language in locs.
func LoadFS(fsys fs.FS, locs *locales.Set) (*Set, error) {
	s := &Set{byLang: make(map[string]*template.Template)}
	for _, lang := range locs.Languages() {
		loc, _ := locs.Locale(lang)
		root := template.New(lang).Option("missingkey=error")
		root.Funcs(funcs(loc, root))
		if _, err := root.ParseFS(fsys, lang+"/*.md.tmpl"); err != nil {
			return nil, fmt.Errorf("templates: %s: %w", lang, err)
		}
		s.byLang[lang] = root
	}
	return s, nil
}

// Render executes the template named doc (a document id) of language lang with data and
// returns tidy Markdown: no trailing spaces, no runs of blank lines, one final newline.
// Execution stops with ctx's error at the next piece of output once ctx is done, so a
// register of many rows does not outlive its deadline.
func (s *Set) Render(ctx context.Context, lang, doc string, data any) ([]byte, error) {
	t, ok := s.byLang[lang]
	if !ok || t.Lookup(doc) == nil {
		return nil, fmt.Errorf("templates: no template %s/%s", lang, doc)
	}
	var buf bytes.Buffer
	buf.Grow(16 << 10)
	if err := t.ExecuteTemplate(&deadlineWriter{ctx: ctx, w: &buf}, doc, data); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("templates: %s/%s: %w", lang, doc, err)
	}
	return tidy(buf.Bytes()), nil
}

// deadlineWriter refuses to write once its context is done: text/template writes as it
// executes, so the refusal ends the execution there.
type deadlineWriter struct {
	ctx context.Context
	w   *bytes.Buffer
}

func (d *deadlineWriter) Write(p []byte) (int, error) {
	if err := d.ctx.Err(); err != nil {
		return 0, err
	}
	return d.w.Write(p)
}

// tidy lets templates be written for reading: it removes trailing spaces and the blank
// lines that conditional blocks leave behind, which Markdown ignores anyway, and the
// second full stop where a sentence ends on an abbreviation ("… B.V..", a Lithuanian
// date's "… 16 d.."); an ellipsis is left alone. One pass, no regular expressions:
// it runs on every document.
func tidy(md []byte) []byte {
	out := make([]byte, 0, len(md))
	blank := true // at the start, blank lines are dropped
	for line := range bytes.Lines(md) {
		line = bytes.TrimRight(line, " \t\r\n")
		if len(line) == 0 {
			if !blank {
				out = append(out, '\n')
			}
			blank = true
			continue
		}
		blank = false
		out = appendWithoutDoublePeriod(out, line)
		out = append(out, '\n')
	}
	out = bytes.TrimRight(out, "\n")
	return append(out, '\n')
}

// appendWithoutDoublePeriod appends line, dropping the first of two full stops that
// follow a letter (but not of three).
func appendWithoutDoublePeriod(out, line []byte) []byte {
	for i := 0; i < len(line); i++ {
		if line[i] == '.' && i+1 < len(line) && line[i+1] == '.' && (i+2 == len(line) || line[i+2] != '.') && i > 0 {
			if r, _ := utf8.DecodeLastRune(line[:i]); unicode.IsLetter(r) {
				continue
			}
		}
		out = append(out, line[i])
	}
	return out
}

// include executes a named template into a string, so that a template can choose the
// template to call at run time (the sections of an authority's form).
func include(root *template.Template) func(name string, data any) (string, error) {
	return func(name string, data any) (string, error) {
		var b strings.Builder
		if err := root.ExecuteTemplate(&b, name, data); err != nil {
			return "", err
		}
		return strings.TrimSpace(b.String()), nil
	}
}

// sections executes the template of a document and returns its text from its first
// section on (its first "## " heading): the document without its title and the header
// under it, to be annexed, under a heading of its own, to another document. A document
// without sections is an error: there would be nothing to annex.
func sections(root *template.Template) func(name string, data any) (string, error) {
	return func(name string, data any) (string, error) {
		var b strings.Builder
		if err := root.ExecuteTemplate(&b, name, data); err != nil {
			return "", err
		}
		s := b.String()
		if strings.HasPrefix(s, "## ") {
			return s, nil
		}
		if _, rest, ok := strings.Cut(s, "\n## "); ok {
			return "## " + rest, nil
		}
		return "", fmt.Errorf("templates: %s has no sections to annex", name)
	}
}
