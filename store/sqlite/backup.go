package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the SQLite database at path to out, with
// VACUUM INTO, while servers may go on writing: the copy is the database as one read
// transaction sees it, compacted, without its WAL. It is written to a temporary file
// beside out, readable by its owner only, and put in place whole: out holds the whole
// copy or is untouched. An existing out is replaced only with replace, else the backup
// fails with fs.ErrExist. A path with no database is fs.ErrNotExist: Backup creates
// nothing there, and never migrates.
func Backup(ctx context.Context, path, out string, replace bool) (err error) {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("store/sqlite: backup: %w", err)
	}
	if !replace {
		if _, err := os.Lstat(out); err == nil {
			return fmt.Errorf("store/sqlite: backup: %s: %w", out, fs.ErrExist)
		}
	}
	db, err := openDB(path, pragmas, 1)
	if err != nil {
		return err
	}
	defer db.Close()
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*")
	if err != nil {
		return fmt.Errorf("store/sqlite: backup: %w", err)
	}
	tmp.Close() // VACUUM INTO writes into an empty file
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", tmp.Name()); err != nil {
		return fmt.Errorf("store/sqlite: backup: %w", err)
	}
	f, err := os.Open(tmp.Name())
	if err != nil {
		return fmt.Errorf("store/sqlite: backup: %w", err)
	}
	err = f.Sync()
	f.Close()
	if err != nil {
		return fmt.Errorf("store/sqlite: backup: %w", err)
	}
	if replace {
		err = os.Rename(tmp.Name(), out)
	} else if err = os.Link(tmp.Name(), out); err == nil { // fails, atomically, if out appeared meanwhile
		os.Remove(tmp.Name())
	}
	if err != nil {
		return fmt.Errorf("store/sqlite: backup: %w", err)
	}
	return syncDir(filepath.Dir(out))
}

// syncDir makes a rename or link in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("store/sqlite: backup: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("store/sqlite: backup: %w", err)
	}
	return nil
}
