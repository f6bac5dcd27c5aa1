package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gdprdocs/gdprdocs/catalog"
)

func (s *Server) health(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// documentList is the answer of GET /v1/documents.
type documentList struct {
	Documents []documentEntry `json:"documents"`
}

// documentEntry is one document of GET /v1/documents.
type documentEntry struct {
	ID       string            `json:"id"`
	Title    string            `json:"title"`
	Titles   map[string]string `json:"titles"`
	Formats  []catalog.Format  `json:"formats"`
	Sections []string          `json:"sections"`
	Source   string            `json:"source"`
}

func (s *Server) listDocuments(c echo.Context) error {
	loc := s.locale(c)
	out := make([]documentEntry, 0, len(catalog.Documents))
	for _, d := range catalog.Documents {
		e := documentEntry{ID: d.ID, Title: loc.MustText("document." + d.ID + ".title"), Titles: map[string]string{},
			Formats: d.Formats, Sections: d.Sections, Source: d.Source}
		for _, lang := range s.svc.Languages() {
			l, _ := s.svc.Locale(lang)
			e.Titles[lang] = l.MustText("document." + d.ID + ".title")
		}
		out = append(out, e)
	}
	c.Response().Header().Set("Content-Language", loc.Lang())
	return c.JSON(http.StatusOK, documentList{Documents: out})
}

func (s *Server) schema(c echo.Context) error {
	return c.Blob(http.StatusOK, "application/schema+json", s.ref.caseSchema)
}

// stylesheet is the optional style for embedded fragments.
func (s *Server) stylesheet(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "public, max-age=86400")
	return c.Blob(http.StatusOK, "text/css; charset=utf-8", []byte(catalog.Stylesheet))
}

// renderDocument is POST /v1/documents/{id}?lang=&format=&breach=&review=&audience=&now=&fragment=&strict=&annexes=.
// The Gdprdocs-Warnings header counts what the document holds that the case did not give;
// POST /v1/documents/{id}/check lists them.
func (s *Server) renderDocument(c echo.Context) error {
	out, lang, err := s.renderRequest(c)
	if err != nil {
		return err
	}
	return sendDocument(c, out, lang)
}

// sendDocument answers a rendered document as a file.
func sendDocument(c echo.Context, out *catalog.Output, lang string) error {
	h := c.Response().Header()
	// The file name is ASCII-safe by construction (catalog.fileName).
	h.Set(echo.HeaderContentDisposition, `attachment; filename="`+out.FileName+`"`)
	h.Set("Content-Language", lang)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set(warningsHeader, strconv.Itoa(len(out.Warnings)))
	return c.Blob(http.StatusOK, out.ContentType, out.Body)
}

// warningsHeader counts the warnings of a rendered document.
const warningsHeader = "Gdprdocs-Warnings"

// checkDocument is POST /v1/documents/{id}/check, with the parameters of a render: it
// renders the document and answers, instead of the file, what the document holds that
// the case did not give — each default and language fallback with its path — so that a
// client can show them beside the download.
func (s *Server) checkDocument(c echo.Context) error {
	out, lang, err := s.renderRequest(c)
	if err != nil {
		return err
	}
	loc, _ := s.svc.Locale(lang)
	c.Response().Header().Set("Content-Language", lang)
	c.Response().Header().Set(warningsHeader, strconv.Itoa(len(out.Warnings)))
	return c.JSON(http.StatusOK, checkAnswer{Document: c.Param("id"), Lang: lang, Warnings: catalog.WarningItems(out.Warnings, loc)})
}

// checkAnswer is the answer of POST /v1/documents/{id}/check.
type checkAnswer struct {
	Document string                `json:"document"`
	Lang     string                `json:"lang"`
	Warnings []catalog.WarningItem `json:"warnings"`
}

// renderRequest reads a render's parameters and body and renders, in a render slot.
func (s *Server) renderRequest(c echo.Context) (*catalog.Output, string, error) {
	req, err := s.renderParams(c, c.Param("id"))
	if err != nil {
		return nil, "", err
	}
	body, err := s.readCase(c)
	if err != nil {
		return nil, "", err
	}
	out, err := s.render(c, req, body)
	return out, req.Lang, err
}

