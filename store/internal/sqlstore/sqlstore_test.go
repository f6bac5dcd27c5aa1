package sqlstore

import (
	"testing"
	"time"
)

func TestPlaceholders(t *testing.T) {
	query := "SELECT 1 FROM cases WHERE workspace = ? AND id < ? LIMIT ?"
	if got := (&Store{dialect: Dialect{}}).bind(query); got != query {
		t.Errorf("bind without Numbered = %q, want the query unchanged", got)
	}
	want := "SELECT 1 FROM cases WHERE workspace = $1 AND id < $2 LIMIT $3"
	if got := (&Store{dialect: Dialect{Numbered: true}}).bind(query); got != want {
		t.Errorf("bind with Numbered = %q, want %q", got, want)
	}
	literal := "SELECT 'why?', name FROM cases WHERE id = ? AND note <> '?''?'"
	if got, want := (&Store{dialect: Dialect{Numbered: true}}).bind(literal), "SELECT 'why?', name FROM cases WHERE id = $1 AND note <> '?''?'"; got != want {
		t.Errorf("bind of a query with literals = %q, want %q", got, want)
	}
}

func TestScanTime(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 30, 0, 123456000, time.UTC)
	zone := time.FixedZone("CET", 3600)
	for _, v := range []any{at.UnixMicro(), at.In(zone)} {
		var got time.Time
		if err := (scanTime{&got}).Scan(v); err != nil || !got.Equal(at) || got.Location() != time.UTC {
			t.Errorf("Scan(%T %v) = %v, %v; want %v in UTC", v, v, got, err, at)
		}
	}
	got := at
	if err := (scanTime{&got}).Scan(nil); err != nil || !got.IsZero() {
		t.Errorf("Scan(nil) = %v, %v; want the zero time", got, err)
	}
	if err := (scanTime{&got}).Scan("2026-03-01"); err == nil {
		t.Error("Scan(string) succeeded")
	}
}
