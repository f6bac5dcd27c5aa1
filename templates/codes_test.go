package templates

import (
	"io/fs"
	"regexp"
	"testing"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/locales"
)

// Every code of every code list of the case format has a label in every language, so
// that a known code is never printed as given. A missing message is an error, not a
// fallback (locales.Locale.Text).
func TestEveryCodeHasALabel(t *testing.T) {
	set, err := locales.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range set.Languages() {
		l, _ := set.Locale(lang)
		for _, list := range casedata.CodeLists() {
			for _, code := range list.Codes {
				if s, err := l.Text(list.Kind+"."+code, nil); err != nil || s == "" {
					t.Errorf("%s: no label for %s %q: %v", lang, list.Kind, code, err)
				}
			}
		}
	}
}

// Every kind a template labels is a code list of casedata, so that its codes are the
// ones TestEveryCodeHasALabel checks.
func TestTemplatesLabelKnownKinds(t *testing.T) {
	kinds := map[string]bool{}
	for _, l := range casedata.CodeLists() {
		kinds[l.Kind] = true
	}
	labelRe := regexp.MustCompile(`\blabels? "([a-z_]+)"`)
	seen := 0
	err := fs.WalkDir(files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(files, path)
		for _, m := range labelRe.FindAllSubmatch(src, -1) {
			seen++
			if !kinds[string(m[1])] {
				t.Errorf("%s labels %q, which no code list of casedata has", path, m[1])
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen == 0 {
		t.Fatal("found no label calls: the pattern is stale")
	}
}
