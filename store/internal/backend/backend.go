// Package backend is what the store's implementations share and must agree on: ids,
// key secrets and their hashes, cursors, times, and the checks of arguments. The SQL
// is in store/internal/sqlstore.
package backend

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/pressly/goose/v3"

	"github.com/gdprdocs/gdprdocs/store"
)

// Id prefixes say what an id names.
const (
	WorkspacePrefix = store.WorkspacePrefix
	KeyPrefix       = "key_"
	CasePrefix      = "case_"
)

// SecretPrefix starts every API key secret, so that secret scanners and people
// recognise one in a log or a repository.
const SecretPrefix = "gdp_"

// shownLen is how much of a secret Prefix keeps: the marker and 8 characters (40 of
// its 256 random bits), enough to tell keys apart and useless for guessing one.
const shownLen = len(SecretPrefix) + 8

// MaxNameLen is the longest name, in characters, of a workspace, key or case.
const MaxNameLen = store.MaxNameLen

// encoding is lowercase Crockford base32: its alphabet is in ASCII order, so ids
// that start with a time sort by time as strings.
var encoding = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)

// NewID returns a new id with the prefix: 48 bits of the time in milliseconds, then
// 80 random bits, 26 characters. Ids sort by the time they were made: strictly within
// a process, which adds one to the last id when the clock has not moved on, and across
// processes as far as their clocks agree. That gives lists a stable newest-first order.
func NewID(prefix string) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(time.Now().UnixMilli())<<16)
	rand.Read(b[6:])
	lastID.Lock()
	if bytes.Compare(b[:], lastID.b[:]) <= 0 {
		b = lastID.b
		for i := len(b) - 1; i >= 0; i-- {
			b[i]++
			if b[i] != 0 {
				break
			}
		}
	}
	lastID.b = b
	lastID.Unlock()
	return prefix + encoding.EncodeToString(b[:])
}

// lastID is the last id NewID made.
var lastID struct {
	sync.Mutex
	b [16]byte
}

// NewSecret returns a new API key secret, the prefix shown for it and its hash.
func NewSecret() (secret, shown string, hash []byte) {
	var b [32]byte
	rand.Read(b[:])
	secret = SecretPrefix + encoding.EncodeToString(b[:])
	return secret, secret[:shownLen], Hash(secret)
}

// Hash is the stored form of a secret: its SHA-256. A secret is 256 random bits, so
// a fast hash is enough: nobody can search that space, with or without a slow hash,
// whereas a slow one would cost every request its time. The same bits make the hash
// a safe lookup key, and the lookup by hash compares nothing in Go that a timing
// could reveal.
func Hash(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// Now is the time the store records: UTC, to the microsecond, the precision both
// databases keep, so a time reads back as it was written.
func Now() time.Time {
	return time.Now().UTC().Truncate(time.Microsecond)
}

// Limit returns the page size for a query's limit.
func Limit(n int) (int, error) {
	switch {
	case n < 0:
		return 0, fmt.Errorf("store: limit %d: %w", n, store.ErrInvalid)
	case n == 0:
		return store.DefaultLimit, nil
	case n > store.MaxLimit:
		return store.MaxLimit, nil
	}
	return n, nil
}

// Cursor returns the cursor of the page after the item with this key.
func Cursor(key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(key))
}

// ParseCursor returns the key of a cursor, "" for none.
func ParseCursor(c string) (string, error) {
	if c == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || !IsText(string(b), 64) {
		return "", fmt.Errorf("store: cursor %q: %w", c, store.ErrInvalid)
	}
	return string(b), nil
}

// ParseIntCursor is ParseCursor for a numeric key; ok is false for no cursor.
func ParseIntCursor(c string) (key int64, ok bool, err error) {
	s, err := ParseCursor(c)
	if err != nil || s == "" {
		return 0, false, err
	}
	key, err = strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, false, fmt.Errorf("store: cursor %q: %w", c, store.ErrInvalid)
	}
	return key, true, nil
}

// Fold is the form of a name that the name filter searches: lower case, so that a
// filter ignores case the same way in both databases.
func Fold(name string) string {
	return strings.ToLower(name)
}

