// Package server is the HTTP API of gdprdocs, on Echo v4: the document catalogue, the
// case schema, rendering, breach assessment, the API's own OpenAPI document and reference
// page (both from the route table), and errors as RFC 9457 problem documents in the
// request's language. With a store (Config.Store) it also keeps cases: API keys by
// role (Bearer authentication), cases with every revision and optimistic concurrency
// (ETag, If-Match), JSON Patch, documents rendered from a stored case, key management
// and the audit log; a key sees only its own workspace. Every limit — body size, render time, concurrent renders and
// the queue in front of them — is set by Config; past a limit the client gets 413 or
// 503 with Retry-After, never a crash. Logs never contain case data. For the operator it
// answers /healthz (alive), /readyz (ready to render) and /metrics (Prometheus).
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gdprdocs/gdprdocs/catalog"
	"github.com/gdprdocs/gdprdocs/store"
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
	// RefusalDelay is how long a request refused because the queue is full waits for
	// its 503, default 50 ms; negative for none. A client that retries at once, without
	// the Retry-After it is told, then costs the server a few refusals a second rather
	// than thousands, which would take the CPU the renders need.
	RefusalDelay time.Duration
	// MetricsAddr, when set, is the address GET /metrics is served on instead of Addr,
	// so that the measurements can stay inside the operator's network.
	MetricsAddr string
	// ShutdownDelay is how long shutdown goes on serving, with GET /readyz answering
	// 503, before it stops accepting connections: time for a load balancer to stop
	// sending requests. Default 0.
	ShutdownDelay time.Duration

	// Now is the clock of a request without ?now=; default time.Now.
	Now func() time.Time

	// Store keeps workspaces, keys, cases and the audit log. Without one the routes
	// of stored cases, keys and the audit log answer 503 (code no_store) and the
	// stateless routes work as ever; with one, GET /readyz checks that it answers.
	Store store.Store
	// RequireKey makes the stateless routes that take a case (render, check, assess,
	// schedule) take an API key too, of any role.
	RequireKey bool
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
	if c.RefusalDelay < 0 {
		c.RefusalDelay = 0
	} else if c.RefusalDelay == 0 {
		c.RefusalDelay = 50 * time.Millisecond
	}
	if c.ShutdownTimeout <= 0 {
		c.ShutdownTimeout = 30 * time.Second
	}
	if c.ReadTimeout <= 0 {
		c.ReadTimeout = 60 * time.Second
	}
	if c.ShutdownDelay < 0 {
		c.ShutdownDelay = 0
	}
	return c
}

// Server is the API.
type Server struct {
	cfg     Config
	svc     *catalog.Service
	store   store.Store
	log     *slog.Logger
	echo    *echo.Echo
	renders *limiter
	flights flights
	metrics *metrics
	refused *refusals
	checks  []readinessCheck
	// shuttingDown is set when shutdown begins.
	shuttingDown atomic.Bool
	// now is the clock used when a request gives no ?now=.
	now func() time.Time
	// routes are what the server serves; ref is their reference.
	routes []route
	ref    *reference
}

