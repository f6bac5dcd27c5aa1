package templates

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/gdprdocs/gdprdocs/locales"
)

// A node is one element of a template's structure. The structure is compared in
// order where order is structure: the control structures ({{if}}, {{with}}, {{range}},
// their {{else}} and {{end}}), {{template}} calls, {{define}}s, and the Markdown blocks
// that text opens at the start of a line (a heading's level, a numbered clause "#.").
// What a template prints between two such Markdown blocks at one level of control
// (values and function calls, labels "{#label}" and references "[](#label)") is
// compared as a set, since its order is the language's word order: such nodes share a
// segment and are sorted by text. The words between the nodes are not compared.
type node struct {
	text string
	pos  int // byte offset in the template file
	seg  int // the segment of a printed node; 0 for an ordered node
}

var (
	keyLike  = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)
	blockRe  = regexp.MustCompile(`^(?:#{1,6}|#\.)(?:[ \t]|$)`)
	elseRe   = regexp.MustCompile(`\{\{-?\s*else\b`)
	endRe    = regexp.MustCompile(`\{\{-?\s*end\b`)
	chainRe  = regexp.MustCompile(`^\{\{-?\s*else\s+(?:if|with)\b`)
	anchorRe = regexp.MustCompile(`\{#[A-Za-z][A-Za-z0-9_-]*(?:[ \t]+\.[A-Za-z0-9_-]+)*\}|\[\]\(#[A-Za-z][A-Za-z0-9_-]*\)`)
)

// structure parses src, the template file name of one language, with that language's
// functions fm and returns its nodes, definition by definition in source order.
func structure(name, src string, fm template.FuncMap) ([]node, error) {
	t, err := template.New(name).Funcs(fm).Parse(src)
	if err != nil {
		return nil, err
	}
	defs := t.Templates()
	slices.SortFunc(defs, func(a, b *template.Template) int { return start(a) - start(b) })
	w := &walker{src: src}
	for _, d := range defs {
		if d.Tree == nil {
			continue
		}
		w.far = max(0, start(d))
		if d.Name() != name {
			w.add(node{text: fmt.Sprintf("{{define %q}}", d.Name()), pos: start(d)})
		}
		w.list(d.Tree.Root)
	}
	return w.nodes, nil
}

// start is where the definition t starts in its file; the file's own template, which
// holds what lies outside the definitions, comes first.
func start(t *template.Template) int {
	if t.Tree == nil || t.Name() == t.Tree.ParseName {
		return -1
	}
	return int(t.Tree.Root.Pos)
}

// A walker collects the nodes of the parse trees of one file.
type walker struct {
	src   string
	nodes []node
	segs  int // segments numbered so far
	far   int // how far into src the walk has come
}

func (w *walker) add(n node) {
	w.nodes = append(w.nodes, n)
	w.see(n.pos)
}

func (w *walker) see(pos int) { w.far = max(w.far, pos) }

// next finds the else or end of a control structure, which the parse tree does not
// place: the first after everything the walk has seen inside it.
func (w *walker) next(re *regexp.Regexp) int {
	loc := re.FindStringIndex(w.src[w.far:])
	if loc == nil {
		return w.far
	}
	pos := w.far + loc[0]
	w.far += loc[1]
	return pos
}

// list adds the nodes of l. What l itself prints forms a segment that ends at the next
// Markdown block in l or at l's end; nested control structures have their own.
func (w *walker) list(l *parse.ListNode) {
	if l == nil {
		return
	}
	var printed []node
	flush := func() {
		if len(printed) == 0 {
			return
		}
		w.segs++
		for _, n := range settle(printed) {
			n.seg = w.segs
			w.add(n)
		}
		printed = nil
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			p := int(n.Pos)
			w.see(p + len(n.Text))
			lineStart := p == 0 || w.src[p-1] == '\n'
			for line := range strings.Lines(string(n.Text)) {
				if m := blockRe.FindString(line); lineStart && m != "" {
					flush()
					w.add(node{text: strings.TrimSpace(m) + " …", pos: p})
				}
				for _, loc := range anchorRe.FindAllStringIndex(line, -1) {
					printed = append(printed, node{text: line[loc[0]:loc[1]], pos: p + loc[0]})
				}
				p += len(line)
				lineStart = true
			}
		case *parse.ActionNode:
			w.see(int(n.Pos))
			printed = append(printed, node{text: "{{" + pipeline(n.Pipe) + "}}", pos: int(n.Pos)})
		case *parse.IfNode:
			w.branch("if", &n.BranchNode)
		case *parse.RangeNode:
			w.branch("range", &n.BranchNode)
		case *parse.WithNode:
			w.branch("with", &n.BranchNode)
		case *parse.TemplateNode:
			call := strings.TrimSpace(fmt.Sprintf("{{template %q %s", n.Name, pipeline(n.Pipe)))
			w.add(node{text: call + "}}", pos: int(n.Pos)})
		case *parse.BreakNode, *parse.ContinueNode:
			w.add(node{text: n.String(), pos: int(n.Position())})
		}
	}
	flush()
}

