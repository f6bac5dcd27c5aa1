package templates

import (
	"time"

	"gdprdocs/casedata"
)

// Procedure is what the internal procedures see: the organisation, the document's
// metadata, its deadlines with the case's settings or their defaults, the authority.
type Procedure struct {
	Lang      string
	Org       *casedata.Organisation
	Document  *casedata.Document
	Date      time.Time
	Authority casedata.AuthorityView
	// Deadlines in hours.
	StaffReportHours, AssessmentHours, ProcessorHours int
	// Intervals in months.
	RecordsReviewMonths, LogReviewMonths, LogRetentionMonths int
}

// NewProcedure builds the view of an internal procedure of case c.
func NewProcedure(c *casedata.Case, now time.Time, lang string) *Procedure {
	v := &Procedure{Lang: lang, Org: c.Organisation, Document: c.Document, Date: now.In(c.Location()),
		Authority: c.AuthorityIn(lang)}
	if v.Document == nil {
		v.Document = &casedata.Document{}
	}
	if v.Document.Date != nil {
		v.Date = v.Document.Date.Time
	}
	v.StaffReportHours, v.AssessmentHours, v.ProcessorHours = c.InternalDeadlines()
	v.RecordsReviewMonths, v.LogReviewMonths = c.ReviewInterval("records"), c.ReviewInterval("access_logs")
	v.LogRetentionMonths = c.AccessLogRetentionMonths()
	return v
}
