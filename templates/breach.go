package templates

import (
	"time"

	"github.com/gdprdocs/gdprdocs/casedata"
)

// BreachNotice is what the breach notification templates see: the case, the breach,
// the derived facts, the authority in the document's language and the form's sections.
// Times are already in the case's time zone; a zero time means "not given".
type BreachNotice struct {
	Lang         string
	Org          *casedata.Organisation
	Breach       *casedata.Breach
	Facts        *casedata.BreachFacts
	Authority    Authority
	Jurisdiction *casedata.Jurisdiction
	Form         []Section
	// Layout is how the authority notice is set out, as the jurisdiction decides:
	// "letter" or "online_form" (the preparation of the authority's online form).
	Layout string

	OccurredFrom    time.Time
	OccurredTo      time.Time
	ContainedAt     time.Time
	SubjectNoticeAt time.Time
	// Ongoing is true when the case says the breach may still be going on; Ended when it
	// says the breach has stopped (occurred_to, or ongoing false) without a containment
	// time. Neither, and no ContainedAt: not yet established.
	Ongoing, Ended bool
	// Encrypted and Unencrypted say what the case states about encryption; neither:
	// not yet established.
	Encrypted, Unencrypted bool
	// DataKnown is true when the case lists the categories of data concerned, so that
	// the documents may say which sensitive kinds are not among them.
	DataKnown bool
	// SubjectsInformed is true when the data subjects have already been told.
	SubjectsInformed bool
	// Informing is what the case says of informing the data subjects: "undecided"
	// (nothing yet), "informed", "planned", "public" (a public communication instead of
	// individual notices, Art. 34(3)(c)) or "exempt" (not informed, for the reason the
	// case gives).
	Informing string
	// OnBehalf is set when a processor submits the notice as its controller's, on the
	// controller's written instruction; Org is then the controller.
	OnBehalf *OnBehalf
}

// OnBehalf is the processor that submits a controller's notice, the instruction it acts
// on, when it became aware of the breach and when it told the controller (zero when the
// case does not say).
type OnBehalf struct {
	Processor           *casedata.Organisation
	Instruction         string
	AwareAt, NotifiedAt time.Time
}

// Section is one numbered section of an authority's form and the template parts it holds.
type Section struct {
	Number int
	ID     string
	Parts  []string
}

// NewBreachNotice builds the view of breach notice f of case c in language lang.
func NewBreachNotice(c *casedata.Case, f *casedata.BreachFacts, lang string) *BreachNotice {
	loc := c.Location()
	j := c.Jurisdiction()
	v := &BreachNotice{
		Lang:         lang,
		Org:          c.Organisation,
		Breach:       f.Breach,
		Facts:        f,
		Authority:    authorityOf(c, lang),
		Jurisdiction: j,
		Layout:       j.BreachForm.Layout,
	}
	for i, s := range j.BreachForm.Sections {
		v.Form = append(v.Form, Section{Number: j.BreachForm.FirstNumber + i, ID: s.ID, Parts: s.Parts})
	}
	at := func(ts *casedata.Timestamp) time.Time {
		if ts == nil {
			return time.Time{}
		}
		return ts.In(loc)
	}
	b := f.Breach
	v.OccurredFrom = at(b.OccurredFrom)
	v.OccurredTo = at(b.OccurredTo)
	v.ContainedAt = at(b.ContainedAt)
	if b.SubjectNotice != nil {
		v.SubjectNoticeAt = at(b.SubjectNotice.At)
	}
	if b.ContainedAt == nil {
		v.Ongoing = b.Ongoing != nil && *b.Ongoing
		v.Ended = b.OccurredTo != nil || (b.Ongoing != nil && !*b.Ongoing)
	}
	if b.Encrypted != nil {
		v.Encrypted, v.Unencrypted = *b.Encrypted, !*b.Encrypted
	}
	v.DataKnown = b.Records != nil && len(b.Records.Categories) > 0
	v.SubjectsInformed = b.SubjectNotice != nil && b.SubjectNotice.Status == "yes"
	v.Informing = informing(b.SubjectNotice)
	return v
}

// informing is the state of informing the data subjects that notice n records.
func informing(n *casedata.SubjectNotice) string {
	switch {
	case n == nil:
		return "undecided"
	case n.Status == "yes":
		return "informed"
	case n.Status == "planned":
		return "planned"
	case n.Exemption == "disproportionate":
		return "public"
	}
	return "exempt"
}

// FormTitle is the title of a notice laid out as the authority's online form, in the
// document's language; empty for a letter, which has the catalogue's title.
func (v *BreachNotice) FormTitle() string {
	return v.Jurisdiction.BreachForm.Title.In(v.Lang, "nominative")
}

// NationalID names the jurisdiction's national identification numbers as a category of
// personal data ("asmens kodai", "burgerservicenummers (BSN)"), in grammatical case gc
// ("nominative" or "accusative"); empty where the jurisdiction has none.
func (v *BreachNotice) NationalID(gc string) string {
	forms := v.Jurisdiction.NationalID[v.Lang]
	if s, ok := forms["category_"+gc]; ok {
		return s
	}
	return forms["category"]
}

// Law names the national data protection law in a grammatical case of the document's
// language ("nominative", "genitive", "accusative"); empty for the generic EU jurisdiction.
func (v *BreachNotice) Law(gc string) string { return v.Jurisdiction.Law.In(v.Lang, gc) }

// Signatory is who signs the notice: the head of the organisation when the case names one.
func (v *BreachNotice) Signatory() *casedata.Person { return v.Org.Head }

// SubjectNotice is what the notice to the people affected sees (Art. 34): plain words,
// the advice chosen for the data involved, how to reach the organisation and the
// authority. Channel is "letter", "email" or "public".
type SubjectNotice struct {
	*BreachNotice
	Channel string
	// Advice lists what the reader should do now, as codes the template words.
	Advice []string
	// Date is the notice's date: when it is sent, else the moment it is made.
	Date time.Time
}

// NewSubjectNotice builds the view of the notice to the data subjects of breach f.
func NewSubjectNotice(c *casedata.Case, f *casedata.BreachFacts, lang string) *SubjectNotice {
	v := &SubjectNotice{BreachNotice: NewBreachNotice(c, f, lang), Channel: "email", Advice: f.Advice()}
	channel := ""
	if n := f.Breach.SubjectNotice; n != nil {
		channel = n.Channel
	}
	switch {
	case f.PublicCommunication || channel == "public" || channel == "website":
		v.Channel = "public"
	case channel == "letter" || channel == "in_person":
		v.Channel = "letter"
	}
	return v
}

// ControllerNotice is what the processor's notice to its controller sees (Art. 33(2)).
type ControllerNotice struct {
	*BreachNotice
	// NoticeHours is the time the processor has to tell its controller, in hours after
	// it became aware; Agreed is true when the case gives it as the term agreed with
	// the controller, false when it is the default internal target.
	NoticeHours int
	Agreed      bool
}

// NewControllerNotice builds the view of processor breach f's notice to its controller.
func NewControllerNotice(c *casedata.Case, f *casedata.BreachFacts, lang string) *ControllerNotice {
	s := c.Settings()
	return &ControllerNotice{BreachNotice: NewBreachNotice(c, f, lang), NoticeHours: s.ProcessorNoticeHours(),
		Agreed: s.ProcessorNoticeAgreed()}
}
