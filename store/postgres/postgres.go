package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/gdprdocs/gdprdocs/store"
	"github.com/gdprdocs/gdprdocs/store/internal/backend"
	"github.com/gdprdocs/gdprdocs/store/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a store.Store in a PostgreSQL database. Open it with Open.
type Store struct {
	*sqlstore.Store
	pool *pgxpool.Pool
	// db is the pool through database/sql.
	db *sql.DB
}

var _ store.Store = (*Store)(nil)

// Open connects to the database that dsn names (postgres://user@host:port/db?…, with
// pgx's parameters such as pool_max_conns and search_path) and migrates it to the
// current schema.
func Open(ctx context.Context, dsn string) (*Store, error) {
	return open(ctx, dsn, func(ctx context.Context, db *sql.DB) error {
		_, err := migrate(ctx, db)
		return err
	})
}

// OpenExisting connects to the database that dsn names as it is, for a command that
// reads: it refuses a schema of another version than this program's rather than
// migrate it under servers that may be older.
func OpenExisting(ctx context.Context, dsn string) (*Store, error) {
	return open(ctx, dsn, func(ctx context.Context, db *sql.DB) error {
		p, err := provider(db, false)
		if err != nil {
			return err
		}
		return backend.CheckVersion(ctx, "store/postgres", p)
	})
}

// open connects and prepares the schema with prepare.
func open(ctx context.Context, dsn string, prepare func(context.Context, *sql.DB) error) (*Store, error) {
	pool, err := connect(ctx, dsn)
	if err != nil {
		return nil, err
	}
	db := stdlib.OpenDBFromPool(pool)
	if err := prepare(ctx, db); err != nil {
		db.Close()
		pool.Close()
		return nil, err
	}
	return &Store{Store: sqlstore.New(dialect, db, db), pool: pool, db: db}, nil
}

// Migrate migrates the database that dsn names to the current schema. Processes that
// migrate the same database at once take turns under an advisory lock.
func Migrate(ctx context.Context, dsn string) (store.Migration, error) {
	pool, err := connect(ctx, dsn)
	if err != nil {
		return store.Migration{}, err
	}
	defer pool.Close()
	db := stdlib.OpenDBFromPool(pool)
	defer db.Close()
	return migrate(ctx, db)
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

func migrate(ctx context.Context, db *sql.DB) (store.Migration, error) {
	p, err := provider(db, true)
	if err != nil {
		return store.Migration{}, err
	}
	return backend.Migrate(ctx, "store/postgres", p)
}

// provider is goose's view of the embedded migrations on db; one that will migrate
// takes the advisory lock, so that nodes starting together take turns.
func provider(db *sql.DB, locked bool) (*goose.Provider, error) {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	opts := []goose.ProviderOption{goose.WithDisableGlobalRegistry(true)}
	if locked {
		// Retry the lock every second for five minutes: a node that starts while
		// another migrates waits for it rather than failing.
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 300))
		if err != nil {
			return nil, fmt.Errorf("store/postgres: migration lock: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db, fsys, opts...)
	if err != nil {
		return nil, fmt.Errorf("store/postgres: migrations: %w", err)
	}
	return p, nil
}

// Close closes the pool's connections.
func (s *Store) Close() error {
	err := s.db.Close()
	s.pool.Close()
	return err
}

// dialect is PostgreSQL's: $n placeholders, times as timestamptz, and the rows a write
// transaction changes locked FOR UPDATE, so that writers of one case take turns.
var dialect = sqlstore.Dialect{
	Name:         "store/postgres",
	Numbered:     true,
	Time:         func(t time.Time) any { return t },
	Contains:     "strpos(name_fold, ?) > 0",
	ForUpdate:    " FOR UPDATE",
	Snapshot:     &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true},
	IsUnique:     func(err error) bool { return isCode(err, uniqueViolation) },
	IsForeignKey: func(err error) bool { return isCode(err, foreignKeyViolation) },
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
