package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runCLIWith(t, context.Background(), strings.NewReader(stdin), args...)
}

// runCLIWith runs the command with a context and a standard input of the test's choice.
func runCLIWith(t *testing.T, ctx context.Context, stdin io.Reader, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(ctx, args, stdin, &out, &errOut)
	var exit *exitError
	switch {
	case errors.As(err, &exit):
		code = exit.code
	case err != nil:
		t.Fatalf("run: %v", err)
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

// unread fails the test when the command reads standard input.
type unread struct{ t *testing.T }

func (u unread) Read([]byte) (int, error) {
	u.t.Error("the command read standard input")
	return 0, io.EOF
}

// --help prints the usage and stops: render read standard input and rendered, serve
// started listening.
func TestHelpStops(t *testing.T) {
	for _, cmd := range []string{"render", "serve", "documents"} {
		stdout, stderr, code := runCLIWith(t, context.Background(), unread{t}, cmd, "--help")
		if code != 0 || !strings.Contains(stderr, "Usage:") || stdout != "" {
			t.Errorf("%s --help: exit %d, stdout %.80q, stderr %.80q", cmd, code, stdout, stderr)
		}
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

// --metrics-addr opens a listener of its own for the metrics; serve with a cancelled
// context opens its listeners and shuts down at once.
func TestServeMetricsAddr(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, stderr, code := runCLIWith(t, ctx, unread{t}, "serve", "--addr", "127.0.0.1:0", "--metrics-addr", "127.0.0.1:0")
	if code != 0 || !strings.Contains(stderr, `"msg":"serving metrics","addr":"127.0.0.1:`) {
		t.Errorf("exit %d: %s", code, stderr)
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
// API's message.
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
	if code != 1 || !strings.Contains(stderr, "/organisation/processing_activities: Unknown audience stafff") {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
}
