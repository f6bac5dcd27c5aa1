package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"strings"
	"time"

	"github.com/pressly/goose/v3"
	"modernc.org/sqlite" // also registers the database/sql driver "sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/gdprdocs/gdprdocs/store"
	"github.com/gdprdocs/gdprdocs/store/internal/backend"
	"github.com/gdprdocs/gdprdocs/store/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Pragmas of every connection. busy_timeout is how long, in milliseconds, a connection
// waits for another process's write (the command line while a server runs) before it
// gives up; secure_delete overwrites erased case data in the file instead of leaving
// it in free pages.
const pragmas = "_pragma=busy_timeout(10000)&_pragma=foreign_keys(ON)&_pragma=secure_delete(ON)"

// writerPragmas add, for the writer: WAL, so that readers never wait for it;
// synchronous=FULL, so that a committed write survives a power cut, not just a crash
// of the process; and BEGIN IMMEDIATE, so that a write transaction takes the
// database's write lock when it begins rather than failing to upgrade a read lock.
const writerPragmas = pragmas + "&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate"

// readerPragmas add query_only: a reader connection cannot write by mistake.
const readerPragmas = pragmas + "&_pragma=query_only(1)"

// Store is a store.Store in a SQLite file. Open it with Open.
type Store struct {
	*sqlstore.Store
	// write has one connection: writes of this process take turns in Go and never
	// meet SQLite's "database is locked".
	write *sql.DB
	// read is a pool of read-only connections, which WAL lets read beside the writer.
	read *sql.DB
}

var _ store.Store = (*Store)(nil)

// Open opens the SQLite database at path, creating the file when it is missing, and
// migrates it to the current schema.
func Open(ctx context.Context, path string) (*Store, error) {
	return open(ctx, path, func(ctx context.Context, w *sql.DB) error {
		_, err := migrate(ctx, w)
		return err
	})
}

// OpenExisting opens the SQLite database at path as it is, for a command that reads:
// it refuses a schema of another version than this program's rather than migrate it.
func OpenExisting(ctx context.Context, path string) (*Store, error) {
	return open(ctx, path, func(ctx context.Context, w *sql.DB) error {
		p, err := provider(w)
		if err != nil {
			return err
		}
		return backend.CheckVersion(ctx, "store/sqlite", p)
	})
}

// open opens the writer, prepares the schema with prepare, then opens the readers.
func open(ctx context.Context, path string, prepare func(context.Context, *sql.DB) error) (*Store, error) {
	w, err := openDB(path, writerPragmas, 1)
	if err != nil {
		return nil, err
	}
	if err := prepare(ctx, w); err != nil {
		w.Close()
		return nil, err
	}
	r, err := openDB(path, readerPragmas, max(4, runtime.GOMAXPROCS(0)))
	if err != nil {
		w.Close()
		return nil, err
	}
	s := &Store{Store: sqlstore.New(dialect, w, r), write: w, read: r}
	if err := s.Ping(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Migrate migrates the SQLite database at path to the current schema.
func Migrate(ctx context.Context, path string) (store.Migration, error) {
	w, err := openDB(path, writerPragmas, 1)
	if err != nil {
		return store.Migration{}, err
	}
	defer w.Close()
	return migrate(ctx, w)
}

func openDB(path, params string, conns int) (*sql.DB, error) {
	if path == "" || strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("store/sqlite: database path %q: empty or with ? or #: %w", path, store.ErrInvalid)
	}
	db, err := sql.Open("sqlite", path+"?"+params)
	if err != nil {
		return nil, fmt.Errorf("store/sqlite: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	db.SetConnMaxIdleTime(0)
	return db, nil
}

func migrate(ctx context.Context, db *sql.DB) (store.Migration, error) {
	p, err := provider(db)
	if err != nil {
		return store.Migration{}, err
	}
	return backend.Migrate(ctx, "store/sqlite", p)
}

// provider is goose's view of the embedded migrations on db.
func provider(db *sql.DB) (*goose.Provider, error) {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, fsys, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return nil, fmt.Errorf("store/sqlite: migrations: %w", err)
	}
	return p, nil
}

// Close closes the database.
func (s *Store) Close() error {
	return errors.Join(s.read.Close(), s.write.Close())
}

// dialect is SQLite's: ? placeholders, times in microseconds since 1970, and no
// row locks, as every write transaction takes the database's write lock.
var dialect = sqlstore.Dialect{
	Name:     "store/sqlite",
	Time:     func(t time.Time) any { return t.UnixMicro() },
	Contains: "instr(name_fold, ?) > 0",
	IsUnique: func(err error) bool {
		return isCode(err, sqlite3.SQLITE_CONSTRAINT_UNIQUE) || isCode(err, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
	},
	IsForeignKey: func(err error) bool { return isCode(err, sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY) },
}

// isCode reports whether err is a SQLite error with the extended result code.
func isCode(err error, code int) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code() == code
}
