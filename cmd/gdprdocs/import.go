package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/gdprdocs/gdprdocs/store"
	"github.com/gdprdocs/gdprdocs/store/archive"
)

func importWorkspace(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("import", "gdprdocs import --in FILE [--database DB]", `Reads a workspace that "gdprdocs export" wrote into the database, whole or not at
all: its cases with their revisions, ids and times, and its audit log. The database
must not hold the workspace already (by id or by name).

No key travels in an export, so the workspace's old keys are listed as revoked and
import prints a new owner key on standard output, once: store it now. Moving a
workspace means issuing its integrations new keys.`, stdout, stderr)
	dsn := databaseFlag(fs)
	in := fs.String("in", "", "the exported `file`; - reads standard input (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *in == "" {
		fmt.Fprintln(stderr, "gdprdocs import: --in is required")
		return &exitError{code: 2}
	}
	data, err := readInput(ctx, *in, stdin, math.MaxInt64)
	if err != nil {
		fmt.Fprintf(stderr, "gdprdocs import: %v\n", err)
		return &exitError{code: 1}
	}
	a, err := archive.Decode(bytes.NewReader(data))
	if err != nil {
		fmt.Fprintf(stderr, "gdprdocs import: %s: %v\n", *in, err)
		return &exitError{code: 1}
	}
	s, err := openStore(ctx, "import", *dsn, false, stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	ws, owner, err := s.Restore(ctx, store.Actor{}, a)
	switch {
	case errors.Is(err, store.ErrExists):
		fmt.Fprintf(stderr, "gdprdocs import: %s already holds this workspace (%s, %q) or one of its cases; nothing was imported: %v\n",
			shown(*dsn), a.Workspace.ID, a.Workspace.Name, err)
		return &exitError{code: 1}
	case err != nil:
		fmt.Fprintf(stderr, "gdprdocs import: %s: nothing was imported: %v\n", *in, err)
		return &exitError{code: 1}
	}
	fmt.Fprintf(stderr, "gdprdocs: workspace %q imported, id %s: %d cases, %d audit entries; its %d old keys are revoked. Its new owner key, on standard output, will not be shown again: store it now.\n",
		ws.Name, ws.ID, len(a.Cases), len(a.Audit), len(a.Keys))
	fmt.Fprintln(stdout, owner.Secret)
	return nil
}
