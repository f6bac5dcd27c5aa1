package postgres_test

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/gdprdocs/gdprdocs/store"
	"github.com/gdprdocs/gdprdocs/store/postgres"
	"github.com/gdprdocs/gdprdocs/store/storetest"
)

// defaultDSN is the PostgreSQL of the development machines and CI.
const defaultDSN = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// database returns the DSN of the PostgreSQL to test against: GDPRDOCS_TEST_POSTGRES,
// else defaultDSN. When it does not answer, the test is skipped, saying so, unless
// GDPRDOCS_REQUIRE_POSTGRES=1, as in CI, where it fails.
func database(t *testing.T) string {
	dsn := os.Getenv("GDPRDOCS_TEST_POSTGRES")
	if dsn == "" {
		dsn = defaultDSN
	}
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err == nil {
		conn.Close(ctx)
		return dsn
	}
	if os.Getenv("GDPRDOCS_REQUIRE_POSTGRES") == "1" {
		t.Fatalf("PostgreSQL at %s is required (GDPRDOCS_REQUIRE_POSTGRES=1) and does not answer: %v", redact(dsn), err)
	}
	t.Skipf("the PostgreSQL half of the store contract was NOT run: %s does not answer (%v); set GDPRDOCS_TEST_POSTGRES to a database URL", redact(dsn), err)
	return ""
}

func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "the database URL"
	}
	return u.Redacted()
}

// freshSchema creates a schema of its own for one test, dropped when the test ends,
// and returns dsn with it as the search path.
func freshSchema(t *testing.T, dsn string) string {
	t.Helper()
	schema := "gdprdocs_test_" + strings.ToLower(rand.Text()[:12])
	exec := func(ctx context.Context, sql string) error {
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			return err
		}
		defer conn.Close(ctx)
		_, err = conn.Exec(ctx, sql)
		return err
	}
	if err := exec(t.Context(), "CREATE SCHEMA "+pgx.Identifier{schema}.Sanitize()); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if err := exec(context.Background(), "DROP SCHEMA "+pgx.Identifier{schema}.Sanitize()+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("GDPRDOCS_TEST_POSTGRES must be a postgres:// URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func TestContract(t *testing.T) {
	dsn := database(t)
	storetest.Run(t, func(t *testing.T) storetest.Opener {
		fresh := freshSchema(t, dsn)
		return func(ctx context.Context) (store.Store, error) { return postgres.Open(ctx, fresh) }
	})
}

// TestMigrateTogether: nodes that start at once on a new database migrate it once,
// one after another, and all open it.
func TestMigrateTogether(t *testing.T) {
	dsn := freshSchema(t, database(t))
	ctx := t.Context()
	const nodes = 4
	results := make(chan error, nodes)
	for range nodes {
		go func() {
			m, err := postgres.Migrate(ctx, dsn)
			if err == nil && m.To < 1 {
				err = fmt.Errorf("migrated to %d", m.To)
			}
			results <- err
		}()
	}
	for range nodes {
		if err := <-results; err != nil {
			t.Errorf("Migrate: %v", err)
		}
	}
	m, err := postgres.Migrate(ctx, dsn)
	if err != nil || m.From != m.To {
		t.Errorf("Migrate(migrated) = %+v, %v", m, err)
	}
}

func TestOpenRefusesURL(t *testing.T) {
	_, err := postgres.Open(t.Context(), "postgres://%zz")
	if err == nil {
		t.Fatal("Open of a malformed URL succeeded")
	}
	if !errors.Is(err, store.ErrInvalid) {
		t.Errorf("Open(malformed URL): %v, want ErrInvalid", err)
	}
}