func (w *walker) branch(kind string, b *parse.BranchNode) {
	w.add(node{text: "{{" + kind + " " + pipeline(b.Pipe) + "}}", pos: int(b.Pos)})
	w.list(b.List)
	if b.ElseList != nil {
		at := w.next(elseRe)
		w.add(node{text: "{{else}}", pos: at})
		w.list(b.ElseList)
		if chainRe.MatchString(w.src[at:]) { // {{else if}} shares the end of the if it opens
			w.add(node{text: "{{end}}", pos: w.nodes[len(w.nodes)-1].pos})
			return
		}
	}
	w.add(node{text: "{{end}}", pos: w.next(endRe)})
}

// settle puts the printed nodes of a segment in their canonical order: sorted by text,
// each text once, at its first place in the template.
func settle(nodes []node) []node {
	slices.SortStableFunc(nodes, func(a, b node) int { return strings.Compare(a.text, b.text) })
	return slices.CompactFunc(nodes, func(a, b node) bool { return a.text == b.text })
}

// pipeline renders p canonically. A string constant that looks like a key (t
// "format.yes", the kind in label "cause" .X, a grammatical case) is structure; any
// other (a fallback such as "not yet known") is wording, rendered as "…".
func pipeline(p *parse.PipeNode) string {
	if p == nil {
		return ""
	}
	var b strings.Builder
	for i, v := range p.Decl {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(v.String())
	}
	if len(p.Decl) > 0 {
		if p.IsAssign {
			b.WriteString(" = ")
		} else {
			b.WriteString(" := ")
		}
	}
	for i, c := range p.Cmds {
		if i > 0 {
			b.WriteString(" | ")
		}
		for j, arg := range c.Args {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(operand(arg))
		}
	}
	return b.String()
}

func operand(n parse.Node) string {
	switch n := n.(type) {
	case *parse.StringNode:
		if keyLike.MatchString(n.Text) {
			return strconv.Quote(n.Text)
		}
		return `"…"`
	case *parse.PipeNode:
		return "(" + pipeline(n) + ")"
	case *parse.ChainNode:
		return operand(n.Node) + "." + strings.Join(n.Field, ".")
	}
	return n.String()
}

// A variant is a grammatical difference that one language's templates of some
// documents may have from the other languages': where the others have the nodes Others,
// Lang has the nodes Own, a run of nodes as structure lists them (one printed node, or
// a control structure from its opening to its end). Others may be empty, for nodes only
// Lang needs; a node that one language does without is an extra node of each of the
// others. A variant must match in every document it names.
type variant struct {
	Docs        []string
	Lang        string
	Own, Others []string
	Reason      string
}

// apply replaces every run of v.Own in nodes with v.Others and reports how many it
// replaced. A replacement takes the segment of the run it replaces, settled again.
func (v variant) apply(nodes []node) ([]node, int) {
	var out []node
	n := 0
	for i := 0; i < len(nodes); {
		if i+len(v.Own) <= len(nodes) && slices.EqualFunc(nodes[i:i+len(v.Own)], v.Own, func(a node, s string) bool { return a.text == s }) {
			for _, s := range v.Others {
				out = append(out, node{text: s, pos: nodes[i].pos, seg: nodes[i].seg})
			}
			i += len(v.Own)
			n++
			continue
		}
		out = append(out, nodes[i])
		i++
	}
	var settled []node
	for i := 0; i < len(out); {
		j := i + 1
		for out[i].seg != 0 && j < len(out) && out[j].seg == out[i].seg {
			j++
		}
		settled = append(settled, settle(out[i:j])...)
		i = j
	}
	return settled, n
}

