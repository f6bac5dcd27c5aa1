package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"strings"

	"github.com/gdprdocs/gdprdocs/store"
	"github.com/gdprdocs/gdprdocs/store/database"
)

// databaseFlag adds --database, the setting serve and the storage commands share; an
// empty GDPRDOCS_DATABASE means the default, as every variable's does.
func databaseFlag(fs *flags) *string {
	dsn := envOr("GDPRDOCS_DATABASE", "")
	if dsn == "" {
		dsn = database.Default
	}
	return fs.String("database", dsn,
		"the `database`: the path of a SQLite file, created on first use, or a postgres:// URL [GDPRDOCS_DATABASE]")
}

// shown is dsn as messages print it: a URL without its password.
func shown(dsn string) string {
	if !strings.Contains(dsn, "://") {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		scheme, _, _ := strings.Cut(dsn, "://")
		return scheme + "://…"
	}
	return u.Redacted()
}

// namesNoDatabase says, for the command name, that --database names no database it
// can open; it is a usage error.
func namesNoDatabase(stderr io.Writer, name, dsn string) error {
	fmt.Fprintf(stderr, "gdprdocs %s: --database %q names no database: a SQLite file path or a postgres:// URL\n", name, shown(dsn))
	return &exitError{code: 2}
}

// openStore opens the database dsn names for the command name, printing why not: a
// setting that names no database is a usage error (status 2), one that cannot be
// opened an error (status 1). With existing, a SQLite file that is not there is an
// error rather than a new, empty database, and a database of another schema version is
// refused rather than migrated: a command that reads creates and changes nothing.
func openStore(ctx context.Context, name, dsn string, existing bool, stderr io.Writer) (store.Store, error) {
	kind, err := database.KindOf(dsn)
	if err != nil {
		return nil, namesNoDatabase(stderr, name, dsn)
	}
	if existing && kind == database.SQLite {
		if _, err := os.Stat(dsn); errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(stderr, "gdprdocs %s: there is no database at %s (--database)\n", name, dsn)
			return nil, &exitError{code: 1}
		}
	}
	open := database.Open
	if existing {
		open = database.OpenExisting
	}
	s, err := open(ctx, dsn)
	if err != nil {
		fmt.Fprintf(stderr, "gdprdocs %s: database %s: %v\n", name, shown(dsn), err)
		return nil, &exitError{code: 1}
	}
	return s, nil
}
