package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gdprdocs/gdprdocs/catalog"
	"github.com/gdprdocs/gdprdocs/locales"
	"github.com/gdprdocs/gdprdocs/server"
)

// envOr returns the environment variable's value, or def when it is unset.
func envOr(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

// newFlags makes a command's flag set. Its help — the synopsis, what the command does
// and every flag — goes to stdout on --help; flag errors go to stderr.
func newFlags(name, synopsis, about string, stdout, stderr io.Writer) *flags {
	fs := &flags{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError), synopsis: synopsis, about: about, stdout: stdout}
	fs.SetOutput(stderr)
	fs.Usage = func() {} // parse prints the help, on stdout, or a pointer to it
	return fs
}

// flags is a command's flag set with its help.
type flags struct {
	*flag.FlagSet
	synopsis, about string
	stdout          io.Writer
}

func (fs *flags) help() {
	fmt.Fprintf(fs.stdout, "Usage: %s\n\n%s\n", fs.synopsis, fs.about)
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		fmt.Fprintf(fs.stdout, "\nFlags:\n")
		printFlags(fs.stdout, fs.FlagSet)
	}
}

// printFlags lists the flags as the usage shows them, --name VALUE, each with its
// meaning and its default when it has one, wrapped to fit 80 columns.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		value, meaning := flag.UnquoteUsage(f)
		if value != "" {
			value = " " + strings.ToUpper(value)
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			meaning += " (default " + f.DefValue + ")"
		}
		fmt.Fprintf(w, "  --%s%s\n", f.Name, value)
		line := ""
		for _, word := range strings.Fields(meaning) {
			if line != "" && len(line)+1+len(word) > 72 {
				fmt.Fprintf(w, "        %s\n", line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += word
		}
		fmt.Fprintf(w, "        %s\n", line)
	})
}

// parse parses the command's flags. Its error ends the command with the status it
// carries: 0 after --help has printed the help, 2 for a usage error.
func parse(fs *flags, args []string) error {
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "gdprdocs %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return &exitError{code: 2}
	}
	return nil
}

// parseArguments parses flags that may come before, between and after the command's
// arguments, and returns the arguments.
func parseArguments(fs *flags, args []string) ([]string, error) {
	var operands []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return operands, nil
		}
		operands, args = append(operands, fs.Arg(0)), fs.Args()[1:]
	}
}

func parseFlags(fs *flags, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.help()
			return &exitError{code: 0}
		}
		fmt.Fprintf(fs.Output(), "\"gdprdocs %s --help\" explains its flags.\n", fs.Name())
		return &exitError{code: 2}
	}
	return nil
}

