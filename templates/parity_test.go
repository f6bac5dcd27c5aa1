package templates

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gdprdocs/gdprdocs/locales"
)

// grammaticalVariants are the only differences allowed between the structures of one
// document's templates in different languages. Each must match in every document it
// names, so that none outlives its reason.
var grammaticalVariants = []variant{
	{
		Docs:   []string{"breach-authority-notice", "breach-procedure", "breach-subject-notice", "records-procedure", "request-procedure"},
		Lang:   "lt",
		Own:    []string{"{{md .Authority.NameDative}}"},
		Others: []string{"{{md .Authority.Name}}"},
		Reason: "Lithuanian names the authority in the dative: „pateikti skundą … inspekcijai“, „Kam: …“.",
	},
	{
		Docs:   []string{"privacy-policy", "processing-rules"},
		Lang:   "lt",
		Own:    []string{`{{with .Law "accusative"}}`},
		Others: []string{`{{with .Law "nominative"}}`},
		Reason: "Lithuanian names the national law after „pagal“ (or as an object), in the accusative.",
	},
	{
		Docs:   []string{"cookie-policy"},
		Lang:   "lt",
		Own:    []string{`{{md ($.CookieLaw "accusative")}}`},
		Others: []string{`{{md ($.CookieLaw "nominative")}}`},
		Reason: "Lithuanian names the cookie law after „Pagal“, in the accusative.",
	},
	{
		Docs:   []string{"cookie-policy"},
		Lang:   "lt",
		Own:    []string{`{{md (.CookieLaw "accusative")}}`},
		Others: []string{`{{md (.CookieLaw "nominative")}}`},
		Reason: "Lithuanian names the cookie law after „Pagal“, in the accusative.",
	},
	{
		Docs:   []string{"processing-rules"},
		Lang:   "nl",
		Own:    []string{`{{with .NationalID "definite"}}`},
		Others: []string{`{{with .NationalID "nominative"}}`},
		Reason: "Dutch names the national identification number with its article: „het burgerservicenummer“.",
	},
}

// Every document's templates have one structure in every language: the same
// conditions, loops, calls, printed values, headings, clauses, labels and references,
// differing only by grammaticalVariants.
func TestLanguagesShareEachDocumentsStructure(t *testing.T) {
	locs, err := locales.Default()
	if err != nil {
		t.Fatal(err)
	}
	diffs, unused, err := parity(files, locs, grammaticalVariants)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range unused {
		t.Errorf("%s: take it off grammaticalVariants", u)
	}
	for _, ds := range diffs {
		for _, d := range ds {
			t.Error(d)
		}
	}
}

// base is a small document in the template syntax and functions of the real ones.
const base = `{{define "doc" -}}
# {{t "document.doc.title"}}

**{{md .Org.Name}}**{{with .Org.Email}}, {{md .}}{{end}} ({{or .Org.Phone "no telephone"}})

## First {#first}

#. {#scope} Words about {{md .Org.Name}} and {{label "basis" .Basis}} under {{md (.Law "nominative")}}.
{{if .Late}}
#. Late by {{.Hours}}; see [](#scope).
{{else}}
#. On time.
{{end}}
{{range .Items}}- {{md .}}
{{end}}
{{end}}`

// diverge returns what parity reports for a document whose en template is base with
// the first old replaced by new, and the variants that matched nothing.
func diverge(t *testing.T, old, new string, variants ...variant) (diffs, unused []string) {
	t.Helper()
	locs, err := locales.Default()
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, lang := range locs.Languages() {
		src := base
		if lang == "en" {
			src = strings.Replace(base, old, new, 1)
			if src == base {
				t.Fatalf("%q is not in the template", old)
			}
		}
		fsys[lang+"/doc.md.tmpl"] = &fstest.MapFile{Data: []byte(src)}
	}
	all, unused, err := parity(fsys, locs, variants)
	if err != nil {
		t.Fatal(err)
	}
	return all["doc"], unused
}

// Words, fallbacks, the order of what is printed between two headings or clauses, a
// value said twice and the layout of the template are the language's, not structure.
func TestParityIgnoresWording(t *testing.T) {
	for _, tt := range []struct{ old, new string }{
		{"Words about", "Woorden over"},
		{"# {{t", "#   {{t"},
		{`"no telephone"`, `"geen telefoon"`},
		{"**{{md .Org.Name}}**{{with .Org.Email}}, {{md .}}{{end}}", "{{with .Org.Email}}{{md .}}, {{end}}**{{md .Org.Name}}**"},
		{"Words about {{md .Org.Name}} and {{label \"basis\" .Basis}}", "On {{label \"basis\" .Basis}}, {{md .Org.Name}} says"},
		{"and {{label", "and {{md .Org.Name}} and {{label"},
		{"{{if .Late}}", "{{if  .Late -}}"},
		{"{{range .Items}}- {{md .}}\n{{end}}", "{{range .Items}}\n- {{md .}}{{end}}"},
		{"Late by {{.Hours}}; see [](#scope).", "See [](#scope): late by {{.Hours}}."},
	} {
		if diffs, _ := diverge(t, tt.old, tt.new); diffs != nil {
			t.Errorf("%q → %q reported:\n%s", tt.old, tt.new, strings.Join(diffs, "\n"))
		}
	}
}

