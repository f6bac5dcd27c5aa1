package catalog

import (
	"strconv"
	"time"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/generators/xlsx"
	"github.com/gdprdocs/gdprdocs/locales"
	"github.com/gdprdocs/gdprdocs/templates"
)

// prepareCookiePolicy builds the cookie policy and its cookie table.
func prepareCookiePolicy(c *casedata.Case, req Request, loc *locales.Locale) (*prepared, error) {
	v := templates.NewCookiePolicy(c, req.Now, req.Lang)
	w := words{loc}
	cells := func(ck casedata.Cookie) []xlsx.Cell {
		country := ""
		if ck.Country != "" {
			country = loc.Country(ck.Country)
		}
		return []xlsx.Cell{{Value: ck.Name}, {Value: w.label("cookie_category", ck.Category)}, {Value: ck.Provider},
			{Value: ck.Purpose}, {Value: templates.Expiry(loc, ck.Expiry)}, {Value: ck.Expiry},
			{Value: w.label("party", ck.Party)}, {Value: country}}
	}
	col := func(key string, width float64) xlsx.Column {
		return xlsx.Column{Header: loc.MustText("cookies." + key), Width: width}
	}
	ref := v.Date.Format(time.DateOnly)
	if v.Document.Version != "" {
		ref = v.Document.Version
	}
	return &prepared{view: v, reference: ref, date: v.Date,
		table: &table{name: loc.MustText("sheet.cookies"), rows: rowsOf(c.Organisation.Cookies, cells),
			records: func() any { return c.Organisation.Cookies },
			columns: []xlsx.Column{col("name", 22), col("category", 26), col("provider", 26), col("purpose", 48),
				col("expiry", 18), col("expiry_code", 12), col("party", 18), col("country", 20)}}}, nil
}

// noControllerActivities refuses a document that describes the organisation's own
// processing (the privacy notice, the rules) when the case lists none of it: an empty
// notice would tell readers that nothing is processed, which the case does not say.
var noControllerActivities = casedata.Problems{{Path: "/organisation/processing_activities", Code: "no_controller_activities"}}

// preparePrivacyPolicy builds the privacy notice from the controller's activities, for
// the audience the request names (one of casedata.Audiences, which render has checked)
// or, without one, the public. A notice for an audience that no activity concerns is
// refused; so is an automated decision the notice would describe on a basis Art. 22(2)
// does not allow.
func preparePrivacyPolicy(c *casedata.Case, req Request, loc *locales.Locale) (*prepared, error) {
	const acts = "/organisation/processing_activities"
	var probs casedata.Problems
	for i := range c.Organisation.ProcessingActivities {
		a := &c.Organisation.ProcessingActivities[i]
		if a.Role != "processor" && a.InNotice(req.Audience) && !a.AutomatedDecisionAllowed() {
			probs = append(probs, casedata.Problem{Path: acts + "/" + strconv.Itoa(i) + "/automated_decisions/used",
				Code: "automated_decision_basis"})
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	v := templates.NewPrivacyPolicy(c, req.Now, req.Lang, req.Audience)
	if len(v.Activities) == 0 {
		if req.Audience != "" {
			return nil, casedata.Problems{{Path: acts, Code: "no_audience_activities",
				Args: map[string]any{"Audience": words{loc}.label("audience", req.Audience)}}}
		}
		return nil, noControllerActivities
	}
	ref := v.Date.Format(time.DateOnly)
	if v.Document.Version != "" {
		ref = v.Document.Version
	}
	return &prepared{view: v, reference: ref, date: v.Date}, nil
}
