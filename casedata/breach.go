package casedata

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// AuthorityDeadline is the time a controller has to notify the supervisory authority
// after becoming aware of a breach (Art. 33(1)). It runs hour by hour, nights and
// weekends included (Regulation 1182/71).
const AuthorityDeadline = 72 * time.Hour

// Data categories that change how a breach is judged and described.
var specialCategories = []string{"health", "biometric", "genetic", "racial_ethnic", "political",
	"religious", "trade_union", "sex_life"}

// BreachFacts are the facts derived from one breach of a case: its deadlines, whether a
// notice made now is late, and what the controller (or processor) must do.
// All times are in the case's time zone.
type BreachFacts struct {
	Index  int // position in case.breaches
	Breach *Breach

	AwareAt time.Time
	// Deadline is AwareAt + 72 h; for a processor's breach, the controller's
	// (ControllerDeadline), zero while the controller's awareness is not known.
	Deadline time.Time
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

	// Processor is true when the breach happened in processing the organisation carries
	// out for a controller (role processor): its duty is to tell the controller
	// (Art. 33(2)); notifying the authority and the people is the controller's.
	Processor bool
	// ControllerNoticeAt is when the processor tells (or told) its controller:
	// controller_notified_at, else now; ControllerNotified says the case gives it.
	ControllerNoticeAt time.Time
	ControllerNotified bool
	// ControllerAwareAt is when the controller became aware: controller.aware_at, else
	// the processor's notice to it; zero while neither is known. ControllerDeadline is
	// the controller's 72 hours from then.
	ControllerAwareAt  time.Time
	ControllerDeadline time.Time

	// The obligations of the organisation itself: a controller notifies the authority
	// unless the risk is "none", and the people when the risk is high and no
	// Art. 34(3)(a)/(b) exemption applies; a processor notifies its controller.
	NotifyAuthority     bool
	NotifySubjects      bool
	PublicCommunication bool // high risk, individual notice disproportionate (Art. 34(3)(c))
	NotifyController    bool

	Special     []string // special categories of data involved (Art. 9), as codes
	Criminal    bool     // Art. 10 data
	NationalID  bool
	Financial   bool
	Credentials bool
	Children    bool

	c *Case
}

// SelectBreach returns the index of the breach with the reference, or of the first
// breach when ref is empty. When there is no such breach, the problem names the
// reference and the references the case has, to choose from.
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
	refs := make([]string, 0, len(c.Breaches))
	for _, b := range c.Breaches {
		if b.Reference != "" {
			refs = append(refs, b.Reference)
		}
	}
	return -1, Problems{{Path: "/breaches", Code: "breach_not_found", Args: map[string]any{
		"Reference": ref, "References": strings.Join(refs, ", ")}}}
}

// AssessBreach derives the facts of breach i at the moment now. The case must have
// passed Check.
func (c *Case) AssessBreach(i int, now time.Time) *BreachFacts {
	b := &c.Breaches[i]
	loc := c.Location()
	f := &BreachFacts{Index: i, Breach: b, c: c}
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
	if b.Role == "" {
		c.defaultedCode("/breaches/"+strconv.Itoa(i)+"/role", "role", "controller")
	}
	if b.Role == "processor" {
		f.Processor, f.NotifyController = true, true
		f.ControllerNoticeAt = now.In(loc)
		if b.ControllerNotifiedAt != nil {
			f.ControllerNoticeAt, f.ControllerNotified = b.ControllerNotifiedAt.In(loc), true
			f.ControllerAwareAt = f.ControllerNoticeAt
		}
		if ctl := b.Controller; ctl != nil && ctl.AwareAt != nil {
			f.ControllerAwareAt = ctl.AwareAt.In(loc)
		}
		if !f.ControllerAwareAt.IsZero() {
			f.ControllerDeadline = f.ControllerAwareAt.Add(AuthorityDeadline)
		}
		// The 72 hours are the controller's: a notice filed for it is late against its
		// deadline, and there is none while its awareness is not known.
		f.Deadline, f.Late, f.Delay = f.ControllerDeadline, false, 0
		if !f.Deadline.IsZero() && f.FirstNoticeAt.After(f.Deadline) {
			f.Late, f.Delay = true, f.FirstNoticeAt.Sub(f.Deadline)
		}
		return f.withData()
	}
	f.NotifyAuthority = b.Risk != "none"
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
	return f.withData()
}