// A difference in structure is reported with the place in each template.
func TestParityReportsDivergence(t *testing.T) {
	for _, tt := range []struct{ name, old, new, want string }{
		{"added condition", "#. On time.", "#. On time{{if .Soon}} soon{{end}}.", "en/doc.md.tmpl:12: {{if .Soon}}"},
		{"different field", "{{with .Org.Email}}", "{{with .Org.Phone}}", "en/doc.md.tmpl:4: {{with .Org.Phone}}"},
		{"different message", `{{t "document.doc.title"}}`, `{{t "document.other.title"}}`, `en/doc.md.tmpl:2: {{t "document.other.title"}}`},
		{"different label kind", `{{label "basis" .Basis}}`, `{{label "purpose" .Basis}}`, `{{label "purpose" .Basis}}`},
		{"different clause label", "{#scope}", "{#purpose}", "en/doc.md.tmpl:8: {#purpose}"},
		{"different reference", "[](#scope)", "[](#first)", "[](#first)"},
		{"missing heading", "## First {#first}\n", "", "en/doc.md.tmpl:7: #. …"},
		{"heading level", "## First", "### First", "### …"},
		{"missing clause", "#. On time.", "On time.", "en/doc.md.tmpl:13: {{end}}"},
		{"value moved into a condition", "{{with .Org.Email}}, {{md .}}{{end}}", "{{with .Org.Email}}, {{md .}}, {{md .Org.Name}}{{end}}", "{{md .Org.Name}}"},
		{"missing else", "{{else}}\n#. On time.\n", "", "{{end}}"},
		{"condition moved", "{{if .Late}}", "{{if .Soon}}", "{{if .Soon}}"},
		{"extra section", "{{end}}\n{{end}}", "{{end}}\n{{end}}{{define \"more\"}}{{end}}", `{{define "more"}}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			diffs, _ := diverge(t, tt.old, tt.new)
			if len(diffs) != 2 {
				t.Fatalf("got %d reports, want one for each other language:\n%s", len(diffs), strings.Join(diffs, "\n"))
			}
			for _, d := range diffs {
				if !strings.HasPrefix(d, "doc: en and ") || !strings.Contains(d, tt.want) {
					t.Errorf("report lacks %q:\n%s", tt.want, d)
				}
			}
		})
	}
}

// A grammatical variant is allowed only in the language and documents it names, and a
// variant that matches nothing is reported.
func TestParityVariants(t *testing.T) {
	for _, tt := range []struct {
		name, old, new string
		v              variant
	}{
		{"case form", `{{md (.Law "nominative")}}`, `{{md (.Law "genitive")}}`,
			variant{Docs: []string{"doc"}, Lang: "en", Own: []string{`{{md (.Law "genitive")}}`}, Others: []string{`{{md (.Law "nominative")}}`}}},
		{"extra plural", `{{label "basis" .Basis}}`, `{{label "basis" .Basis}}{{with .Plural}}s{{end}}`,
			variant{Docs: []string{"doc"}, Lang: "en", Own: []string{"{{with .Plural}}", "{{end}}"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if diffs, _ := diverge(t, tt.old, tt.new); len(diffs) != 2 {
				t.Errorf("without the variant: %d reports, want 2", len(diffs))
			}
			if diffs, unused := diverge(t, tt.old, tt.new, tt.v); diffs != nil || unused != nil {
				t.Errorf("with the variant: reports %q, unused %q", diffs, unused)
			}
			other := tt.v
			other.Lang = "lt"
			if diffs, unused := diverge(t, tt.old, tt.new, other); len(diffs) != 2 || len(unused) != 1 {
				t.Errorf("the variant of another language: %d reports, unused %q", len(diffs), unused)
			}
			elsewhere := tt.v
			elsewhere.Docs = []string{"doc", "other"}
			if _, unused := diverge(t, tt.old, tt.new, elsewhere); len(unused) != 1 || !strings.HasPrefix(unused[0], "other: the en variant") {
				t.Errorf("the variant of a document without it: unused %q", unused)
			}
		})
	}
}
