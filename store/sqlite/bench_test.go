package sqlite_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gdprdocs/gdprdocs/store"
	"github.com/gdprdocs/gdprdocs/store/sqlite"
)

func benchStore(b *testing.B) (*sqlite.Store, store.Case, []byte) {
	s, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	ws, _, err := s.CreateWorkspace(b.Context(), store.Actor{}, "bench")
	if err != nil {
		b.Fatal(err)
	}
	data := sampleCase(b)
	c, err := s.CreateCase(b.Context(), ws.ID, store.Actor{}, store.Draft{Name: "bench", Data: data})
	if err != nil {
		b.Fatal(err)
	}
	return s, c, data
}

// sampleCase is a realistic case: the clinic's, with its registers.
func sampleCase(b *testing.B) []byte {
	data, err := os.ReadFile("../../samples/lt-clinic.json")
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkPutCase is one acknowledged write: a new revision, synced to disk
// (synchronous=FULL), with its audit entry.
func BenchmarkPutCase(b *testing.B) {
	s, c, data := benchStore(b)
	b.SetBytes(int64(len(data)))
	n := c.Revision
	for b.Loop() {
		if _, err := s.PutCase(b.Context(), c.Workspace, store.Actor{}, c.ID, n, store.Draft{Data: data}); err != nil {
			b.Fatal(err)
		}
		n++
	}
}

// BenchmarkRevision reads a case's current revision with its data.
func BenchmarkRevision(b *testing.B) {
	s, c, data := benchStore(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := s.Revision(b.Context(), c.Workspace, c.ID, store.Current); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRevisionParallel reads from every core at once through the reader pool.
func BenchmarkRevisionParallel(b *testing.B) {
	s, c, _ := benchStore(b)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := s.Revision(b.Context(), c.Workspace, c.ID, store.Current); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
