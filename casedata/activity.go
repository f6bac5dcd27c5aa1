package casedata

import (
	"slices"
	"strconv"
	"strings"
)

// eea are the countries where the GDPR applies (EU and EEA): no transfer safeguard is
// needed for them.
var eea = []string{"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
	"MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"}

// InEEA reports whether a country (ISO 3166-1 alpha-2) is in the European Economic Area.
func InEEA(country string) bool { return slices.Contains(eea, country) }

// SpecialData lists an activity's special categories of data (Art. 9) and criminal
// data (Art. 10), as codes.
func (a *Activity) SpecialData() []string {
	var out []string
	for _, d := range a.Data {
		if slices.Contains(specialCategories, d) || d == "criminal" {
			out = append(out, d)
		}
	}
	return out
}

func (v *validator) activities(as []Activity) {
	seen := map[string]bool{}
	for i := range as {
		a := &as[i]
		p := "/organisation/processing_activities/" + strconv.Itoa(i)
		v.required(p+"/id", a.ID)
		// Two ids that make the same anchor would make the same cross-reference label.
		if a.ID != "" && seen[Anchor(a.ID)] {
			v.add(p+"/id", "duplicate_id", nil)
		}
		seen[Anchor(a.ID)] = true
		v.required(p+"/name", a.Name)
		v.required(p+"/purpose", a.Purpose)
		if len(a.LegalBasis) == 0 {
			v.add(p+"/legal_basis", "required", nil)
		}
		for j, b := range a.LegalBasis {
			v.oneOf(p+"/legal_basis/"+strconv.Itoa(j), b, LegalBases.Codes)
		}
		if slices.Contains(a.LegalBasis, "legitimate_interests") && a.LegitimateInterest == "" {
			v.add(p+"/legitimate_interest", "required", nil)
		}
		for j, b := range a.SpecialBasis {
			v.oneOf(p+"/special_basis/"+strconv.Itoa(j), b, SpecialBases.Codes)
		}
		if len(a.SpecialData()) > 0 && len(a.SpecialBasis) == 0 {
			v.add(p+"/special_basis", "special_basis_required", nil)
		}
		for j, t := range a.Transfers {
			tp := p + "/transfers/" + strconv.Itoa(j)
			if t.Country == "" {
				v.add(tp+"/country", "required", nil)
			}
			v.country(tp+"/country", t.Country)
			v.oneOf(tp+"/safeguard", t.Safeguard, Safeguards.Codes)
			if t.Safeguard == "" && t.Country != "" && !InEEA(t.Country) {
				v.add(tp+"/safeguard", "safeguard_required", nil)
			}
		}
		v.oneOf(p+"/role", a.Role, Roles.Codes)
		if a.Role == "processor" && a.Controller == nil {
			v.add(p+"/controller", "required", nil)
		}
	}
}

func (v *validator) cookies(cs []Cookie) {
	for i, c := range cs {
		p := "/organisation/cookies/" + strconv.Itoa(i)
		v.required(p+"/name", c.Name)
		v.code(p+"/category", c.Category, CookieCategories.Codes)
		if c.Expiry == "" {
			v.add(p+"/expiry", "required", nil)
		} else if _, err := ParsePeriod(c.Expiry); err != nil && c.Expiry != "session" {
			v.add(p+"/expiry", "invalid_duration", nil)
		}
		v.oneOf(p+"/party", c.Party, Parties.Codes)
		v.country(p+"/country", c.Country)
	}
}

// Anchor makes an id safe for an HTML anchor and a Markdown heading attribute: lower-case
// letters, digits and single hyphens ("Client Portal" → "client-portal").
func Anchor(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}
