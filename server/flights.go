package server

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// flight is a request being served, with what its log line says about it. Exactly one
// line is logged for it: by logRequests when it is answered, or by abandon when shutdown
// gives up on it, whichever claims it first.
type flight struct {
	attrs  []slog.Attr // what the request asked, fixed when it was routed
	start  time.Time
	logged atomic.Bool
}

// claim reports whether the caller is the one to log the request.
func (f *flight) claim() bool { return f.logged.CompareAndSwap(false, true) }

// flights are the requests being served.
type flights struct {
	mu  sync.Mutex
	set map[*flight]struct{}
}

func (fs *flights) begin(attrs []slog.Attr) *flight {
	f := &flight{attrs: attrs, start: time.Now()}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.set == nil {
		fs.set = map[*flight]struct{}{}
	}
	fs.set[f] = struct{}{}
	return f
}

func (fs *flights) end(f *flight) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	delete(fs.set, f)
}

// statusAbandoned is the status logged for a request that shutdown gave up on; its
// connection is closed without an answer.
const statusAbandoned = http.StatusServiceUnavailable

// abandon logs, with statusAbandoned, every request still being served that no one has
// logged yet, and returns how many it logged.
func (s *Server) abandon() int {
	s.flights.mu.Lock()
	defer s.flights.mu.Unlock()
	n := 0
	for f := range s.flights.set {
		if !f.claim() {
			continue
		}
		attrs := append(f.attrs[:len(f.attrs):len(f.attrs)],
			slog.Int("status", statusAbandoned),
			slog.Duration("duration", time.Since(f.start)),
			slog.Bool("aborted", true))
		s.log.LogAttrs(context.Background(), slog.LevelWarn, "request", attrs...)
		n++
	}
	return n
}
