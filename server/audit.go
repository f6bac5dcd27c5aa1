package server

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gdprdocs/gdprdocs/store"
)

// auditEntry is an entry of the audit log as the API shows it: metadata, never case
// data.
type auditEntry struct {
	ID        int64     `json:"id"`
	Time      time.Time `json:"time"`
	Key       string    `json:"key,omitempty"`
	Action    string    `json:"action"`
	Case      string    `json:"case,omitempty"`
	Revision  int       `json:"revision,omitempty"`
	Target    string    `json:"target,omitempty"`
	RequestID string    `json:"request_id,omitempty"`
	Result    string    `json:"result"`
}

// auditList is the answer of GET /v1/audit.
type auditList struct {
	Entries []auditEntry `json:"entries"`
	Next    string       `json:"next,omitempty"`
}

// audit is GET /v1/audit?case=&from=&to=&cursor=&limit=: the workspace's audit log,
// newest first, the entries with from <= time < to.
func (s *Server) audit(c echo.Context) error {
	q := store.AuditQuery{Case: c.QueryParam("case"), Cursor: c.QueryParam("cursor")}
	var err error
	if q.Limit, err = limitParam(c); err != nil {
		return err
	}
	if q.Since, err = timeParam(c, "from"); err != nil {
		return err
	}
	if q.Until, err = timeParam(c, "to"); err != nil {
		return err
	}
	page, err := s.store.Audit(c.Request().Context(), apiKey(c).Workspace, q)
	if err != nil {
		return caseError(err)
	}
	out := auditList{Entries: make([]auditEntry, len(page.Items)), Next: page.Next}
	for i, e := range page.Items {
		out.Entries[i] = auditEntry{ID: e.ID, Time: e.Time, Key: e.Key, Action: e.Action, Case: e.Case,
			Revision: e.Revision, Target: e.Target, RequestID: e.RequestID, Result: e.Result}
	}
	return c.JSON(http.StatusOK, out)
}

// timeParam is an RFC 3339 query parameter; absent is the zero time.
func timeParam(c echo.Context, name string) (time.Time, error) {
	v := c.QueryParam(name)
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, badParameter("invalid_time", map[string]any{"Name": name})
	}
	return t, nil
}
