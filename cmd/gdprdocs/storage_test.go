package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStorageCommands runs the storage commands as an operator would: a workspace in
// the default database of the working directory, its key shown once, a backup that
// does not overwrite, an export imported into another database, and PostgreSQL
// backups sent to pg_dump.
func TestStorageCommands(t *testing.T) {
	dir := t.TempDir()
	in := func(args ...string) (string, string, int) {
		var out, errOut bytes.Buffer
		cmd := newCommand(dir, args, &out, &errOut)
		cmd.Env = append(os.Environ(), "GDPRDOCS_DATABASE=")
		err := cmd.Run()
		code := 0
		if err != nil {
			code = cmd.ProcessState.ExitCode()
		}
		return out.String(), errOut.String(), code
	}
	key, stderr, code := in("workspace", "create", "Advokatų kontora")
	if code != 0 || !strings.HasPrefix(key, "gdp_") || strings.Count(key, "\n") != 1 || !strings.Contains(stderr, "will not be shown again") {
		t.Fatalf("workspace create: exit %d, stdout %q, stderr %q", code, key, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "gdprdocs.db")); err != nil {
		t.Errorf("no gdprdocs.db in the working directory: %v", err)
	}
	if _, stderr, code := in("workspace", "create", "Advokatų kontora"); code != 1 || !strings.Contains(stderr, "exists already") {
		t.Errorf("a second workspace of the name: exit %d, %s", code, stderr)
	}
	list, _, code := in("workspace", "list")
	if code != 0 || !strings.HasPrefix(list, "ws_") || !strings.HasSuffix(list, "  Advokatų kontora\n") || strings.Contains(list, "gdp_") {
		t.Errorf("workspace list: exit %d, %q", code, list)
	}
	if out, _, code := in("migrate"); code != 0 || out != "gdprdocs.db: schema version 1, up to date\n" {
		t.Errorf("migrate: exit %d, %q", code, out)
	}
	if out, _, code := in("migrate", "--database", "fresh.db"); code != 0 || out != "fresh.db: schema version 1, migrated from 0\n" {
		t.Errorf("migrate of a new file: exit %d, %q", code, out)
	}

	if _, stderr, code := in("backup", "--out", "copy.db"); code != 0 {
		t.Fatalf("backup: exit %d, %s", code, stderr)
	}
	if list2, _, _ := in("workspace", "list", "--database", "copy.db"); list2 != list {
		t.Errorf("the backup lists %q, want %q", list2, list)
	}
	if _, stderr, code := in("backup", "--out", "copy.db"); code != 1 || !strings.Contains(stderr, "--force") {
		t.Errorf("backup over a file: exit %d, %s", code, stderr)
	}
	if _, stderr, code := in("backup", "--out", "copy.db", "--force"); code != 0 {
		t.Errorf("backup --force: exit %d, %s", code, stderr)
	}
	_, stderr, code = in("backup", "--out", "pg.dump", "--database", "postgres://gdprdocs:hunter2@db.internal/gdprdocs")
	if code != 2 || !strings.Contains(stderr, "pg_dump") || strings.Contains(stderr, "hunter2") {
		t.Errorf("backup of PostgreSQL: exit %d, %s", code, stderr)
	}

	if _, stderr, code := in("export", "--workspace", "Advokatų kontora", "--out", "ws.json"); code != 0 {
		t.Fatalf("export: exit %d, %s", code, stderr)
	}
	file, err := os.ReadFile(filepath.Join(dir, "ws.json"))
	if err != nil || !strings.Contains(string(file), `"format": "gdprdocs-workspace/1"`) || strings.Contains(string(file), strings.TrimSpace(key)) {
		t.Fatalf("export file: %v\n%s", err, file)
	}
	newKey, stderr, code := in("import", "--in", "ws.json", "--database", "moved.db")
	if code != 0 || !strings.HasPrefix(newKey, "gdp_") || newKey == key || !strings.Contains(stderr, "revoked") {
		t.Errorf("import: exit %d, %q, %s", code, newKey, stderr)
	}
	if moved, _, _ := in("workspace", "list", "--database", "moved.db"); moved != list {
		t.Errorf("the imported database lists %q, want %q", moved, list)
	}
	if _, stderr, code := in("import", "--in", "ws.json", "--database", "moved.db"); code != 1 || !strings.Contains(stderr, "nothing was imported") {
		t.Errorf("a second import: exit %d, %s", code, stderr)
	}
	if _, stderr, code := in("export", "--workspace", "Nobody", "--out", "x.json"); code != 1 || !strings.Contains(stderr, "workspace list") {
		t.Errorf("export of no workspace: exit %d, %s", code, stderr)
	}
	if _, stderr, code := in("workspace", "list", "--database", "missing.db"); code != 1 || !strings.Contains(stderr, "no database") {
		t.Errorf("list of a missing file: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); err == nil {
		t.Error("workspace list created the database it was to read")
	}
	for _, command := range []string{"migrate", "backup", "workspace"} {
		args := []string{command, "--database", "mysql://gdprdocs:s3cret@x/y"}
		switch command {
		case "backup":
			args = append(args, "--out", filepath.Join(dir, "b.db"))
		case "workspace":
			args = []string{"workspace", "list", "--database", "mysql://gdprdocs:s3cret@x/y"}
		}
		_, stderr, code := in(args...)
		if code != 2 || !strings.Contains(stderr, "names no database") || strings.Contains(stderr, "s3cret") {
			t.Errorf("%s of a mysql URL: exit %d, %s", command, code, stderr)
		}
	}
}
