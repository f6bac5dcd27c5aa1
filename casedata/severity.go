package casedata

import (
	"math"
	"slices"
	"strconv"
)

// Severity is a suggestion of how severe a breach is, following the ENISA methodology
// for the severity of personal data breaches (2013): SE = DPC × EI + CB. It is shown
// beside the controller's own risk assessment and never replaces it.
type Severity struct {
	Score float64 `json:"score"`
	// Level is low (< 2), medium (< 3), high (< 4) or very_high.
	Level string `json:"level"`
	// DPC is the data processing context: 1 simple data, 2 behavioural, 3 financial
	// (and, here, identity numbers), 4 sensitive; one more for data of children or
	// patients, at most 4. Login credentials count as the data they give access to
	// (credentials_access).
	DPC int `json:"data_processing_context"`
	// EI is the ease of identification: 0.25 when the data were unintelligible
	// (encrypted), 1 with direct identifiers, 0.75 with contact or account data, else 0.5.
	EI float64 `json:"ease_of_identification"`
	// CB is the circumstances of the breach: loss of confidentiality (0.25 to known
	// recipients, 0.5 otherwise), of integrity (0.25), of availability (0.25), and
	// malicious intent (0.5).
	CB float64 `json:"circumstances"`
}

// DefaultCredentialsAccess is what login credentials are taken to give access to when
// the case does not say (credentials_access): an online account and its history of
// transactions, behavioural data in the ENISA method. The default is reported.
const DefaultCredentialsAccess = "transactions"

var (
	behaviouralData = []string{"location", "online_identifiers", "communications", "transactions", "recordings"}
	financialLevel  = []string{"financial", "national_id"}
	directIDs       = []string{"identification", "national_id", "biometric", "images"}
	contactLevel    = []string{"contact", "credentials", "financial", "communications"}
	maliciousCauses = []string{"cyberattack", "ransomware", "phishing", "malware", "stolen_device", "unauthorised_access"}
	knownRecipients = []string{"misdirected_communication", "accidental_disclosure"}
)

// Severity computes the ENISA severity suggestion for the breach.
func (f *BreachFacts) Severity() Severity {
	b := f.Breach
	var cats, subjects []string
	if b.Records != nil {
		cats = b.Records.Categories
	}
	if b.Subjects != nil {
		subjects = b.Subjects.Categories
	}
	involves := func(list []string) bool {
		return slices.ContainsFunc(cats, func(c string) bool { return slices.Contains(list, c) })
	}

	dpc := dataContext(cats)
	if f.Credentials {
		// Credentials weigh what they open: an e-shop account's history is behavioural,
		// an online bank's login financial (ENISA: the context of the data concerned).
		opened := b.CredentialsAccess
		if opened == nil {
			f.c.defaultedCode("/breaches/"+strconv.Itoa(f.Index)+"/credentials_access", "data", DefaultCredentialsAccess)
			opened = []string{DefaultCredentialsAccess}
		}
		dpc = max(dpc, dataContext(opened))
	}
	if slices.Contains(subjects, "children") || slices.Contains(subjects, "patients") {
		dpc = min(dpc+1, 4)
	}

	ei := 0.5
	switch {
	case b.Encrypted != nil && *b.Encrypted:
		ei = 0.25
	case involves(directIDs):
		ei = 1
	case involves(contactLevel):
		ei = 0.75
	}

	cb := 0.0
	for _, t := range b.Types {
		switch {
		case t == "confidentiality" && slices.Contains(knownRecipients, b.Cause):
			cb += 0.25
		case t == "confidentiality":
			cb += 0.5
		default:
			cb += 0.25
		}
	}
	if slices.Contains(maliciousCauses, b.Cause) {
		cb += 0.5
	}

	score := math.Round((float64(dpc)*ei+cb)*100) / 100
	level := "very_high"
	switch {
	case score < 2:
		level = "low"
	case score < 3:
		level = "medium"
	case score < 4:
		level = "high"
	}
	return Severity{Score: score, Level: level, DPC: dpc, EI: ei, CB: cb}
}

// dataContext is the ENISA data processing context of data categories alone: 4 for
// special categories and criminal data, 3 for financial data and identity numbers, 2
// for behavioural data, else 1. Credentials add nothing by themselves.
func dataContext(cats []string) int {
	involves := func(list []string) bool {
		return slices.ContainsFunc(cats, func(c string) bool { return slices.Contains(list, c) })
	}
	switch {
	case involves(specialCategories) || slices.Contains(cats, "criminal"):
		return 4
	case involves(financialLevel):
		return 3
	case involves(behaviouralData):
		return 2
	}
	return 1
}

// Art33Item is one item of the content Art. 33(3) requires of a notification.
type Art33Item struct {
	ID string `json:"id"`
	// Cite names the provision for the locale files: "art33_3a" is Art. 33(3)(a).
	Cite    string `json:"cite"`
	Path    string `json:"path"`
	Present bool   `json:"present"`
}

// Completeness lists the Art. 33(3) items and whether the case has them. An initial
// notice may leave some to follow in phases (Art. 33(4)); a final one may not.
func (f *BreachFacts) Completeness(c *Case) []Art33Item {
	b := f.Breach
	p := "/breaches/" + strconv.Itoa(f.Index)
	o := c.Organisation
	has := func(cnt *Counted) (cats, count bool) {
		if cnt == nil {
			return false, false
		}
		return len(cnt.Categories) > 0, cnt.CountMin > 0 || cnt.CountMax > 0
	}
	subjCats, subjCount := has(b.Subjects)
	recCats, recCount := has(b.Records)
	return []Art33Item{
		{"nature", "art33_3a", p + "/description", len(b.Types) > 0 && b.Description != ""},
		{"subject_categories", "art33_3a", p + "/subjects/categories", subjCats},
		{"subject_count", "art33_3a", p + "/subjects/count_max", subjCount},
		{"record_categories", "art33_3a", p + "/records/categories", recCats},
		{"record_count", "art33_3a", p + "/records/count_max", recCount},
		{"contact_point", "art33_3b", "/organisation/dpo", o.DPO != nil || o.ContactPerson != nil},
		{"consequences", "art33_3c", p + "/consequences", b.Consequences != ""},
		{"measures", "art33_3d", p + "/measures_taken", len(b.MeasuresTaken) > 0 || len(b.MeasuresProposed) > 0},
	}
}
