package casedata

import (
	"slices"
	"strings"
)

// A CodeList is one list of codes of the case format: the one place that says which
// codes a field takes. Validation, the JSON Schema and the tests read it; the locale
// files label every code under its Kind ("subject.customers"), in every language.
//
// A field of a list is closed or open. A closed field refuses a value outside Codes
// (unknown_code). An open field is coded-or-free: a known code is rendered as a word in
// the document's language, any other string is the user's own text, printed as given.
type CodeList struct {
	// Kind names the list in the locale files and in the templates' label function.
	Kind  string
	Codes []string
	// Closed and Open are the JSON pointers of the fields that take the list, "*"
	// standing for any array index: "/breaches/*/risk".
	Closed, Open []string
}

// Has reports whether code is one of the list's codes.
func (l CodeList) Has(code string) bool { return slices.Contains(l.Codes, code) }

// The code lists of the format, closed ones first.
var (
	// LegalBases are the lawful bases of processing (Art. 6(1)); a mandatory
	// provision of data (Art. 13(2)(e)) names its basis with them or in words.
	LegalBases = CodeList{Kind: "basis",
		Codes:  []string{"consent", "contract", "legal_obligation", "vital_interests", "public_task", "legitimate_interests"},
		Closed: []string{"/organisation/processing_activities/*/legal_basis/*"},
		Open:   []string{"/organisation/processing_activities/*/mandatory/basis"}}
	// SpecialBases are the conditions of Art. 9(2), points (a) to (j) in order.
	SpecialBases = CodeList{Kind: "special_basis",
		Codes: []string{"explicit_consent", "employment_law", "vital_interests", "not_for_profit", "made_public",
			"legal_claims", "substantial_public_interest", "health_care", "public_health", "archiving_research"},
		Closed: []string{"/organisation/processing_activities/*/special_basis/*"}}
	// Safeguards are the grounds of a transfer outside the EEA (Chapter V).
	Safeguards = CodeList{Kind: "safeguard", Codes: []string{"adequacy", "scc", "bcr", "derogation"},
		Closed: []string{"/organisation/processing_activities/*/transfers/*/safeguard"}}
	// Roles are the organisation's role in a processing activity or a breach.
	Roles = CodeList{Kind: "role", Codes: []string{"controller", "processor"},
		Closed: []string{"/organisation/processing_activities/*/role", "/breaches/*/role"}}
	// CookieCategories are the categories of cookies, in the order a policy lists them.
	CookieCategories = CodeList{Kind: "cookie_category", Codes: []string{"necessary", "preferences", "statistics", "marketing"},
		Closed: []string{"/organisation/cookies/*/category"}}
	// Parties say who sets a cookie: the site itself or a third party.
	Parties = CodeList{Kind: "party", Codes: []string{"first", "third"},
		Closed: []string{"/organisation/cookies/*/party"}}
	// BreachTypes are the kinds of breach: confidentiality, integrity, availability.
	BreachTypes = CodeList{Kind: "breach_type", Codes: []string{"confidentiality", "integrity", "availability"},
		Closed: []string{"/breaches/*/types/*"}}
	// RiskLevels are the controller's assessment of a breach's risk (Art. 33(1), 34(1)).
	RiskLevels = CodeList{Kind: "risk", Codes: []string{"none", "risk", "high"},
		Closed: []string{"/breaches/*/risk"}}
	// Phases are the notices of a breach reported in phases (Art. 33(4)).
	Phases = CodeList{Kind: "phase", Codes: []string{"initial", "supplementary", "final"},
		Closed: []string{"/breaches/*/phase"}}
	// NoticeStatuses say whether the data subjects were, will be or will not be told.
	NoticeStatuses = CodeList{Kind: "notice_status", Codes: []string{"yes", "planned", "no"},
		Closed: []string{"/breaches/*/subject_notice/status"}}
	// Exemptions are the reasons not to tell the data subjects (Art. 34(3)), and that
	// the risk is not high.
	Exemptions = CodeList{Kind: "exemption", Codes: []string{"encrypted", "mitigated", "disproportionate", "no_high_risk"},
		Closed: []string{"/breaches/*/subject_notice/exemption"}}
	// Decisions are what became of a data subject's request.
	Decisions = CodeList{Kind: "decision", Codes: []string{"granted", "partial", "refused", "pending"},
		Closed: []string{"/requests/*/decision"}}
	// Audiences are the readers a privacy notice is written for; an activity names the
	// audiences whose notice describes it. Staff and candidates have notices of their own
	// (OwnNotice): the public notice leaves their activities out.
	Audiences = CodeList{Kind: "audience",
		Codes: []string{"website_visitors", "visitors", "customers", "users", "subscribers", "patients", "members",
			"students", "suppliers", "staff", "candidates"},
		Closed: []string{"/organisation/processing_activities/*/audience/*"}}
	// ReviewKinds are the kinds of periodic review, in the order a schedule lists them.
	ReviewKinds = CodeList{Kind: "review_kind", Codes: []string{"records", "access_logs", "rules", "security", "risk"},
		Closed: []string{"/reviews/*/kind"}}

	// Subjects are categories of data subjects.
	Subjects = CodeList{Kind: "subject",
		Codes: []string{"customers", "prospects", "employees", "candidates", "website_visitors", "suppliers",
			"patients", "students", "children", "members", "subscribers", "users"},
		Open: []string{"/organisation/processing_activities/*/subjects/*", "/breaches/*/subjects/categories/*"}}
	// DataCategories are categories of personal data, the special ones (Art. 9) and
	// criminal data (Art. 10) last.
	DataCategories = CodeList{Kind: "data",
		Codes: []string{"identification", "contact", "national_id", "financial", "transactions", "credentials",
			"location", "online_identifiers", "communications", "employment", "education", "images", "recordings",
			"health", "biometric", "genetic", "racial_ethnic", "political", "religious", "trade_union", "sex_life", "criminal"},
		Open: []string{"/organisation/processing_activities/*/data/*", "/breaches/*/records/categories/*",
			"/breaches/*/credentials_access/*"}}
	// Sources say where data not obtained from the person come from (Art. 14(2)(f)).
	Sources = CodeList{Kind: "source", Codes: []string{"data_subject", "third_party", "public"},
		Open: []string{"/organisation/processing_activities/*/source"}}
	// Recipients are categories of recipients (Art. 13(1)(e), 30(1)(d)); a named
	// recipient ("Valstybinė mokesčių inspekcija") is free text.
	Recipients = CodeList{Kind: "recipient",
		Codes: []string{"processors", "group_companies", "it_providers", "payment_providers", "banks",
			"courier_services", "accountants", "auditors", "legal_advisers", "debt_collectors", "insurers",
			"health_insurers", "health_care_providers", "tax_authority", "social_security", "public_authorities",
			"law_enforcement", "courts"},
		Open: []string{"/organisation/processing_activities/*/recipients/*"}}
	// Measures are organisational and technical security measures (Art. 32).
	Measures = CodeList{Kind: "measure",
		Codes: []string{"firewall", "antivirus", "backups", "encryption_at_rest", "tls", "mfa", "access_control",
			"physical_access", "clean_desk", "pseudonymisation"},
		Open: []string{"/organisation/security/measures/*"}}
	// Causes are causes of a breach.
	Causes = CodeList{Kind: "cause",
		Codes: []string{"cyberattack", "ransomware", "phishing", "malware", "lost_device", "stolen_device",
			"misdirected_communication", "unauthorised_access", "accidental_disclosure", "publication_error",
			"software_error", "improper_disposal", "other"},
		Open: []string{"/breaches/*/cause"}}
	// Channels are the ways data subjects are told of a breach.
	Channels = CodeList{Kind: "channel", Codes: []string{"email", "letter", "sms", "phone", "website", "public", "in_person"},
		Open: []string{"/breaches/*/subject_notice/channel"}}
	// Rights are the data subject's rights a request invokes (Art. 13–22, 7(3)).
	Rights = CodeList{Kind: "right",
		Codes: []string{"information", "access", "rectification", "erasure", "restriction", "portability",
			"objection", "automated_decision", "withdraw_consent"},
		Open: []string{"/requests/*/right"}}
)

// CodeLists returns every code list of the format, closed lists first.
func CodeLists() []CodeList {
	return []CodeList{LegalBases, SpecialBases, Safeguards, Roles, CookieCategories, Parties, BreachTypes,
		RiskLevels, Phases, NoticeStatuses, Exemptions, Decisions, Audiences, ReviewKinds,
		Subjects, DataCategories, Sources, Recipients, Measures, Causes, Channels, Rights}
}

// codesOf lists the codes of the open list the field at the JSON pointer path takes, nil
// for a field that takes none.
func codesOf(path string) []string {
	steps := strings.Split(path, "/")
	for i, s := range steps {
		if s != "" && strings.Trim(s, "0123456789") == "" {
			steps[i] = "*" // an array index: the names of fields are never numbers
		}
	}
	field := strings.Join(steps, "/")
	for _, l := range CodeLists() {
		if slices.Contains(l.Open, field) {
			return l.Codes
		}
	}
	return nil
}