func serve(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "gdprdocs serve [flags]", `Runs the HTTP API until SIGINT or SIGTERM, then shuts down gracefully; a second
signal stops it at once. Logs are JSON lines on standard error.
Every flag can also be set by its environment variable, named in brackets; a flag
wins over its variable, and a variable that is set but does not parse stops the
command.`, stdout, stderr)
	var env envDefaults
	addr := fs.String("addr", envOr("GDPRDOCS_ADDR", ":8080"), "`address` to listen on, host:port or :port [GDPRDOCS_ADDR]")
	bodyLimit := fs.Int64("body-limit", env.int64("GDPRDOCS_BODY_LIMIT", defaultMaxInput), "largest request body in `bytes`; a larger one is refused with 413 [GDPRDOCS_BODY_LIMIT]")
	renderTimeout := fs.Duration("render-timeout", env.duration("GDPRDOCS_RENDER_TIMEOUT", 30*time.Second), "longest a render may take, waiting for a slot included; 503 past it [GDPRDOCS_RENDER_TIMEOUT]")
	maxRenders := fs.Int("max-renders", int(env.int64("GDPRDOCS_MAX_RENDERS", 4)), "renders running at once, at most; `n` around the number of CPUs [GDPRDOCS_MAX_RENDERS]")
	queue := fs.Int("queue", int(env.int64("GDPRDOCS_QUEUE", 64)), "requests that may wait for a render slot, at most `n`; 503 when the queue is full [GDPRDOCS_QUEUE]")
	shutdown := fs.Duration("shutdown-timeout", env.duration("GDPRDOCS_SHUTDOWN_TIMEOUT", 30*time.Second), "how long SIGINT or SIGTERM waits for the requests in flight [GDPRDOCS_SHUTDOWN_TIMEOUT]")
	readTimeout := fs.Duration("read-timeout", env.duration("GDPRDOCS_READ_TIMEOUT", 60*time.Second), "longest a client may take to send its request; 408 past it [GDPRDOCS_READ_TIMEOUT]")
	metricsAddr := fs.String("metrics-addr", envOr("GDPRDOCS_METRICS_ADDR", ""), "serve GET /metrics on this `address` instead of --addr, which then answers 404 [GDPRDOCS_METRICS_ADDR]")
	shutdownDelay := fs.Duration("shutdown-delay", env.duration("GDPRDOCS_SHUTDOWN_DELAY", 0), "how long SIGINT or SIGTERM goes on serving, with GET /readyz at 503, before it stops accepting connections [GDPRDOCS_SHUTDOWN_DELAY]")
	dsn := databaseFlag(fs)
	requireKey := fs.Bool("require-key", env.bool("GDPRDOCS_REQUIRE_KEY", false), "require an API key on POST /v1/documents/{id} too; the /v1/cases routes always do [GDPRDOCS_REQUIRE_KEY]")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := env.check(fs); err != nil {
		return err
	}
	// A limit below zero is a mistake, not a wish for the default: say which.
	for _, f := range []struct {
		name     string
		negative bool
	}{
		{"body-limit", *bodyLimit < 0}, {"render-timeout", *renderTimeout < 0}, {"max-renders", *maxRenders < 0},
		{"shutdown-timeout", *shutdown < 0}, {"read-timeout", *readTimeout < 0}, {"shutdown-delay", *shutdownDelay < 0},
	} {
		if f.negative {
			fmt.Fprintf(stderr, "gdprdocs serve: --%s must not be negative\n", f.name)
			return &exitError{code: 2}
		}
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	svc, err := catalog.New()
	if err != nil {
		return err
	}
	db, err := openStore(ctx, "serve", *dsn, false, stderr)
	if err != nil {
		return err
	}
	defer db.Close() // after Run has drained the requests in flight
	srv := server.New(svc, server.Config{
		Addr: *addr, BodyLimit: *bodyLimit, RenderTimeout: *renderTimeout,
		MaxRenders: *maxRenders, QueueLength: *queue, ShutdownTimeout: *shutdown, ReadTimeout: *readTimeout,
		MetricsAddr: *metricsAddr, ShutdownDelay: *shutdownDelay, Store: db, RequireKey: *requireKey,
	}, log)
	return srv.Run(ctx)
}

// envDefaults reads flags' defaults from environment variables and keeps every value
// that does not parse, so that a misspelt limit stops the command instead of silently
// giving way to the default. An unset or empty variable means the default.
type envDefaults struct{ bad []string }

func (e *envDefaults) int64(name string, def int64) int64 {
	s := envOr(name, "")
	if s == "" {
		return def
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		e.bad = append(e.bad, fmt.Sprintf("%s=%q is not a whole number", name, s))
		return def
	}
	return v
}

func (e *envDefaults) bool(name string, def bool) bool {
	s := envOr(name, "")
	if s == "" {
		return def
	}
	v, err := strconv.ParseBool(s)
	if err != nil {
		e.bad = append(e.bad, fmt.Sprintf("%s=%q is not true or false", name, s))
		return def
	}
	return v
}

func (e *envDefaults) duration(name string, def time.Duration) time.Duration {
	s := envOr(name, "")
	if s == "" {
		return def
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		e.bad = append(e.bad, fmt.Sprintf("%s=%q is not a duration such as 30s or 1m", name, s))
		return def
	}
	return v
}

// check prints every bad variable and returns exit status 2 when there is one. A bad
// variable stops the command even when its flag is given: it is wrong all the same,
// and would be used the next time the flag is left out.
func (e *envDefaults) check(fs *flags) error {
	for _, b := range e.bad {
		fmt.Fprintf(fs.Output(), "gdprdocs %s: %s\n", fs.Name(), b)
	}
	if len(e.bad) > 0 {
		return &exitError{code: 2}
	}
	return nil
}

