package sqlite_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/gdprdocs/gdprdocs/store"
	"github.com/gdprdocs/gdprdocs/store/sqlite"
	"github.com/gdprdocs/gdprdocs/store/storetest"
)

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Opener {
		path := filepath.Join(t.TempDir(), "gdprdocs.db")
		return func(ctx context.Context) (store.Store, error) { return sqlite.Open(ctx, path) }
	})
}

func TestMigrate(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "m.db")
	m, err := sqlite.Migrate(ctx, path)
	if err != nil || m.From != 0 || m.To < 1 {
		t.Fatalf("Migrate(new file) = %+v, %v", m, err)
	}
	again, err := sqlite.Migrate(ctx, path)
	if err != nil || again.From != m.To || again.To != m.To {
		t.Errorf("Migrate(migrated) = %+v, %v; want %d to %d", again, err, m.To, m.To)
	}
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("Open(migrated): %v", err)
	}
	s.Close()
}

func TestOpenRefusesPath(t *testing.T) {
	for _, path := range []string{"", "x.db?mode=ro", "x.db#frag"} {
		if _, err := sqlite.Open(t.Context(), path); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("Open(%q): %v, want ErrInvalid", path, err)
		}
	}
}

// TestSecretsAndErasedDataNotInFile reads the database's files: a key's secret is
// never stored, and a deleted case's data is overwritten, not left in free pages.
func TestSecretsAndErasedDataNotInFile(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	path := filepath.Join(dir, "gdprdocs.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ws, owner, err := s.CreateWorkspace(ctx, store.Actor{}, "Files")
	if err != nil {
		t.Fatal(err)
	}
	secret := []byte(owner.Secret)
	personal := []byte("Ona Onaitytė, asmens kodas 48901234567")
	c, err := s.CreateCase(ctx, ws.ID, store.Actor{}, store.Draft{Name: "Request", Data: []byte(`{"requester":"` + string(personal) + `"}`)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteCase(ctx, ws.ID, store.Actor{}, c.ID, 1); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(path + "*")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, secret) {
			t.Errorf("%s holds a key's secret", filepath.Base(f))
		}
		if bytes.Contains(b, personal) {
			t.Errorf("%s still holds a deleted case's data", filepath.Base(f))
		}
	}
	if len(files) == 0 {
		t.Fatal("no database file")
	}
}