// renderParams reads the parameters of a render of document id.
func (s *Server) renderParams(c echo.Context, id string) (catalog.Request, error) {
	doc, ok := catalog.Lookup(id)
	if !ok {
		return catalog.Request{}, &catalog.UnknownDocumentError{ID: id}
	}
	lang, err := s.documentLanguage(c)
	if err != nil {
		return catalog.Request{}, err
	}
	format, err := negotiateFormat(c, doc)
	if err != nil {
		return catalog.Request{}, err
	}
	now, err := s.requestNow(c)
	if err != nil {
		return catalog.Request{}, err
	}
	fragment, err := boolParam(c, "fragment")
	if err != nil {
		return catalog.Request{}, err
	}
	strict, err := boolParam(c, "strict")
	if err != nil {
		return catalog.Request{}, err
	}
	return catalog.Request{
		Doc: doc.ID, Lang: lang, Format: format, Breach: c.QueryParam("breach"), Review: c.QueryParam("review"),
		Audience: c.QueryParam("audience"), Now: now, Fragment: fragment, Strict: strict, Annexes: c.QueryParam("annexes"),
	}, nil
}

// render renders req from a case, in a render slot.
func (s *Server) render(c echo.Context, req catalog.Request, body []byte) (*catalog.Output, error) {
	var out *catalog.Output
	err := s.inSlot(c, func(ctx context.Context) (err error) {
		start := time.Now()
		out, err = s.svc.Render(ctx, req, body)
		if err == nil {
			doc, _ := catalog.Lookup(req.Doc)
			s.metrics.render(doc, req.Format, time.Since(start))
		}
		return err
	})
	return out, err
}

// boolParam is a boolean query parameter: absent is false; anything but a boolean is a
// bad parameter, so that a typo never turns a strict render lax.
func boolParam(c echo.Context, name string) (bool, error) {
	v := c.QueryParam(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, badParameter("invalid_boolean", map[string]any{"Name": name})
	}
	return b, nil
}

// assess is POST /v1/breaches/assess?lang=&breach=&now=.
func (s *Server) assess(c echo.Context) error {
	return s.answer(c, func(ctx context.Context, lang string, now time.Time, body []byte) (any, error) {
		return s.svc.Assess(ctx, lang, c.QueryParam("breach"), now, body)
	})
}

// reviewSchedule is POST /v1/reviews/schedule?lang=&now=.
func (s *Server) reviewSchedule(c echo.Context) error {
	return s.answer(c, func(ctx context.Context, lang string, now time.Time, body []byte) (any, error) {
		return s.svc.ReviewSchedule(ctx, lang, now, body)
	})
}

// answer reads what every JSON-answering endpoint takes — the language, the
// reference time and the case body — and replies with what compute derives from them,
// computed in a render slot like a render: it parses the same case.
func (s *Server) answer(c echo.Context, compute func(ctx context.Context, lang string, now time.Time, body []byte) (any, error)) error {
	lang, err := s.documentLanguage(c)
	if err != nil {
		return err
	}
	now, err := s.requestNow(c)
	if err != nil {
		return err
	}
	body, err := s.readCase(c)
	if err != nil {
		return err
	}
	var v any
	err = s.inSlot(c, func(ctx context.Context) (err error) {
		v, err = compute(ctx, lang, now, body)
		return err
	})
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Language", lang)
	return c.JSON(http.StatusOK, v)
}

// documentLanguage is ?lang= (which must be supported), else the best match of
// Accept-Language, else English.
func (s *Server) documentLanguage(c echo.Context) (string, error) {
	if lang := c.QueryParam("lang"); lang != "" {
		if _, ok := s.svc.Locale(lang); !ok {
			return "", &catalog.UnknownLanguageError{Lang: lang, Allowed: s.svc.Languages()}
		}
		return lang, nil
	}
	if lang := s.acceptLanguage(c); lang != "" {
		return lang, nil
	}
	return "en", nil
}

// negotiateFormat is ?format=, else the media type of Accept the client prefers most
// (the highest q; the earlier of equals) among those the document is offered in, else
// the document's first format when Accept is absent. A type with q=0 is refused; type/*
// stands for the document's first format of that type, */* for its first.
func negotiateFormat(c echo.Context, doc *catalog.Document) (catalog.Format, error) {
	if f := c.QueryParam("format"); f != "" {
		if !doc.Offers(catalog.Format(f)) {
			return "", &catalog.FormatError{Doc: doc, Format: catalog.Format(f)}
		}
		return catalog.Format(f), nil
	}
	accept := c.Request().Header.Get(echo.HeaderAccept)
	if accept == "" {
		return doc.Formats[0], nil
	}
	type choice struct {
		format catalog.Format
		q      float64
	}
	var (
		best  *choice
		asked string
	)
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if v, err := strconv.ParseFloat(params["q"], 64); err == nil && v >= 0 && v <= 1 {
			q = v
		}
		if asked == "" {
			asked = mt
		}
		f, ok := offeredFor(doc, mt)
		if ok && q > 0 && (best == nil || q > best.q) {
			best = &choice{f, q}
		}
	}
	if best == nil {
		return "", &catalog.FormatError{Doc: doc, Format: catalog.Format(asked)}
	}
	return best.format, nil
}

