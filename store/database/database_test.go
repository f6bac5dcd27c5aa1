package database_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gdprdocs/gdprdocs/store"
	"github.com/gdprdocs/gdprdocs/store/database"
)

func TestKindOf(t *testing.T) {
	for _, tc := range []struct {
		dsn  string
		want database.Kind
		err  error
	}{
		{"gdprdocs.db", database.SQLite, nil},
		{"/var/lib/gdprdocs/data.db", database.SQLite, nil},
		{"./relative/dir/x.sqlite", database.SQLite, nil},
		{"postgres://app@db.internal:5432/gdprdocs?sslmode=require", database.PostgreSQL, nil},
		{"postgresql://app@db/gdprdocs", database.PostgreSQL, nil},
		{"", "", store.ErrInvalid},
		{"mysql://root@localhost/gdprdocs", "", store.ErrInvalid},
		{"sqlite://gdprdocs.db", "", store.ErrInvalid},
	} {
		got, err := database.KindOf(tc.dsn)
		if got != tc.want || !errors.Is(err, tc.err) || (tc.err == nil) != (err == nil) {
			t.Errorf("KindOf(%q) = %q, %v; want %q, %v", tc.dsn, got, err, tc.want, tc.err)
		}
	}
}

// TestOpenSQLite opens a path as a SQLite file, migrated: the file exists and works.
func TestOpenSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gdprdocs.db")
	m, err := database.Migrate(t.Context(), path)
	if err != nil || m.To < 1 {
		t.Fatalf("Migrate(%s) = %+v, %v", path, m, err)
	}
	s, err := database.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("no SQLite file: %v", err)
	}
	if _, _, err := s.CreateWorkspace(t.Context(), store.Actor{}, "x"); err != nil {
		t.Errorf("CreateWorkspace: %v", err)
	}
	if _, err := database.Open(t.Context(), "mysql://x"); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("Open(mysql://x): %v, want ErrInvalid", err)
	}
}

// A reading command opens a database as it is: one of an older schema is refused, not
// migrated under servers that may still run the older program, and one at this
// program's version opens.
func TestOpenExistingChangesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil { // an empty file: schema version 0
		t.Fatal(err)
	}
	if _, err := database.OpenExisting(t.Context(), path); err == nil || !strings.Contains(err.Error(), "gdprdocs migrate") {
		t.Fatalf("OpenExisting(unmigrated) = %v; want a refusal that says to migrate", err)
	}
	m, err := database.Migrate(t.Context(), path)
	if err != nil || m.From != 0 || m.To < 1 {
		t.Fatalf("Migrate after OpenExisting = %+v, %v; want a migration from 0: OpenExisting migrated", m, err)
	}
	s, err := database.OpenExisting(t.Context(), path)
	if err != nil {
		t.Fatalf("OpenExisting(current) = %v", err)
	}
	s.Close()
}
