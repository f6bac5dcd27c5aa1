// Command gdprdocs renders GDPR documents from case data: as an HTTP API (serve), once
// from the command line (render), or lists what it can render (documents). The other
// commands look after the database serve keeps workspaces and cases in (--database,
// GDPRDOCS_DATABASE: a SQLite file, gdprdocs.db by default, or a postgres:// URL).
//
//	gdprdocs serve [--addr :8080]
//	gdprdocs render --doc ID --lang LANG --in case.json --out FILE
//	gdprdocs documents [--lang LANG]
//	gdprdocs migrate
//	gdprdocs workspace create NAME | list
//	gdprdocs backup --out FILE [--force]
//	gdprdocs export --workspace NAME|ID --out FILE
//	gdprdocs import --in FILE
//	gdprdocs version
//
// Without a command it prints its usage and exits with status 2; "gdprdocs help" and
// "gdprdocs COMMAND --help" print it on standard output.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
)

// exitError carries the process's exit code with the message already printed.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first signal asks for a graceful stop; once it has come, the signals have
	// their default effect again, so that a second one ends the process at once rather
	// than waiting out a shutdown delay or the requests in flight.
	context.AfterFunc(ctx, stop)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	var exit *exitError
	switch {
	case errors.As(err, &exit):
		os.Exit(exit.code)
	case err != nil:
		fmt.Fprintln(os.Stderr, "gdprdocs:", err)
		os.Exit(1)
	}
}

// command is one subcommand: what it does in a line, and how it runs.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error
}

// commands are the subcommands, by name; commandOrder is the order usage lists them in.
var (
	commands = map[string]command{
		"serve":     {"run the HTTP API", serve},
		"render":    {"render one document from a case", render},
		"documents": {"list the documents, their formats and titles", documents},
		"migrate":   {"bring the database's schema up to date", migrate},
		"workspace": {"create a workspace and its owner key, or list them", workspace},
		"backup":    {"copy a SQLite database while it is in use", backup},
		"export":    {"write a workspace, its cases and their history, as JSON", export},
		"import":    {"read a workspace that export wrote into the database", importWorkspace},
		"version":   {"print the version and the commit it was built from", version},
	}
	commandOrder = []string{"serve", "render", "documents", "migrate", "workspace", "backup", "export", "import", "version"}
)

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		// A bare gdprdocs is a usage error (it once started the server): the usage on
		// standard error and status 2 stop a script that still expects a server.
		fmt.Fprint(stderr, usage())
		return &exitError{code: 2}
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		return help(rest, stdout, stderr)
	case "-version", "--version":
		return version(ctx, rest, stdin, stdout, stderr)
	}
	if c, ok := commands[name]; ok {
		return c.run(ctx, rest, stdin, stdout, stderr)
	}
	if strings.HasPrefix(name, "-") {
		fmt.Fprintf(stderr, "gdprdocs: flag %s comes after a command, as in \"gdprdocs serve %s\"\n\n%s", name, strings.Join(args, " "), usage())
	} else {
		fmt.Fprintf(stderr, "gdprdocs: unknown command %q\n\n%s", name, usage())
	}
	return &exitError{code: 2}
}

// help prints the usage, or a command's help for "gdprdocs help COMMAND".
func help(args []string, stdout, stderr io.Writer) error {
	switch {
	case len(args) == 0:
		fmt.Fprint(stdout, usage())
		return nil
	case len(args) == 1:
		if c, ok := commands[args[0]]; ok {
			return c.run(context.Background(), []string{"--help"}, strings.NewReader(""), stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "gdprdocs help: unknown command %q\n\n%s", strings.Join(args, " "), usage())
	return &exitError{code: 2}
}

func usage() string {
	var b strings.Builder
	b.WriteString(`gdprdocs renders GDPR documents from case data (JSON), as an HTTP API or from the
command line.

Usage:
  gdprdocs COMMAND [flags]

Commands:
`)
	for _, name := range commandOrder {
		fmt.Fprintf(&b, "  %-10s %s\n", name, commands[name].summary)
	}
	b.WriteString(`  help       print this help, or a command's: gdprdocs help render

"gdprdocs COMMAND --help" explains the command's flags.
`)
	return b.String()
}

// version prints the module version and the commit the binary was built from, as the
// build recorded them (go version -m shows the same).
func version(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("version", "gdprdocs version", "Prints the version of gdprdocs, the commit it was built from and the Go release.", stdout, stderr)
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(stdout, versionText(debug.ReadBuildInfo()))
	return nil
}

// versionText is "gdprdocs VERSION", then the commit, its time and whether the tree had
// changes, when the build recorded them, and the Go release.
func versionText(info *debug.BuildInfo, ok bool) string {
	v := "(unknown)"
	var commit []string
	if ok {
		if info.Main.Version != "" {
			v = info.Main.Version
		}
		settings := map[string]string{}
		for _, s := range info.Settings {
			settings[s.Key] = s.Value
		}
		if r := settings["vcs.revision"]; r != "" {
			commit = append(commit, "commit "+r)
		}
		if t := settings["vcs.time"]; t != "" {
			commit = append(commit, t)
		}
		if settings["vcs.modified"] == "true" {
			commit = append(commit, "with uncommitted changes")
		}
	}
	line := "gdprdocs " + v
	if len(commit) > 0 {
		line += "\n" + strings.Join(commit, ", ")
	}
	return line + "\n" + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
}