// offeredFor is the format of doc that media type mt (which may be type/* or */*) stands
// for.
func offeredFor(doc *catalog.Document, mt string) (catalog.Format, bool) {
	if mt == "*/*" {
		return doc.Formats[0], true
	}
	if typ, ok := strings.CutSuffix(mt, "/*"); ok {
		for _, f := range doc.Formats {
			if strings.HasPrefix(f.ContentType(), typ+"/") {
				return f, true
			}
		}
		return "", false
	}
	f, ok := catalog.FormatForMediaType(mt)
	return f, ok && doc.Offers(f)
}

// requestNow is ?now= (RFC 3339, in the years catalog.FirstNowYear to LastNowYear),
// else the server's clock.
func (s *Server) requestNow(c echo.Context) (time.Time, error) {
	v := c.QueryParam("now")
	if v == "" {
		return s.now(), nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, badParameter("invalid_now", nil)
	}
	if !catalog.NowInRange(t) {
		return time.Time{}, badParameter("now_out_of_range", map[string]any{"From": catalog.FirstNowYear, "To": catalog.LastNowYear})
	}
	return t, nil
}

// readCase reads the request body up to the configured limit (a larger body is a 413)
// and refuses one that is not JSON, before the request may take a render slot: a slot
// is never held by a body that cannot be a case. A body that does not arrive within the
// server's read timeout is errBodyTimeout; one that breaks off is errClientGone.
//
// When the render queue is already full the request is refused with errQueueFull
// before its body is parsed or buffered (discardBody).
func (s *Server) readCase(c echo.Context) ([]byte, error) {
	if s.renders.full() {
		discardBody(c)
		return nil, errQueueFull
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Response(), c.Request().Body, s.cfg.BodyLimit))
	if err != nil {
		return nil, s.bodyError(err)
	}
	return body, catalog.CheckSyntax(body)
}

// A refused request's body is read and dropped when it is small and arrives at once, so
// that its connection serves the client's next request: a client told to retry
// would otherwise open a new connection for every attempt, which under overload costs
// the server more than the refusal. A body larger than discardLimit, or slower than
// discardWait, closes the connection after the answer instead; net/http would
// otherwise wait for it (up to 256 KiB, as long as the read timeout allows) before
// sending the 503.
const (
	discardLimit = 256 << 10
	discardWait  = 50 * time.Millisecond
)

// discardBody reads and drops what is left of a refused request's body, or marks its
// connection to close after the answer. A client that waits to be asked for its body
// (Expect: 100-continue) is not asked: reading would ask it.
func discardBody(c echo.Context) {
	r := c.Request()
	if r.ContentLength == 0 || r.Body == nil || r.Body == http.NoBody {
		return
	}
	rc := http.NewResponseController(c.Response())
	if r.ContentLength > discardLimit || r.Header.Get("Expect") != "" || rc.SetReadDeadline(time.Now().Add(discardWait)) != nil {
		c.Response().Header().Set(echo.HeaderConnection, "close")
		return
	}
	_, err := io.CopyN(io.Discard, r.Body, discardLimit+1)
	if err != io.EOF {
		c.Response().Header().Set(echo.HeaderConnection, "close")
		return
	}
	// The next request on the connection gets the server's own deadlines.
	_ = rc.SetReadDeadline(time.Time{})
}

// bodyError is the error of a body that could not be read: too large, too late, or
// broken off.
func (s *Server) bodyError(err error) error {
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return err
	case errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Errorf("%w: %w", errBodyTimeout, err)
	}
	return fmt.Errorf("%w: reading the body: %w", errClientGone, err)
}

// inSlot runs work in a render slot, under the render deadline, which work honours: a
// request waits for a slot no longer than the deadline, and one that finds the queue
// full is refused without joining it (answered after Config.RefusalDelay).
func (s *Server) inSlot(c echo.Context, work func(ctx context.Context) error) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), s.cfg.RenderTimeout)
	defer cancel()
	if err := s.renders.acquire(ctx); err != nil {
		return err
	}
	defer s.renders.release()
	return work(ctx)
}
