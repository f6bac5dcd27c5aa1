// Package numbering numbers the clauses of a long document and resolves its
// cross-references, so that numbers are never typed by hand and never go stale when a
// section is added or left out.
//
// The Markdown it reads is what templates write:
//
//	## General provisions {#general}       a numbered heading: "## 1. General provisions {#general}"
//	#. {#purpose} These rules set out …     a numbered clause under it: "1.1. These rules set out …"
//	as set out in clause [](#purpose)       a reference: "as set out in clause 1.1"
//	# Records of processing {#records .annex}   an annex: numbered 1, 2, … on its own
//
// An annex numbers its own headings and clauses from 1, and its labels are its own: a
// reference inside an annex means the annex's label of that name if it has one, and the
// document's otherwise. So a procedure of its own, with its own labels, can be annexed
// to a document that uses the same labels. The annex's own label (on its heading)
// belongs to the document, and labels inside an annex cannot be referred to from outside.
// The ids of an annex's headings are prefixed with the annex's id ("annex-procedure-general"),
// so that they stay unique in the document.
//
// Numbers are computed from the goldmark AST and written into the Markdown itself, so the
// Markdown output, and the HTML and PDF rendered from it, all carry the same numbers. The
// words around a reference ("3.2 punkte", "artikel 3.2", "clause 3.2") are the
// template's; a reference gives the bare number. A label that nothing defines, or that
// two places define, is an error: a document never prints a broken reference.
package numbering

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/gdprdocs/gdprdocs/generators"
)

// Options say which headings are clauses.
type Options struct {
	// FromLevel is the heading level numbered "1."; deeper levels nest ("1.1."). Headings
	// above it (the title) are not numbered. Default 2.
	FromLevel int
	// ToLevel is the deepest numbered heading level. Default 4.
	ToLevel int
}

var (
	refRe    = regexp.MustCompile(`\[\]\(#([A-Za-z][A-Za-z0-9_-]*)\)`)
	clauseRe = regexp.MustCompile(`^#\.[ \t]+(?:\{#([A-Za-z][A-Za-z0-9_-]*)\}[ \t]*)?`)
	md       = goldmark.New(goldmark.WithParserOptions(parser.WithHeadingAttribute()))
)

// edit replaces src[at:at+del] with ins.
type edit struct {
	at, del int
	ins     string
}

// Apply returns src with its clauses numbered and its references resolved.
func Apply(src []byte, opt Options) ([]byte, error) {
	if opt.FromLevel == 0 {
		opt.FromLevel = 2
	}
	if opt.ToLevel == 0 {
		opt.ToLevel = 4
	}
	doc := md.Parser().Parse(text.NewReader(src))
	// labels maps a label, prefixed by its annex's number and a slash inside an annex,
	// to its number.
	labels := map[string]string{}
	var edits []edit
	var problems []string
	scope := ""   // the prefix of the labels being read: "" in the body, "N/" in annex N
	annexID := "" // the id of the annex being read, which prefixes the ids of its headings
	// scopes are where each annex starts in src, in order, with its prefix.
	type scopeStart struct {
		at     int
		prefix string
	}
	var scopes []scopeStart
	define := func(label, number string) {
		if label == "" {
			return
		}
		if _, dup := labels[scope+label]; dup {
			problems = append(problems, fmt.Sprintf("label %q defined twice", label))
		}
		labels[scope+label] = number
	}

	counters := make([]int, opt.ToLevel-opt.FromLevel+2) // one more level for clauses
	depth := -1                                          // index of the current heading's counter
	annexes := 0
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			label, classes := generators.HeadingAttributes(n)
			start := n.Lines().At(0).Start
			if slices.Contains(classes, "annex") {
				annexes++
				scope = ""
				define(label, strconv.Itoa(annexes))
				scope = strconv.Itoa(annexes) + "/"
				annexID = label
				if annexID == "" {
					annexID = "annex-" + strconv.Itoa(annexes)
				}
				scopes = append(scopes, scopeStart{at: start, prefix: scope})
				// Clauses restart inside an annex.
				clear(counters)
				depth = -1
				continue
			}
			if n.Level < opt.FromLevel || n.Level > opt.ToLevel {
				continue
			}
			depth = n.Level - opt.FromLevel
			counters[depth]++
			clear(counters[depth+1:])
			number := join(counters[:depth+1])
			define(label, number)
			edits = append(edits, edit{at: start, ins: number + ". "})
			if label != "" && annexID != "" {
				// The heading's id is the document's: prefixed with its annex's, it stays
				// unique in the HTML when two annexes use the same label.
				end := bytes.IndexByte(src[start:], '\n')
				if end < 0 {
					end = len(src) - start
				}
				if at := bytes.LastIndex(src[start:start+end], []byte("{#"+label)); at >= 0 {
					edits = append(edits, edit{at: start + at + 2, ins: annexID + "-"})
				}
			}
		case *ast.Paragraph:
			start := n.Lines().At(0).Start
			m := clauseRe.FindSubmatchIndex(src[start:])
			if m == nil {
				continue
			}
			level := depth + 1
			counters[level]++
			clear(counters[level+1:])
			number := join(counters[:level+1])
			if m[2] >= 0 {
				define(string(src[start+m[2]:start+m[3]]), number)
			}
			edits = append(edits, edit{at: start, del: m[1], ins: number + ". "})
		}
	}
	for _, m := range refRe.FindAllSubmatchIndex(src, -1) {
		label := string(src[m[2]:m[3]])
		// The annex the reference is in, if any: the last that starts before it.
		prefix := ""
		for _, sc := range scopes {
			if sc.at > m[0] {
				break
			}
			prefix = sc.prefix
		}
		number, ok := labels[prefix+label]
		if !ok {
			number, ok = labels[label]
		}
		if !ok {
			problems = append(problems, fmt.Sprintf("reference to undefined label %q", label))
			continue
		}
		edits = append(edits, edit{at: m[0], del: m[1] - m[0], ins: number})
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("numbering: %s", strings.Join(problems, "; "))
	}
	slices.SortFunc(edits, func(a, b edit) int { return a.at - b.at })
	var out bytes.Buffer
	out.Grow(len(src) + 8*len(edits))
	pos := 0
	for _, e := range edits {
		out.Write(src[pos:e.at])
		out.WriteString(e.ins)
		pos = e.at + e.del
	}
	out.Write(src[pos:])
	return out.Bytes(), nil
}

func join(counters []int) string {
	parts := make([]string, len(counters))
	for i, c := range counters {
		parts[i] = strconv.Itoa(c)
	}
	return strings.Join(parts, ".")
}
