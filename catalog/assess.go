package catalog

import (
	"context"
	"slices"
	"time"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/locales"
)

// Assessment is the decision support for one breach, as the API returns it: the
// deadlines, the obligations that follow from the case, and what still stops a notice.
// Explanations are in the requested language; times are RFC 3339 in the case's zone.
type Assessment struct {
	Reference string `json:"reference"`
	// Role is the organisation's role in the breach: controller or processor.
	Role     string `json:"role"`
	TimeZone string `json:"time_zone"`
	Now      string `json:"now"`
	AwareAt  string `json:"aware_at"`
	// Deadline is the 72-hour deadline for notifying the authority, from the
	// controller's awareness. For a processor it is the controller's, and empty while
	// the case does not say when the controller became aware.
	Deadline string `json:"deadline,omitempty"`
	// NoticeAt is when the authority was notified, or now when it has not been yet;
	// empty for a processor that does not notify the authority itself.
	NoticeAt string `json:"notice_at,omitempty"`
	Notified bool   `json:"authority_notified"`
	Late     bool   `json:"late"`
	// DelayMinutes is how far the notice is past the deadline (0 when on time).
	DelayMinutes int `json:"delay_minutes"`
	// RemainingMinutes is the time left until the deadline from now; negative once
	// passed; absent when there is no deadline (see Deadline).
	RemainingMinutes *int `json:"remaining_minutes,omitempty"`
	// Controller is, for a processor's breach, its notice to the controller and what
	// the controller will do.
	Controller  *ControllerDuty `json:"controller,omitempty"`
	Deadlines   []Deadline      `json:"deadlines"`
	Obligations []Obligation    `json:"obligations"`
	Sensitive   []string        `json:"sensitive_data"`
	// Severity is the ENISA-method suggestion, beside the controller's own risk.
	Severity Severity `json:"severity"`
	// Completeness lists the items Art. 33(3) requires and whether the case has them;
	// MissingMayFollow is true unless the notice is final (Art. 33(4)).
	Completeness     []CompletenessItem `json:"completeness"`
	MissingMayFollow bool               `json:"missing_may_follow"`
	// Warnings name the data that call for particular care, a notice to the controller
	// that is missing or late, and — with their paths — the defaults the assessment used.
	Warnings    []WarningItem `json:"warnings"`
	CrossBorder *CrossBorder  `json:"cross_border,omitempty"`
	// Problems are what must be fixed before a notice to the authority can be made.
	Problems []ProblemItem `json:"problems"`
}

// ControllerDuty is a processor's notice to its controller (Art. 33(2)) and what the
// controller does with it.
type ControllerDuty struct {
	Name string `json:"name"`
	// NoticeDue is when the processor must have told the controller: the hours agreed
	// with it when the case gives them (NoticeAgreed), else the default internal target.
	NoticeDue    string `json:"notice_due"`
	NoticeAgreed bool   `json:"notice_agreed"`
	// NotifiedAt is when the processor told the controller; empty when the case does not
	// say it has. Overdue is true when that is (or, unsent, now is) past NoticeDue.
	NotifiedAt string `json:"notified_at,omitempty"`
	Overdue    bool   `json:"overdue"`
	// Authority is the supervisory authority the controller notifies, by its main
	// establishment; empty when the case does not give the controller's jurisdiction.
	Authority string `json:"authority,omitempty"`
	// OnBehalf is true when the processor notifies the authority and the people on the
	// controller's written instruction.
	OnBehalf bool `json:"on_behalf"`
}

// Severity is the ENISA severity suggestion with its label and a note on its standing.
type Severity struct {
	casedata.Severity
	Label string `json:"label"`
	Note  string `json:"note"`
}

// CompletenessItem is one Art. 33(3) item.
type CompletenessItem struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	Cite    string `json:"cite"`
	Path    string `json:"path"`
	Present bool   `json:"present"`
}

// CrossBorder is the cross-border picture: the other member states and the lead authority.
type CrossBorder struct {
	MemberStates  []string `json:"member_states"`
	LeadAuthority string   `json:"lead_authority,omitempty"`
}

// Deadline is one computed deadline.
type Deadline struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Due   string `json:"due"`
	Basis string `json:"basis"`
}

// Obligation is one decision: must someone be told?
type Obligation struct {
	ID          string `json:"id"` // authority, data_subjects, public_communication, controller
	Required    bool   `json:"required"`
	Basis       string `json:"basis"`
	Explanation string `json:"explanation"`
}

