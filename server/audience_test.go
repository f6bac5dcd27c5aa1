package server

import (
	"os"
	"strings"
	"testing"
)

// A privacy notice for an audience is asked for with ?audience=; an unknown audience is
// a bad parameter, one no activity concerns a problem at the activities.
func TestPrivacyNoticeAudience(t *testing.T) {
	s, _ := newServer(t, Config{})
	data, err := os.ReadFile("../samples/en-policy.json")
	if err != nil {
		t.Fatal(err)
	}
	r := do(t, s, "POST", "/v1/documents/privacy-policy?lang=en&format=md&audience=candidates", data)
	if r.status != 200 || !strings.Contains(string(r.body), "{#purpose-recruitment}") || strings.Contains(string(r.body), "{#purpose-newsletter}") {
		t.Fatalf("candidates' notice: %d\n%s", r.status, r.body)
	}
	r = do(t, s, "POST", "/v1/documents/privacy-policy?lang=en&format=md", data)
	if r.status != 200 || strings.Contains(string(r.body), "{#purpose-recruitment}") || !strings.Contains(string(r.body), "{#purpose-newsletter}") {
		t.Fatalf("public notice: %d\n%s", r.status, r.body)
	}
	// An audience that is none of the parameter's values is a bad parameter, as the
	// OpenAPI document says, not a fault of the case.
	r = do(t, s, "POST", "/v1/documents/privacy-policy?lang=nl&audience=nobody", data)
	if p := decodeProblem(t, r); r.status != 400 || p.Code != "invalid_choice" || len(p.Errors) != 0 ||
		!strings.Contains(p.Detail, "audience") || !strings.Contains(p.Detail, "nobody") || !strings.Contains(p.Detail, "candidates") {
		t.Errorf("unknown audience: %d %+v", r.status, p)
	}
	for _, tt := range []struct{ audience, code, detail string }{
		{"patients", "no_audience_activities", "betreft patiënten"},
	} {
		r := do(t, s, "POST", "/v1/documents/privacy-policy?lang=nl&audience="+tt.audience, data)
		if r.status != 422 {
			t.Fatalf("%s: status %d: %s", tt.audience, r.status, r.body)
		}
		p := decodeProblem(t, r)
		if len(p.Errors) != 1 || p.Errors[0].Code != tt.code || p.Errors[0].Path != "/organisation/processing_activities" ||
			!strings.Contains(p.Errors[0].Message, tt.detail) {
			t.Errorf("%s: %+v", tt.audience, p.Errors)
		}
	}
}