func render(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("render", "gdprdocs render --doc ID --in case.json --out FILE [flags]", `Renders one document from a case, as the API does, without a server. Invalid input
prints the API's messages, in --lang, on standard error, exits with status 1 and
writes nothing. What the document prints that the case does not give (a default,
text in another language) is listed on standard error; --strict refuses it.

The format follows --out's extension (.pdf, .md, .html, .xlsx, .csv, .json, .txt)
unless --format names it; PDF without either. A PDF or a workbook is not written to
a terminal: give --out, or redirect standard output.`, stdout, stderr)
	var env envDefaults
	doc := fs.String("doc", "", "the `id` of the document to render; \"gdprdocs documents\" lists them (required)")
	lang := fs.String("lang", "en", "`language` of the document and of the messages: lt, nl or en")
	format := fs.String("format", "", "output `format`: pdf, md, html, xlsx, csv, json or txt, as the document offers (default: from --out's extension, else pdf)")
	in := fs.String("in", "-", "the case, a JSON `file`; - reads standard input")
	out := fs.String("out", "-", "the `file` to write, whole or not at all; - writes standard output. A symbolic link is followed only to a device or a pipe")
	maxInput := fs.Int64("max-input", env.int64("GDPRDOCS_MAX_INPUT", defaultMaxInput), "largest case read, in `bytes`; 0 means the default [GDPRDOCS_MAX_INPUT]")
	breach := fs.String("breach", "", "`reference` of the breach to report when the case holds several (default: the first)")
	review := fs.String("review", "", "`number` of the review a review act records (default: the latest)")
	audience := fs.String("audience", "", "the audience a privacy notice is for, a `code` such as staff or customers (default: the public notice)")
	nowFlag := fs.String("now", "", "the `moment` the document is made at, RFC 3339 such as 2026-11-21T10:00:00+01:00; it dates a notice and decides whether it is late (default: the clock)")
	fragment := fs.Bool("fragment", false, "HTML without the page around it, to embed")
	strict := fs.Bool("strict", false, "refuse, instead of printing a default or text in another language")
	annexes := fs.String("annexes", catalog.AnnexesFull, "how the processing rules carry their annexes, a `mode`: full (in full) or list (listed only)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := env.check(fs); err != nil {
		return err
	}
	if *doc == "" {
		fmt.Fprintln(stderr, "gdprdocs render: --doc is required; \"gdprdocs documents\" lists the documents.")
		return &exitError{code: 2}
	}
	switch {
	case *maxInput < 0:
		fmt.Fprintf(stderr, "gdprdocs render: --max-input %d is negative\n", *maxInput)
		return &exitError{code: 2}
	case *maxInput == 0:
		*maxInput = defaultMaxInput
	}
	svc, loc, err := serviceIn(*lang)
	fail := func(err error) error {
		fmt.Fprintln(stderr, "gdprdocs render:", explain(ctx, err, loc))
		return &exitError{code: 1}
	}
	if err != nil {
		return fail(err)
	}
	f, err := formatFor(*format, *out)
	if err != nil {
		return fail(err)
	}
	now := time.Now()
	if *nowFlag != "" {
		if now, err = time.Parse(time.RFC3339, *nowFlag); err != nil {
			return fail(errInvalidNow)
		}
		if !catalog.NowInRange(now) {
			return fail(errNowOutOfRange)
		}
	}
	data, err := readInput(ctx, *in, stdin, *maxInput)
	if err != nil {
		return fail(err)
	}
	o, err := svc.Render(ctx, catalog.Request{
		Doc: *doc, Lang: *lang, Format: f, Breach: *breach, Review: *review, Audience: *audience, Now: now, Fragment: *fragment,
		Strict: *strict, Annexes: *annexes,
	}, data)
	if err != nil {
		return fail(err)
	}
	// What the document holds that the case did not give goes to standard error, so
	// that it is seen and never mixed into the document on standard output.
	for _, w := range catalog.WarningItems(o.Warnings, loc) {
		fmt.Fprintf(stderr, "gdprdocs render: %s: %s\n", w.Path, w.Message)
	}
	if err := writeOutput(ctx, *out, o.Body, f == catalog.PDF || f == catalog.XLSX, stdout); err != nil {
		return fail(err)
	}
	return nil
}

func documents(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("documents", "gdprdocs documents [--lang LANG]",
		"Lists the documents gdprdocs renders: the id --doc takes, the formats it is offered in and its title.", stdout, stderr)
	lang := fs.String("lang", "en", "`language` of the titles: lt, nl or en")
	if err := parse(fs, args); err != nil {
		return err
	}
	_, loc, err := serviceIn(*lang)
	if err != nil {
		fmt.Fprintln(stderr, "gdprdocs documents:", explain(context.Background(), err, loc))
		return &exitError{code: 1}
	}
	for _, d := range catalog.Documents {
		formats := make([]string, len(d.Formats))
		for i, f := range d.Formats {
			formats[i] = string(f)
		}
		fmt.Fprintf(stdout, "%-26s %-24s %s\n", d.ID, strings.Join(formats, ","), loc.MustText("document."+d.ID+".title"))
	}
	return nil
}