// Assess decodes and validates a case and assesses the breach named by ref (the first
// when empty) at the moment now. A late notice without reasons is not an error here:
// it is reported among the assessment's problems.
func (s *Service) Assess(ctx context.Context, lang, ref string, now time.Time, caseJSON []byte) (*Assessment, error) {
	loc, err := s.locale(lang)
	if err != nil {
		return nil, err
	}
	c, err := casedata.Parse(ctx, caseJSON, casedata.NeedOrganisation|casedata.NeedBreaches, lang)
	if err != nil {
		return nil, err
	}
	i, probs := c.SelectBreach(ref)
	if probs != nil {
		return nil, probs
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f := c.AssessBreach(i, now)
	zone := c.Location()
	ts := func(t time.Time) string { return t.In(zone).Format(time.RFC3339) }
	a := &Assessment{
		Reference: f.Breach.Reference,
		Role:      "controller",
		TimeZone:  zone.String(),
		Now:       ts(now),
		AwareAt:   ts(f.AwareAt),
		Sensitive: sensitiveCodes(f),
	}
	if !f.Deadline.IsZero() { // a processor's is its controller's, once known
		a.Deadline = ts(f.Deadline)
		a.RemainingMinutes = minutes(f.Deadline.Sub(now))
	}
	// filed are the facts the notices to the authority and the people are made from, in
	// the case they are made in: the organisation's own, or its controller's when it
	// files on the controller's written instruction; nil for a processor that tells
	// its controller only.
	filed, filing := f, c
	if f.Processor {
		a.Role = "processor"
		a.Controller = controllerDuty(c, f, loc, ts)
		filed = nil
		if f.Breach.Instructed() {
			d, g, probs := c.OnBehalf(i, now)
			if probs != nil {
				a.Problems = ProblemItems(probs, loc)
			} else {
				filed, filing = g, d
			}
		}
	}
	if filed != nil {
		a.NoticeAt = ts(filed.FirstNoticeAt)
		a.Notified, a.Late = filed.Notified, filed.Late
		a.DelayMinutes = int(filed.Delay / time.Minute)
		if filed.NotifyAuthority {
			a.Problems = ProblemItems(filed.NoticeProblems(filing, loc.DateTime(filed.Deadline)), loc)
		}
	}
	sev := f.Severity()
	a.Severity = Severity{Severity: sev, Label: loc.MustText("severity." + sev.Level), Note: loc.MustText("severity.note")}
	for _, item := range f.Completeness(c) {
		a.Completeness = append(a.Completeness, CompletenessItem{ID: item.ID, Label: loc.MustText("art33." + item.ID),
			Cite: loc.MustText("cite." + item.Cite), Path: item.Path, Present: item.Present})
	}
	a.MissingMayFollow = f.Breach.Phase != "final"
	a.Warnings = warnings(c, f, loc)
	if cb := f.Breach.CrossBorder; cb != nil {
		a.CrossBorder = &CrossBorder{MemberStates: cb.MemberStates, LeadAuthority: cb.LeadAuthority}
	}
	cite := func(id string) string { return loc.MustText("cite." + id) }
	deadline := func(id string, due time.Time, basis string) {
		a.Deadlines = append(a.Deadlines, Deadline{ID: id, Label: loc.MustText("deadline." + id), Due: ts(due), Basis: basis})
	}
	deadline("staff_report", f.StaffReportBy(), loc.MustText("deadline.internal"))
	deadline("initial_assessment", f.AssessmentBy(), loc.MustText("deadline.internal"))
	if f.Processor {
		basis := loc.MustText("deadline.internal")
		if c.Settings().ProcessorNoticeAgreed() {
			basis = cite("art33_2")
		}
		deadline("controller_notice", f.ControllerNoticeBy(), basis)
	}
	if !f.Deadline.IsZero() {
		deadline("authority", f.Deadline, cite("art33_1"))
	}

	obligation := func(id string, required bool, basis, reason string) {
		a.Obligations = append(a.Obligations, Obligation{ID: id, Required: required, Basis: basis,
			Explanation: loc.MustText("assess." + id + "." + reason)})
	}
	controllerReason := "required"
	if c.Settings().ProcessorNoticeAgreed() {
		controllerReason = "required_agreed"
	}
	if filed == nil {
		// The controller decides and notifies; the processor's duty is to tell it.
		obligation("authority", false, cite("art33_1"), "controller_duty")
		obligation("data_subjects", false, cite("art34_1"), "controller_duty")
		obligation("public_communication", false, cite("art34_3c"), "controller_duty")
		obligation("controller", true, cite("art33_2"), controllerReason)
		a.Warnings = append(a.Warnings, WarningItems(defaults(c.Warnings()), loc)...)
		return a, nil
	}
	if filed.NotifyAuthority {
		obligation("authority", true, cite("art33_1"), "required")
	} else {
		obligation("authority", false, cite("art33_5"), "no_risk")
	}
	b := filed.Breach
	switch {
	case filed.NotifySubjects:
		obligation("data_subjects", true, cite("art34_1"), "required")
	case filed.PublicCommunication:
		obligation("data_subjects", false, cite("art34_3c"), "public")
	case b.Risk == "high":
		obligation("data_subjects", false, cite("art34_3"), "exempt_"+b.SubjectNotice.Exemption)
	default:
		obligation("data_subjects", false, cite("art34_1"), "not_high")
	}
	if filed.PublicCommunication {
		obligation("public_communication", true, cite("art34_3c"), "required")
	} else {
		obligation("public_communication", false, cite("art34_3c"), "not_required")
	}
	if f.Processor {
		obligation("controller", true, cite("art33_2"), controllerReason)
	} else {
		obligation("controller", false, cite("art33_2"), "not_processor")
	}
	a.Warnings = append(a.Warnings, WarningItems(defaults(c.Warnings()), loc)...)
	return a, nil
}

func minutes(d time.Duration) *int {
	n := int(d / time.Minute)
	return &n
}

// controllerDuty is a processor's notice to its controller, as of now.
func controllerDuty(c *casedata.Case, f *casedata.BreachFacts, loc *locales.Locale, ts func(time.Time) string) *ControllerDuty {
	ctl := f.Breach.Controller
	d := &ControllerDuty{Name: ctl.Name, NoticeDue: ts(f.ControllerNoticeBy()), NoticeAgreed: c.Settings().ProcessorNoticeAgreed(),
		Overdue: f.ControllerLate(), OnBehalf: f.Breach.Instructed()}
	if f.ControllerNotified {
		d.NotifiedAt = ts(f.ControllerNoticeAt)
	}
	if ctl.Jurisdiction != "" {
		if ctl.Authority != nil {
			d.Authority = ctl.Authority.Name
		} else if j, ok := casedata.LookupJurisdiction(ctl.Jurisdiction); ok {
			d.Authority = j.Authority.Name.In(loc.Lang(), "nominative")
		}
	}
	return d
}

// warnings names the data of the breach that call for particular care and, for a
// processor, a notice to its controller that is missing or late.
func warnings(c *casedata.Case, f *casedata.BreachFacts, loc *locales.Locale) []WarningItem {
	var out []WarningItem
	add := func(code string, data map[string]any) {
		msg, _ := loc.Text("warning."+code, data)
		out = append(out, WarningItem{Code: code, Message: msg})
	}
	if f.Processor {
		due := map[string]any{"Due": loc.DateTime(f.ControllerNoticeBy()), "Controller": f.Breach.Controller.Name}
		switch {
		case !f.ControllerNotified && f.ControllerLate():
			add("controller_notice_overdue", due)
		case !f.ControllerNotified:
			add("controller_notice_missing", due)
		case f.ControllerLate():
			add("controller_notice_late", due)
		}
	}
	if len(f.Special) > 0 {
		labels := make([]string, len(f.Special))
		for i, code := range f.Special {
			labels[i], _ = loc.Label("data", code)
		}
		add("special", map[string]any{"Data": loc.List(labels)})
	}
	if f.Criminal {
		add("criminal", nil)
	}
	if f.Children {
		add("children", nil)
	}
	if f.NationalID {
		add("national_id", map[string]any{"Term": c.Jurisdiction().NationalID.In(loc.Lang(), "nominative")})
	}
	if f.Credentials {
		add("credentials", nil)
	}
	return out
}

func sensitiveCodes(f *casedata.BreachFacts) []string {
	out := append([]string{}, f.Special...)
	for code, on := range map[string]bool{"criminal": f.Criminal, "national_id": f.NationalID, "financial": f.Financial,
		"credentials": f.Credentials, "children": f.Children} {
		if on {
			out = append(out, code)
		}
	}
	slices.Sort(out)
	return out
}

// defaults are the defaults among a case's warnings: an answer in JSON prints no free
// text of the case, so its language fallbacks do not concern it.
func defaults(ws []casedata.Warning) []casedata.Warning {
	var out []casedata.Warning
	for _, w := range ws {
		if w.Code == "default" {
			out = append(out, w)
		}
	}
	return out
}
