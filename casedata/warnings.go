package casedata

import (
	"slices"
	"strings"
)

// A Warning tells the caller that a document holds something the case did not give it:
// a default value the case format fills in (code "default"), or free text taken from
// another language than the document's (code "language_fallback"). Nothing a document
// assumes stays unannounced: every render returns its warnings, and a strict render
// refuses instead.
type Warning struct {
	Path string // JSON pointer of the field
	Code string // "default" or "language_fallback"
	// Value is what the document used: the default (nil for "none") or the language
	// whose text was taken.
	Value any
	// Kind names the code list of a coded Value ("role", "phase", "data"), so that
	// messages print its label rather than the code.
	Kind string
	// text is the text a language fallback took.
	text string
}

// Text is the text a language fallback took; empty for a default.
func (w Warning) Text() string { return w.text }

// Problem turns the warning into the problem a strict render refuses with.
func (w Warning) Problem() Problem {
	if w.Code == "language_fallback" {
		return Problem{Path: w.Path, Code: w.Code + "_refused", Args: map[string]any{"Language": w.Value}}
	}
	return Problem{Path: w.Path, Code: w.Code + "_refused", Args: map[string]any{"Value": w.Value, "Kind": w.Kind}}
}

// warnings collects the warnings of one case as it is read for one render: the case is
// decoded anew for every render, so the collection belongs to it.
type warnings struct{ list []Warning }

// add records a warning once per path and code.
func (ws *warnings) add(w Warning) {
	if slices.ContainsFunc(ws.list, func(x Warning) bool { return x.Path == w.Path && x.Code == w.Code }) {
		return
	}
	ws.list = append(ws.list, w)
}

// Warnings lists what the documents rendered from this case so far used without the
// case giving it, ordered by path.
func (c *Case) Warnings() []Warning {
	if c.warnings == nil {
		return nil
	}
	out := slices.Clone(c.warnings.list)
	slices.SortStableFunc(out, func(a, b Warning) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// warn records a warning of the case.
func (c *Case) warn(w Warning) {
	if c.warnings == nil {
		c.warnings = &warnings{}
	}
	c.warnings.add(w)
}

// defaulted records that a document uses the default value of the field at path.
func (c *Case) defaulted(path string, value any) {
	c.warn(Warning{Path: path, Code: "default", Value: value})
}

// defaultedCode records that a document uses the default code of the list kind for the
// field at path.
func (c *Case) defaultedCode(path, kind, code string) {
	c.warn(Warning{Path: path, Code: "default", Value: code, Kind: kind})
}