// A document is the template files of one document, by language.
type document struct {
	name  string
	src   map[string]string
	nodes map[string][]node
}

// parity compares the structure of each document's templates in fsys across the
// languages of locs, the variants applied. It returns, by document, a description of
// where each language first differs from the first language, and a description of
// each variant that matched nothing in a document it names.
func parity(fsys fs.FS, locs *locales.Set, variants []variant) (diffs map[string][]string, unused []string, err error) {
	langs := locs.Languages()
	paths, err := fs.Glob(fsys, "*/*.md.tmpl")
	if err != nil {
		return nil, nil, err
	}
	docs := map[string]*document{}
	for _, p := range paths {
		name := strings.TrimSuffix(path.Base(p), ".md.tmpl")
		docs[name] = &document{name: name, src: map[string]string{}, nodes: map[string][]node{}}
	}
	for _, lang := range langs {
		loc, _ := locs.Locale(lang)
		fm := funcs(loc, template.New(lang))
		for _, d := range docs {
			b, err := fs.ReadFile(fsys, lang+"/"+d.name+".md.tmpl")
			if err != nil {
				return nil, nil, err
			}
			d.src[lang] = string(b)
			if d.nodes[lang], err = structure(d.name+".md.tmpl", string(b), fm); err != nil {
				return nil, nil, fmt.Errorf("%s/%s: %w", lang, d.name, err)
			}
		}
	}
	for _, v := range variants {
		for _, name := range v.Docs {
			n := 0
			if d := docs[name]; d != nil {
				d.nodes[v.Lang], n = v.apply(d.nodes[v.Lang])
			}
			if n == 0 {
				unused = append(unused, fmt.Sprintf("%s: the %s variant %q of %q matches nothing", name, v.Lang, v.Own, v.Others))
			}
		}
	}
	diffs = map[string][]string{}
	for name, d := range docs {
		for _, lang := range langs[1:] {
			if msg := d.firstDifference(langs[0], lang); msg != "" {
				diffs[name] = append(diffs[name], msg)
			}
		}
	}
	return diffs, unused, nil
}

// firstDifference describes where the structures of languages a and b of d first
// differ, with the lines around it in each template, or returns "".
func (d *document) firstDifference(a, b string) string {
	na, nb := d.nodes[a], d.nodes[b]
	i := 0
	for i < len(na) && i < len(nb) && na[i].text == nb[i].text {
		i++
	}
	if i == len(na) && i == len(nb) {
		return ""
	}
	var s strings.Builder
	fmt.Fprintf(&s, "%s: %s and %s differ at structure node %d", d.name, a, b, i+1)
	for _, lang := range []string{a, b} {
		nodes, src := d.nodes[lang], d.src[lang]
		if i == len(nodes) {
			fmt.Fprintf(&s, "\n  %s/%s.md.tmpl: ends here", lang, d.name)
			continue
		}
		line := 1 + strings.Count(src[:nodes[i].pos], "\n")
		fmt.Fprintf(&s, "\n  %s/%s.md.tmpl:%d: %s", lang, d.name, line, nodes[i].text)
		s.WriteString(around(src, nodes[i].pos))
	}
	return s.String()
}

// around returns the lines of src around the one holding pos, numbered. That line is
// marked and, if long, cut to the part around pos; the others to their start.
func around(src string, pos int) string {
	line := 1 + strings.Count(src[:pos], "\n")
	col := len([]rune(src[strings.LastIndexByte(src[:pos], '\n')+1 : pos]))
	var s strings.Builder
	lines := strings.Split(src, "\n")
	for n := max(1, line-2); n <= min(len(lines), line+2); n++ {
		mark, from := " ", 0
		if n == line {
			mark, from = ">", max(0, col-40)
		}
		fmt.Fprintf(&s, "\n    %s %4d | %s", mark, n, cut([]rune(lines[n-1]), from, 120))
	}
	return s.String()
}

// cut returns at most n runes of r from from on, marking what it leaves out with "…".
func cut(r []rune, from, n int) string {
	s := string(r[from:min(len(r), from+n)])
	if from > 0 {
		s = "…" + s
	}
	if from+n < len(r) {
		s += "…"
	}
	return s
}
