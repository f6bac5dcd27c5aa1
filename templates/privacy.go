package templates

import (
	"slices"
	"time"

	"github.com/gdprdocs/gdprdocs/casedata"
)

// PrivacyPolicy is what the privacy notice sees (Art. 13, 14): the controller's own
// activities, and what the notice must say about them, decided here so that the
// templates only word it.
type PrivacyPolicy struct {
	Lang         string
	Org          *casedata.Organisation
	Jurisdiction *casedata.Jurisdiction
	Authority    Authority
	Document     *casedata.Document
	Date         time.Time
	// Audience is the audience the notice is for, as a code; empty for the public
	// notice (casedata.Activity.InNotice).
	Audience   string
	Activities []*casedata.Activity
	// Provisions answer Art. 13(2)(e) for each of Activities, in the same order.
	Provisions []casedata.Provision
	Recipients []string
	Transfers  []ActivityTransfer
	// TransfersUnknown are the activities whose transfers the case does not state.
	TransfersUnknown []*casedata.Activity
	Automated        []*casedata.Activity
	// Sources lists activities whose data come from elsewhere than the person (Art. 14).
	Sources []*casedata.Activity
	// ObjectApart is true when direct marketing or legitimate interests are relied on:
	// the right to object is then stated apart and first (Art. 21(4)).
	ObjectApart         bool
	DirectMarketing     bool
	LegitimateInterests bool
	Consent             bool
	Children            bool
	// NoAutomated is true when every activity states that it makes no automated
	// decisions; only then does the notice say that none are made.
	NoAutomated bool
	// Cookies is true when the notice reaches website visitors and the case lists the
	// website's cookies: the notice then points to the cookie policy.
	Cookies bool
}

// ActivityTransfer is one transfer with the activity it belongs to.
type ActivityTransfer struct {
	Activity *casedata.Activity
	casedata.Transfer
}

// NewPrivacyPolicy builds the privacy notice of case c for audience ("" for the public
// notice), dated document.date or now.
func NewPrivacyPolicy(c *casedata.Case, now time.Time, lang, audience string) *PrivacyPolicy {
	v := &PrivacyPolicy{Lang: lang, Org: c.Organisation, Jurisdiction: c.Jurisdiction(), Authority: authorityOf(c, lang),
		Document: c.Document, Date: now.In(c.Location()), Audience: audience}
	if v.Document == nil {
		v.Document = &casedata.Document{}
	}
	if v.Document.Date != nil {
		v.Date = v.Document.Date.Time
	}
	for i := range c.Organisation.ProcessingActivities {
		a := &c.Organisation.ProcessingActivities[i]
		if a.Role == "processor" || !a.InNotice(audience) {
			continue // the controller's notice covers what it decides itself, for its readers
		}
		v.Activities = append(v.Activities, a)
		v.Provisions = append(v.Provisions, a.Provision())
		for _, r := range a.Recipients {
			if !slices.Contains(v.Recipients, r) {
				v.Recipients = append(v.Recipients, r)
			}
		}
		if a.Transfers == nil {
			v.TransfersUnknown = append(v.TransfersUnknown, a)
		}
		for _, t := range a.Transfers {
			if !casedata.InEEA(t.Country) {
				v.Transfers = append(v.Transfers, ActivityTransfer{Activity: a, Transfer: t})
			}
		}
		if a.AutomatedDecisions != nil && a.AutomatedDecisions.Used {
			v.Automated = append(v.Automated, a)
		}
		if a.Source != "" && a.Source != "data_subject" {
			v.Sources = append(v.Sources, a)
		}
		v.DirectMarketing = v.DirectMarketing || a.DirectMarketing
		v.LegitimateInterests = v.LegitimateInterests || slices.Contains(a.LegalBasis, "legitimate_interests")
		v.ObjectApart = v.DirectMarketing || v.LegitimateInterests
		v.Consent = v.Consent || slices.Contains(a.LegalBasis, "consent") || slices.Contains(a.SpecialBasis, "explicit_consent")
		v.Children = v.Children || slices.Contains(a.Subjects, "children")
	}
	v.Cookies = len(c.Organisation.Cookies) > 0 && (audience == "" || audience == "website_visitors")
	v.NoAutomated = len(v.Activities) > 0 && !slices.ContainsFunc(v.Activities, func(a *casedata.Activity) bool {
		return a.AutomatedDecisions == nil || a.AutomatedDecisions.Used
	})
	return v
}

// Provision is the answer to Art. 13(2)(e) for the i-th of Activities.
func (v *PrivacyPolicy) Provision(i int) casedata.Provision { return v.Provisions[i] }

// Law names the national data protection law in a grammatical case; empty for EU.
func (v *PrivacyPolicy) Law(gc string) string { return v.Jurisdiction.Law.In(v.Lang, gc) }
