package templates

import (
	"slices"
	"strings"
	"time"

	"github.com/gdprdocs/gdprdocs/casedata"
)

// Procedure is what the internal procedures see: the organisation, the document's
// metadata, the authority, and the security settings (deadlines in hours, intervals in
// months): the case's values, or their defaults, which the case then reports.
type Procedure struct {
	Lang      string
	Org       *casedata.Organisation
	Document  *casedata.Document
	Date      time.Time
	Authority Authority
	casedata.Settings
}

// NewProcedure builds the view of an internal procedure of case c.
func NewProcedure(c *casedata.Case, now time.Time, lang string) *Procedure {
	v := &Procedure{Lang: lang, Org: c.Organisation, Document: c.Document, Date: now.In(c.Location()),
		Authority: authorityOf(c, lang), Settings: c.Settings()}
	if v.Document == nil {
		v.Document = &casedata.Document{}
	}
	if v.Document.Date != nil {
		v.Date = v.Document.Date.Time
	}
	return v
}

// Rules is what the processing rules see: a procedure's view, the controller's
// activities and the jurisdiction's particulars.
type Rules struct {
	*Procedure
	Jurisdiction *casedata.Jurisdiction
	Activities   []*casedata.Activity
	// Consent and Marketing are the activities that rest on consent and those that
	// serve direct marketing; their clauses are referred to by number.
	Consent, Marketing []*casedata.Activity
	// Staff are the authorised natural persons whose access has not been revoked: the
	// first rows of the familiarisation sheet. An organisation given access (a processor)
	// is bound by its contract, not by signing, and is not among them.
	Staff []casedata.AuthorisedPerson
	// BlankRows are the empty rows below them, for people who join later.
	BlankRows []struct{}

	// Full annexes the records, the lists, the blank registers and the procedures in
	// full; otherwise the annexes are listed, each kept as a document of its own.
	Full bool
	// Records and Persons are the records of processing and the list of authorised
	// persons, as their own documents see them but dated as the rules are.
	Records *ProcessingRecords
	Persons *PersonsRegister
	// BreachForm and RequestForm are the column headings of the blank breach register
	// and request register; FormRows number their rows.
	BreachForm, RequestForm []string
	FormRows                []int
}

// familiarisationBlankRows is how many empty rows the familiarisation sheet keeps.
const familiarisationBlankRows = 5

// NewRules builds the view of the processing rules of case c.
func NewRules(c *casedata.Case, now time.Time, lang string) *Rules {
	v := &Rules{Procedure: NewProcedure(c, now, lang), Jurisdiction: c.Jurisdiction()}
	for i := range c.Organisation.ProcessingActivities {
		a := &c.Organisation.ProcessingActivities[i]
		if a.Role == "processor" {
			continue
		}
		v.Activities = append(v.Activities, a)
		if slices.Contains(a.LegalBasis, "consent") {
			v.Consent = append(v.Consent, a)
		}
		if a.DirectMarketing {
			v.Marketing = append(v.Marketing, a)
		}
	}
	for _, p := range c.Organisation.AuthorisedPersons {
		if p.Revoked == nil && !p.LegalPerson && !isProcessor(c.Organisation, p.Name) {
			v.Staff = append(v.Staff, p)
		}
	}
	v.BlankRows = make([]struct{}, familiarisationBlankRows)
	// The annexed records and list are as of the rules' date: the day they are approved.
	v.Records = NewProcessingRecords(c, now, lang)
	v.Records.Today = v.Date
	v.Persons = NewPersonsRegister(c, now, lang)
	v.Persons.Today = v.Date
	v.FormRows = make([]int, registerFormRows)
	for i := range v.FormRows {
		v.FormRows[i] = i + 1
	}
	return v
}

// registerFormRows is how many numbered rows the blank registers annexed to the rules have.
const registerFormRows = 10

// isProcessor reports whether name is the name of one of the organisation's processors:
// an authorised person so named is the processor, not someone who signs.
func isProcessor(o *casedata.Organisation, name string) bool {
	return slices.ContainsFunc(o.Processors, func(p casedata.Processor) bool {
		return strings.EqualFold(strings.TrimSpace(p.Name), strings.TrimSpace(name))
	})
}

// Law names the national data protection law; empty for the generic EU jurisdiction.
func (v *Rules) Law(gc string) string { return v.Jurisdiction.Law.In(v.Lang, gc) }

// NationalID names the national identification number in a grammatical form of the
// language ("definite" carries the Dutch article); empty where there is none.
func (v *Rules) NationalID(form string) string { return v.Jurisdiction.NationalID.In(v.Lang, form) }