// withData sorts the breach's data categories into those that call for particular care.
func (f *BreachFacts) withData() *BreachFacts {
	b := f.Breach
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

// StaffReportBy is when staff must have reported the breach internally.
func (f *BreachFacts) StaffReportBy() time.Time {
	return f.AwareAt.Add(time.Duration(f.c.Settings().StaffReportHours()) * time.Hour)
}

// AssessmentBy is when the initial assessment of the breach is due.
func (f *BreachFacts) AssessmentBy() time.Time {
	return f.AwareAt.Add(time.Duration(f.c.Settings().AssessmentHours()) * time.Hour)
}

// ControllerNoticeBy is when a processor must have told its controller: "without undue
// delay" (Art. 33(2)), here the hours agreed with the controller or, where the case
// gives none, the default internal target.
func (f *BreachFacts) ControllerNoticeBy() time.Time {
	return f.AwareAt.Add(time.Duration(f.c.Settings().ProcessorNoticeHours()) * time.Hour)
}

// ControllerLate reports whether the processor's notice to its controller is (or, not
// sent by now, will be) after ControllerNoticeBy.
func (f *BreachFacts) ControllerLate() bool {
	return f.ControllerNoticeAt.After(f.ControllerNoticeBy())
}

// Phase is the notice's phase (Art. 33(4)): the case's, else "initial", reported as a default.
func (f *BreachFacts) Phase() string {
	if f.Breach.Phase != "" {
		return f.Breach.Phase
	}
	f.c.defaultedCode("/breaches/"+strconv.Itoa(f.Index)+"/phase", "phase", "initial")
	return "initial"
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
	if !f.Notified && f.NoticeAt.Before(f.AwareAt) {
		// A notice made "now" cannot be dated before anyone knew of the breach.
		probs.add(p+"/aware_at", "notice_before_awareness", nil)
	}
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

// OnBehalf is the case as the controller of processor breach i files it, for a processor
// that notifies the authority and the people on the controller's written instruction
// (controller.instruction): the controller is the organisation — its jurisdiction,
// authority and time zone — and its awareness starts the 72 hours. Problems name what
// the case lacks for that. The derived case keeps the breach's index, so paths stay
// paths of the case, and shares its warnings. The facts are the breach's as the
// controller files it, at the moment now.
func (c *Case) OnBehalf(i int, now time.Time) (*Case, *BreachFacts, Problems) {
	b := c.Breaches[i]
	p := "/breaches/" + strconv.Itoa(i)
	ctl := b.Controller
	var probs Problems
	if ctl.Jurisdiction == "" {
		probs.add(p+"/controller/jurisdiction", "required", nil)
	} else if ctl.Jurisdiction == "EU" && ctl.Authority == nil {
		probs.add(p+"/controller/authority", "authority_required", nil)
	}
	aware := ctl.AwareAt
	if aware == nil {
		aware = b.ControllerNotifiedAt
	}
	if aware == nil {
		probs.add(p+"/controller_notified_at", "controller_awareness_required", nil)
	}
	if probs != nil {
		return nil, nil, probs
	}
	if c.warnings == nil {
		c.warnings = &warnings{}
	}
	org := &Organisation{Name: ctl.Name, RegistrationCode: ctl.RegistrationCode, Email: ctl.Email, Phone: ctl.Phone,
		Jurisdiction: ctl.Jurisdiction, Authority: ctl.Authority, ContactPerson: ctl.Contact}
	if ctl.Address != "" {
		org.Address = &Address{Street: ctl.Address}
	}
	b.Role, b.Controller, b.AwareAt, b.ControllerNotifiedAt = "controller", nil, aware, nil
	breaches := slices.Clone(c.Breaches)
	breaches[i] = b
	d := &Case{Version: c.Version, Organisation: org, Document: c.Document, Breaches: breaches, warnings: c.warnings}
	return d, d.AssessBreach(i, now), nil
}

// Instructed reports whether the breach is a processor's that notifies the authority and
// the people on its controller's written instruction.
func (b *Breach) Instructed() bool {
	return b.Role == "processor" && b.Controller != nil && b.Controller.Instruction != ""
}
