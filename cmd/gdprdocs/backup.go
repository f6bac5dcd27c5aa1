package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/gdprdocs/gdprdocs/store/database"
	"github.com/gdprdocs/gdprdocs/store/sqlite"
)

func backup(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	flags := newFlags("backup", "gdprdocs backup --out FILE [--force] [--database DB]", `Writes a consistent copy of a SQLite database, while servers go on using it (SQLite's
VACUUM INTO): the database as it was at one moment, compacted. The copy is readable
by its owner only and appears whole or not at all. A PostgreSQL database is backed
up with PostgreSQL's own pg_dump instead; backup says so and exits with status 2.`, stdout, stderr)
	dsn := databaseFlag(flags)
	out := flags.String("out", "", "the `file` to write the copy to (required)")
	force := flags.Bool("force", false, "replace --out if it exists")
	if err := parse(flags, args); err != nil {
		return err
	}
	if *out == "" {
		fmt.Fprintln(stderr, "gdprdocs backup: --out is required")
		return &exitError{code: 2}
	}
	kind, err := database.KindOf(*dsn)
	switch {
	case err != nil:
		return namesNoDatabase(stderr, "backup", *dsn)
	case kind == database.PostgreSQL:
		fmt.Fprintf(stderr, `gdprdocs backup: %s is a PostgreSQL database: back it up with pg_dump, for example
  pg_dump --format=custom --file=gdprdocs.dump '%s'
and restore it with pg_restore.
`, shown(*dsn), shown(*dsn))
		return &exitError{code: 2}
	}
	err = sqlite.Backup(ctx, *dsn, *out, *force)
	switch {
	case errors.Is(err, fs.ErrExist):
		fmt.Fprintf(stderr, "gdprdocs backup: %s exists; give another --out, or --force to replace it\n", *out)
		return &exitError{code: 1}
	case err != nil:
		fmt.Fprintf(stderr, "gdprdocs backup: %v\n", err)
		return &exitError{code: 1}
	}
	fmt.Fprintf(stderr, "gdprdocs: %s backed up to %s\n", *dsn, *out)
	return nil
}
