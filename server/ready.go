package server

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// readyTimeout bounds all the readiness checks of one GET /readyz together: a
// load balancer's probe gives up after about a second.
const readyTimeout = time.Second

// errShuttingDown is the readiness of a server that has begun to shut down.
var errShuttingDown = errors.New("server: shutting down")

// readinessCheck is one condition of GET /readyz.
type readinessCheck struct {
	name  string
	check func(ctx context.Context) error
}

// AddReadinessCheck adds a condition to GET /readyz: check returns nil while what it
// watches, such as a database, can serve, and must return by its context's deadline.
// The server is ready when every check returns nil; a failing check is named in the
// answer and its error goes to the log, never to the client. Checks are added before
// the server serves and run one after another.
//
// Every server has the check "shutdown", which fails from the moment shutdown begins.
// Templates, fonts and locales need none: a server cannot be built without the
// catalog.Service that holds them, parsed.
func (s *Server) AddReadinessCheck(name string, check func(ctx context.Context) error) {
	s.checks = append(s.checks, readinessCheck{name: name, check: check})
}

// notShuttingDown is the readiness check "shutdown".
func (s *Server) notShuttingDown(context.Context) error {
	if s.shuttingDown.Load() {
		return errShuttingDown
	}
	return nil
}

// ready is GET /readyz: 200 {"status":"ready"} when every readiness check passes, else
// 503 {"status":"unavailable","failed":[names]}. It takes no render slot and reads no
// body, so a busy server is still ready: readiness says whether to send it requests,
// and turning a loaded server away from the pool would only load the others more.
func (s *Server) ready(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), readyTimeout)
	defer cancel()
	failed := []string{}
	for _, rc := range s.checks {
		if err := rc.check(ctx); err != nil {
			failed = append(failed, rc.name)
			s.log.Warn("not ready", requestIDKey, requestID(c), "check", rc.name, "error", err.Error())
		}
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	if len(failed) > 0 {
		return c.JSON(http.StatusServiceUnavailable, map[string]any{"status": "unavailable", "failed": failed})
	}
	return c.JSON(http.StatusOK, map[string]any{"status": "ready"})
}
