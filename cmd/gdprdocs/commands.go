package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
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

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	return fs
}

// parse parses the command's flags. Its error ends the command with the status it
// carries: 0 after --help has printed the usage, 2 for a usage error.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return &exitError{code: 0}
		}
		return &exitError{code: 2}
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "gdprdocs %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return &exitError{code: 2}
	}
	return nil
}

func serve(ctx context.Context, args []string, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	var env envDefaults
	addr := fs.String("addr", envOr("GDPRDOCS_ADDR", ":8080"), "listen address")
	bodyLimit := fs.Int64("body-limit", env.int64("GDPRDOCS_BODY_LIMIT", defaultMaxInput), "largest request body, bytes")
	renderTimeout := fs.Duration("render-timeout", env.duration("GDPRDOCS_RENDER_TIMEOUT", 30*time.Second), "longest a render may take")
	maxRenders := fs.Int("max-renders", int(env.int64("GDPRDOCS_MAX_RENDERS", 4)), "renders running at once")
	queue := fs.Int("queue", int(env.int64("GDPRDOCS_QUEUE", 64)), "requests waiting for a render slot")
	shutdown := fs.Duration("shutdown-timeout", env.duration("GDPRDOCS_SHUTDOWN_TIMEOUT", 30*time.Second), "how long shutdown waits for renders")
	readTimeout := fs.Duration("read-timeout", env.duration("GDPRDOCS_READ_TIMEOUT", 60*time.Second), "longest a client may take to send a request")
	metricsAddr := fs.String("metrics-addr", envOr("GDPRDOCS_METRICS_ADDR", ""), "serve /metrics on this address instead of --addr")
	shutdownDelay := fs.Duration("shutdown-delay", env.duration("GDPRDOCS_SHUTDOWN_DELAY", 0), "how long to go on serving, not ready, before shutting down")
	if err := env.check(fs); err != nil {
		return err
	}
	if err := parse(fs, args); err != nil {
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
	srv := server.New(svc, server.Config{
		Addr: *addr, BodyLimit: *bodyLimit, RenderTimeout: *renderTimeout,
		MaxRenders: *maxRenders, QueueLength: *queue, ShutdownTimeout: *shutdown, ReadTimeout: *readTimeout,
		MetricsAddr: *metricsAddr, ShutdownDelay: *shutdownDelay,
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
func (e *envDefaults) check(fs *flag.FlagSet) error {
	for _, b := range e.bad {
		fmt.Fprintf(fs.Output(), "gdprdocs %s: %s\n", fs.Name(), b)
	}
	if len(e.bad) > 0 {
		return &exitError{code: 2}
	}
	return nil
}

func render(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("render", stderr)
	var env envDefaults
	doc := fs.String("doc", "", "document id (see gdprdocs documents)")
	lang := fs.String("lang", "en", "language: lt, nl or en")
	format := fs.String("format", "pdf", "output format: pdf, md, html or xlsx")
	in := fs.String("in", "-", "case JSON file, - for standard input")
	out := fs.String("out", "-", "output file, - for standard output; a link is followed only to a device or pipe")
	maxInput := fs.Int64("max-input", env.int64("GDPRDOCS_MAX_INPUT", defaultMaxInput), "largest case read, bytes")
	breach := fs.String("breach", "", "reference of the breach to report (default: the first)")
	review := fs.String("review", "", "number of the review to record (default: the latest)")
	audience := fs.String("audience", "", "audience of a privacy notice, such as staff (default: the public notice)")
	nowFlag := fs.String("now", "", "the moment the document is made at, RFC 3339 (default: now)")
	fragment := fs.Bool("fragment", false, "HTML without the page around it")
	strict := fs.Bool("strict", false, "refuse instead of printing a default or text in another language")
	annexes := fs.String("annexes", catalog.AnnexesFull, "processing rules: annexes in full (full) or listed (list)")
	if err := env.check(fs); err != nil {
		return err
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case *maxInput < 0:
		fmt.Fprintf(stderr, "gdprdocs render: --max-input %d is negative\n", *maxInput)
		return &exitError{code: 2}
	case *maxInput == 0:
		*maxInput = defaultMaxInput
	}
	svc, loc, err := serviceIn(*lang)
	if err != nil {
		return err
	}
	fail := func(err error) error {
		fmt.Fprintln(stderr, "gdprdocs render:", explain(ctx, err, loc))
		return &exitError{code: 1}
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
		Doc: *doc, Lang: *lang, Format: catalog.Format(*format), Breach: *breach, Review: *review, Audience: *audience, Now: now, Fragment: *fragment,
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
	if err := writeOutput(ctx, *out, o.Body, stdout); err != nil {
		return fail(err)
	}
	return nil
}

func documents(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("documents", stderr)
	lang := fs.String("lang", "en", "language of the titles")
	if err := parse(fs, args); err != nil {
		return err
	}
	_, loc, err := serviceIn(*lang)
	if err != nil {
		return err
	}
	for _, d := range catalog.Documents {
		formats := make([]string, len(d.Formats))
		for i, f := range d.Formats {
			formats[i] = string(f)
		}
		fmt.Fprintf(stdout, "%-26s %-16s %s\n", d.ID, strings.Join(formats, ","), loc.MustText("document."+d.ID+".title"))
	}
	return nil
}

// serviceIn prepares the rendering service and the locale messages are printed in:
// lang's, or English when lang is not supported (the render then reports that itself).
func serviceIn(lang string) (*catalog.Service, *locales.Locale, error) {
	svc, err := catalog.New()
	if err != nil {
		return nil, nil, err
	}
	loc, ok := svc.Locale(lang)
	if !ok {
		loc, _ = svc.Locale("en")
	}
	return svc, loc, nil
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
		tooLarge *inputTooLargeError
		refused  *outputRefusedError
		msg      string
		lerr     error
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
