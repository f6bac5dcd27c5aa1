package catalog

import (
	"time"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/generators/xlsx"
	"github.com/gdprdocs/gdprdocs/locales"
	"github.com/gdprdocs/gdprdocs/templates"
)

// prepareRequestRegister builds the register of data-subject requests as of the
// request's day, in the case's time zone.
func prepareRequestRegister(c *casedata.Case, req Request, loc *locales.Locale) (*prepared, error) {
	today := req.Now.In(c.Location())
	v := templates.NewRequestRegister(c, today, req.Lang)
	return &prepared{
		view:      v,
		reference: today.Format(time.DateOnly),
		date:      today,
		landscape: true,
		table:     requestTable(v, loc),
	}, nil
}

// requestRecord is one row of the request register's JSON: codes and ISO dates.
type requestRecord struct {
	Number          string `json:"number"`
	ReceivedAt      string `json:"received_at"`
	Subject         string `json:"subject,omitempty"`
	Right           string `json:"right"`
	Decision        string `json:"decision"`
	Reasons         string `json:"reasons,omitempty"`
	Extended        bool   `json:"extended"`
	ExtensionReason string `json:"extension_reason,omitempty"`
	Due             string `json:"due"`
	ExtendedDue     string `json:"extended_due,omitempty"`
	RepliedAt       string `json:"replied_at,omitempty"`
	ReplyNumber     string `json:"reply_number,omitempty"`
	PreparedBy      string `json:"prepared_by,omitempty"`
	RecordedBy      string `json:"recorded_by,omitempty"`
	Comments        string `json:"comments,omitempty"`
	Overdue         bool   `json:"overdue"`
}

// requestTable is the register as typed rows: a drop-down of decisions, days as days.
func requestTable(v *templates.RequestRegister, loc *locales.Locale) *table {
	w := words{loc}
	day := func(d *casedata.Date) any {
		if d == nil {
			return nil
		}
		return xlsx.Day{Time: d.Time}
	}
	iso := func(d *casedata.Date) string {
		if d == nil {
			return ""
		}
		return d.Format(time.DateOnly)
	}
	record := func(f *casedata.RequestFacts) requestRecord {
		r := f.Request
		rec := requestRecord{Number: r.Number, ReceivedAt: iso(r.ReceivedAt), Subject: r.Subject, Right: r.Right,
			Decision: r.Decision, Reasons: r.Reasons, Extended: r.Extended, ExtensionReason: r.ExtensionReason,
			Due: f.Due.Format(time.DateOnly), RepliedAt: iso(r.RepliedAt), ReplyNumber: r.ReplyNumber,
			PreparedBy: r.PreparedBy, RecordedBy: r.RecordedBy, Comments: r.Comments, Overdue: f.Overdue}
		if r.Extended {
			rec.ExtendedDue = f.ExtendedDue.Format(time.DateOnly)
		}
		if rec.Decision == "" {
			rec.Decision = "pending"
		}
		return rec
	}
	cells := func(f *casedata.RequestFacts) []xlsx.Cell {
		r := f.Request
		var extendedDue any
		if r.Extended {
			extendedDue = xlsx.Day{Time: f.ExtendedDue}
		}
		decision := r.Decision
		if decision == "" {
			decision = "pending"
		}
		return []xlsx.Cell{
			{Value: r.Number}, {Value: day(r.ReceivedAt)}, {Value: r.Subject}, {Value: w.label("right", r.Right)},
			{Value: xlsx.Day{Time: f.Due}}, {Value: w.yesNo(r.Extended)}, {Value: extendedDue}, {Value: r.ExtensionReason},
			{Value: w.label("decision", decision)}, {Value: r.Reasons}, {Value: day(r.RepliedAt)}, {Value: r.ReplyNumber},
			{Value: r.PreparedBy}, {Value: r.RecordedBy}, {Value: r.Comments}, {Value: w.yesNo(f.Overdue)},
		}
	}
	var decisions []string
	for _, code := range casedata.Decisions.Codes {
		decisions = append(decisions, w.label("decision", code))
	}
	col := func(key string, width float64) xlsx.Column {
		return xlsx.Column{Header: loc.MustText("register." + key), Width: width}
	}
	columns := []xlsx.Column{
		col("number", 9), col("received", 13), col("subject", 24), col("right", 28), col("due", 13), col("extended", 10),
		col("extended_due", 13), col("extension_reason", 28), col("decision", 20), col("reasons", 32), col("replied", 13),
		col("reply_number", 12), col("prepared_by", 20), col("recorded_by", 20), col("comments", 32), col("overdue", 11),
	}
	columns[8].Choices = decisions
	return &table{name: loc.MustText("sheet.requests"), columns: columns,
		rows: rowsOf(v.Rows, cells), records: func() any { return recordsOf(v.Rows, record) }}
}
