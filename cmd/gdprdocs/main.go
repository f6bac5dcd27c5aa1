// Command gdprdocs renders GDPR documents from case data: as an HTTP API (serve, the
// default), once from the command line (render), or lists what it can render (documents).
//
//	gdprdocs serve [--addr :8080]
//	gdprdocs render --doc ID --lang LANG --format FMT --in case.json --out file
//	gdprdocs documents [--lang LANG]
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// exitError carries the process's exit code with the message already printed.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
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

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, args, stderr)
	case "render":
		return render(ctx, args, stdin, stdout, stderr)
	case "documents":
		return documents(args, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "gdprdocs: unknown command %q\n\n%s", cmd, usage)
	return &exitError{code: 2}
}

const usage = `Usage:
  gdprdocs serve [--addr :8080] [--body-limit BYTES] [--render-timeout 30s]
                 [--max-renders 4] [--queue 64] [--shutdown-timeout 30s]
                 [--read-timeout 60s] [--metrics-addr ADDR] [--shutdown-delay 0s]
  gdprdocs render --doc ID --lang LANG --format FMT --in case.json --out FILE
                  [--breach REF] [--review N] [--audience CODE] [--now RFC3339]
                  [--fragment] [--strict] [--annexes full|list] [--max-input BYTES]
                  (--in - reads standard input, --out - writes standard output)
  gdprdocs documents [--lang LANG]

render reads at most --max-input bytes of case (default 10485760, the server's body
limit). It writes --out whole or not at all: an existing file is replaced keeping its
mode and owner, a new one is readable by its owner only (0600, less the umask). A
device or a pipe is written directly, also through a link (--out /dev/stdout); a
symbolic link to a file, or to nothing, is refused: name the file itself.

Every serve flag can also be set by an environment variable: GDPRDOCS_ADDR,
GDPRDOCS_BODY_LIMIT, GDPRDOCS_RENDER_TIMEOUT, GDPRDOCS_MAX_RENDERS, GDPRDOCS_QUEUE,
GDPRDOCS_SHUTDOWN_TIMEOUT, GDPRDOCS_READ_TIMEOUT, GDPRDOCS_METRICS_ADDR,
GDPRDOCS_SHUTDOWN_DELAY; render's --max-input by GDPRDOCS_MAX_INPUT. A flag wins
over its variable; a variable that is set but does not parse stops the command.

serve answers GET /healthz while the process lives and GET /readyz while it is ready
to render (503 once shutdown begins; --shutdown-delay keeps serving that long first,
for a load balancer to notice). GET /metrics is in the Prometheus text format, on
--addr unless --metrics-addr names an address of its own.
`
