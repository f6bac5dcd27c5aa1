package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/gdprdocs/gdprdocs/store"
	"github.com/gdprdocs/gdprdocs/store/internal/backend"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a store.Store in a PostgreSQL database. Open it with Open.
type Store struct {
	pool *pgxpool.Pool
}

var _ store.Store = (*Store)(nil)

// Open connects to the database that dsn names (postgres://user@host:port/db?…, with
// pgx's parameters such as pool_max_conns and search_path) and migrates it to the
// current schema.
func Open(ctx context.Context, dsn string) (*Store, error) {
	pool, err := connect(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if _, err := migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, err
	}
	return &Store{pool: pool}, nil
}

// Migrate migrates the database that dsn names to the current schema. Processes that
// migrate the same database at once take turns under an advisory lock.
func Migrate(ctx context.Context, dsn string) (store.Migration, error) {
	pool, err := connect(ctx, dsn)
	if err != nil {
		return store.Migration{}, err
	}
	defer pool.Close()
	return migrate(ctx, pool)
}

func connect(ctx context.Context, dsn string) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store/postgres: database URL: %w: %w", store.ErrInvalid, err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store/postgres: connect: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store/postgres: connect to %s:%d: %w", cfg.ConnConfig.Host, cfg.ConnConfig.Port, err)
	}
	return pool, nil
}

func migrate(ctx context.Context, pool *pgxpool.Pool) (store.Migration, error) {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return store.Migration{}, err
	}
	// Retry the lock every second for five minutes: a node that starts while another
	// migrates waits for it rather than failing.
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 300))
	if err != nil {
		return store.Migration{}, fmt.Errorf("store/postgres: migration lock: %w", err)
	}
	db := stdlib.OpenDBFromPool(pool)
	defer db.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, db, fsys,
		goose.WithDisableGlobalRegistry(true), goose.WithSessionLocker(locker))
	if err != nil {
		return store.Migration{}, fmt.Errorf("store/postgres: migrations: %w", err)
	}
	return backend.Migrate(ctx, "store/postgres", p)
}

// Ping reports whether the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.pool.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("store/postgres: ping: %w", err)
	}
	return nil
}

// Close closes the pool's connections.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// inTx runs fn in a transaction and commits it when fn returns nil.
func (s *Store) inTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, s.pool, fn)
}

// inSnapshot runs fn in a read-only transaction whose queries see one snapshot.
func (s *Store) inSnapshot(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, fn)
}

func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("store/postgres: %s: %w", what, err)
}

// isCode reports whether err is a PostgreSQL error with the SQLSTATE code.
func isCode(err error, code string) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == code
}

// SQLSTATE codes the store maps to its errors.
const (
	uniqueViolation     = "23505"
	foreignKeyViolation = "23503"
)

func orZero(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

// audit records an entry in tx.
func audit(ctx context.Context, tx pgx.Tx, workspace string, by store.Actor, action, caseID string, revision int, target string, now time.Time) error {
	_, err := tx.Exec(ctx, `INSERT INTO audit (time, workspace, key_id, action, case_id, revision, target, request_id, result)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		now, workspace, by.Key, action, caseID, revision, target, by.RequestID, store.ResultOK)
	return wrap("audit", err)
}