// New builds the API over a rendering service.
func New(svc *catalog.Service, cfg Config, log *slog.Logger) *Server {
	cfg = cfg.withDefaults()
	s := &Server{
		cfg:     cfg,
		svc:     svc,
		store:   cfg.Store,
		log:     log,
		echo:    echo.New(),
		renders: newLimiter(cfg.MaxRenders, cfg.QueueLength),
		refused: newRefusals(log, refusalWindow),
		now:     time.Now,
	}
	s.metrics = newMetrics(s.renders, cfg)
	s.AddReadinessCheck("shutdown", s.notShuttingDown)
	if cfg.Store != nil {
		s.AddReadinessCheck("store", cfg.Store.Ping)
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

	s.routes = s.table()
	for _, r := range s.routes {
		e.Match(r.methods, r.path, r.handle, append(s.guard(r.doc.auth), r.use...)...)
		s.metrics.routes[r.path] = true
	}
	en, _ := svc.Locale("en")
	s.ref = newReference(s.routes, svc.Languages(), svc.CaseSchema(), en)
	return s
}

// table is the API's routes, each with its documentation: what a route reads and
// answers is said where it is registered. HEAD is served wherever GET is: net/http
// sends the headers and drops the body. Every POST takes a JSON case, in a request
// that says so.
func (s *Server) table() []route {
	get := []string{http.MethodGet, http.MethodHead}
	post := []string{http.MethodPost}
	json := []echo.MiddlewareFunc{requireJSON}
	render := []string{"lang", "Accept-Language", "format", "Accept", "breach", "review", "audience", "now", "fragment",
		"strict", "annexes"}
	// open is the key the stateless routes that take a case take: none, or any
	// with Config.RequireKey.
	var open store.Role
	if s.cfg.RequireKey {
		open = store.Viewer
	}
	var formats []string
	for _, d := range catalog.Documents {
		for _, f := range d.Formats {
			if mt := f.ContentType(); !slices.Contains(formats, mt) {
				formats = append(formats, mt)
			}
		}
	}
	return []route{
		{get, "/healthz", s.health, nil, operation{id: "health", summary: "Whether the server is up",
			ok: answer{description: "The server answers.", body: map[string]string{"status": "ok"}}}},
		{get, "/readyz", s.ready, nil, operation{id: "ready", summary: "Whether the server can render",
			description: "200 while every readiness check passes; 503 with the names of the failed checks once one fails, " +
				"and from the start of a shutdown. A busy server stays ready.",
			ok: answer{description: "The server is ready.", body: map[string]string{"status": "ready"}}}},
		{get, "/metrics", s.serveMetrics, nil, operation{id: "metrics", summary: "Metrics in the Prometheus text format",
			description: "Requests by route and status, render durations by document and format, the render queue and " +
				"rejections by reason, and the Go and process metrics. With --metrics-addr it is served there and " +
				"answers 404 here.",
			ok: answer{description: "The metrics.", media: []string{"text/plain"}}}},
		{get, "/v1/documents", s.listDocuments, nil, operation{id: "listDocuments", summary: "The document catalogue",
			description: "Every document the service renders: its id, its title in the request's language and in " +
				"every language, the formats it is offered in, the case sections it reads and the provision it answers to.",
			params: []string{"messageLang", "Accept-Language"},
			ok:     answer{description: "The catalogue.", body: documentList{}, headers: []string{"Content-Language"}}}},
		{get, "/v1/schema", s.schema, nil, operation{id: "caseSchema", summary: "The JSON Schema of a case",
			description: "The case format (JSON Schema 2020-12): every field described, every code with what it stands " +
				"for (x-enumDescriptions), and which fields take free text in several languages. The same schema is " +
				"the Case component of this document.",
			ok: answer{description: "The schema.", media: []string{"application/schema+json"}}}},
		{post, "/v1/documents/:id", s.renderDocument, json, operation{id: "renderDocument", summary: "Render a document",
			description: "Renders the document from the case in the language and format asked. What the document holds " +
				"that the case did not give is counted in Gdprdocs-Warnings; the check operation lists it.",
			params: render, takesCase: true, auth: open,
			ok: answer{description: "The document, as a file.", media: formats,
				headers: []string{"Content-Disposition", "Content-Language", warningsHeader}}}},
		{post, "/v1/documents/:id/check", s.checkDocument, json, operation{id: "checkDocument",
			summary:     "What a document would assume",
			description: "Renders the document as a render would and answers, instead of the file, each default and language fallback it holds, with its path in the case.",
			params:      render, takesCase: true,
			ok: answer{description: "The warnings of the document.", body: checkAnswer{},
				headers: []string{"Content-Language", warningsHeader}}}},
		{post, "/v1/breaches/assess", s.assess, json, operation{id: "assessBreach", summary: "Assess a breach",
			description: "The deadlines, lateness and obligations of a breach (Art. 33, 34), a severity suggestion, " +
				"the completeness of a notice to the authority and what must be fixed before it can be made.",
			params: []string{"lang", "Accept-Language", "breach", "now"}, takesCase: true, auth: open,
			ok: answer{description: "The assessment.", body: catalog.Assessment{}, headers: []string{"Content-Language"}}}},
		{post, "/v1/reviews/schedule", s.reviewSchedule, json, operation{id: "reviewSchedule", summary: "The review schedule",
			description: "When each kind of periodic review was last made and is next due, on the day of now.",
			params:      []string{"lang", "Accept-Language", "now"}, takesCase: true, auth: open,
			ok: answer{description: "The schedule.", body: catalog.Schedule{}, headers: []string{"Content-Language"}}}},
		{post, "/v1/cases", s.createCase, json, operation{id: "createCase", summary: "Store a case",
			description: "Stores the body, a case as a render takes it, as revision 1 of a new case of the key's workspace, " +
				"after checking it as the documents that read its sections would: an invalid case is refused with the " +
				"problems a render gives. The answer is the case's record; Location and ETag name it and its revision.",
			params: []string{"caseName", "lang", "Accept-Language"}, takesCase: true, auth: store.Editor,
			ok: answer{status: http.StatusCreated, description: "The case is stored.", body: caseInfo{},
				headers: []string{"Location", "ETag"}}}},
		{get, "/v1/cases", s.listCases, nil, operation{id: "listCases", summary: "The workspace's cases",
			description: "The cases of the key's workspace, newest first, a page at a time: pass next back as cursor.",
			params:      []string{"nameFilter", "cursor", "limit", "lang", "Accept-Language"}, auth: store.Viewer,
			ok: answer{description: "A page of cases.", body: caseList{}}}},
		{get, "/v1/cases/:case", s.getCase, nil, operation{id: "getCase", summary: "A stored case",
			description: "The case's current revision, exactly as written; ETag is its number, for the If-Match of a write.",
			params:      []string{"lang", "Accept-Language"}, auth: store.Viewer, fails: caseRecordProblems,
			ok: answer{description: "The case.", media: []string{echo.MIMEApplicationJSON}, headers: []string{"ETag"}}}},
		{[]string{http.MethodPut}, "/v1/cases/:case", s.putCase, json, operation{id: "putCase", summary: "Replace a stored case",
			description: "Stores the body as the case's next revision if If-Match names its current one. The case is " +
				"checked as a new case is.",
			params: []string{"If-Match", "rename", "lang", "Accept-Language"}, takesCase: true, auth: store.Editor,
			fails: caseRecordProblems,
			ok:    answer{description: "The new revision is stored.", body: caseInfo{}, headers: []string{"ETag"}}}},
		{[]string{http.MethodPatch}, "/v1/cases/:case", s.patchCase, []echo.MiddlewareFunc{requireJSONPatch},
			operation{id: "patchCase", summary: "Change a stored case",
				description: "Applies a JSON Patch to the case's current revision, which If-Match must name, and stores " +
					"the result, checked as a PUT's, as the next revision.",
				params: []string{"If-Match", "rename", "lang", "Accept-Language"}, takesPatch: true, auth: store.Editor,
				fails: caseRecordProblems,
				ok:    answer{description: "The new revision is stored.", body: caseInfo{}, headers: []string{"ETag"}}}},
		{[]string{http.MethodDelete}, "/v1/cases/:case", s.deleteCase, nil, operation{id: "deleteCase", summary: "Erase a stored case",
			description: "Erases the case's name and every revision if If-Match names its current one: the case holds " +
				"personal data. Its id answers 410 from then on; the audit log keeps its entries, which hold no case data.",
			params: []string{"If-Match", "lang", "Accept-Language"}, auth: store.Editor, fails: caseRecordProblems,
			ok: answer{description: "The case is erased; its remaining record.", body: caseInfo{}}}},
		{get, "/v1/cases/:case/revisions", s.listRevisions, nil, operation{id: "listRevisions", summary: "A case's revisions",
			description: "Every revision of the case, newest first, without its data, a page at a time.",
			params:      []string{"cursor", "limit", "lang", "Accept-Language"}, auth: store.Viewer, fails: caseRecordProblems,
			ok: answer{description: "A page of revisions.", body: revisionList{}}}},
		{get, "/v1/cases/:case/revisions/:n", s.getRevision, nil, operation{id: "getRevision", summary: "A revision of a case",
			description: "Revision n of the case, exactly as written.",
			params:      []string{"lang", "Accept-Language"}, auth: store.Viewer,
			fails: append([]problemResponse{{http.StatusNotFound, []string{"revision_not_found"}}}, caseRecordProblems...),
			ok:    answer{description: "The revision's case.", media: []string{echo.MIMEApplicationJSON}, headers: []string{"ETag"}}}},
		{get, "/v1/cases/:case/documents/:doc", s.storedDocument, nil, operation{id: "renderStoredDocument",
			summary: "Render a document from a stored case",
			description: "Renders the document from a revision of the case (default its current one) with the parameters " +
				"and problems of POST /v1/documents/{id}. ETag stands for the revision and every parameter, the server's " +
				"clock among them when now is not given: with If-None-Match, a render that would make the same document " +
				"answers 304. Each render is an entry of the audit log.",
			params: append([]string{"revision", "If-None-Match"}, render...), auth: store.Viewer,
			fails: append([]problemResponse{{http.StatusNotFound, []string{"revision_not_found"}},
				{http.StatusUnprocessableEntity, []string{"invalid_case", "too_many_problems"}},
				{http.StatusServiceUnavailable, []string{"busy", "timeout"}}}, caseRecordProblems...),
			ok: answer{description: "The document, as a file.", media: formats,
				headers: []string{"Content-Disposition", "Content-Language", warningsHeader, "ETag"}}}},
		{get, "/v1/audit", s.audit, nil, operation{id: "audit", summary: "The workspace's audit log",
			description: "Who did what to which case, newest first, a page at a time: every accepted write (by the " +
				"store, in the write's transaction) and every document rendered from a stored case, with the key, the " +
				"revision, the request id and the result — never case data. Owners only.",
			params: []string{"auditCase", "from", "to", "cursor", "limit", "lang", "Accept-Language"}, auth: store.Owner,
			ok: answer{description: "A page of the audit log.", body: auditList{}}}},
		{get, "/v1/keys", s.listKeys, nil, operation{id: "listKeys", summary: "The workspace's API keys",
			description: "Every key of the workspace, revoked ones included, oldest first: its id, name, role, the first " +
				"characters of its secret and its times — never the secret, which is not kept. Owners only.",
			params: []string{"lang", "Accept-Language"}, auth: store.Owner,
			ok: answer{description: "The keys.", body: keyList{}}}},
		{post, "/v1/keys", s.createKey, json, operation{id: "createKey", summary: "Create an API key",
			description: "A new key of the workspace with a name and a role (owner, editor or viewer). The answer holds " +
				"its secret, shown this once. Owners only.",
			params: []string{"lang", "Accept-Language"}, auth: store.Owner, takesJSON: keyRequest{},
			fails: []problemResponse{{http.StatusBadRequest, []string{"invalid_key_request"}},
				{http.StatusUnsupportedMediaType, []string{"not_json"}},
				{http.StatusRequestEntityTooLarge, []string{"body_too_large"}}},
			ok: answer{status: http.StatusCreated, description: "The key and its secret.", body: issuedKey{}}}},
		{[]string{http.MethodDelete}, "/v1/keys/:key", s.revokeKey, nil, operation{id: "revokeKey", summary: "Revoke an API key",
			description: "Revokes the key: it is refused from then on. The workspace's last valid owner key is not " +
				"revoked. Owners only.",
			params: []string{"lang", "Accept-Language"}, auth: store.Owner,
			fails: []problemResponse{{http.StatusNotFound, []string{"key_not_found"}},
				{http.StatusConflict, []string{"last_owner_key"}}},
			ok: answer{description: "The revoked key.", body: keyInfo{}}}},
		{get, "/v1/assets/gdprdocs.css", s.stylesheet, nil, operation{id: "stylesheet", summary: "The documents' stylesheet",
			description: "The optional style for HTML fragments (fragment=true) embedded in another page.",
			ok:          answer{description: "The stylesheet.", media: []string{"text/css"}}}},
		{get, "/v1/openapi.json", s.openapi, nil, operation{id: "openapi", summary: "This document",
			description: "The OpenAPI 3.1 document of the API, built from the routes the server serves.",
			ok:          answer{description: "The OpenAPI document.", media: []string{echo.MIMEApplicationJSON}}}},
		{get, "/docs", s.docs, nil, operation{id: "docs", summary: "The API reference",
			description: "This document as a page to read: each operation, its parameters and their values, its " +
				"answers and problems, and every field and code of the case format.",
			ok: answer{description: "The reference page.", media: []string{"text/html"}}}},
	}
}

// Handler is the API as an http.Handler, for tests and for embedding.
func (s *Server) Handler() http.Handler { return s.echo }

// Run serves on the configured address until ctx is cancelled, then shuts down
// gracefully: it marks the server not ready, goes on serving for Config.ShutdownDelay,
// stops accepting connections and waits for in-flight requests as long as
// Config.ShutdownTimeout allows. Past it, each request still running is logged as
// aborted, its context is cancelled and its connection closed, and Run returns nil:
// a shutdown that gave up on requests has still done what it was asked.
func (s *Server) Run(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return err
	}
	return s.Serve(ctx, ln)
}

