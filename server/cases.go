package server

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	jsonpatch "github.com/evanphx/json-patch/v5"
	"github.com/labstack/echo/v4"

	"github.com/gdprdocs/gdprdocs/store"
)

// The problems of stored cases, besides a case's own.
var (
	errCaseNotFound   = &apiError{status: http.StatusNotFound, title: "not_found", code: "case_not_found"}
	errCaseGone       = &apiError{status: http.StatusGone, title: "gone", code: "case_gone"}
	errRevisionAbsent = &apiError{status: http.StatusNotFound, title: "not_found", code: "revision_not_found"}
	errIfMatch        = &apiError{status: http.StatusPreconditionRequired, title: "precondition_required", code: "if_match_required"}
	errStale          = &apiError{status: http.StatusPreconditionFailed, title: "precondition_failed", code: "stale_revision"}
	errNameRequired   = &apiError{status: http.StatusBadRequest, title: "bad_parameter", code: "name_required"}
	errBadValue       = &apiError{status: http.StatusBadRequest, title: "bad_parameter", code: "invalid_value"}
	errNotPatch       = &apiError{status: http.StatusUnsupportedMediaType, title: "unsupported_media_type", code: "not_json_patch"}
	errBadPatch       = &apiError{status: http.StatusBadRequest, title: "malformed", code: "invalid_patch"}
	errPatchFailed    = &apiError{status: http.StatusConflict, title: "conflict", code: "patch_not_applicable"}
)

// caseInfo is a stored case as the API shows it: its record, never its data.
type caseInfo struct {
	ID       string     `json:"id"`
	Name     string     `json:"name,omitempty"`
	Revision int        `json:"revision"`
	Created  time.Time  `json:"created"`
	Updated  time.Time  `json:"updated"`
	Deleted  *time.Time `json:"deleted,omitempty"`
}

func infoOf(stored store.Case) caseInfo {
	i := caseInfo{ID: stored.ID, Name: stored.Name, Revision: stored.Revision, Created: stored.Created, Updated: stored.Updated}
	if !stored.Deleted.IsZero() {
		i.Deleted = &stored.Deleted
	}
	return i
}

// caseList is the answer of GET /v1/cases: a page, and the cursor of the next.
type caseList struct {
	Cases []caseInfo `json:"cases"`
	Next  string     `json:"next,omitempty"`
}

// revisionInfo is a revision's record, without its data.
type revisionInfo struct {
	Revision int       `json:"revision"`
	Size     int       `json:"size"`
	Created  time.Time `json:"created"`
	Key      string    `json:"key,omitempty"`
}

// revisionList is the answer of GET /v1/cases/{case}/revisions.
type revisionList struct {
	Revisions []revisionInfo `json:"revisions"`
	Next      string         `json:"next,omitempty"`
}

// caseError is a store error of a request about one case, as the client reads it. A
// case of another workspace is not found, like one that never was.
func caseError(err error) error {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return errCaseNotFound
	case errors.Is(err, store.ErrGone):
		return errCaseGone
	case errors.Is(err, store.ErrConflict):
		return errStale
	case errors.Is(err, store.ErrInvalid):
		return errBadValue
	}
	return err
}

// etag is the entity tag of a case's revision n.
func etag(n int) string { return `"` + strconv.Itoa(n) + `"` }

// expectedRevision reads If-Match, which every write of a case requires: "*" is any
// revision, "<n>" revision n. A missing header is a 428; one that names no revision
// matches none, a 412.
func expectedRevision(c echo.Context) (int, error) {
	v := strings.TrimSpace(c.Request().Header.Get("If-Match"))
	switch {
	case v == "":
		return 0, errIfMatch
	case v == "*":
		return store.Any, nil
	}
	n, err := strconv.Atoi(strings.Trim(v, `"`))
	if err != nil || n < 1 || v != etag(n) {
		return 0, errStale
	}
	return n, nil
}

// limitParam is ?limit=: absent is the store's default; anything but a whole number
// from 1 is a bad parameter.
func limitParam(c echo.Context) (int, error) {
	v := c.QueryParam("limit")
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, badParameter("invalid_limit", map[string]any{"Max": store.MaxLimit})
	}
	return n, nil
}

// validateCase checks a case before it is stored, with the decoder and checks of a
// render, in a render slot: its problems are a render's, with their paths.
func (s *Server) validateCase(c echo.Context, body []byte) error {
	return s.inSlot(c, func(ctx context.Context) error { return s.svc.CheckCase(ctx, body) })
}

// createCase is POST /v1/cases?name=: the body is the case, as a render takes it.
func (s *Server) createCase(c echo.Context) error {
	name := strings.TrimSpace(c.QueryParam("name"))
	if name == "" {
		return errNameRequired
	}
	body, err := s.readCase(c)
	if err != nil {
		return err
	}
	if err := s.validateCase(c, body); err != nil {
		return err
	}
	created, err := s.store.CreateCase(c.Request().Context(), apiKey(c).Workspace, actor(c), store.Draft{Name: name, Data: body})
	if err != nil {
		return caseError(err)
	}
	h := c.Response().Header()
	h.Set(echo.HeaderLocation, "/v1/cases/"+created.ID)
	h.Set("ETag", etag(created.Revision))
	return c.JSON(http.StatusCreated, infoOf(created))
}

// listCases is GET /v1/cases?name=&cursor=&limit=.
func (s *Server) listCases(c echo.Context) error {
	limit, err := limitParam(c)
	if err != nil {
		return err
	}
	page, err := s.store.Cases(c.Request().Context(), apiKey(c).Workspace,
		store.CaseQuery{Name: c.QueryParam("name"), Cursor: c.QueryParam("cursor"), Limit: limit})
	if err != nil {
		return caseError(err)
	}
	out := caseList{Cases: make([]caseInfo, len(page.Items)), Next: page.Next}
	for i, item := range page.Items {
		out.Cases[i] = infoOf(item)
	}
	return c.JSON(http.StatusOK, out)
}

