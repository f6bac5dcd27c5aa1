package sqlite_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/gdprdocs/gdprdocs/store"
	"github.com/gdprdocs/gdprdocs/store/sqlite"
)

// TestBackupWhileWriting copies a database that a writer keeps writing to: the copy
// opens as a store, holds every case
// written before the backup began, and is its owner's only.
func TestBackupWhileWriting(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	path := filepath.Join(dir, "live.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ws, _, err := s.CreateWorkspace(ctx, store.Actor{}, "Live")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		if _, err := s.CreateCase(ctx, ws.ID, store.Actor{}, store.Draft{Name: fmt.Sprint("before ", i), Data: []byte(`{}`)}); err != nil {
			t.Fatal(err)
		}
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := s.CreateCase(ctx, ws.ID, store.Actor{}, store.Draft{Name: fmt.Sprint("during ", i), Data: []byte(`{}`)}); err != nil {
				t.Errorf("write during backup: %v", err)
				return
			}
		}
	})
	out := filepath.Join(dir, "copy.db")
	err = sqlite.Backup(ctx, path, out, false)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}
	if info, err := os.Stat(out); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("backup file: %v, %v; want mode 0600", info, err)
	}
	c, err := sqlite.Open(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	p, err := c.Cases(ctx, ws.ID, store.CaseQuery{Name: "before", Limit: 100})
	if err != nil || len(p.Items) != 20 {
		t.Errorf("cases in the copy: %d, %v; want 20", len(p.Items), err)
	}

	if err := sqlite.Backup(ctx, path, out, false); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Backup over an existing file: %v, want ErrExist", err)
	}
	if err := sqlite.Backup(ctx, path, out, true); err != nil {
		t.Errorf("Backup with replace: %v", err)
	}
	missing := filepath.Join(dir, "missing.db")
	if err := sqlite.Backup(ctx, missing, filepath.Join(dir, "x.db"), false); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Backup of no database: %v, want ErrNotExist", err)
	}
	if _, err := os.Stat(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Backup created the database it was to copy")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".copy.db.*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
