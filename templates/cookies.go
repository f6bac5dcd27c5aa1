package templates

import (
	"slices"
	"time"

	"github.com/gdprdocs/gdprdocs/casedata"
)

// CookiePolicy is what the cookie policy sees: the cookies grouped by category in a
// fixed order, the third parties that set cookies, and the rule of the jurisdiction.
type CookiePolicy struct {
	Lang         string
	Org          *casedata.Organisation
	Jurisdiction *casedata.Jurisdiction
	Document     *casedata.Document
	Date         time.Time
	Groups       []CookieGroup
	ThirdParties []ThirdParty
	// Consent is true when the website sets cookies that need consent (any but the
	// strictly necessary ones); without them there is no consent to ask for.
	Consent bool
	// Practice is how the website asks for consent, as the case states it; each of its
	// claims is printed only when stated (zero when the case says nothing).
	Practice casedata.CookieConsent
}

// CookieGroup is the cookies of one category.
type CookieGroup struct {
	Category string
	Cookies  []casedata.Cookie
}

// ThirdParty is a provider whose cookies the website sets.
type ThirdParty struct {
	Name    string
	Country string
	// OutsideEEA is true when Country is outside the European Economic Area.
	OutsideEEA bool
	// Safeguard is the ground of the transfer to the provider, as a code, when an
	// activity the public privacy notice describes states a transfer to it; empty when
	// none does.
	Safeguard string
}

var cookieOrder = []string{"necessary", "preferences", "statistics", "marketing"}

// NewCookiePolicy builds the cookie policy of case c, dated document.date or now.
func NewCookiePolicy(c *casedata.Case, now time.Time, lang string) *CookiePolicy {
	v := &CookiePolicy{Lang: lang, Org: c.Organisation, Jurisdiction: c.Jurisdiction(), Document: c.Document,
		Date: now.In(c.Location())}
	if v.Document == nil {
		v.Document = &casedata.Document{}
	}
	if v.Document.Date != nil {
		v.Date = v.Document.Date.Time
	}
	for _, cat := range cookieOrder {
		g := CookieGroup{Category: cat}
		for _, ck := range c.Organisation.Cookies {
			if ck.Category == cat {
				g.Cookies = append(g.Cookies, ck)
			}
		}
		if len(g.Cookies) > 0 {
			v.Groups = append(v.Groups, g)
		}
	}
	v.Consent = slices.ContainsFunc(c.Organisation.Cookies, func(ck casedata.Cookie) bool { return ck.Category != "necessary" })
	if c.Organisation.CookieConsent != nil {
		v.Practice = *c.Organisation.CookieConsent
	}
	for _, ck := range c.Organisation.Cookies {
		if ck.Party == "third" && ck.Provider != "" &&
			!slices.ContainsFunc(v.ThirdParties, func(t ThirdParty) bool { return t.Name == ck.Provider }) {
			t := ThirdParty{Name: ck.Provider, Country: ck.Country, OutsideEEA: ck.Country != "" && !casedata.InEEA(ck.Country)}
			if t.OutsideEEA {
				t.Safeguard = transferSafeguard(c, ck.Provider, ck.Country)
			}
			v.ThirdParties = append(v.ThirdParties, t)
		}
	}
	return v
}

// transferSafeguard is the safeguard of the transfer to recipient in country that an
// activity of the public privacy notice states, so that the cookie policy can refer to
// the notice for it; empty when no such activity states one.
func transferSafeguard(c *casedata.Case, recipient, country string) string {
	for i := range c.Organisation.ProcessingActivities {
		a := &c.Organisation.ProcessingActivities[i]
		if a.Role == "processor" || !a.InNotice("") {
			continue
		}
		for _, t := range a.Transfers {
			if t.Recipient == recipient && t.Country == country && t.Safeguard != "" {
				return t.Safeguard
			}
		}
	}
	return ""
}

// Categories lists the categories in use, as codes.
func (v *CookiePolicy) Categories() []string {
	out := make([]string, len(v.Groups))
	for i, g := range v.Groups {
		out[i] = g.Category
	}
	return out
}

// CookieLaw names the jurisdiction's rule on cookies in a grammatical case.
func (v *CookiePolicy) CookieLaw(gc string) string { return v.Jurisdiction.CookieLaw.In(v.Lang, gc) }
