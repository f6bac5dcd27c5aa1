package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gdprdocs/gdprdocs/store"
)

func workspace(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	const about = `Creates a workspace — a consultancy or an organisation, with its own cases, keys and
audit log — or lists them.

  gdprdocs workspace create NAME   prints the workspace's owner key, once
  gdprdocs workspace list          lists the workspaces: id, created, name`
	if len(args) == 0 || args[0] != "create" && args[0] != "list" {
		fs := newFlags("workspace", "gdprdocs workspace create NAME | list [--database DB]", about, stdout, stderr)
		databaseFlag(fs)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
			fs.help()
			return &exitError{code: 0}
		}
		fmt.Fprintln(stderr, "gdprdocs workspace: say create NAME or list; \"gdprdocs workspace --help\" explains.")
		return &exitError{code: 2}
	}
	if args[0] == "list" {
		return workspaceList(ctx, args[1:], stdout, stderr)
	}
	return workspaceCreate(ctx, args[1:], stdout, stderr)
}

func workspaceCreate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("workspace create", "gdprdocs workspace create NAME [--database DB]", `Creates a workspace and its owner key. The key is printed on standard output, once:
gdprdocs keeps only its hash, so store it now, in a password manager or a secret
store. With it, the workspace's owner creates the other keys through the API.`, stdout, stderr)
	dsn := databaseFlag(fs)
	names, err := parseArguments(fs, args)
	if err != nil {
		return err
	}
	if len(names) != 1 || strings.TrimSpace(names[0]) == "" {
		fmt.Fprintln(stderr, "gdprdocs workspace create: give the workspace's name, one argument, quoted if it has spaces")
		return &exitError{code: 2}
	}
	s, err := openStore(ctx, "workspace create", *dsn, false, stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	ws, owner, err := s.CreateWorkspace(ctx, store.Actor{}, names[0])
	switch {
	case errors.Is(err, store.ErrExists):
		fmt.Fprintf(stderr, "gdprdocs workspace create: a workspace named %q exists already in %s\n", names[0], shown(*dsn))
		return &exitError{code: 1}
	case errors.Is(err, store.ErrInvalid):
		fmt.Fprintf(stderr, "gdprdocs workspace create: %q is not a name a workspace can have: at most %d characters of text\n", names[0], store.MaxNameLen)
		return &exitError{code: 2}
	case err != nil:
		fmt.Fprintf(stderr, "gdprdocs workspace create: %v\n", err)
		return &exitError{code: 1}
	}
	fmt.Fprintf(stderr, "gdprdocs: workspace %q created, id %s. Its owner key, on standard output, will not be shown again: store it now.\n", ws.Name, ws.ID)
	fmt.Fprintln(stdout, owner.Secret)
	return nil
}

func workspaceList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("workspace list", "gdprdocs workspace list [--database DB]",
		"Lists the workspaces, oldest first: id, when created (UTC) and name.", stdout, stderr)
	dsn := databaseFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	s, err := openStore(ctx, "workspace list", *dsn, true, stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	all, err := s.Workspaces(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "gdprdocs workspace list: %v\n", err)
		return &exitError{code: 1}
	}
	for _, ws := range all {
		fmt.Fprintf(stdout, "%s  %s  %s\n", ws.ID, ws.Created.Format("2006-01-02 15:04"), ws.Name)
	}
	return nil
}
