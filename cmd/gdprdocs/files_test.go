package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// renderTo renders the Dutch sample notice as Markdown to out, messages in lang.
func renderTo(t *testing.T, lang, out string, extra ...string) (stderr string, code int) {
	t.Helper()
	args := append([]string{"render", "--doc", "breach-authority-notice", "--lang", lang, "--format", "md",
		"--in", "../../samples/nl-breach.json", "--out", out, "--now", "2026-11-21T10:00:00+01:00"}, extra...)
	_, stderr, code = runCLI(t, "", args...)
	return stderr, code
}

// wantNotice is the notice renderTo makes in English, as written to standard output:
// what every file written must hold.
func wantNotice(t *testing.T) []byte {
	t.Helper()
	stdout, stderr, code := runCLI(t, "", "render", "--doc", "breach-authority-notice", "--lang", "en", "--format", "md",
		"--in", "../../samples/nl-breach.json", "--out", "-", "--now", "2026-11-21T10:00:00+01:00")
	if code != 0 || !strings.HasPrefix(stdout, "# ") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	return []byte(stdout)
}

func TestDecide(t *testing.T) {
	const none fs.FileMode = 0 // not a link: what it points to is not looked at
	for _, tc := range []struct {
		name        string
		own, target fs.FileMode
		want        action
	}{
		{"regular file", 0o600, none, replaceFile},
		{"read-only file", 0o400, none, replaceFile},
		{"directory", fs.ModeDir | 0o755, none, refuseDirectory},
		{"character device (/dev/null)", fs.ModeDevice | fs.ModeCharDevice | 0o666, none, writeThrough},
		{"block device", fs.ModeDevice | 0o660, none, writeThrough},
		{"FIFO", fs.ModeNamedPipe | 0o600, none, writeThrough},
		{"socket", fs.ModeSocket | 0o755, none, writeThrough},
		{"link to a file", fs.ModeSymlink | 0o777, 0o644, refuseLink},
		{"link to a directory", fs.ModeSymlink | 0o777, fs.ModeDir | 0o755, refuseDirectory},
		{"link to a character device (/dev/stdout on a terminal)", fs.ModeSymlink | 0o777, fs.ModeDevice | fs.ModeCharDevice | 0o620, writeThrough},
		{"link to a pipe (/dev/stdout in a pipeline)", fs.ModeSymlink | 0o777, fs.ModeNamedPipe | 0o600, writeThrough},
	} {
		if got := decide(tc.own, tc.target); got != tc.want {
			t.Errorf("%s: decide = %d, want %d", tc.name, got, tc.want)
		}
	}
}

// /dev/null is only looked at, never written: as root a rename would replace it.
func TestDevNullIsWrittenThrough(t *testing.T) {
	info, err := os.Lstat("/dev/null")
	if err != nil {
		t.Skip(err)
	}
	if info.Mode()&fs.ModeCharDevice == 0 {
		t.Skipf("/dev/null is not a device on this machine (%v): something replaced it", info.Mode())
	}
	if got := decide(info.Mode(), 0); got != writeThrough {
		t.Errorf("/dev/null (%v): decide = %d, want writeThrough", info.Mode(), got)
	}
}

