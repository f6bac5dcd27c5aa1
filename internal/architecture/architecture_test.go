// Package architecture holds the test that keeps the packages' imports to the flow
// the design describes (the table "may import" of the architecture): a package needing
// something from one to its left moves the thing instead.
package architecture

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/gdprdocs/gdprdocs/"

// mayImport is, for each top-level folder, the folders of the project its code (tests
// aside) may import; its own subfolders it always may. cmd and tools wire everything.
var mayImport = map[string][]string{
	"server":     {"catalog", "store"},
	"store":      {"casedata"},
	"catalog":    {"casedata", "templates", "generators", "locales"},
	"templates":  {"casedata", "locales"},
	"casedata":   {},
	"generators": {},
	"locales":    {},
	"internal":   {},
}

func TestImportsFollowTheFlow(t *testing.T) {
	root := filepath.Join("..", "..")
	checked := 0
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		top := strings.Split(filepath.ToSlash(rel), "/")[0]
		allowed, ruled := mayImport[top]
		if !ruled {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		checked++
		for _, spec := range f.Imports {
			imp, _ := strconv.Unquote(spec.Path.Value)
			inner, ok := strings.CutPrefix(imp, module)
			if !ok {
				continue
			}
			to := strings.Split(inner, "/")[0]
			if to != top && !contains(allowed, to) {
				t.Errorf("%s imports %s: %s may import %v", rel, imp, top, allowed)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("only %d files checked", checked)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
