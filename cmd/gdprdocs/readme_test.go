package main

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gdprdocs/gdprdocs/catalog"
	"github.com/gdprdocs/gdprdocs/server"
)

// readmeCommands returns the commands of the README's sh blocks, a line continued
// with a backslash joined to the next.
func readmeCommands(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var cmds []string
	for i, block := range strings.Split(string(data), "```") {
		if i%2 == 0 || !strings.HasPrefix(block, "sh\n") {
			continue
		}
		text := strings.ReplaceAll(strings.TrimPrefix(block, "sh\n"), "\\\n", " ")
		for _, line := range strings.Split(text, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				cmds = append(cmds, line)
			}
		}
	}
	return cmds
}

// shellWords splits a command line as sh would, for the quoting the README uses:
// single quotes and plain words; a # starts a comment.
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	var words []string
	var word strings.Builder
	inWord, quoted := false, false
	for _, r := range line {
		switch {
		case quoted && r == '\'':
			quoted = false
		case quoted:
			word.WriteRune(r)
		case r == '\'':
			quoted, inWord = true, true
		case r == '#' && !inWord:
			return words
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, word.String())
				word.Reset()
				inWord = false
			}
		case strings.ContainsRune(`"\$;&|<>`+"`", r):
			t.Fatalf("the README's command uses shell syntax the test does not read (%q): %s", r, line)
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		t.Fatalf("unterminated quote: %s", line)
	}
	if inWord {
		words = append(words, word.String())
	}
	return words
}

// The README's examples, run as written on a date a year from now: the command line
// through the built binary, each curl against the API's handler with a clock a year
// ahead. Each must succeed, or the README tells its readers something that fails.
func TestReadmeExamples(t *testing.T) {
	svc, err := catalog.New()
	if err != nil {
		t.Fatal(err)
	}
	yearAhead := func() time.Time { return time.Now().AddDate(1, 0, 0) }
	api := httptest.NewServer(server.New(svc, server.Config{Now: yearAhead}, slog.New(slog.NewTextHandler(io.Discard, nil))).Handler())
	defer api.Close()
	root, err := filepath.Abs("../../")
	if err != nil {
		t.Fatal(err)
	}
	// The commands run in a directory of their own, where the samples are.
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(root, "samples"), filepath.Join(dir, "samples")); err != nil {
		t.Fatal(err)
	}
	ran := map[string]int{}
	for _, line := range readmeCommands(t) {
		words := shellWords(t, line)
		switch {
		case len(words) > 3 && words[0] == "go" && words[1] == "run" && words[2] == "./cmd/gdprdocs" && words[3] != "serve":
			ran["cli"]++
			t.Run(line, func(t *testing.T) { runReadmeCLI(t, dir, words[3:]) })
		case words[0] == "curl":
			ran["curl"]++
			t.Run(line, func(t *testing.T) { runReadmeCurl(t, dir, api.URL, words[1:]) })
		}
	}
	if ran["cli"] < 4 || ran["curl"] < 2 {
		t.Errorf("examples run: %v; the README's examples are no longer found", ran)
	}
}

func runReadmeCLI(t *testing.T, dir string, args []string) {
	var stdout, stderr bytes.Buffer
	cmd := newCommand(dir, args, &stdout, &stderr)
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %s", err, stderr.String())
	}
	for i, a := range args {
		if a == "--out" && i+1 < len(args) && args[i+1] != "-" {
			if info, err := os.Stat(filepath.Join(dir, args[i+1])); err != nil || info.Size() == 0 {
				t.Errorf("%s not written: %v", args[i+1], err)
			}
		}
	}
}

// runReadmeCurl sends the request a curl command line describes: its -H headers, its
// --data-binary @file body (a POST), its URL with localhost:8080 replaced by the test
// server's; -o names the file the answer goes to.
func runReadmeCurl(t *testing.T, dir, base string, args []string) {
	var (
		method = http.MethodGet
		body   []byte
		target string
		header = http.Header{}
	)
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "-sS":
		case a == "-H" && i+1 < len(args):
			i++
			k, v, _ := strings.Cut(args[i], ":")
			header.Add(k, strings.TrimSpace(v))
		case a == "--data-binary" && i+1 < len(args) && strings.HasPrefix(args[i+1], "@"):
			i++
			data, err := os.ReadFile(filepath.Join(dir, args[i][1:]))
			if err != nil {
				t.Fatal(err)
			}
			method, body = http.MethodPost, data
		case a == "-o" && i+1 < len(args):
			i++ // the answer is checked here, not written
		case strings.HasPrefix(a, "http://localhost:8080/"):
			target = base + strings.TrimPrefix(a, "http://localhost:8080")
		default:
			t.Fatalf("a curl argument the test does not read: %q", a)
		}
	}
	req, err := http.NewRequest(method, target, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header = header
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	answer, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || len(answer) == 0 {
		t.Errorf("%s %s: %d %s", method, target, res.StatusCode, answer)
	}
}
