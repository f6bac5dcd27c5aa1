package templates

import (
	"time"

	"github.com/gdprdocs/gdprdocs/casedata"
)

// RequestRegister is what the register of data-subject requests sees: the organisation,
// the day it is made, and each request with its derived deadlines.
type RequestRegister struct {
	Lang    string
	Org     *casedata.Organisation
	Today   time.Time
	Rows    []*casedata.RequestFacts
	Overdue int // how many requests are overdue
}

// NewRequestRegister builds the register of case c on day today: the requests
// received by then, in the order of casedata.RegisterRequests.
func NewRequestRegister(c *casedata.Case, today time.Time, lang string) *RequestRegister {
	v := &RequestRegister{Lang: lang, Org: c.Organisation, Today: today}
	for _, i := range c.RegisterRequests(today) {
		f := c.AssessRequest(i, today)
		v.Rows = append(v.Rows, f)
		if f.Overdue {
			v.Overdue++
		}
	}
	return v
}

// BreachRegister is what the register of personal data breaches sees (Art. 33(5)):
// every breach of the case, notified or not, with its derived facts.
type BreachRegister struct {
	Lang  string
	Org   *casedata.Organisation
	Today time.Time
	Rows  []*BreachEntry
}

// BreachEntry is one breach of the register: its derived facts and the times of the
// facts Art. 33(5) records, in the case's time zone; a zero time means "not given".
type BreachEntry struct {
	*casedata.BreachFacts
	RecordedAt   time.Time
	OccurredFrom time.Time
	OccurredTo   time.Time
	ContainedAt  time.Time
	// Ongoing is true when the case says the breach may still be going on; Ended when it
	// says the breach has stopped (occurred_to, or ongoing false) without a containment
	// time. Neither, and no ContainedAt: not yet established.
	Ongoing, Ended bool
}

// NewBreachRegister builds the breach register of case c as of now: the breaches the
// organisation knew of by then, in the order of casedata.RegisterBreaches.
func NewBreachRegister(c *casedata.Case, now time.Time, lang string) *BreachRegister {
	loc := c.Location()
	v := &BreachRegister{Lang: lang, Org: c.Organisation, Today: now.In(loc)}
	at := func(ts *casedata.Timestamp) time.Time {
		if ts == nil {
			return time.Time{}
		}
		return ts.In(loc)
	}
	for _, i := range c.RegisterBreaches(now) {
		f := c.AssessBreach(i, now)
		b := f.Breach
		e := &BreachEntry{BreachFacts: f, RecordedAt: at(b.RecordedAt), OccurredFrom: at(b.OccurredFrom),
			OccurredTo: at(b.OccurredTo), ContainedAt: at(b.ContainedAt)}
		if e.ContainedAt.IsZero() {
			e.Ongoing = b.Ongoing != nil && *b.Ongoing
			e.Ended = !e.OccurredTo.IsZero() || (b.Ongoing != nil && !*b.Ongoing)
		}
		v.Rows = append(v.Rows, e)
	}
	return v
}

// PersonsRegister is what the list of authorised persons sees.
type PersonsRegister struct {
	Lang  string
	Org   *casedata.Organisation
	Today time.Time
	Rows  []casedata.AuthorisedPerson
}

// NewPersonsRegister builds the list of persons authorised to process personal data.
func NewPersonsRegister(c *casedata.Case, now time.Time, lang string) *PersonsRegister {
	return &PersonsRegister{Lang: lang, Org: c.Organisation, Today: now.In(c.Location()), Rows: c.Organisation.AuthorisedPersons}
}

// ProcessingRecords is what the records of processing activities see (Art. 30): the
// organisation, its controller activities and its processor activities apart.
type ProcessingRecords struct {
	Lang       string
	Org        *casedata.Organisation
	Today      time.Time
	Controller []*casedata.Activity
	Processor  []*casedata.Activity
	// Measures are the organisation's security measures, for activities that name none.
	Measures []string
}

// NewProcessingRecords builds the records of case c.
func NewProcessingRecords(c *casedata.Case, now time.Time, lang string) *ProcessingRecords {
	v := &ProcessingRecords{Lang: lang, Org: c.Organisation, Today: now.In(c.Location())}
	for i := range c.Organisation.ProcessingActivities {
		a := &c.Organisation.ProcessingActivities[i]
		if a.Role == "processor" {
			v.Processor = append(v.Processor, a)
		} else {
			v.Controller = append(v.Controller, a)
		}
	}
	if s := c.Organisation.Security; s != nil {
		v.Measures = s.Measures
	}
	return v
}

// ReviewAct is what the record of a periodic review sees.
type ReviewAct struct {
	Lang           string
	Org            *casedata.Organisation
	Document       *casedata.Document
	Review         *casedata.Review
	NextDue        time.Time
	IntervalMonths int
}

// NewReviewAct builds the record of review i of case c.
func NewReviewAct(c *casedata.Case, i int, lang string) *ReviewAct {
	r := &c.Reviews[i]
	v := &ReviewAct{Lang: lang, Org: c.Organisation, Document: c.Document, Review: r,
		NextDue: c.NextReview(r.Kind, r.Date.Time), IntervalMonths: c.Settings().ReviewInterval(r.Kind)}
	if v.Document == nil {
		v.Document = &casedata.Document{}
	}
	return v
}
