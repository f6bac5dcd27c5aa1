package casedata

import (
	"slices"
	"testing"
)

// The answer to Art. 13(2)(e) follows from the legal basis, the strongest obligation
// first; the case's mandatory block decides when given.
func TestProvision(t *testing.T) {
	tests := []struct {
		name      string
		bases     []string
		mandatory *Mandatory
		want      Provision
	}{
		{"contract", []string{"contract"}, nil, Provision{Kind: "contract"}},
		{"contract and consent", []string{"consent", "contract"}, nil, Provision{Kind: "contract"}},
		{"legal obligation", []string{"legal_obligation"}, nil, Provision{Kind: "statutory"}},
		{"both", []string{"contract", "legal_obligation"}, nil, Provision{Kind: "statutory_contract"}},
		{"public task", []string{"public_task"}, nil, Provision{Kind: "public_task"}},
		{"vital interests", []string{"vital_interests"}, nil, Provision{Kind: "vital_interests"}},
		{"vital interests beside consent", []string{"vital_interests", "consent"}, nil, Provision{Kind: "voluntary"}},
		{"consent", []string{"consent"}, nil, Provision{Kind: "voluntary"}},
		{"legitimate interests", []string{"legitimate_interests"}, nil, Provision{Kind: "voluntary"}},
		{"stated as not required", []string{"contract"}, &Mandatory{Consequences: "no newsletter"}, Provision{Kind: "voluntary", Consequences: "no newsletter."}},
		{"required for a contract", []string{"contract", "legal_obligation"}, &Mandatory{Required: true, Basis: "contract", Consequences: "No membership!"},
			Provision{Kind: "contract", Consequences: "No membership!"}},
		{"required by law", []string{"consent"}, &Mandatory{Required: true, Basis: "legal_obligation"}, Provision{Kind: "statutory"}},
		{"required, basis from the activity", []string{"legal_obligation"}, &Mandatory{Required: true}, Provision{Kind: "statutory"}},
		{"required, in the case's words", []string{"consent"}, &Mandatory{Required: true, Basis: "the club's statutes", Consequences: "  no entry…"},
			Provision{Kind: "required", Basis: "the club's statutes", Consequences: "no entry…"}},
		{"required, no basis to name", []string{"legitimate_interests"}, &Mandatory{Required: true}, Provision{Kind: "required"}},
	}
	for _, tt := range tests {
		a := &Activity{LegalBasis: tt.bases, Mandatory: tt.mandatory}
		if got := a.Provision(); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestAudiences(t *testing.T) {
	tests := []struct {
		name               string
		audience, subjects []string
		want               []string
		public             bool
	}{
		{"from the subjects", nil, []string{"employees", "prospects", "customers", "children", "Volunteers"}, []string{"staff", "customers"}, true},
		{"staff only", nil, []string{"employees"}, []string{"staff"}, false},
		{"candidates only", nil, []string{"candidates"}, []string{"candidates"}, false},
		{"stated wins", []string{"users"}, []string{"employees"}, []string{"users"}, true},
		{"stated as staff", []string{"staff", "candidates"}, []string{"customers"}, []string{"staff", "candidates"}, false},
		{"unknown: in the public notice", nil, []string{"Volunteers"}, nil, true},
	}
	for _, tt := range tests {
		a := &Activity{Audience: tt.audience, Subjects: tt.subjects}
		if got := a.Audiences(); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
		if got := a.InNotice(""); got != tt.public {
			t.Errorf("%s: in the public notice %v", tt.name, got)
		}
		for _, au := range tt.want {
			if !a.InNotice(au) {
				t.Errorf("%s: not in the notice for %s", tt.name, au)
			}
		}
		if a.InNotice("suppliers") {
			t.Errorf("%s: in the suppliers' notice", tt.name)
		}
	}
}

// Art. 22(2): a contract, a law or consent; never legitimate or vital interests alone.
func TestAutomatedDecisionAllowed(t *testing.T) {
	used := &AutomatedDecisions{Used: true}
	for _, tt := range []struct {
		bases []string
		ad    *AutomatedDecisions
		want  bool
	}{
		{[]string{"legitimate_interests"}, used, false},
		{[]string{"vital_interests", "legitimate_interests"}, used, false},
		{[]string{"legitimate_interests", "contract"}, used, true},
		{[]string{"legal_obligation"}, used, true},
		{[]string{"consent"}, used, true},
		{[]string{"legitimate_interests"}, &AutomatedDecisions{Used: false}, true},
		{[]string{"legitimate_interests"}, nil, true},
	} {
		if got := (&Activity{LegalBasis: tt.bases, AutomatedDecisions: tt.ad}).AutomatedDecisionAllowed(); got != tt.want {
			t.Errorf("%v %+v: %v", tt.bases, tt.ad, got)
		}
	}
}
