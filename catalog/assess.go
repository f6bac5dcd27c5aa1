package catalog

import (
	"context"
	"slices"
	"time"

	"gdprdocs/casedata"
	"gdprdocs/locales"
)

// Assessment is the decision support for one breach, as the API returns it: the
// deadlines, the obligations that follow from the case, and what still stops a notice.
// Explanations are in the requested language; times are RFC 3339 in the case's zone.
type Assessment struct {
	Reference string `json:"reference"`
	TimeZone  string `json:"time_zone"`
	Now       string `json:"now"`
	AwareAt   string `json:"aware_at"`
	// Deadline is the 72-hour deadline for notifying the authority.
	Deadline string `json:"deadline"`
	// NoticeAt is when the authority was notified, or now when it has not been yet.
	NoticeAt string `json:"notice_at"`
	Notified bool   `json:"authority_notified"`
	Late     bool   `json:"late"`
	// DelayMinutes is how far the notice is past the deadline (0 when on time).
	DelayMinutes int `json:"delay_minutes"`
	// RemainingMinutes is the time left until the deadline from now; negative once passed.
	RemainingMinutes int          `json:"remaining_minutes"`
	Deadlines        []Deadline   `json:"deadlines"`
	Obligations      []Obligation `json:"obligations"`
	Sensitive        []string     `json:"sensitive_data"`
	// Severity is the ENISA-method suggestion, beside the controller's own risk.
	Severity Severity `json:"severity"`
	// Completeness lists the items Art. 33(3) requires and whether the case has them;
	// MissingMayFollow is true unless the notice is final (Art. 33(4)).
	Completeness     []CompletenessItem `json:"completeness"`
	MissingMayFollow bool               `json:"missing_may_follow"`
	Warnings         []Warning          `json:"warnings"`
	CrossBorder      *CrossBorder       `json:"cross_border,omitempty"`
	// Problems are what must be fixed before a notice to the authority can be made.
	Problems []ProblemItem `json:"problems"`
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

// Warning is data that calls for particular care, in words.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
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

// ProblemItem is a problem with its JSON pointer and localised message.
type ProblemItem struct {
	Path    string `json:"path"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Assess decodes and validates a case and assesses the breach named by ref (the first
// when empty) at the moment now. A late notice without reasons is not an error here:
// it is reported among the assessment's problems.
func (s *Service) Assess(ctx context.Context, lang, ref string, now time.Time, caseJSON []byte) (*Assessment, error) {
	loc, err := s.locale(lang)
	if err != nil {
		return nil, err
	}
	c, err := casedata.Parse(caseJSON, casedata.NeedOrganisation|casedata.NeedBreaches)
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
		Reference:        f.Breach.Reference,
		TimeZone:         zone.String(),
		Now:              ts(now),
		AwareAt:          ts(f.AwareAt),
		Deadline:         ts(f.Deadline),
		NoticeAt:         ts(f.FirstNoticeAt),
		Notified:         f.Notified,
		Late:             f.Late,
		DelayMinutes:     int(f.Delay / time.Minute),
		RemainingMinutes: int(f.Deadline.Sub(now) / time.Minute),
		Sensitive:        sensitiveCodes(f),
	}
	if f.NotifyAuthority {
		a.Problems = ProblemItems(f.NoticeProblems(c, loc.DateTime(f.Deadline)), loc)
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
	deadline("staff_report", f.StaffReportBy, loc.MustText("deadline.internal"))
	deadline("initial_assessment", f.AssessmentBy, loc.MustText("deadline.internal"))
	if f.NotifyController {
		deadline("controller_notice", f.ControllerNoticeBy, cite("art33_2"))
	}
	deadline("authority", f.Deadline, cite("art33_1"))

	obligation := func(id string, required bool, basis, reason string) {
		a.Obligations = append(a.Obligations, Obligation{ID: id, Required: required, Basis: basis,
			Explanation: loc.MustText("assess." + id + "." + reason)})
	}
	if f.NotifyAuthority {
		obligation("authority", true, cite("art33_1"), "required")
	} else {
		obligation("authority", false, cite("art33_5"), "no_risk")
	}
	b := f.Breach
	switch {
	case f.NotifySubjects:
		obligation("data_subjects", true, cite("art34_1"), "required")
	case f.PublicCommunication:
		obligation("data_subjects", false, cite("art34_3c"), "public")
	case b.Risk == "high":
		obligation("data_subjects", false, cite("art34_3"), "exempt_"+b.SubjectNotice.Exemption)
	default:
		obligation("data_subjects", false, cite("art34_1"), "not_high")
	}
	if f.PublicCommunication {
		obligation("public_communication", true, cite("art34_3c"), "required")
	} else {
		obligation("public_communication", false, cite("art34_3c"), "not_required")
	}
	if f.NotifyController {
		obligation("controller", true, cite("art33_2"), "required")
	} else {
		obligation("controller", false, cite("art33_2"), "not_processor")
	}
	return a, nil
}

// warnings names the data of the breach that call for particular care.
func warnings(c *casedata.Case, f *casedata.BreachFacts, loc *locales.Locale) []Warning {
	var out []Warning
	add := func(code string, data map[string]any) {
		msg, _ := loc.Text("warning."+code, data)
		out = append(out, Warning{Code: code, Message: msg})
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

// ProblemItems localises problems for a response.
func ProblemItems(probs casedata.Problems, loc *locales.Locale) []ProblemItem {
	out := make([]ProblemItem, len(probs))
	for i, p := range probs {
		out[i] = ProblemItem{Path: p.Path, Code: p.Code, Message: p.Message(loc)}
	}
	return out
}