// Serve is Run on a listener the caller opened. It opens Config.MetricsAddr itself,
// and closes ln when it cannot.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	if s.cfg.MetricsAddr == "" {
		return s.serve(ctx, ln, nil)
	}
	mln, err := net.Listen("tcp", s.cfg.MetricsAddr)
	if err != nil {
		ln.Close()
		return fmt.Errorf("server: metrics address: %w", err)
	}
	return s.serve(ctx, ln, mln)
}

// serve is Serve with the metrics listener, if any, open.
func (s *Server) serve(ctx context.Context, ln, metricsLn net.Listener) error {
	base, abort := context.WithCancel(context.Background())
	defer abort()
	defer s.refused.flush() // the refusals of the last window, before the process may end
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
	if metricsLn != nil {
		stop := s.serveMetricsOn(metricsLn)
		defer stop()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.shuttingDown.Store(true)
	if s.cfg.ShutdownDelay > 0 {
		s.log.Info("not ready, still serving", "delay", s.cfg.ShutdownDelay.String())
		select {
		case err := <-errc:
			return err
		case <-time.After(s.cfg.ShutdownDelay):
		}
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

// serveMetricsOn serves GET /metrics, and nothing else, on ln until stop is called,
// which closes ln and every connection at once: a scrape is not worth waiting for.
func (s *Server) serveMetricsOn(ln net.Listener) (stop func()) {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", s.metrics.handler)
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("metrics listener failed", "addr", ln.Addr().String(), "error", err.Error())
		}
	}()
	s.log.Info("serving metrics", "addr", ln.Addr().String())
	return func() {
		srv.Close()
		<-done
	}
}
