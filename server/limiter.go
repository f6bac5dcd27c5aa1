package server

import (
	"context"
	"errors"
	"sync/atomic"
)

var errQueueFull = errors.New("server: render queue full")

// limiter bounds the renders running at once and the requests waiting for one. A
// request that finds the queue full is refused without joining it; one that waits
// longer than its context allows gives up.
type limiter struct {
	slots   chan struct{}
	waiting atomic.Int64
	queue   int64
}

func newLimiter(running, queue int) *limiter {
	return &limiter{slots: make(chan struct{}, running), queue: int64(queue)}
}

// acquire takes a render slot; release must follow a nil error.
func (l *limiter) acquire(ctx context.Context) error {
	select {
	case l.slots <- struct{}{}:
		return nil
	default:
	}
	if l.waiting.Add(1) > l.queue {
		l.waiting.Add(-1)
		return errQueueFull
	}
	defer l.waiting.Add(-1)
	select {
	case l.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (l *limiter) release() { <-l.slots }

// full reports whether a request arriving now would find every slot taken and the
// queue full. It is a look, not a claim: a request it lets through may still be refused
// by acquire, and one it refuses could have squeezed in a moment later; it only spares
// the server reading the body of a request it would refuse anyway.
func (l *limiter) full() bool {
	return len(l.slots) == cap(l.slots) && l.waiting.Load() >= l.queue
}

// running is how many renders hold a slot.
func (l *limiter) running() int { return len(l.slots) }

// queued is how many requests wait for a slot.
func (l *limiter) queued() int { return int(l.waiting.Load()) }
