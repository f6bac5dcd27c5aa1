package server

import (
	"log/slog"
	"maps"
	"slices"
	"sync"
	"time"
)

// refusalWindow is how often the refusals of a busy server are logged, summed.
const refusalWindow = time.Second

// refusals logs requests refused because the render queue was full as one line per
// window and reason with their count, instead of a line each: under overload a line
// per refusal would spend on the log the time the renders need. The metrics still
// count every refusal.
type refusals struct {
	log    *slog.Logger
	window time.Duration

	mu      sync.Mutex
	counts  map[string]int
	pending bool // a summary is due at the end of the current window
}

func newRefusals(log *slog.Logger, window time.Duration) *refusals {
	return &refusals{log: log, window: window, counts: map[string]int{}}
}

// add counts a refusal for reason; the first of a window schedules its summary.
func (r *refusals) add(reason string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.counts[reason]++
	if !r.pending {
		r.pending = true
		time.AfterFunc(r.window, r.flush)
	}
}

// flush logs what the window counted, a WARN line per reason, and starts a new window.
func (r *refusals) flush() {
	r.mu.Lock()
	counts := r.counts
	r.counts, r.pending = map[string]int{}, false
	r.mu.Unlock()
	for _, reason := range slices.Sorted(maps.Keys(counts)) {
		r.log.Warn("requests refused", "reason", reason, "count", counts[reason], "window", r.window.String())
	}
}
