package casedata

import (
	"slices"
	"strconv"
	"time"
)

// AuthorityDeadline is the time a controller has to notify the supervisory authority
// after becoming aware of a breach (Art. 33(1)). It runs hour by hour, nights and
// weekends included (Regulation 1182/71).
const AuthorityDeadline = 72 * time.Hour

// Internal deadlines used when security does not set them, in hours.
const (
	DefaultStaffReportHours       = 6
	DefaultInitialAssessmentHours = 24
	DefaultProcessorNoticeHours   = 48
)

// Data categories that change how a breach is judged and described.
var specialCategories = []string{"health", "biometric", "genetic", "racial_ethnic", "political",
	"religious", "trade_union", "sex_life"}

// BreachFacts are the facts derived from one breach of a case: its deadlines, whether a
// notice made now is late, and what the controller (or processor) must do.
// All times are in the case's time zone.
type BreachFacts struct {
	Index  int // position in case.breaches
	Breach *Breach

	AwareAt  time.Time
	Deadline time.Time // AwareAt + 72 h
	// FirstNoticeAt is when the authority is (or was) first notified:
	// authority_notified_at, else now. Late and Delay are about this moment.
	FirstNoticeAt time.Time
	// NoticeAt is the date of the notice being made: the first notice's, or now for a
	// supplementary or final notice (Art. 33(4)).
	NoticeAt time.Time
	// Notified is true when the case says the authority has already been notified.
	Notified bool
	Late     bool
	Delay    time.Duration // how far FirstNoticeAt is past Deadline; 0 when not late

	StaffReportBy      time.Time
	AssessmentBy       time.Time
	ControllerNoticeBy time.Time // processors only: Art. 33(2) "without undue delay", by contract
	// ControllerNoticeAt is when the processor tells (or told) its controller:
	// controller_notified_at, else now; ControllerLate is true when that is after
	// ControllerNoticeBy.
	ControllerNoticeAt time.Time
	ControllerLate     bool

	NotifyAuthority     bool // risk is not "none"
	NotifySubjects      bool // high risk and no Art. 34(3)(a)/(b) exemption
	PublicCommunication bool // high risk, individual notice disproportionate (Art. 34(3)(c))
	NotifyController    bool // the breach happened at a processor

	Special     []string // special categories of data involved (Art. 9), as codes
	Criminal    bool     // Art. 10 data
	NationalID  bool
	Financial   bool
	Credentials bool
	Children    bool
}

// SelectBreach returns the index of the breach with the reference, or of the first
// breach when ref is empty. The problem names the reference when there is no such breach.
func (c *Case) SelectBreach(ref string) (int, Problems) {
	if len(c.Breaches) == 0 {
		return -1, Problems{{Path: "/breaches", Code: "no_breach"}}
	}
	if ref == "" {
		return 0, nil
	}
	for i := range c.Breaches {
		if c.Breaches[i].Reference == ref {
			return i, nil
		}
	}
	return -1, Problems{{Path: "/breaches", Code: "breach_not_found", Args: map[string]any{"Reference": ref}}}
}

// AssessBreach derives the facts of breach i at the moment now. The case must have
// passed Check.
func (c *Case) AssessBreach(i int, now time.Time) *BreachFacts {
	b := &c.Breaches[i]
	loc := c.Location()
	sec := c.security()
	f := &BreachFacts{Index: i, Breach: b}
	f.AwareAt = b.AwareAt.In(loc)
	f.Deadline = f.AwareAt.Add(AuthorityDeadline)
	f.FirstNoticeAt = now.In(loc)
	if b.AuthorityNotifiedAt != nil {
		f.FirstNoticeAt = b.AuthorityNotifiedAt.In(loc)
		f.Notified = true
	}
	f.NoticeAt = f.FirstNoticeAt
	if b.FollowUp() {
		f.NoticeAt = now.In(loc)
	}
	if f.FirstNoticeAt.After(f.Deadline) {
		f.Late = true
		f.Delay = f.FirstNoticeAt.Sub(f.Deadline)
	}
	f.StaffReportBy = f.AwareAt.Add(hours(sec.StaffReportHours, DefaultStaffReportHours))
	f.AssessmentBy = f.AwareAt.Add(hours(sec.InitialAssessmentHours, DefaultInitialAssessmentHours))

	f.NotifyAuthority = b.Risk != "none"
	if b.Role == "processor" {
		f.NotifyController = true
		f.ControllerNoticeBy = f.AwareAt.Add(hours(sec.ProcessorNoticeHours, DefaultProcessorNoticeHours))
		f.ControllerNoticeAt = now.In(loc)
		if b.ControllerNotifiedAt != nil {
			f.ControllerNoticeAt = b.ControllerNotifiedAt.In(loc)
		}
		f.ControllerLate = f.ControllerNoticeAt.After(f.ControllerNoticeBy)
	}
	if b.Risk == "high" {
		exemption := ""
		if b.SubjectNotice != nil && b.SubjectNotice.Status == "no" {
			exemption = b.SubjectNotice.Exemption
		}
		switch exemption {
		case "encrypted", "mitigated":
			// Art. 34(3)(a) and (b): no communication is required.
		case "disproportionate":
			f.PublicCommunication = true
		default:
			f.NotifySubjects = true
		}
	}

	var cats []string
	if b.Records != nil {
		cats = b.Records.Categories
	}
	for _, cat := range cats {
		switch {
		case slices.Contains(specialCategories, cat):
			f.Special = append(f.Special, cat)
		case cat == "criminal":
			f.Criminal = true
		case cat == "national_id":
			f.NationalID = true
		case cat == "financial":
			f.Financial = true
		case cat == "credentials":
			f.Credentials = true
		}
	}
	if b.Subjects != nil {
		f.Children = slices.Contains(b.Subjects.Categories, "children")
	}
	return f
}

