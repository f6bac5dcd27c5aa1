// Package database opens the store that one setting (--database, GDPRDOCS_DATABASE)
// names: a postgres:// or postgresql:// URL is a PostgreSQL database, anything else
// without a scheme is the path of a SQLite file. It is the one place that knows both
// implementations, so that the rest of gdprdocs imports store alone.
package database

import (
	"context"
	"fmt"
	"strings"

	"github.com/gdprdocs/gdprdocs/store"
	"github.com/gdprdocs/gdprdocs/store/postgres"
	"github.com/gdprdocs/gdprdocs/store/sqlite"
)

// Default is the database when none is set: a SQLite file in the working directory,
// so that gdprdocs runs with nothing installed.
const Default = "gdprdocs.db"

// Kind is an implementation of the store.
type Kind string

// The kinds of database.
const (
	SQLite     Kind = "sqlite"
	PostgreSQL Kind = "postgres"
)

// KindOf returns the kind of database that dsn names. A URL of another scheme, such
// as mysql:// or sqlite://, and an empty dsn are ErrInvalid, not a file of that name.
func KindOf(dsn string) (Kind, error) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return PostgreSQL, nil
	case dsn == "":
		return "", fmt.Errorf("store/database: no database set: %w", store.ErrInvalid)
	case strings.Contains(dsn, "://"):
		scheme, _, _ := strings.Cut(dsn, "://")
		return "", fmt.Errorf("store/database: database %q: scheme %q is not postgres:// or postgresql://, and a SQLite database is a file path: %w", scheme+"://…", scheme, store.ErrInvalid)
	}
	return SQLite, nil
}

// Open opens the database that dsn names and migrates it to the current schema.
func Open(ctx context.Context, dsn string) (store.Store, error) {
	kind, err := KindOf(dsn)
	if err != nil {
		return nil, err
	}
	if kind == PostgreSQL {
		return postgres.Open(ctx, dsn)
	}
	return sqlite.Open(ctx, dsn)
}

// OpenExisting opens the database that dsn names as it is, for a command that reads
// and must change nothing: a schema of another version than this program's is refused,
// not migrated.
func OpenExisting(ctx context.Context, dsn string) (store.Store, error) {
	kind, err := KindOf(dsn)
	if err != nil {
		return nil, err
	}
	if kind == PostgreSQL {
		return postgres.OpenExisting(ctx, dsn)
	}
	return sqlite.OpenExisting(ctx, dsn)
}

// Migrate migrates the database that dsn names to the current schema, for
// "gdprdocs migrate".
func Migrate(ctx context.Context, dsn string) (store.Migration, error) {
	kind, err := KindOf(dsn)
	if err != nil {
		return store.Migration{}, err
	}
	if kind == PostgreSQL {
		return postgres.Migrate(ctx, dsn)
	}
	return sqlite.Migrate(ctx, dsn)
}
