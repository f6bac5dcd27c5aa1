package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/gdprdocs/gdprdocs/store"
	"github.com/gdprdocs/gdprdocs/store/postgres"
	"github.com/gdprdocs/gdprdocs/store/storetest"
)

func TestContract(t *testing.T) {
	dsn := storetest.PostgreSQL(t)
	storetest.Run(t, func(t *testing.T) storetest.Opener {
		fresh := storetest.FreshSchema(t, dsn)
		return func(ctx context.Context) (store.Store, error) { return postgres.Open(ctx, fresh) }
	})
}

// TestMigrateTogether: nodes that start at once on a new database migrate it once,
// one after another, and all open it.
func TestMigrateTogether(t *testing.T) {
	dsn := storetest.FreshSchema(t, storetest.PostgreSQL(t))
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