// NoticeProblems are the problems that stop a notice to the authority from being made:
// a breach that needs no notification (it belongs in the register), a late notice
// without the reasons for the delay (Art. 33(1)), or a final notice that still lacks
// an item of Art. 33(3) — only an initial or supplementary one may leave items to
// follow (Art. 33(4)).
func (f *BreachFacts) NoticeProblems(c *Case, deadline string) Problems {
	p := "/breaches/" + strconv.Itoa(f.Index)
	if !f.NotifyAuthority {
		return Problems{{Path: p + "/risk", Code: "not_notifiable"}}
	}
	var probs Problems
	if f.Late && f.Breach.DelayReason == "" {
		probs.add(p+"/delay_reason", "delay_reason_required", map[string]any{"Deadline": deadline})
	}
	if f.Breach.Phase == "final" {
		for _, item := range f.Completeness(c) {
			if !item.Present {
				probs.add(item.Path, "missing_for_final", map[string]any{"Cite": item.Cite})
			}
		}
	}
	return probs
}

// FollowUp reports whether the breach's notice follows up an earlier one: a
// supplementary or final notice (Art. 33(4)).
func (b *Breach) FollowUp() bool { return b.Phase == "supplementary" || b.Phase == "final" }

// Advice lists, as codes, what the people affected should do now, chosen from the data
// involved: change passwords when credentials leaked, watch accounts and cards when
// financial data did, beware of phishing that uses the incident when contact details
// did, guard against identity fraud when identity numbers or biometrics did. Every list ends with
// "contact": asking the organisation.
func (f *BreachFacts) Advice() []string {
	var cats []string
	if f.Breach.Records != nil {
		cats = f.Breach.Records.Categories
	}
	has := func(codes ...string) bool {
		for _, c := range codes {
			if slices.Contains(cats, c) {
				return true
			}
		}
		return false
	}
	var out []string
	if f.Credentials {
		out = append(out, "passwords")
	}
	if f.Financial {
		out = append(out, "bank")
	}
	if has("contact", "communications", "online_identifiers") || f.Credentials {
		out = append(out, "phishing")
	}
	if f.NationalID || has("biometric") {
		out = append(out, "identity")
	}
	if len(f.Special) > 0 || f.Criminal {
		out = append(out, "sensitive")
	}
	return append(out, "contact")
}

// Sensitive reports whether the breach involves any data that needs particular care.
func (f *BreachFacts) Sensitive() bool {
	return len(f.Special) > 0 || f.Criminal || f.NationalID || f.Financial || f.Credentials || f.Children
}

// InternalDeadlines are the hours the organisation's rules allow for a staff report of a
// breach, its initial assessment, and a processor's notice to its controller.
func (c *Case) InternalDeadlines() (staffReport, assessment, processorNotice int) {
	s := c.security()
	return int(hours(s.StaffReportHours, DefaultStaffReportHours) / time.Hour),
		int(hours(s.InitialAssessmentHours, DefaultInitialAssessmentHours) / time.Hour),
		int(hours(s.ProcessorNoticeHours, DefaultProcessorNoticeHours) / time.Hour)
}

func (c *Case) security() Security {
	if c.Organisation == nil || c.Organisation.Security == nil {
		return Security{}
	}
	return *c.Organisation.Security
}

func hours(n, def int) time.Duration {
	if n <= 0 {
		n = def
	}
	return time.Duration(n) * time.Hour
}
