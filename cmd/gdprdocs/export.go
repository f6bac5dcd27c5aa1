package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/gdprdocs/gdprdocs/store"
	"github.com/gdprdocs/gdprdocs/store/archive"
)

func export(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("export", "gdprdocs export --workspace NAME|ID --out FILE [--database DB]", `Writes a workspace as JSON: every case with all its revisions, the audit log, and
its keys' records without their secrets. "gdprdocs import" reads it into another
database, SQLite or PostgreSQL. The file holds the cases' personal data: keep it
as carefully as the database. It is written whole or not at all, readable by its
owner only.`, stdout, stderr)
	dsn := databaseFlag(fs)
	name := fs.String("workspace", "", "the workspace, by `name or id`; \"gdprdocs workspace list\" lists them (required)")
	out := fs.String("out", "", "the `file` to write; - writes standard output (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *name == "" || *out == "" {
		fmt.Fprintln(stderr, "gdprdocs export: --workspace and --out are required")
		return &exitError{code: 2}
	}
	s, err := openStore(ctx, "export", *dsn, true, stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	id, err := workspaceID(ctx, s, *name)
	if err != nil {
		fmt.Fprintf(stderr, "gdprdocs export: %v\n", err)
		return &exitError{code: 1}
	}
	a, err := archive.Export(ctx, s, id)
	if err != nil {
		fmt.Fprintf(stderr, "gdprdocs export: %v\n", err)
		return &exitError{code: 1}
	}
	var buf bytes.Buffer
	if err := archive.Encode(&buf, a, time.Now()); err != nil {
		fmt.Fprintf(stderr, "gdprdocs export: %v\n", err)
		return &exitError{code: 1}
	}
	if err := writeOutput(ctx, *out, buf.Bytes(), false, stdout); err != nil {
		fmt.Fprintf(stderr, "gdprdocs export: %v\n", err)
		return &exitError{code: 1}
	}
	fmt.Fprintf(stderr, "gdprdocs: workspace %q exported: %d cases, %d audit entries, %d key records\n",
		a.Workspace.Name, len(a.Cases), len(a.Audit), len(a.Keys))
	return nil
}

// workspaceID finds a workspace by its id or, failing that, its name.
func workspaceID(ctx context.Context, s store.Store, nameOrID string) (string, error) {
	if strings.HasPrefix(nameOrID, store.WorkspacePrefix) {
		if _, err := s.Workspace(ctx, nameOrID); err == nil {
			return nameOrID, nil
		} else if !errors.Is(err, store.ErrNotFound) {
			return "", err
		}
	}
	all, err := s.Workspaces(ctx)
	if err != nil {
		return "", err
	}
	for _, ws := range all {
		if ws.Name == nameOrID {
			return ws.ID, nil
		}
	}
	return "", fmt.Errorf("no workspace named %q or with that id; \"gdprdocs workspace list\" lists them", nameOrID)
}