// serviceIn prepares the rendering service and the locale messages are printed in:
// lang's. A language the service does not speak is a *catalog.UnknownLanguageError,
// returned with the English locale to word it in.
func serviceIn(lang string) (*catalog.Service, *locales.Locale, error) {
	svc, err := catalog.New()
	if err != nil {
		return nil, nil, err
	}
	if loc, ok := svc.Locale(lang); ok {
		return svc, loc, nil
	}
	loc, _ := svc.Locale("en")
	return svc, loc, &catalog.UnknownLanguageError{Lang: lang, Allowed: svc.Languages()}
}

// extensions are the formats --out's extension names.
var extensions = map[string]catalog.Format{
	".pdf": catalog.PDF, ".md": catalog.Markdown, ".markdown": catalog.Markdown, ".html": catalog.HTML, ".htm": catalog.HTML,
	".xlsx": catalog.XLSX, ".csv": catalog.CSV, ".json": catalog.JSON, ".txt": catalog.Text,
}

// isFormat reports whether f is an output format, one an extension names.
func isFormat(f string) bool {
	for _, named := range extensions {
		if named == catalog.Format(f) {
			return true
		}
	}
	return false
}

// formatError is an --out whose extension names no format while --format is not
// given, or names another format than --format.
type formatError struct {
	out, ext string
	format   string // --format, when given
}

func (e *formatError) Error() string {
	if e.format != "" {
		return fmt.Sprintf("--out %s names another format than --format %s", e.out, e.format)
	}
	return fmt.Sprintf("the extension of --out %s names no format", e.out)
}

// formatFor is the format to render: --format when given, else the one --out's
// extension names, else PDF (standard output, a file without extension). An extension
// that names no format, or another than --format, is refused: a PDF named x.md is
// a mistake found only when the file is opened. A --format that is no format is left
// to the render to refuse, which names the formats the document is offered in.
func formatFor(format, out string) (catalog.Format, error) {
	ext := ""
	if out != "-" {
		ext = strings.ToLower(filepath.Ext(out))
	}
	named, known := extensions[ext]
	switch {
	case format != "" && known && named != catalog.Format(format) && isFormat(format):
		return "", &formatError{out: out, ext: ext, format: format}
	case format != "":
		return catalog.Format(format), nil
	case known:
		return named, nil
	case ext == "":
		return catalog.PDF, nil
	}
	return "", &formatError{out: out, ext: ext}
}

// errInvalidNow is a --now that is not an RFC 3339 timestamp; errNowOutOfRange one
// outside the years a document may be dated in (catalog.NowInRange).
var (
	errInvalidNow    = errors.New("--now is not an RFC 3339 timestamp")
	errNowOutOfRange = errors.New("--now is outside the years a document may be dated in")
)

// explain words an error of render for the user in the locale's language: a refusal
// as the API would word it, an input or output render will not take, an interruption
// by a signal (ctx ended); any other error, such as one from the file system, is
// printed as it is.
func explain(ctx context.Context, err error, loc *locales.Locale) string {
	var (
		tooLarge  *inputTooLargeError
		refused   *outputRefusedError
		badFormat *formatError
		msg       string
		lerr      error
	)
	switch {
	case ctx.Err() != nil:
		msg, lerr = loc.Text("cli.interrupted", nil)
	case errors.Is(err, errInvalidNow):
		msg, lerr = loc.Text("error.invalid_now", nil)
	case errors.Is(err, errNowOutOfRange):
		msg, lerr = loc.Text("error.now_out_of_range", map[string]any{"From": catalog.FirstNowYear, "To": catalog.LastNowYear})
	case errors.As(err, &tooLarge):
		msg, lerr = loc.Text("cli.input_too_large", map[string]any{"Max": loc.Number(int(tooLarge.max))})
	case errors.As(err, &badFormat) && badFormat.format != "":
		msg, lerr = loc.Text("cli.format_mismatch", map[string]any{"Path": badFormat.out, "Format": badFormat.format})
	case errors.As(err, &badFormat):
		msg, lerr = loc.Text("cli.format_unknown_extension", map[string]any{"Path": badFormat.out, "Ext": badFormat.ext})
	case errors.As(err, &refused) && refused.kind == refuseTerminal:
		msg, lerr = loc.Text("cli.binary_to_terminal", nil)
	case errors.As(err, &refused) && refused.kind == refuseDirectory:
		msg, lerr = loc.Text("cli.output_directory", map[string]any{"Path": refused.path})
	case errors.As(err, &refused):
		msg, lerr = loc.Text("cli.output_link", map[string]any{"Path": refused.path})
	default:
		e, ok := catalog.Explain(err, loc)
		if !ok {
			return err.Error()
		}
		msg = e.Message
		for _, p := range e.Problems {
			msg += "\n  " + p.Path + ": " + p.Message
		}
	}
	if lerr != nil {
		return err.Error()
	}
	return msg
}
