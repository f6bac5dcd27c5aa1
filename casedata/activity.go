package casedata

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
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

// subjectAudiences maps a category of data subjects to the audience whose notice reaches
// them. Children have none: their notice goes to their parents, who are in another
// audience of the same activity.
var subjectAudiences = map[string]string{
	"customers": "customers", "prospects": "customers", "employees": "staff", "candidates": "candidates",
	"website_visitors": "website_visitors", "suppliers": "suppliers", "patients": "patients",
	"students": "students", "members": "members", "subscribers": "subscribers", "users": "users",
}

// OwnNotice lists the audiences that are told about their data in a notice of their
// own — staff in the workplace, candidates where they apply — and not in the public one.
var OwnNotice = []string{"staff", "candidates"}

// Audiences lists the audiences whose privacy notices describe the activity: the
// audience the case states, else the audiences of the data subjects the activity
// concerns (Art. 13 and 14 inform the people whose data are processed). Empty when
// neither tells.
func (a *Activity) Audiences() []string {
	if len(a.Audience) > 0 {
		return a.Audience
	}
	var out []string
	for _, s := range a.Subjects {
		if au, ok := subjectAudiences[s]; ok && !slices.Contains(out, au) {
			out = append(out, au)
		}
	}
	return out
}

// InNotice reports whether the privacy notice for audience describes the activity. The
// public notice (audience "") describes every activity of an audience without a notice
// of its own, and every activity whose audience is not known, so that a notice never
// leaves out what might concern its readers.
func (a *Activity) InNotice(audience string) bool {
	as := a.Audiences()
	if audience == "" {
		return len(as) == 0 || slices.ContainsFunc(as, func(x string) bool { return !slices.Contains(OwnNotice, x) })
	}
	return slices.Contains(as, audience)
}

// decisionBases are the legal bases on which a decision based solely on automated
// processing may be taken (Art. 22(2)): a contract, a law, or the person's (explicit)
// consent. Legitimate interests and vital interests are not among them.
var decisionBases = []string{"contract", "legal_obligation", "public_task", "consent"}

// AutomatedDecisionAllowed reports whether the activity's automated decisions, if it
// makes any, rest on a basis Art. 22(2) allows.
func (a *Activity) AutomatedDecisionAllowed() bool {
	if a.AutomatedDecisions == nil || !a.AutomatedDecisions.Used {
		return true
	}
	return slices.ContainsFunc(a.LegalBasis, func(b string) bool { return slices.Contains(decisionBases, b) })
}

// Provision is a privacy notice's answer to Art. 13(2)(e) for one activity: whether the
// person must provide the data, why, and what follows if not.
type Provision struct {
	// Kind is the answer: "contract" (needed to conclude or perform a contract),
	// "statutory" (the law requires the data), "statutory_contract" (both),
	// "public_task" (the law giving a public task decides), "vital_interests",
	// "voluntary" (not obliged), or "required" (the case says required, for the
	// reason in Basis).
	Kind string
	// Basis is the reason the case gives for a "required" answer: a legal basis code
	// or the case's own words.
	Basis string
	// Consequences are the case's own words on what follows if the data are not
	// provided, ending with a full stop; empty when the template words the consequence
	// of Kind.
	Consequences string
}

// Provision answers Art. 13(2)(e) for the activity. The mandatory block of the case
// decides when given; otherwise the answer follows from the legal basis, which fixes it:
// data necessary for a contract (Art. 6(1)(b)) are a contractual requirement, data the
// law requires (Art. 6(1)(c)) a statutory one, and data processed on consent or
// legitimate interests are not required at all. Deriving the answer from a stated
// basis is not a default: nothing is reported.
func (a *Activity) Provision() Provision {
	derived := provisionOf(a.LegalBasis)
	m := a.Mandatory
	if m == nil {
		return Provision{Kind: derived}
	}
	p := Provision{Consequences: sentence(m.Consequences)}
	switch {
	case !m.Required:
		p.Kind = "voluntary"
	case m.Basis == "contract", m.Basis == "legal_obligation":
		p.Kind = provisionOf([]string{m.Basis})
	case m.Basis == "" && slices.Contains([]string{"contract", "statutory", "statutory_contract"}, derived):
		p.Kind = derived
	default:
		p.Kind, p.Basis = "required", m.Basis
	}
	return p
}

// provisionOf is the answer to Art. 13(2)(e) that the legal bases imply, the strongest
// obligation first.
func provisionOf(bases []string) string {
	has := func(b string) bool { return slices.Contains(bases, b) }
	switch {
	case has("legal_obligation") && has("contract"):
		return "statutory_contract"
	case has("legal_obligation"):
		return "statutory"
	case has("contract"):
		return "contract"
	case has("public_task"):
		return "public_task"
	case has("vital_interests") && !has("consent") && !has("legitimate_interests"):
		return "vital_interests"
	}
	return "voluntary"
}

// sentence ends a text given by the case with a full stop, unless it ends a sentence
// already; the text is otherwise printed as given.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if last, _ := utf8.DecodeLastRuneInString(s); !strings.ContainsRune(".!?…", last) {
		s += "."
	}
	return s
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
		for j, au := range a.Audience {
			v.code(p+"/audience/"+strconv.Itoa(j), au, Audiences.Codes)
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