// getCase is GET /v1/cases/{case}: the current revision's case, as written.
func (s *Server) getCase(c echo.Context) error {
	return s.serveRevision(c, store.Current)
}

// getRevision is GET /v1/cases/{case}/revisions/{n}.
func (s *Server) getRevision(c echo.Context) error {
	n, err := strconv.Atoi(c.Param("n"))
	if err != nil || n < 1 {
		return errRevisionAbsent
	}
	return s.serveRevision(c, n)
}

// serveRevision answers revision n of the request's case with its ETag.
func (s *Server) serveRevision(c echo.Context, n int) error {
	rev, err := s.revision(c, n)
	if err != nil {
		return err
	}
	c.Response().Header().Set("ETag", etag(rev.N))
	c.Response().Header().Set("Cache-Control", "private, no-cache")
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, rev.Data)
}

// revision is revision n of the request's case, or its current one for store.Current.
// A revision the case does not have is not found; so is a case of another workspace.
func (s *Server) revision(c echo.Context, n int) (store.Revision, error) {
	ws := apiKey(c).Workspace
	rev, err := s.store.Revision(c.Request().Context(), ws, c.Param("case"), n)
	if errors.Is(err, store.ErrNotFound) && n != store.Current {
		// Tell a missing revision from a missing case.
		if _, err := s.store.Case(c.Request().Context(), ws, c.Param("case")); err != nil {
			return rev, caseError(err)
		}
		return rev, errRevisionAbsent
	}
	if err != nil {
		return rev, caseError(err)
	}
	return rev, nil
}

// putCase is PUT /v1/cases/{case}?name=: the body replaces the case as its next
// revision, if If-Match names its current one.
func (s *Server) putCase(c echo.Context) error {
	expected, err := expectedRevision(c)
	if err != nil {
		return err
	}
	body, err := s.readCase(c)
	if err != nil {
		return err
	}
	if err := s.validateCase(c, body); err != nil {
		return err
	}
	return s.write(c, expected, body)
}

// write stores body as the request's case's next revision over expected.
func (s *Server) write(c echo.Context, expected int, body []byte) error {
	replaced, err := s.store.PutCase(c.Request().Context(), apiKey(c).Workspace, actor(c), c.Param("case"), expected,
		store.Draft{Name: strings.TrimSpace(c.QueryParam("name")), Data: body})
	if err != nil {
		return caseError(err)
	}
	c.Response().Header().Set("ETag", etag(replaced.Revision))
	return c.JSON(http.StatusOK, infoOf(replaced))
}

// patchCase is PATCH /v1/cases/{case} with a JSON Patch (RFC 6902): the patched case
// is validated like a PUT and written over the revision it was patched from.
func (s *Server) patchCase(c echo.Context) error {
	expected, err := expectedRevision(c)
	if err != nil {
		return err
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Response(), c.Request().Body, s.cfg.BodyLimit))
	if err != nil {
		return s.bodyError(err)
	}
	patch, err := jsonpatch.DecodePatch(body)
	if err != nil {
		return errBadPatch
	}
	rev, err := s.revision(c, store.Current)
	if err != nil {
		return err
	}
	if expected != store.Any && expected != rev.N {
		return errStale
	}
	opts := jsonpatch.NewApplyOptions()
	opts.SupportNegativeIndices = false
	opts.AccumulatedCopySizeLimit = s.cfg.BodyLimit
	patched, err := patch.ApplyWithOptions(rev.Data, opts)
	if err != nil {
		return errPatchFailed
	}
	if int64(len(patched)) > s.cfg.BodyLimit {
		return &http.MaxBytesError{Limit: s.cfg.BodyLimit}
	}
	if err := s.validateCase(c, patched); err != nil {
		return err
	}
	return s.write(c, rev.N, patched)
}

// requireJSONPatch refuses with 415 a PATCH whose body is not declared a JSON Patch.
func requireJSONPatch(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		mt, _, err := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
		if err != nil || mt != "application/json-patch+json" {
			return errNotPatch
		}
		return next(c)
	}
}

// deleteCase is DELETE /v1/cases/{case}: it erases the case's data and every revision
// if If-Match names its current one. The answer is the case's remaining record.
func (s *Server) deleteCase(c echo.Context) error {
	expected, err := expectedRevision(c)
	if err != nil {
		return err
	}
	deleted, err := s.store.DeleteCase(c.Request().Context(), apiKey(c).Workspace, actor(c), c.Param("case"), expected)
	if err != nil {
		return caseError(err)
	}
	return c.JSON(http.StatusOK, infoOf(deleted))
}

// listRevisions is GET /v1/cases/{case}/revisions?cursor=&limit=.
func (s *Server) listRevisions(c echo.Context) error {
	limit, err := limitParam(c)
	if err != nil {
		return err
	}
	page, err := s.store.Revisions(c.Request().Context(), apiKey(c).Workspace, c.Param("case"),
		store.RevisionQuery{Cursor: c.QueryParam("cursor"), Limit: limit})
	if err != nil {
		return caseError(err)
	}
	out := revisionList{Revisions: make([]revisionInfo, len(page.Items)), Next: page.Next}
	for i, r := range page.Items {
		out.Revisions[i] = revisionInfo{Revision: r.N, Size: r.Size, Created: r.Created, Key: r.Key}
	}
	return c.JSON(http.StatusOK, out)
}
