package server

import (
	"crypto/rand"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gdprdocs/gdprdocs/catalog"
)

const (
	requestIDKey       = "request_id"
	clientRequestIDKey = "client_request_id"
	// maxClientRequestID is the longest X-Request-Id of a client that is logged.
	maxClientRequestID = 64
)

func requestID(c echo.Context) string {
	id, _ := c.Get(requestIDKey).(string)
	return id
}

// assignRequestID gives every request an id of ours, sent back in X-Request-Id and named
// in every log line and problem about the request. A client's own X-Request-Id is logged
// beside it as client_request_id when it is short and printable (at most
// maxClientRequestID visible ASCII characters), and is otherwise dropped; it is never
// sent back, so that no unchecked input reaches a response or the log.
func assignRequestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id := rand.Text()
		c.Set(requestIDKey, id)
		c.Response().Header().Set(echo.HeaderXRequestID, id)
		if v := c.Request().Header.Get(echo.HeaderXRequestID); validClientRequestID(v) {
			c.Set(clientRequestIDKey, v)
		}
		return next(c)
	}
}

func validClientRequestID(v string) bool {
	if v == "" || len(v) > maxClientRequestID {
		return false
	}
	for i := range len(v) {
		if v[i] < '!' || v[i] > '~' {
			return false
		}
	}
	return true
}

// logRequests logs one line per request, what was asked and how it went, and counts it
// in the metrics. Requests refused because the render queue was full are logged summed,
// by s.refused, not a line each. It never logs bodies or query values: cases are personal data. A
// request still running when shutdown gives up on it is logged by Server.abandon
// instead, once.
func (s *Server) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		attrs := []slog.Attr{
			slog.String(requestIDKey, requestID(c)),
			slog.String("method", c.Request().Method),
			slog.String("route", c.Path()),
			slog.String("document", loggedDocument(c)),
		}
		if id, ok := c.Get(clientRequestIDKey).(string); ok {
			attrs = append(attrs, slog.String(clientRequestIDKey, id))
		}
		f := s.flights.begin(attrs)
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		s.metrics.request(c, err)
		s.flights.end(f)
		if !f.claim() {
			return nil
		}
		if rejection(err) == rejectQueueFull {
			s.refused.add(rejectQueueFull)
			return nil
		}
		res := c.Response()
		level := slog.LevelInfo
		switch {
		case res.Status == http.StatusServiceUnavailable:
			level = slog.LevelWarn // overload or a render past its deadline: the limits at work
		case res.Status >= 500:
			level = slog.LevelError
		}
		attrs = append(attrs,
			slog.Int("status", res.Status),
			slog.Int64("bytes", res.Size),
			slog.Duration("duration", time.Since(f.start)),
		)
		s.log.LogAttrs(c.Request().Context(), level, "request", attrs...)
		return nil
	}
}

// loggedDocument is the document a request names, when the catalogue has it: the path
// segment is the client's and may be anything, of any length.
func loggedDocument(c echo.Context) string {
	id := c.Param("id")
	if id == "" {
		id = c.Param("doc")
	}
	if d, ok := catalog.Lookup(id); ok {
		return d.ID
	}
	return ""
}

// recoverPanics turns a panic in a handler into a logged internal error, so that one
// bad request never takes the process down.
func (s *Server) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				s.log.Error("panic", "request_id", requestID(c), "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				err = errPanic
			}
		}()
		return next(c)
	}
}

// requireJSON refuses with 415 a request whose body is not declared as JSON:
// application/json or an application/*+json type, with any parameters. A web page can
// make a browser post a form or text/plain to another site without asking it first, but
// not JSON, so this keeps cases from being posted cross-site.
func requireJSON(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		mt, _, err := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
		if err != nil || !(mt == echo.MIMEApplicationJSON || strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json")) {
			return errNotJSON
		}
		return next(c)
	}
}
