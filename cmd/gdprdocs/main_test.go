package main

import (
	"bytes"
	"context"
	"debug/buildinfo"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/sys/unix"
)

// binary is the gdprdocs command TestMain builds: the tests run what users run.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gdprdocs-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "gdprdocs")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	code := 1
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building gdprdocs:", err)
	} else {
		code = m.Run()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// newCommand is the built command with args, run in dir.
func newCommand(dir string, args []string, stdout, stderr io.Writer) *exec.Cmd {
	cmd := exec.Command(binary, args...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, stdout, stderr
	return cmd
}

func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runCLIWith(t, context.Background(), strings.NewReader(stdin), args...)
}

// runCLIWith runs the built command with a standard input of the test's choice; when ctx
// ends, the command gets SIGINT, as from Ctrl-C.
func runCLIWith(t *testing.T, ctx context.Context, stdin io.Reader, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	// A command that opens the database opens one of the test's own, unless the test
	// names one, so that no test leaves gdprdocs.db in the source tree.
	if os.Getenv("GDPRDOCS_DATABASE") == "" {
		cmd.Env = append(os.Environ(), "GDPRDOCS_DATABASE="+filepath.Join(t.TempDir(), "gdprdocs.db"))
	}
	// Standard input is fed through a pipe of our own, so that an input that never
	// ends or never arrives is not waited for once the command has exited.
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		io.Copy(pw, stdin)
		pw.Close()
	}()
	cmd.Stdin = pr
	err = cmd.Run()
	pr.Close()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil && cmd.ProcessState != nil && cmd.ProcessState.Exited():
		// The command exited by itself after the interrupt: Run reports the context.
		code = cmd.ProcessState.ExitCode()
	case err != nil:
		t.Fatalf("running gdprdocs: %v", err)
	}
	return out.String(), errOut.String(), code
}

func TestRenderXLSXToFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "x.xlsx")
	_, stderr, code := runCLI(t, "", "render", "--doc", "breach-authority-notice", "--lang", "nl", "--format", "xlsx",
		"--in", "../../samples/nl-breach.json", "--out", out, "--now", "2026-11-21T10:00:00+01:00")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if info, err := os.Stat(out); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("output file mode: %v %v", info.Mode(), err)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Melding")
	if len(rows) < 20 || rows[1][0] != "0" || rows[len(rows)-1][0] != "9" {
		t.Errorf("fields not in the AP form's order: first %v, last %v", rows[1], rows[len(rows)-1])
	}
}

func TestRenderMarkdownFromStdin(t *testing.T) {
	data, err := os.ReadFile("../../samples/lt-breach.json")
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runCLI(t, string(data), "render", "--doc", "breach-authority-notice", "--lang", "lt", "--format", "md",
		"--in", "-", "--out", "-", "--breach", "PAŽ-2026-03")
	if code != 0 || !strings.HasPrefix(stdout, "# Pranešimas priežiūros institucijai") {
		t.Fatalf("exit %d, stderr %s, stdout %.80s", code, stderr, stdout)
	}
}

