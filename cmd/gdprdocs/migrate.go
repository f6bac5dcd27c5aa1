package main

import (
	"context"
	"fmt"
	"io"

	"github.com/gdprdocs/gdprdocs/store/database"
)

func migrate(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("migrate", "gdprdocs migrate [--database DB]", `Brings the database's schema up to date with this gdprdocs and prints its version.
serve does the same when it starts; migrate does it alone, before an upgrade is
rolled out to several servers. A database newer than this gdprdocs is left alone.`, stdout, stderr)
	dsn := databaseFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if _, err := database.KindOf(*dsn); err != nil {
		return namesNoDatabase(stderr, "migrate", *dsn)
	}
	m, err := database.Migrate(ctx, *dsn)
	if err != nil {
		fmt.Fprintf(stderr, "gdprdocs migrate: database %s: %v\n", shown(*dsn), err)
		return &exitError{code: 1}
	}
	if m.From == m.To {
		fmt.Fprintf(stdout, "%s: schema version %d, up to date\n", shown(*dsn), m.To)
	} else {
		fmt.Fprintf(stdout, "%s: schema version %d, migrated from %d\n", shown(*dsn), m.To, m.From)
	}
	return nil
}
