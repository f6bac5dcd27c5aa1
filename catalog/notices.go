package catalog

import (
	"strconv"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/locales"
	"github.com/gdprdocs/gdprdocs/templates"
)

// prepareSubjectNotice builds the notice to the people affected (Art. 34): the
// controller's, made by a processor only on the controller's instruction (filing). It is
// offered when they must be told, or when the case says they will be told anyway; when an
// exemption applies, or the risk is not high and nobody plans a notice, the request is
// refused with the reason, so that no one sends a notice the law does not ask for by
// mistake.
func prepareSubjectNotice(c *casedata.Case, req Request, loc *locales.Locale) (*prepared, error) {
	f, err := selectBreach(c, req)
	if err != nil {
		return nil, err
	}
	c, f, on, err := filing(c, f, req)
	if err != nil {
		return nil, err
	}
	if reason := subjectNoticeRefusal(f, loc); reason != "" {
		return nil, casedata.Problems{{
			Path: "/breaches/" + strconv.Itoa(f.Index) + "/subject_notice",
			Code: "subject_notice_not_required",
			Args: map[string]any{"Reason": reason},
		}}
	}
	v := templates.NewSubjectNotice(c, f, req.Lang)
	v.OnBehalf = on
	date := v.SubjectNoticeAt
	if date.IsZero() {
		date = req.Now.In(c.Location())
	}
	v.Date = date
	return &prepared{view: v, reference: f.Breach.Reference, date: date, item: strconv.Itoa(f.Index)}, nil
}

// subjectNoticeRefusal is why no notice to the data subjects is offered, or "".
func subjectNoticeRefusal(f *casedata.BreachFacts, loc *locales.Locale) string {
	n := f.Breach.SubjectNotice
	switch {
	case f.NotifySubjects || f.PublicCommunication:
		return ""
	case n != nil && n.Status == "no":
		s, _ := loc.Label("exemption", n.Exemption)
		return s
	case n != nil && (n.Status == "yes" || n.Status == "planned"):
		return "" // not required, but the organisation informs them anyway
	}
	s, _ := loc.Label("exemption", "no_high_risk")
	return s
}

// prepareControllerNotice builds a processor's notice to its controller (Art. 33(2)),
// dated controller_notified_at or now.
func prepareControllerNotice(c *casedata.Case, req Request, loc *locales.Locale) (*prepared, error) {
	f, err := selectBreach(c, req)
	if err != nil {
		return nil, err
	}
	if !f.NotifyController {
		return nil, casedata.Problems{{Path: "/breaches/" + strconv.Itoa(f.Index) + "/role", Code: "not_a_processor"}}
	}
	return &prepared{view: templates.NewControllerNotice(c, f, req.Lang), reference: f.Breach.Reference, item: strconv.Itoa(f.Index),
		date: f.ControllerNoticeAt}, nil
}