// readFIFO reads everything written to the FIFO at path, on another goroutine.
func readFIFO(t *testing.T, path string) <-chan []byte {
	t.Helper()
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(path)
		if err != nil {
			got <- []byte(err.Error())
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- b
	}()
	return got
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestOutputTargets(t *testing.T) {
	want := wantNotice(t)
	old := []byte("the previous notice\n")
	for _, tc := range []struct {
		name string
		// setup makes the directory's contents and returns the --out path.
		setup func(t *testing.T, dir string) string
		// check looks at the directory after the render, given its exit status and messages.
		check func(t *testing.T, dir string, code int, stderr string)
	}{{
		name:  "a new file is private",
		setup: func(t *testing.T, dir string) string { return filepath.Join(dir, "new.md") },
		check: func(t *testing.T, dir string, code int, stderr string) {
			wantFile(t, filepath.Join(dir, "new.md"), want, 0o600&^umask(t))
		},
	}, {
		name: "an existing 0600 file stays 0600",
		setup: func(t *testing.T, dir string) string {
			return writeFile(t, filepath.Join(dir, "notice.md"), old, 0o600)
		},
		check: func(t *testing.T, dir string, code int, stderr string) {
			wantFile(t, filepath.Join(dir, "notice.md"), want, 0o600)
		},
	}, {
		name: "an existing 0640 file stays 0640",
		setup: func(t *testing.T, dir string) string {
			return writeFile(t, filepath.Join(dir, "notice.md"), old, 0o640)
		},
		check: func(t *testing.T, dir string, code int, stderr string) {
			wantFile(t, filepath.Join(dir, "notice.md"), want, 0o640)
		},
	}, {
		name: "a link to a file is refused and both are left alone",
		setup: func(t *testing.T, dir string) string {
			writeFile(t, filepath.Join(dir, "target.md"), old, 0o600)
			return symlink(t, "target.md", filepath.Join(dir, "link.md"))
		},
		check: func(t *testing.T, dir string, code int, stderr string) {
			wantRefused(t, code, stderr, "link.md is a symbolic link to a file")
			wantFile(t, filepath.Join(dir, "target.md"), old, 0o600)
			if target, err := os.Readlink(filepath.Join(dir, "link.md")); err != nil || target != "target.md" {
				t.Errorf("link now %q, %v", target, err)
			}
		},
	}, {
		name: "a link to nothing is refused and nothing is created",
		setup: func(t *testing.T, dir string) string {
			return symlink(t, "missing.md", filepath.Join(dir, "link.md"))
		},
		check: func(t *testing.T, dir string, code int, stderr string) {
			wantRefused(t, code, stderr, "link.md is a symbolic link to a file or to a path that does not exist")
			if _, err := os.Lstat(filepath.Join(dir, "missing.md")); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the link's target was created: %v", err)
			}
		},
	}, {
		name:  "a directory is refused",
		setup: func(t *testing.T, dir string) string { return dir },
		check: func(t *testing.T, dir string, code int, stderr string) {
			wantRefused(t, code, stderr, "is a directory; give the path of a file in --out")
		},
	}, {
		name: "a link to a directory is refused",
		setup: func(t *testing.T, dir string) string {
			if err := os.Mkdir(filepath.Join(dir, "sub"), 0o700); err != nil {
				t.Fatal(err)
			}
			return symlink(t, "sub", filepath.Join(dir, "link"))
		},
		check: func(t *testing.T, dir string, code int, stderr string) {
			wantRefused(t, code, stderr, "link is a directory")
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out := tc.setup(t, dir)
			stderr, code := renderTo(t, "en", out)
			tc.check(t, dir, code, stderr)
			if n := names(t, dir); strings.HasPrefix(n, ".") || strings.Contains(n, " .") {
				t.Errorf("a temporary file is left behind: %s", n)
			}
		})
	}
}

// A FIFO, directly or through a link (as /dev/stdout is), is written to and stays a FIFO.
func TestOutputThroughFIFO(t *testing.T) {
	want := wantNotice(t)
	for _, viaLink := range []bool{false, true} {
		dir := t.TempDir()
		fifo := filepath.Join(dir, "fifo")
		mkfifo(t, fifo)
		out := fifo
		if viaLink {
			out = symlink(t, "fifo", filepath.Join(dir, "stdout"))
		}
		got := readFIFO(t, fifo)
		if stderr, code := renderTo(t, "en", out); code != 0 {
			t.Fatalf("link %v: exit %d: %s", viaLink, code, stderr)
		}
		if b := <-got; !bytes.Equal(b, want) {
			t.Errorf("link %v: the reader got %.80q", viaLink, b)
		}
		if info, err := os.Lstat(fifo); err != nil || info.Mode().Type() != fs.ModeNamedPipe {
			t.Errorf("link %v: the FIFO is now %v, %v", viaLink, info.Mode(), err)
		}
		if n := names(t, dir); n != map[bool]string{false: "fifo", true: "fifo stdout"}[viaLink] {
			t.Errorf("link %v: files left behind: %s", viaLink, n)
		}
	}
}

// A new file is 0600 less the umask: a umask that takes the owner's write away is honoured.
func TestNewFileHonoursUmask(t *testing.T) {
	for _, mask := range []int{0o022, 0o077, 0o277} {
		old := syscall.Umask(mask)
		out := filepath.Join(t.TempDir(), "notice.md")
		stderr, code := renderTo(t, "en", out)
		syscall.Umask(old)
		if code != 0 {
			t.Fatalf("umask %#o: exit %d: %s", mask, code, stderr)
		}
		info, err := os.Stat(out)
		if want := fs.FileMode(0o600 &^ mask); err != nil || info.Mode().Perm() != want {
			t.Errorf("umask %#o: mode %v, want %v (%v)", mask, info.Mode().Perm(), want, err)
		}
	}
}

// A file replaced by root stays its owner's: the document is still theirs to read.
func TestReplacedFileKeepsItsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give a file to another owner")
	}
	out := writeFile(t, filepath.Join(t.TempDir(), "notice.md"), []byte("old"), 0o600)
	if err := os.Chown(out, 4242, 4343); err != nil {
		t.Fatal(err)
	}
	if stderr, code := renderTo(t, "en", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	info, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if st := info.Sys().(*syscall.Stat_t); st.Uid != 4242 || st.Gid != 4343 || info.Mode().Perm() != 0o600 {
		t.Errorf("owner %d:%d, mode %v; want 4242:4343, 0600", st.Uid, st.Gid, info.Mode().Perm())
	}
}