// Invalid input: the API's message on standard error, exit status 1, and no file.
func TestInvalidInputWritesNothing(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "case.json")
	if err := os.WriteFile(in, []byte(`{"organisation": {"name": "X", "jurisdiction": "LT"}, "breaches": [{"reference": "A"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.pdf")
	_, stderr, code := runCLI(t, "", "render", "--doc", "breach-authority-notice", "--lang", "lt", "--in", in, "--out", out)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"Bylos duomenys netinkami.", "/breaches/0/aware_at: Šis laukas privalomas.", "/breaches/0/types"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left behind: %v", entries)
	}
}

func TestUsageErrors(t *testing.T) {
	if _, stderr, code := runCLI(t, "", "frobnicate"); code != 2 || !strings.Contains(stderr, "unknown command") {
		t.Errorf("unknown command: exit %d, %s", code, stderr)
	}
	if _, _, code := runCLI(t, "", "render", "--no-such-flag"); code != 2 {
		t.Errorf("bad flag: exit %d", code)
	}
	_, stderr, code := runCLI(t, "{}", "render", "--doc", "nope", "--in", "-")
	if code != 1 || !strings.Contains(stderr, "Unknown document nope.") {
		t.Errorf("unknown document: exit %d, %s", code, stderr)
	}
}

func TestDocuments(t *testing.T) {
	stdout, _, code := runCLI(t, "", "documents", "--lang", "nl")
	if code != 0 || !strings.Contains(stdout, "breach-authority-notice") || !strings.Contains(stdout, "pdf,md,html,xlsx") ||
		!strings.Contains(stdout, "Melding van een inbreuk") {
		t.Errorf("exit %d: %s", code, stdout)
	}
}

// Defaults the document prints go to standard error with their paths; --strict refuses
// them, exits 1 and writes no file.
func TestWarningsAndStrict(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "procedure.md")
	args := []string{"render", "--doc", "breach-procedure", "--lang", "en", "--format", "md",
		"--in", "../../samples/nl-breach.json", "--out", out}
	_, stderr, code := runCLI(t, "", args...)
	if code != 0 || !strings.Contains(stderr, "/organisation/security/staff_report_hours: Not given in the case: the document prints the default, 6.") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if err := os.Remove(out); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = runCLI(t, "", append(args, "--strict")...)
	if code != 1 || !strings.Contains(stderr, "/organisation/security/staff_report_hours: Not given in the case; the document would print the default (6)") {
		t.Fatalf("strict: exit %d, stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("strict render left a file: %v", err)
	}
}

// A variable that is set but does not parse stops the command and names the variable,
// even when its flag is given; an empty one means the default.
func TestBadEnvironment(t *testing.T) {
	for _, tc := range []struct {
		name, value string
		args        []string
		want        string
	}{
		{"GDPRDOCS_MAX_RENDERS", "abc", []string{"serve"}, `GDPRDOCS_MAX_RENDERS="abc" is not a whole number`},
		{"GDPRDOCS_BODY_LIMIT", "10MB", []string{"serve", "--body-limit", "100"}, `GDPRDOCS_BODY_LIMIT="10MB" is not a whole number`},
		{"GDPRDOCS_QUEUE", "1.5", []string{"serve"}, `GDPRDOCS_QUEUE="1.5" is not a whole number`},
		{"GDPRDOCS_RENDER_TIMEOUT", "30", []string{"serve"}, `GDPRDOCS_RENDER_TIMEOUT="30" is not a duration such as 30s`},
		{"GDPRDOCS_SHUTDOWN_TIMEOUT", "soon", []string{"serve"}, `GDPRDOCS_SHUTDOWN_TIMEOUT="soon" is not a duration`},
		{"GDPRDOCS_SHUTDOWN_DELAY", "5", []string{"serve"}, `GDPRDOCS_SHUTDOWN_DELAY="5" is not a duration`},
		{"GDPRDOCS_MAX_INPUT", "lots", []string{"render", "--in", "-"}, `gdprdocs render: GDPRDOCS_MAX_INPUT="lots" is not a whole number`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(tc.name, tc.value)
			// The command stops before anything listens: serve would otherwise not return.
			_, stderr, code := runCLI(t, "{}", tc.args...)
			if code != 2 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d: %s", code, stderr)
			}
		})
	}
	t.Run("empty means the default", func(t *testing.T) {
		t.Setenv("GDPRDOCS_MAX_INPUT", "")
		if stderr, code := renderTo(t, "en", "-"); code != 0 {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
}

// --help prints the command's help on standard output, every flag explained, and
// stops: render reads no input and renders nothing, serve does not start.
func TestHelpStops(t *testing.T) {
	for cmd, flags := range map[string][]string{
		"render":    {"--doc ID", "--lang LANGUAGE", "--format FORMAT", "--in FILE", "--out FILE", "--breach REFERENCE", "--review NUMBER", "--audience CODE", "--now MOMENT", "--fragment", "--strict", "--annexes MODE", "--max-input BYTES"},
		"serve":     {"--addr ADDRESS", "--body-limit BYTES", "--render-timeout DURATION", "--max-renders N", "--queue N", "--shutdown-timeout DURATION", "--read-timeout DURATION", "GDPRDOCS_MAX_RENDERS"},
		"documents": {"--lang LANGUAGE"},
		"version":   nil,
	} {
		for _, args := range [][]string{{cmd, "--help"}, {cmd, "-h"}, {"help", cmd}} {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			stdout, stderr, code := runCLIWith(t, ctx, strings.NewReader("{}"), args...)
			cancel()
			if code != 0 || !strings.HasPrefix(stdout, "Usage: gdprdocs "+cmd) || stderr != "" {
				t.Errorf("%v: exit %d, stdout %.80q, stderr %.200q", args, code, stdout, stderr)
			}
			for _, f := range flags {
				if !strings.Contains(stdout, f) {
					t.Errorf("%v: the help does not explain %s:\n%s", args, f, stdout)
				}
			}
		}
	}
}

// Without a command, gdprdocs prints its usage and exits 2; it never starts the server.
// "help", --help and -h print it on standard output and exit 0. A flag before any
// command is a usage error, not a server's address.
func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		args         []string
		code         int
		stdout, errs string
	}{
		{nil, 2, "", "Commands:\n  serve"},
		{[]string{"help"}, 0, "Commands:\n  serve", ""},
		{[]string{"--help"}, 0, "Commands:\n  serve", ""},
		{[]string{"-h"}, 0, "Commands:\n  serve", ""},
		{[]string{"--addr", ":0", "--help"}, 2, "", `flag --addr comes after a command, as in "gdprdocs serve --addr :0 --help"`},
		{[]string{"help", "nope"}, 2, "", `unknown command "nope"`},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		stdout, stderr, code := runCLIWith(t, ctx, strings.NewReader(""), tc.args...)
		cancel()
		if code != tc.code || (tc.stdout == "") != (stdout == "") || !strings.Contains(stdout, tc.stdout) || !strings.Contains(stderr, tc.errs) {
			t.Errorf("%v: exit %d, stdout %.80q, stderr %.200q", tc.args, code, stdout, stderr)
		}
	}
}

// version and --version print what the build recorded: the module version, the
// commit when there is one, and the Go release.
func TestVersion(t *testing.T) {
	info, err := buildinfo.ReadFile(binary)
	if err != nil {
		t.Fatal(err)
	}
	want := versionText(info, true)
	for _, args := range [][]string{{"version"}, {"--version"}} {
		stdout, stderr, code := runCLI(t, "", args...)
		if code != 0 || stdout != want+"\n" || stderr != "" {
			t.Errorf("%v: exit %d, stdout %q, want %q; stderr %q", args, code, stdout, want, stderr)
		}
	}
	got := versionText(&debug.BuildInfo{GoVersion: runtime.Version(), Main: debug.Module{Version: "v1.2.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123abc"}, {Key: "vcs.time", Value: "2026-11-21T10:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}, true)
	if want := "gdprdocs v1.2.0\ncommit 0123abc, 2026-11-21T10:00:00Z, with uncommitted changes\n" + runtime.Version(); !strings.HasPrefix(got, want) {
		t.Errorf("versionText = %q, want %q…", got, want)
	}
}

// A --now outside the years a document may be dated in is refused, as the API does,
// in the CLI's language.
func TestNowOutOfRange(t *testing.T) {
	_, stderr, code := runCLI(t, "", "render", "--doc", "breach-procedure", "--lang", "lt", "--format", "md",
		"--in", "../../samples/nl-breach.json", "--out", "-", "--now", "0001-01-01T00:00:00Z")
	if code != 1 || !strings.Contains(stderr, "2000") || !strings.Contains(stderr, "2100") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
}

// --metrics-addr opens a listener of its own for the metrics; the server is
// interrupted after a moment and shuts down cleanly.
func TestServeMetricsAddr(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_, stderr, code := runCLIWith(t, ctx, strings.NewReader(""), "serve", "--addr", "127.0.0.1:0", "--metrics-addr", "127.0.0.1:0")
	if code != 0 || !strings.Contains(stderr, `"msg":"serving metrics","addr":"127.0.0.1:`) {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// A second SIGINT or SIGTERM ends a shutdown that is waiting out --shutdown-delay or
// the requests in flight: the first asks for a graceful stop, the second for a stop now.
func TestSecondSignalStopsServe(t *testing.T) {
	var stderr syncBuffer
	cmd := newCommand("", []string{"serve", "--addr", "127.0.0.1:0", "--shutdown-delay", "1m"}, io.Discard, &stderr)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor := func(what string) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); !strings.Contains(stderr.String(), what); {
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatalf("no %q in:\n%s", what, stderr.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	waitFor(`"msg":"serving"`)
	cmd.Process.Signal(syscall.SIGTERM)
	waitFor(`"msg":"not ready, still serving"`)
	cmd.Process.Signal(syscall.SIGTERM)
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		<-exited
		t.Fatalf("still serving 5 s after the second SIGTERM:\n%s", stderr.String())
	}
}

// syncBuffer is a bytes.Buffer that a command may write while a test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// --format and the extension of --out must agree; a --format that is no format at all
// is named as such, with the formats the document is offered in, whatever --out says.
func TestFormatAndOutDisagree(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		format, out, want string
	}{
		{"pdf", "notice.md", "--out " + filepath.Join(dir, "notice.md") + " names another format than --format pdf"},
		{"PDF", "notice.pdf", "is not offered as PDF; it is offered as: pdf, md, html, xlsx"},
		{"docx", "notice.md", "is not offered as docx; it is offered as: pdf, md, html, xlsx"},
	}
	for _, tt := range tests {
		out := filepath.Join(dir, tt.out)
		_, stderr, code := runCLI(t, "", "render", "--doc", "breach-authority-notice", "--lang", "en",
			"--in", "../../samples/nl-breach.json", "--format", tt.format, "--out", out)
		if code != 1 || !strings.Contains(stderr, tt.want) {
			t.Errorf("--format %s --out %s: exit %d, stderr %q, want %q", tt.format, tt.out, code, stderr, tt.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("--format %s --out %s: a file was written", tt.format, tt.out)
		}
	}
}

// A negative limit is a mistake, named, not a wish for the default.
func TestServeRefusesNegativeLimits(t *testing.T) {
	for _, flag := range []string{"--body-limit", "--render-timeout", "--max-renders", "--shutdown-timeout", "--read-timeout", "--shutdown-delay"} {
		value := "-1"
		if strings.HasSuffix(flag, "timeout") || strings.HasSuffix(flag, "delay") {
			value = "-1s"
		}
		_, stderr, code := runCLI(t, "", "serve", flag, value)
		if code != 2 || !strings.Contains(stderr, flag+" must not be negative") {
			t.Errorf("%s %s: exit %d, stderr %q", flag, value, code, stderr)
		}
	}
}

// --annexes chooses how the processing rules carry their annexes; a value it does not
// take is named, in the language asked for, and nothing is written.
func TestRulesAnnexes(t *testing.T) {
	args := []string{"render", "--doc", "processing-rules", "--lang", "lt", "--format", "md",
		"--in", "../../samples/lt-association.json", "--out", "-", "--now", "2026-11-21T10:00:00+02:00"}
	full, stderr, code := runCLI(t, "", args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	list, stderr, code := runCLI(t, "", append(args, "--annexes", "list")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	const procedure = "# 5 priedas. Duomenų subjektų prašymų nagrinėjimo tvarka {#annex-request-procedure .annex .page}\n\n## 1. Bendrosios nuostatos"
	if !strings.Contains(full, procedure) || strings.Contains(list, procedure) {
		t.Errorf("the request procedure annexed: by default %v, listed %v", strings.Contains(full, procedure), strings.Contains(list, procedure))
	}
	out, stderr, code := runCLI(t, "", append(args, "--annexes", "all")...)
	if code != 1 || out != "" || !strings.Contains(stderr, "Parametras annexes negali būti all; galimos reikšmės: full, list.") {
		t.Errorf("exit %d, stdout %.40q, stderr:\n%s", code, out, stderr)
	}
}

// --audience selects the privacy notice of one audience; an unknown one fails with the
// API's message for a bad parameter, as --annexes does.
func TestRenderAudience(t *testing.T) {
	data, err := os.ReadFile("../../samples/lt-clinic.json")
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runCLI(t, string(data), "render", "--doc", "privacy-policy", "--lang", "lt", "--format", "md",
		"--in", "-", "--out", "-", "--audience", "staff")
	if code != 0 || !strings.Contains(stdout, "Ši politika skirta mūsų darbuotojams.") || !strings.Contains(stdout, "{#purpose-payroll}") ||
		strings.Contains(stdout, "{#purpose-newsletter}") {
		t.Fatalf("exit %d, stderr %s, stdout %.300s", code, stderr, stdout)
	}
	_, stderr, code = runCLI(t, string(data), "render", "--doc", "privacy-policy", "--lang", "en", "--format", "md",
		"--in", "-", "--out", "-", "--audience", "stafff")
	if code != 1 || !strings.Contains(stderr, "The parameter audience does not take stafff; use one of: website_visitors,") {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
}

// The format follows --out's extension unless --format names it; an extension that
// names no format, or another than --format, is refused in the CLI's language.
func TestFormatFromOut(t *testing.T) {
	dir := t.TempDir()
	base := []string{"render", "--doc", "breach-authority-notice", "--in", "../../samples/nl-breach.json", "--now", "2026-11-21T10:00:00+01:00"}
	for _, tc := range []struct {
		out    string
		args   []string
		prefix string // what the file starts with
	}{
		{"notice.md", nil, "# "},
		{"notice.HTML", nil, "<!DOCTYPE html>"},
		{"notice.pdf", nil, "%PDF-"},
		{"notice", nil, "%PDF-"},
		{"melding.xlsx", nil, "PK"},
		{"notice.htm", []string{"--format", "html"}, "<!DOCTYPE html>"},
	} {
		out := filepath.Join(dir, tc.out)
		_, stderr, code := runCLI(t, "", append(append(base, "--out", out), tc.args...)...)
		got, _ := os.ReadFile(out)
		if code != 0 || !bytes.HasPrefix(got, []byte(tc.prefix)) {
			t.Errorf("--out %s %v: exit %d, file %.20q, want %q…; stderr %s", tc.out, tc.args, code, got, tc.prefix, stderr)
		}
	}
	for _, tc := range []struct {
		out  string
		args []string
		want string
	}{
		{"notice.md", []string{"--format", "pdf", "--lang", "nl"}, "noemt een ander formaat dan --format pdf"},
		{"notice.doc", []string{"--lang", "lt"}, "plėtinys .doc nenurodo formato; nurodykite --format"},
		{"notice.doc", nil, "The extension .doc of --out " + filepath.Join(dir, "notice.doc") + " names no format; give --format"},
	} {
		out := filepath.Join(dir, tc.out)
		os.Remove(out)
		_, stderr, code := runCLI(t, "", append(append(base, "--out", out), tc.args...)...)
		if _, err := os.Stat(out); code != 1 || !strings.Contains(stderr, tc.want) || err == nil {
			t.Errorf("--out %s %v: exit %d, file written %v; stderr %s", tc.out, tc.args, code, err == nil, stderr)
		}
	}
}

// openTerminal opens a new pseudo-terminal and returns its terminal end.
func openTerminal(t *testing.T) *os.File {
	t.Helper()
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { ptmx.Close() })
	if err := unix.IoctlSetPointerInt(int(ptmx.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlocking the pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(int(ptmx.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Skipf("naming the pseudo-terminal: %v", err)
	}
	tty, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("opening the pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { tty.Close() })
	// Whatever the terminal is sent is read away, so that no write blocks on it.
	go io.Copy(io.Discard, ptmx)
	return tty
}

// A PDF or a workbook is not written to a terminal, on standard output or named in
// --out; text is. /dev/null, a character device that is no terminal, takes a PDF.
func TestBinaryNotToTerminal(t *testing.T) {
	tty := openTerminal(t)
	base := []string{"render", "--doc", "breach-authority-notice", "--in", "../../samples/nl-breach.json", "--now", "2026-11-21T10:00:00+01:00"}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{nil, 1, "A PDF or a workbook is not written to a terminal"},
		{[]string{"--format", "xlsx", "--lang", "nl"}, 1, "Een pdf of werkmap wordt niet naar een terminal geschreven"},
		{[]string{"--out", tty.Name()}, 1, "A PDF or a workbook is not written to a terminal"},
		{[]string{"--format", "md"}, 0, ""},
		{[]string{"--out", "/dev/null"}, 0, ""},
	} {
		var stderr bytes.Buffer
		cmd := exec.Command(binary, append(base, tc.args...)...)
		cmd.Stdout, cmd.Stderr = tty, &stderr
		err := cmd.Run()
		code := 0
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != tc.code || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%v: exit %d, stderr %s", tc.args, code, stderr.String())
		}
	}
}

// A breach or review the case does not have is named with those it has.
func TestUnknownBreachListsReferences(t *testing.T) {
	_, stderr, code := runCLI(t, "", "render", "--doc", "breach-authority-notice", "--lang", "lt", "--format", "md",
		"--in", "../../samples/lt-breach.json", "--breach", "NOPE")
	if code != 1 || !strings.Contains(stderr, "/breaches: Nėra pažeidimo su numeriu NOPE. Byloje yra: PAŽ-2026-03, PAŽ-2026-01.") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	_, stderr, code = runCLI(t, "", "render", "--doc", "review-act", "--lang", "en", "--format", "md",
		"--in", "../../samples/lt-breach.json", "--review", "NOPE")
	if code != 1 || !strings.Contains(stderr, "/reviews: No review with number NOPE. The case has: ") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// A language the service does not speak is refused by every command, never
// replaced by English.
func TestUnknownLanguage(t *testing.T) {
	for _, args := range [][]string{
		{"documents", "--lang", "de"},
		{"render", "--doc", "breach-procedure", "--lang", "xx", "--in", "../../samples/nl-breach.json", "--out", "-", "--format", "md"},
	} {
		stdout, stderr, code := runCLI(t, "", args...)
		if code != 1 || stdout != "" || !strings.Contains(stderr, "Unsupported language") || !strings.Contains(stderr, "en, lt, nl") {
			t.Errorf("%v: exit %d, stdout %.40q, stderr %s", args, code, stdout, stderr)
		}
	}
}

// A case that is not JSON is described in the CLI's language to the last word.
func TestMalformedCaseInOneLanguage(t *testing.T) {
	for lang, want := range map[string]string{
		"lt": "gdprdocs render: Bylos duomenys nėra tinkamas JSON: jis baigiasi nepasibaigus reikšmei (eilutė 2, baitas 10).\n",
		"nl": "gdprdocs render: De dossiergegevens zijn geen geldige JSON: onverwacht teken '}' (regel 1, byte 9).\n",
	} {
		in := "{\"a\":\n  1,"
		if lang == "nl" {
			in = `{"a": tr}`
		}
		_, stderr, code := runCLI(t, in, "render", "--doc", "breach-procedure", "--lang", lang, "--format", "md", "--in", "-")
		if code != 1 || stderr != want {
			t.Errorf("%s: exit %d, stderr %q, want %q", lang, code, stderr, want)
		}
	}
}

// render without --doc is a usage error: it does not read the case to say "Unknown
// document ."
func TestRenderNeedsDoc(t *testing.T) {
	_, stderr, code := runCLI(t, "{}", "render", "--in", "-")
	if code != 2 || !strings.Contains(stderr, "--doc is required") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}