// CheckName reports whether name is a usable name of a what.
func CheckName(what, name string) error {
	if strings.TrimSpace(name) == "" {
		return fmt.Errorf("store: %s name is empty: %w", what, store.ErrInvalid)
	}
	if !IsText(name, MaxNameLen) {
		return fmt.Errorf("store: %s name is not UTF-8 text of at most %d characters: %w", what, MaxNameLen, store.ErrInvalid)
	}
	return nil
}

// CheckDraft reports whether a write can store d; a create needs a name.
func CheckDraft(d store.Draft, create bool) error {
	if create || d.Name != "" {
		if err := CheckName("case", d.Name); err != nil {
			return err
		}
	}
	if !json.Valid(d.Data) {
		return fmt.Errorf("store: case data is not JSON: %w", store.ErrInvalid)
	}
	return nil
}

// CheckEntry reports whether an audit entry can be appended: it says what was done
// and how it ended, in short text.
func CheckEntry(e store.AuditEntry) error {
	if e.Action == "" || e.Result == "" {
		return fmt.Errorf("store: audit entry without action or result: %w", store.ErrInvalid)
	}
	for _, v := range []string{e.Key, e.Action, e.Case, e.Target, e.RequestID, e.Result} {
		if v != "" && !IsText(v, MaxNameLen) {
			return fmt.Errorf("store: audit entry field %q: not UTF-8 text of at most %d characters: %w", v, MaxNameLen, store.ErrInvalid)
		}
	}
	return nil
}

// CheckFilter reports whether a name filter is text a name can contain.
func CheckFilter(name string) error {
	if name != "" && !IsText(name, MaxNameLen) {
		return fmt.Errorf("store: name filter: %w", store.ErrInvalid)
	}
	return nil
}

// IsText reports whether s is 1 to max characters of UTF-8 without NUL, which both
// databases store as text.
func IsText(s string, max int) bool {
	return s != "" && utf8.ValidString(s) && utf8.RuneCountInString(s) <= max && !strings.ContainsRune(s, 0)
}

// IsID reports whether s can be an id the store made: lower-case letters, digits and
// underscores, at most 64. Anything else is not found without asking the database.
func IsID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// CheckExpected reports whether expected can be a revision a write expects.
func CheckExpected(expected int) error {
	if expected < 1 && expected != store.Any {
		return fmt.Errorf("store: expected revision %d: %w", expected, store.ErrInvalid)
	}
	return nil
}

// Matches reports whether a case at revision current satisfies expected.
func Matches(expected, current int) bool {
	return expected == store.Any || expected == current
}

// Conflict is the error of a write that expected another revision.
func Conflict(id string, expected, current int) error {
	return fmt.Errorf("store: case %s is at revision %d, not %d: %w", id, current, expected, store.ErrConflict)
}

// NotFound is the error of an id that is not there.
func NotFound(what, id string) error {
	return fmt.Errorf("store: %s %q: %w", what, id, store.ErrNotFound)
}

// Gone is the error of a deleted case.
func Gone(id string) error {
	return fmt.Errorf("store: case %s: %w", id, store.ErrGone)
}

// Migrate applies p's pending migrations; pkg names the implementation in errors.
// A database whose schema is newer than p knows is refused, not touched.
func Migrate(ctx context.Context, pkg string, p *goose.Provider) (store.Migration, error) {
	from, target, err := p.GetVersions(ctx)
	if err != nil {
		return store.Migration{}, fmt.Errorf("%s: schema version: %w", pkg, err)
	}
	if from > target {
		return store.Migration{From: from, To: from}, fmt.Errorf("%s: the database's schema version %d is newer than this program's %d: use a newer gdprdocs", pkg, from, target)
	}
	if _, err := p.Up(ctx); err != nil {
		return store.Migration{From: from}, fmt.Errorf("%s: migrate: %w", pkg, err)
	}
	to, err := p.GetDBVersion(ctx)
	if err != nil {
		return store.Migration{From: from}, fmt.Errorf("%s: schema version: %w", pkg, err)
	}
	return store.Migration{From: from, To: to}, nil
}

// CheckVersion reports whether the database p reads is at this program's schema
// version, for a command that reads and must change nothing: an older schema is
// migrated by gdprdocs migrate, a newer one read by a newer gdprdocs.
func CheckVersion(ctx context.Context, pkg string, p *goose.Provider) error {
	at, target, err := p.GetVersions(ctx)
	switch {
	case err != nil:
		return fmt.Errorf("%s: schema version: %w", pkg, err)
	case at < target:
		return fmt.Errorf("%s: the database's schema version %d is older than this program's %d: run gdprdocs migrate first", pkg, at, target)
	case at > target:
		return fmt.Errorf("%s: the database's schema version %d is newer than this program's %d: use a newer gdprdocs", pkg, at, target)
	}
	return nil
}

