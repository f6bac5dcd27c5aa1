package generators

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The package doc names every sub-package, so that it stays the map of the formats.
func TestDocNamesEverySubpackage(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if sources, _ := filepath.Glob(filepath.Join(e.Name(), "*.go")); len(sources) == 0 {
			continue
		}
		n++
		if !strings.Contains(string(doc), "//   - "+e.Name()+" ") {
			t.Errorf("doc.go does not name the sub-package %s", e.Name())
		}
	}
	if n < 6 {
		t.Errorf("found %d sub-packages, want at least the 6 the doc names", n)
	}
}
