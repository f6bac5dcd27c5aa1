package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/gdprdocs/gdprdocs/catalog"
)

// Reasons a request is turned away at a limit, the values of the reason label of
// gdprdocs_http_rejections_total.
const (
	rejectQueueFull    = "queue_full"     // every slot taken and the queue full: 503 busy
	rejectTimeout      = "timeout"        // the render deadline passed, waiting or rendering: 503 timeout
	rejectClientGone   = "client_gone"    // the client hung up or its body broke off: 499
	rejectBodyTooLarge = "body_too_large" // past Config.BodyLimit: 413
	rejectBodyTimeout  = "body_timeout"   // the body did not arrive within Config.ReadTimeout: 408
)

// unmatchedRoute is the route label of a request that matched no route: the path is the
// client's and may be anything, so it never becomes a label.
const unmatchedRoute = "unmatched"

// metrics are the server's measurements, in a registry of its own so that several
// servers in one process, as in tests, do not collide. Every label value comes from a
// closed set — a route of the table, a status code, a catalogued document and format, a
// rejection reason — never from what a client typed.
type metrics struct {
	registry   *prometheus.Registry
	handler    http.Handler    // the registry in the Prometheus exposition formats
	routes     map[string]bool // the route patterns of the table
	requests   *prometheus.CounterVec
	renders    *prometheus.HistogramVec
	rejections *prometheus.CounterVec
}

func newMetrics(renders *limiter, cfg Config) *metrics {
	reg := prometheus.NewRegistry()
	m := &metrics{
		registry: reg,
		routes:   map[string]bool{},
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gdprdocs_http_requests_total",
			Help: "Requests answered, by route pattern, method and status code.",
		}, []string{"route", "method", "code"}),
		renders: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "gdprdocs_render_duration_seconds",
			Help:    "Time to render a document that was rendered, by document and format, excluding the wait for a slot.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"document", "format"}),
		rejections: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gdprdocs_http_rejections_total",
			Help: "Requests turned away at a limit, by reason.",
		}, []string{"reason"}),
	}
	for _, r := range []string{rejectQueueFull, rejectTimeout, rejectClientGone, rejectBodyTooLarge, rejectBodyTimeout} {
		m.rejections.WithLabelValues(r)
	}
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.requests, m.renders, m.rejections,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "gdprdocs_renders_in_flight",
			Help: "Requests holding a render slot: renders, checks, assessments and review schedules.",
		}, func() float64 { return float64(renders.running()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "gdprdocs_render_queue_depth",
			Help: "Requests waiting for a render slot.",
		}, func() float64 { return float64(renders.queued()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "gdprdocs_render_slots",
			Help: "Renders that may run at once (Config.MaxRenders).",
		}, func() float64 { return float64(cfg.MaxRenders) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "gdprdocs_render_queue_capacity",
			Help: "Requests that may wait for a render slot (Config.QueueLength).",
		}, func() float64 { return float64(cfg.QueueLength) }),
	)
	m.handler = promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg})
	return m
}

// request counts an answered request and, when err turned it away at a limit, the
// rejection.
func (m *metrics) request(c echo.Context, err error) {
	route := c.Path()
	if !m.routes[route] {
		route = unmatchedRoute
	}
	m.requests.WithLabelValues(route, methodLabel(c.Request().Method), strconv.Itoa(c.Response().Status)).Inc()
	if reason := rejection(err); reason != "" {
		m.rejections.WithLabelValues(reason).Inc()
	}
}

// render records the time a document took to render.
func (m *metrics) render(doc *catalog.Document, format catalog.Format, took time.Duration) {
	m.renders.WithLabelValues(doc.ID, string(format)).Observe(took.Seconds())
}

// rejection is the reason err turned its request away at a limit, or "" when it did not.
func rejection(err error) string {
	var tooLarge *http.MaxBytesError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, errBodyTimeout):
		return rejectBodyTimeout
	case errors.Is(err, errClientGone), errors.Is(err, context.Canceled):
		return rejectClientGone
	case errors.As(err, &tooLarge):
		return rejectBodyTooLarge
	case errors.Is(err, errQueueFull):
		return rejectQueueFull
	case errors.Is(err, context.DeadlineExceeded):
		return rejectTimeout
	}
	return ""
}

// methodLabel is the method of a request, or "other" for one no route of ours takes:
// the method is the client's to spell.
func methodLabel(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions:
		return method
	}
	return "other"
}

// serveMetrics is GET /metrics on the API's listener, unless Config.MetricsAddr moves
// it to a listener of its own.
func (s *Server) serveMetrics(c echo.Context) error {
	if s.cfg.MetricsAddr != "" {
		return echo.ErrNotFound
	}
	s.metrics.handler.ServeHTTP(c.Response(), c.Request())
	return nil
}