// Paginate makes a page of items fetched with a limit of limit+1: when there are more
// than limit, the rest is left for the page whose cursor is the last item's key.
func Paginate[T any](items []T, limit int, key func(T) string) store.Page[T] {
	if items == nil {
		items = []T{}
	}
	if len(items) <= limit {
		return store.Page[T]{Items: items}
	}
	items = items[:limit]
	return store.Page[T]{Items: items, Next: Cursor(key(items[limit-1]))}
}

// CheckArchive reports whether Restore can write a: every id an id, every name a
// name, every case whole and not deleted, its revisions numbered 1 to its revision
// with JSON data, every audit entry one AppendAudit would take, and no id twice. It
// returns a with its times in UTC to the microsecond, as the store keeps them.
func CheckArchive(a store.Archive) (store.Archive, error) {
	invalid := func(format string, args ...any) (store.Archive, error) {
		return store.Archive{}, fmt.Errorf("store: archive: "+format+": %w", append(args, store.ErrInvalid)...)
	}
	ws := a.Workspace
	if !IsID(ws.ID) || ws.Created.IsZero() {
		return invalid("workspace id %q or creation time missing or malformed", ws.ID)
	}
	if err := CheckName("workspace", ws.Name); err != nil {
		return store.Archive{}, err
	}
	out := store.Archive{Workspace: store.Workspace{ID: ws.ID, Name: ws.Name, Created: micro(ws.Created)}}
	seen := map[string]bool{ws.ID: true}
	once := func(id string) bool {
		ok := IsID(id) && !seen[id]
		seen[id] = true
		return ok
	}
	for _, k := range a.Keys {
		if !once(k.ID) || !k.Role.Valid() || !IsText(k.Prefix, MaxNameLen) || k.Created.IsZero() {
			return invalid("key %q: id, role, prefix or creation time missing, malformed or given twice", k.ID)
		}
		if err := CheckName("key", k.Name); err != nil {
			return store.Archive{}, err
		}
		k.Workspace, k.Created, k.Revoked = ws.ID, micro(k.Created), micro(k.Revoked)
		out.Keys = append(out.Keys, k)
	}
	for _, ac := range a.Cases {
		c := ac.Case
		if !once(c.ID) || c.Created.IsZero() || c.Updated.IsZero() || !c.Deleted.IsZero() {
			return invalid("case %q: id or times missing, malformed or given twice, or the case is deleted", c.ID)
		}
		if err := CheckName("case", c.Name); err != nil {
			return store.Archive{}, err
		}
		if c.Revision < 1 || len(ac.Revisions) != c.Revision {
			return invalid("case %s is at revision %d and has %d revisions", c.ID, c.Revision, len(ac.Revisions))
		}
		c.Workspace, c.Created, c.Updated = ws.ID, micro(c.Created), micro(c.Updated)
		revs := make([]store.Revision, len(ac.Revisions))
		for i, r := range ac.Revisions {
			if r.N != i+1 || r.Created.IsZero() || !json.Valid(r.Data) || r.Key != "" && !IsID(r.Key) {
				return invalid("case %s: revision %d of %d: number, time, key or data missing or malformed", c.ID, r.N, c.Revision)
			}
			revs[i] = store.Revision{Case: c.ID, N: r.N, Data: r.Data, Size: len(r.Data), Created: micro(r.Created), Key: r.Key}
		}
		out.Cases = append(out.Cases, store.ArchivedCase{Case: c, Revisions: revs})
	}
	for _, e := range a.Audit {
		if err := CheckEntry(e); err != nil {
			return store.Archive{}, err
		}
		if e.Time.IsZero() {
			return invalid("audit entry %d without a time", e.ID)
		}
		e.ID, e.Workspace, e.Time = 0, ws.ID, micro(e.Time)
		out.Audit = append(out.Audit, e)
	}
	return out, nil
}

// micro is t as the store keeps it: UTC, to the microsecond; the zero time stays zero.
func micro(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(time.Microsecond)
}
