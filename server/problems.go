package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/text/language"

	"github.com/gdprdocs/gdprdocs/catalog"
)

var errPanic = errors.New("server: handler panicked")

// errNotJSON is a POST whose Content-Type is not JSON.
var errNotJSON = &apiError{status: http.StatusUnsupportedMediaType, title: "unsupported_media_type", code: "not_json"}

// errBodyTimeout is a body that did not arrive within the server's read timeout.
var errBodyTimeout = &apiError{status: http.StatusRequestTimeout, title: "request_timeout", code: "body_timeout"}

// errClientGone is a request its client broke off: the body stopped short, or the
// connection closed while the request waited or computed (the request's context was
// cancelled). It is answered, for the log, with statusClientClosed and no body.
var errClientGone = errors.New("server: the client closed the request")

// statusClientClosed is nginx's status for a request whose client went away before the
// answer; no client reads it, the log does.
const statusClientClosed = 499

// problem is an RFC 9457 problem document. Code names the problem for programs; Title
// and Detail are for people, in the request's language; Errors lists the JSON paths of
// an invalid case's first problems, and Count says how many it has.
type problem struct {
	Type     string                `json:"type"`
	Title    string                `json:"title"`
	Status   int                   `json:"status"`
	Detail   string                `json:"detail,omitempty"`
	Instance string                `json:"instance,omitempty"`
	Code     string                `json:"code"`
	Errors   []catalog.ProblemItem `json:"errors,omitempty"`
	Count    int                   `json:"count,omitempty"`
}

// apiError is an error a handler answers with directly.
type apiError struct {
	status int
	title  string // locale key under "problem."
	code   string // locale key under "error."
	args   map[string]any
}

func (e *apiError) Error() string { return "server: " + e.code }

func badParameter(code string, args map[string]any) *apiError {
	return &apiError{status: http.StatusBadRequest, title: "bad_parameter", code: code, args: args}
}

// handleError answers every error as a problem document in the request's language, but
// for a client that has gone. Internal details go to the log, never to the client.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	if errors.Is(err, errClientGone) || errors.Is(err, context.Canceled) {
		// Only the client's leaving cancels a request's context before it is answered.
		_ = c.NoContent(statusClientClosed)
		return
	}
	if errors.Is(err, errQueueFull) {
		// Not cut short by the request's context: a body that did not come in time
		// cancels it too.
		time.Sleep(s.cfg.RefusalDelay)
	}
	loc := s.locale(c)
	p, retry := s.problemFor(err, loc)
	if p.Status >= 500 && p.Code == "internal" {
		s.log.Error("render failed", "request_id", requestID(c), "error", err.Error())
	}
	p.Instance = requestID(c)
	if retry {
		c.Response().Header().Set("Retry-After", "1")
	}
	c.Response().Header().Set("Content-Language", loc.Lang())
	body, _ := json.Marshal(p)
	_ = c.Blob(p.Status, "application/problem+json; charset=utf-8", body)
}

func (s *Server) problemFor(err error, loc *catalog.Locale) (p problem, retry bool) {
	mk := func(status int, title, code string, args map[string]any) problem {
		detail, _ := loc.Text("error."+code, args)
		return problem{Type: "about:blank", Title: loc.MustText("problem." + title), Status: status, Detail: detail, Code: code}
	}
	var (
		api      *apiError
		httpErr  *echo.HTTPError
		tooLarge *http.MaxBytesError
	)
	if e, ok := catalog.Explain(err, loc); ok {
		if a, ok := answers[e.Class]; ok {
			return problem{Type: "about:blank", Title: loc.MustText("problem." + a.title), Status: a.status,
				Detail: e.Message, Code: e.Code, Errors: e.Problems, Count: e.Count}, false
		}
	}
	switch {
	case errors.As(err, &api):
		return mk(api.status, api.title, api.code, api.args), false
	case errors.As(err, &tooLarge):
		return mk(http.StatusRequestEntityTooLarge, "too_large", "body_too_large", map[string]any{"Max": s.cfg.BodyLimit}), false
	case errors.Is(err, errQueueFull):
		return mk(http.StatusServiceUnavailable, "busy", "busy", nil), true
	case errors.Is(err, context.DeadlineExceeded):
		return mk(http.StatusServiceUnavailable, "timeout", "timeout", nil), true
	case errors.As(err, &httpErr) && httpErr.Code == http.StatusNotFound:
		return mk(http.StatusNotFound, "not_found", "not_found", nil), false
	case errors.As(err, &httpErr) && httpErr.Code == http.StatusMethodNotAllowed:
		return mk(http.StatusMethodNotAllowed, "method_not_allowed", "method_not_allowed", nil), false
	}
	return mk(http.StatusInternalServerError, "internal", "internal", nil), false
}

// answers is the HTTP status and problem title (a locale key under "problem.") of each
// class of request error. An error of a class missing here is answered as an internal
// one: a 500, logged.
var answers = map[catalog.Class]struct {
	status int
	title  string
}{
	catalog.Malformed:       {http.StatusBadRequest, "malformed"},
	catalog.Invalid:         {http.StatusUnprocessableEntity, "invalid"},
	catalog.UnknownDocument: {http.StatusNotFound, "unknown_document"},
	catalog.NotOffered:      {http.StatusNotAcceptable, "not_acceptable"},
	catalog.BadParameter:    {http.StatusBadRequest, "bad_parameter"},
}

// locale is the language of the request's messages: ?lang= when supported, else the
// best match of Accept-Language, else English.
func (s *Server) locale(c echo.Context) *catalog.Locale {
	if l, ok := s.svc.Locale(c.QueryParam("lang")); ok {
		return l
	}
	if l, ok := s.svc.Locale(s.acceptLanguage(c)); ok {
		return l
	}
	l, _ := s.svc.Locale("en")
	return l
}

func (s *Server) acceptLanguage(c echo.Context) string {
	header := c.Request().Header.Get("Accept-Language")
	if header == "" {
		return ""
	}
	tags, _, err := language.ParseAcceptLanguage(header)
	if err != nil {
		return ""
	}
	for _, t := range tags {
		base, _ := t.Base()
		if _, ok := s.svc.Locale(base.String()); ok {
			return base.String()
		}
	}
	return ""
}