// A long file name still leaves room for the temporary file's suffix.
func TestLongOutputName(t *testing.T) {
	out := filepath.Join(t.TempDir(), strings.Repeat("n", 250)+".md")
	if stderr, code := renderTo(t, "en", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(out); err != nil {
		t.Error(err)
	}
}

// A signal before the rename leaves the old file whole and no temporary file.
func TestInterruptedWriteLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	out := writeFile(t, filepath.Join(dir, "notice.md"), []byte("old"), 0o600)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := writeOutput(ctx, out, []byte("new"), false, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("writeOutput = %v, want context.Canceled", err)
	}
	wantFile(t, out, []byte("old"), 0o600)
	if n := names(t, dir); n != "notice.md" {
		t.Errorf("files left behind: %s", n)
	}
}

// A write blocked on a pipe nobody reads (standard output, or a FIFO) ends with the signal.
func TestBlockedWriteIsInterrupted(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	mkfifo(t, fifo)
	pr, pw := io.Pipe()
	t.Cleanup(func() {
		pr.Close()
		unblockFIFO(fifo, os.O_RDONLY)
	})
	for _, out := range []string{"-", fifo} {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		start := time.Now()
		err := writeOutput(ctx, out, []byte("notice"), false, pw)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
			t.Errorf("%s: writeOutput = %v after %v", out, err, time.Since(start))
		}
	}
}

// unblockFIFO opens the FIFO's other end without waiting, so that a goroutine left
// blocked opening it returns.
func unblockFIFO(path string, flag int) {
	if f, err := os.OpenFile(path, flag|syscall.O_NONBLOCK, 0); err == nil {
		f.Close()
	}
}

// endless is a source that never ends, as /dev/zero does.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

func TestInputLimit(t *testing.T) {
	sample, err := os.ReadFile("../../samples/nl-breach.json")
	if err != nil {
		t.Fatal(err)
	}
	size := len(sample)
	base := []string{"render", "--doc", "breach-authority-notice", "--lang", "en", "--format", "md",
		"--in", "-", "--now", "2026-11-21T10:00:00+01:00"}
	for _, tc := range []struct {
		name  string
		stdin io.Reader
		env   string // GDPRDOCS_MAX_INPUT
		args  []string
		// want is the exit status and, when refused, the message.
		code int
		want string
	}{
		{"exactly the limit", bytes.NewReader(sample), "", []string{"--max-input", strconv.Itoa(size)}, 0, ""},
		{"one byte past the limit", bytes.NewReader(sample), "", []string{"--max-input", strconv.Itoa(size - 1)},
			1, "The case data is larger than " + groupEN(size-1) + " bytes; --max-input sets the limit."},
		{"the limit from the environment", bytes.NewReader(sample), strconv.Itoa(size - 1), nil,
			1, "larger than " + groupEN(size-1) + " bytes"},
		{"the flag wins over the environment", bytes.NewReader(sample), "10", []string{"--max-input", strconv.Itoa(size)}, 0, ""},
		{"an endless input stops at the default limit", endless{}, "", nil, 1, "larger than 10,485,760 bytes"},
		{"zero means the default", endless{}, "", []string{"--max-input", "0"}, 1, "larger than 10,485,760 bytes"},
		{"in Lithuanian", endless{}, "", []string{"--lang", "lt", "--max-input", "1000"},
			1, "Bylos duomenys didesni nei 1000 baitų; ribą nustato parinktis --max-input."},
		{"in Dutch", endless{}, "", []string{"--lang", "nl", "--max-input", "123456"},
			1, "De dossiergegevens zijn groter dan 123.456 bytes; de grens stelt u in met --max-input."},
		{"a negative limit is a usage error", bytes.NewReader(sample), "", []string{"--max-input", "-1"}, 2, "--max-input -1 is negative"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GDPRDOCS_MAX_INPUT", tc.env)
			stdout, stderr, code := runCLIWith(t, context.Background(), tc.stdin, append(base, tc.args...)...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Fatalf("exit %d, want %d with %q; stderr:\n%s", code, tc.code, tc.want, stderr)
			}
			if code == 0 && !strings.HasPrefix(stdout, "# ") {
				t.Errorf("no notice on standard output: %.80q", stdout)
			}
		})
	}
}

