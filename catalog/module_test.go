package catalog

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// userMain is the program of a module that uses gdprdocs as a library: it renders a
// case file as a Markdown document to standard output.
const userMain = `package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/gdprdocs/gdprdocs/catalog"
)

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	now, err := time.Parse(time.RFC3339, os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	svc, err := catalog.New()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out, err := svc.Render(context.Background(), catalog.Request{
		Doc: "privacy-policy", Lang: "en", Format: catalog.Markdown, Now: now}, data)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Stdout.Write(out.Body)
}
`

// A separate module that requires github.com/gdprdocs/gdprdocs, replaced by this
// checkout, imports catalog and renders a document — the same document this package
// renders. It needs nothing but the module cache the checkout builds with.
func TestImportedByAnotherModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a separate module; skipped with -short")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH: no module can be built to import this one")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	goMod := fmt.Sprintf("module example.com/user\n\ngo %s\n\nrequire github.com/gdprdocs/gdprdocs v0.0.0\n\nreplace github.com/gdprdocs/gdprdocs => %s\n",
		goVersion(t, filepath.Join(root, "go.mod")), root)
	sums, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"go.mod": []byte(goMod), "go.sum": sums, "main.go": []byte(userMain)} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(dir, "user")
	build := exec.Command(goTool, "build", "-o", bin, ".")
	build.Dir = dir
	// -mod=mod lets the go command complete the module's requirements from those of
	// gdprdocs; GOWORK=off keeps any workspace of the checkout out of it.
	build.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building a module that imports catalog: %v\n%s", err, out)
	}
	casePath := filepath.Join(root, "samples", "en-policy.json")
	var stdout, stderr bytes.Buffer
	run := exec.Command(bin, casePath, now.Format(time.RFC3339))
	run.Stdout, run.Stderr = &stdout, &stderr
	if err := run.Run(); err != nil {
		t.Fatalf("running it: %v\n%s", err, stderr.Bytes())
	}
	data, err := os.ReadFile(casePath)
	if err != nil {
		t.Fatal(err)
	}
	want, err := newService(t).Render(t.Context(), Request{Doc: "privacy-policy", Lang: "en", Format: Markdown, Now: now}, data)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stdout.Bytes(), want.Body) {
		t.Errorf("the other module rendered %d bytes, this package %d; they differ", stdout.Len(), len(want.Body))
	}
	if !bytes.Contains(stdout.Bytes(), []byte("Kodo dirbtuvės")) {
		t.Errorf("the privacy notice does not name the organisation:\n%s", stdout.Bytes())
	}
}

// goVersion is the go directive of the go.mod file at path.
func goVersion(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "go "); ok {
			return strings.TrimSpace(v)
		}
	}
	t.Fatalf("%s has no go directive", path)
	return ""
}
