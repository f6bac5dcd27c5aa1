package server

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gdprdocs/gdprdocs/catalog"
	"github.com/gdprdocs/gdprdocs/store"
)

// ActionRender is the audit action of a document rendered from a stored case.
const ActionRender = "document.render"

// storedDocument is GET /v1/cases/{case}/documents/{doc}?revision=&… : the document
// rendered from a revision of a stored case (default the current one), with the
// parameters and errors of POST /v1/documents/{id}. Its ETag is the revision and every
// parameter of the render, so that If-None-Match spares a render that would make the
// same document; without ?now= the server's clock is a parameter too.
//
// Every render is one audit entry, its result "ok" or the status of its problem; a
// render whose entry cannot be written is not answered.
func (s *Server) storedDocument(c echo.Context) error {
	req, err := s.renderParams(c, c.Param("doc"))
	if err != nil {
		return err
	}
	n := store.Current
	if v := c.QueryParam("revision"); v != "" {
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			return badParameter("invalid_revision", nil)
		}
	}
	rev, err := s.revision(c, n)
	if err != nil {
		return err
	}
	tag := documentTag(rev.N, req)
	c.Response().Header().Set("ETag", tag)
	c.Response().Header().Set("Cache-Control", "private, no-cache")
	if noneMatch(c.Request().Header.Get("If-None-Match"), tag) {
		return c.NoContent(http.StatusNotModified)
	}
	out, err := s.render(c, req, rev.Data)
	result := store.ResultOK
	if err != nil {
		en, _ := s.svc.Locale("en")
		p, _ := s.problemFor(err, en)
		result = strconv.Itoa(p.Status)
	}
	k := apiKey(c)
	if _, aerr := s.store.AppendAudit(c.Request().Context(), k.Workspace, store.AuditEntry{Key: k.ID,
		Action: ActionRender, Case: rev.Case, Revision: rev.N, RequestID: requestID(c), Result: result}); aerr != nil {
		return aerr
	}
	if err != nil {
		return err
	}
	return sendDocument(c, out, req.Lang)
}

// documentTag is the weak entity tag of the document req makes of revision n: weak,
// since two renders are the same document but need not be the same bytes.
func documentTag(n int, req catalog.Request) string {
	h := sha256.New()
	for _, v := range []string{req.Doc, req.Lang, string(req.Format), req.Breach, req.Review, req.Audience,
		req.Now.UTC().Format(time.RFC3339Nano), strconv.FormatBool(req.Fragment), strconv.FormatBool(req.Strict), req.Annexes} {
		h.Write([]byte(v))
		h.Write([]byte{0})
	}
	return `W/"` + strconv.Itoa(n) + "-" + hex.EncodeToString(h.Sum(nil)[:12]) + `"`
}

// noneMatch reports whether an If-None-Match header names tag, comparing weakly.
func noneMatch(header, tag string) bool {
	if strings.TrimSpace(header) == "*" {
		return true
	}
	for _, t := range strings.Split(header, ",") {
		if strings.TrimPrefix(strings.TrimSpace(t), "W/") == strings.TrimPrefix(tag, "W/") {
			return true
		}
	}
	return false
}
