package casedata

import (
	"strconv"
	"time"
)

// The reply periods of Art. 12(3): one month, extendable by two further months.
const (
	ReplyMonths     = 1
	ExtensionMonths = 2
)

// RequestFacts are the facts derived from one data-subject request.
type RequestFacts struct {
	Index   int
	Request *Request
	// Due is one month after receipt; ExtendedDue three months, when extended. Both
	// move to the next working day of the jurisdiction. DueAt is the one that applies.
	Due         time.Time
	ExtendedDue time.Time
	DueAt       time.Time
	// Overdue is true when the reply came after DueAt, or has not come and today is
	// past DueAt.
	Overdue bool
}

// AssessRequest derives the facts of request i on day today. The case must have
// passed Check.
func (c *Case) AssessRequest(i int, today time.Time) *RequestFacts {
	r := &c.Requests[i]
	cal := c.Jurisdiction().Holidays
	f := &RequestFacts{Index: i, Request: r}
	received := r.ReceivedAt.Time
	f.Due = cal.AddMonths(received, ReplyMonths)
	f.DueAt = f.Due
	if r.Extended {
		f.ExtendedDue = cal.AddMonths(received, ReplyMonths+ExtensionMonths)
		f.DueAt = f.ExtendedDue
	}
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	if r.RepliedAt != nil {
		f.Overdue = r.RepliedAt.After(f.DueAt)
	} else {
		f.Overdue = day.After(f.DueAt)
	}
	return f
}

func (v *validator) request(p string, r *Request) {
	v.required(p+"/number", r.Number)
	if r.ReceivedAt == nil {
		v.add(p+"/received_at", "required", nil)
	}
	v.required(p+"/right", r.Right)
	v.oneOf(p+"/decision", r.Decision, Decisions.Codes)
	if (r.Decision == "refused" || r.Decision == "partial") && r.Reasons == "" {
		v.add(p+"/reasons", "required", nil)
	}
	if r.Extended && r.ExtensionReason == "" {
		v.add(p+"/extension_reason", "required", nil)
	}
	if r.RepliedAt != nil && r.ReceivedAt != nil && r.RepliedAt.Before(r.ReceivedAt.Time) {
		v.add(p+"/replied_at", "not_before", map[string]any{"Other": p + "/received_at"})
	}
}

func (v *validator) requests(rs []Request) {
	for i := range rs {
		v.request("/requests/"+strconv.Itoa(i), &rs[i])
	}
}
