// Package server is the HTTP API of gdprdocs, on Echo v4: the document catalogue, the
// case schema, rendering, breach assessment, and errors as RFC 9457 problem documents in
// the request's language. Every limit — body size, render time, concurrent renders and
// the queue in front of them — is set by Config; past a limit the client gets 413 or
// 503 with Retry-After, never a crash. Logs never contain case data.
package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gdprdocs/gdprdocs/catalog"
)

// Config holds the server's limits. The zero value of a field means its default.
type Config struct {
	Addr            string        // listen address, default ":8080"
	BodyLimit       int64         // largest request body in bytes, default 10 MiB
	RenderTimeout   time.Duration // longest a render may take, default 30 s
	MaxRenders      int           // renders running at once, default 4
	QueueLength     int           // requests waiting for a render slot, default 64
	ShutdownTimeout time.Duration // how long shutdown waits for in-flight renders, default 30 s
	ReadTimeout     time.Duration // longest a client may take to send a request, default 60 s (408 past it)

	// Now is the clock of a request without ?now=; default time.Now.
	Now func() time.Time
}

func (c Config) withDefaults() Config {
	if c.Addr == "" {
		c.Addr = ":8080"
	}
	if c.BodyLimit <= 0 {
		c.BodyLimit = 10 << 20
	}
	if c.RenderTimeout <= 0 {
		c.RenderTimeout = 30 * time.Second
	}
	if c.MaxRenders <= 0 {
		c.MaxRenders = 4
	}
	if c.QueueLength < 0 {
		c.QueueLength = 0
	} else if c.QueueLength == 0 {
		c.QueueLength = 64
	}
	if c.ShutdownTimeout <= 0 {
		c.ShutdownTimeout = 30 * time.Second
	}
	if c.ReadTimeout <= 0 {
		c.ReadTimeout = 60 * time.Second
	}
	return c
}

// Server is the API.
type Server struct {
	cfg     Config
	svc     *catalog.Service
	log     *slog.Logger
	echo    *echo.Echo
	renders *limiter
	flights flights
	// now is the clock used when a request gives no ?now=.
	now func() time.Time
}

// New builds the API over a rendering service.
func New(svc *catalog.Service, cfg Config, log *slog.Logger) *Server {
	cfg = cfg.withDefaults()
	s := &Server{
		cfg:     cfg,
		svc:     svc,
		log:     log,
		echo:    echo.New(),
		renders: newLimiter(cfg.MaxRenders, cfg.QueueLength),
		now:     time.Now,
	}
	if cfg.Now != nil {
		s.now = cfg.Now
	}
	e := s.echo
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	e.Use(assignRequestID)
	e.Use(s.logRequests)
	e.Use(s.recoverPanics)

	// HEAD wherever GET: net/http sends the headers and drops the body. Every POST
	// takes a JSON case, in a request that says so.
	get := []string{http.MethodGet, http.MethodHead}
	post := []string{http.MethodPost}
	for _, r := range []struct {
		methods []string
		path    string
		handle  echo.HandlerFunc
		use     []echo.MiddlewareFunc
	}{
		{get, "/healthz", s.health, nil},
		{get, "/v1/documents", s.listDocuments, nil},
		{get, "/v1/schema", s.schema, nil},
		{post, "/v1/documents/:id", s.renderDocument, []echo.MiddlewareFunc{requireJSON}},
		{post, "/v1/documents/:id/check", s.checkDocument, []echo.MiddlewareFunc{requireJSON}},
		{post, "/v1/breaches/assess", s.assess, []echo.MiddlewareFunc{requireJSON}},
		{post, "/v1/reviews/schedule", s.reviewSchedule, []echo.MiddlewareFunc{requireJSON}},
		{get, "/v1/assets/gdprdocs.css", s.stylesheet, nil},
	} {
		e.Match(r.methods, r.path, r.handle, r.use...)
	}
	return s
}

// Handler is the API as an http.Handler, for tests and for embedding.
func (s *Server) Handler() http.Handler { return s.echo }

// Run serves on the configured address until ctx is cancelled, then shuts down
// gracefully: it stops accepting connections and waits for in-flight requests as long
// as Config.ShutdownTimeout allows. Past it, each request still running is logged as
// aborted, its context is cancelled and its connection closed, and Run returns nil:
// a shutdown that gave up on requests has still done what it was asked.
func (s *Server) Run(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return err
	}
	return s.Serve(ctx, ln)
}

// Serve is Run on a listener the caller opened.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	base, abort := context.WithCancel(context.Background())
	defer abort()
	srv := &http.Server{
		BaseContext:       func(net.Listener) context.Context { return base },
		Handler:           s.echo,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.RenderTimeout + 30*time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.log.Info("serving", "addr", ln.Addr().String(), "max_renders", s.cfg.MaxRenders,
		"queue", s.cfg.QueueLength, "body_limit", s.cfg.BodyLimit, "render_timeout", s.cfg.RenderTimeout.String())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "timeout", s.cfg.ShutdownTimeout.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	switch err := srv.Shutdown(shutdownCtx); {
	case errors.Is(err, context.DeadlineExceeded):
		s.log.Warn("shutdown timed out", "timeout", s.cfg.ShutdownTimeout.String(), "aborted", s.abandon())
		abort()
		if err := srv.Close(); err != nil {
			return err
		}
	case err != nil:
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
