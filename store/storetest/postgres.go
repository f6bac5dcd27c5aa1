package storetest

import (
	"context"
	"crypto/rand"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// defaultDSN is the PostgreSQL of the development machines and CI.
const defaultDSN = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// PostgreSQL returns the DSN of the PostgreSQL to test against: GDPRDOCS_TEST_POSTGRES,
// else defaultDSN. When it does not answer, the test is skipped, saying so, unless
// GDPRDOCS_REQUIRE_POSTGRES=1, as in CI, where it fails.
func PostgreSQL(t *testing.T) string {
	t.Helper()
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
	t.Skipf("the PostgreSQL half of %s was NOT run: %s does not answer (%v); set GDPRDOCS_TEST_POSTGRES to a database URL", t.Name(), redact(dsn), err)
	return ""
}

func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "the database URL"
	}
	return u.Redacted()
}

// FreshSchema creates a schema of its own for one test, dropped when the test ends,
// and returns dsn with it as the search path.
func FreshSchema(t *testing.T, dsn string) string {
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