// groupEN groups a number's digits as English does.
func groupEN(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Reading that waits for input (a silent pipe, a FIFO without a writer) ends with a
// signal, with the message in the CLI's language.
func TestBlockedReadIsInterrupted(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	mkfifo(t, fifo)
	pr, pw := io.Pipe()
	t.Cleanup(func() {
		pw.Close()
		unblockFIFO(fifo, os.O_WRONLY)
	})
	for _, tc := range []struct{ lang, in, want string }{
		{"en", "-", "Interrupted; no document was written."},
		{"lt", fifo, "Nutraukta; dokumentas neįrašytas."},
		{"nl", fifo, "Onderbroken; er is geen document geschreven."},
	} {
		out := filepath.Join(t.TempDir(), "notice.md")
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		start := time.Now()
		_, stderr, code := runCLIWith(t, ctx, pr, "render", "--doc", "breach-authority-notice", "--lang", tc.lang,
			"--in", tc.in, "--out", out)
		cancel()
		if code != 1 || !strings.Contains(stderr, tc.want) || time.Since(start) > 5*time.Second {
			t.Errorf("%s %s: exit %d after %v: %s", tc.lang, tc.in, code, time.Since(start), stderr)
		}
		if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: an interrupted render wrote %s: %v", tc.lang, out, err)
		}
	}
}

// Reading itself ends with the signal: blocked on a silent pipe or a FIFO's open, or
// reading on from an endless source below a limit too high to stop it.
func TestReadInputHonoursContext(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	mkfifo(t, fifo)
	pr, pw := io.Pipe()
	t.Cleanup(func() {
		pw.Close()
		unblockFIFO(fifo, os.O_WRONLY)
	})
	for _, tc := range []struct {
		name  string
		stdin io.Reader
	}{{"-", pr}, {fifo, nil}, {"-", endless{}}} {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		start := time.Now()
		_, err := readInput(ctx, tc.name, tc.stdin, math.MaxInt64)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
			t.Errorf("%s %T: readInput = %v after %v", tc.name, tc.stdin, err, time.Since(start))
		}
	}
}

// Refusals of --out are worded in the CLI's language.
func TestOutputRefusalsAreLocalised(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "target.md"), []byte("old"), 0o600)
	link := symlink(t, "target.md", filepath.Join(dir, "link.md"))
	for _, tc := range []struct{ lang, out, want string }{
		{"lt", link, link + " yra simbolinė nuoroda į failą arba į neegzistuojantį kelią; parinktyje --out nurodykite paties failo kelią."},
		{"nl", link, link + " is een symbolische koppeling naar een bestand of naar een pad dat niet bestaat; geef bij --out het pad van het bestand zelf op."},
		{"lt", dir, dir + " yra katalogas; parinktyje --out nurodykite failo kelią."},
		{"nl", dir, dir + " is een map; geef bij --out het pad van een bestand op."},
	} {
		stderr, code := renderTo(t, tc.lang, tc.out)
		if code != 1 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s %s: exit %d: %s", tc.lang, tc.out, code, stderr)
		}
	}
}

func writeFile(t *testing.T, path string, data []byte, perm fs.FileMode) string {
	t.Helper()
	if err := os.WriteFile(path, data, perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, perm); err != nil { // past the umask
		t.Fatal(err)
	}
	return path
}

func symlink(t *testing.T, target, path string) string {
	t.Helper()
	if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
	return path
}

// wantFile checks that path is a regular file holding data with mode perm.
func wantFile(t *testing.T, path string, data []byte, perm fs.FileMode) {
	t.Helper()
	info, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !info.Mode().IsRegular() || info.Mode().Perm() != perm {
		t.Errorf("%s: mode %v, want a regular file %v", filepath.Base(path), info.Mode(), perm)
	}
	if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, data) {
		t.Errorf("%s holds %.80q (%v), want %.80q", filepath.Base(path), got, err, data)
	}
}

func wantRefused(t *testing.T, code int, stderr, want string) {
	t.Helper()
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, want 1 with %q: %s", code, want, stderr)
	}
}

// names lists a directory's entries, sorted, space-separated.
func names(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var n []string
	for _, e := range entries {
		n = append(n, e.Name())
	}
	return strings.Join(n, " ")
}

// umask is the process's file mode creation mask.
func umask(t *testing.T) fs.FileMode {
	t.Helper()
	m := syscall.Umask(0)
	syscall.Umask(m)
	return fs.FileMode(m)
}

// An --out in a directory that does not exist is named as given, not by the temporary
// file render would have written first.
func TestOutInMissingDirectory(t *testing.T) {
	out := filepath.Join(t.TempDir(), "missing", "notice.md")
	_, stderr, code := runCLI(t, "", "render", "--doc", "breach-authority-notice", "--lang", "en",
		"--in", "../../samples/nl-breach.json", "--out", out, "--now", "2026-11-21T10:00:00+01:00")
	if code != 1 || !strings.Contains(stderr, out) || strings.Contains(stderr, ".notice.md.") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}
