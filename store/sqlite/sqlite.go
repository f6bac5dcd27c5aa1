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
	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"github.com/gdprdocs/gdprdocs/store"
	"github.com/gdprdocs/gdprdocs/store/internal/backend"
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
	w, err := openDB(path, writerPragmas, 1)
	if err != nil {
		return nil, err
	}
	if _, err := migrate(ctx, w); err != nil {
		w.Close()
		return nil, err
	}
	r, err := openDB(path, readerPragmas, max(4, runtime.GOMAXPROCS(0)))
	if err != nil {
		w.Close()
		return nil, err
	}
	s := &Store{write: w, read: r}
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
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return store.Migration{}, err
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, fsys, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return store.Migration{}, fmt.Errorf("store/sqlite: migrations: %w", err)
	}
	return backend.Migrate(ctx, "store/sqlite", p)
}

// Ping reports whether the database file answers a query.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.read.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("store/sqlite: ping: %w", err)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error {
	return errors.Join(s.read.Close(), s.write.Close())
}

// inWrite runs fn in a write transaction and commits it when fn returns nil.
func (s *Store) inWrite(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store/sqlite: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store/sqlite: commit: %w", err)
	}
	return nil
}

// inRead runs fn in a read transaction, so that its queries see one snapshot.
func (s *Store) inRead(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.read.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store/sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	return fn(tx)
}

// micros is how the schema stores a time.
func micros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(v int64) time.Time { return time.UnixMicro(v).UTC() }

func fromNull(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return fromMicros(v.Int64)
}

func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("store/sqlite: %s: %w", what, err)
}

// audit records an entry in tx.
func audit(ctx context.Context, tx *sql.Tx, workspace string, by store.Actor, action, caseID string, revision int, target string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO audit (time, workspace, key_id, action, case_id, revision, target, request_id, result)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		micros(now), workspace, by.Key, action, caseID, revision, target, by.RequestID, store.ResultOK)
	return wrap("audit", err)
}

// workspaceExists reports ErrNotFound for a missing workspace.
func workspaceExists(ctx context.Context, tx *sql.Tx, id string) error {
	var one int
	err := tx.QueryRowContext(ctx, "SELECT 1 FROM workspaces WHERE id = ?", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return backend.NotFound("workspace", id)
	}
	return wrap("workspace", err)
}
