package casedata

import (
	"encoding/json"
	"testing"
	"time"
)

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// The reply deadline: one month to the same day number (the last day of a shorter
// month), moved past weekends and the jurisdiction's public holidays.
func TestRequestDueDates(t *testing.T) {
	tests := []struct {
		name, jurisdiction, received string
		extended                     bool
		want                         string
	}{
		{"31 January to a Saturday 28 February", "LT", "2026-01-31", false, "2026-03-02"},
		{"31 January to 29 February in a leap year", "LT", "2028-01-31", false, "2028-02-29"},
		{"an ordinary Tuesday", "LT", "2026-09-22", false, "2026-10-22"},
		{"Christmas Eve, Christmas and a weekend in LT", "LT", "2026-11-24", false, "2026-12-28"},
		{"All Saints' and All Souls' Day in LT", "LT", "2026-10-01", false, "2026-11-03"},
		{"1 May and the first Sunday of May in LT", "LT", "2026-04-01", false, "2026-05-04"},
		{"King's Day on a Monday in NL", "NL", "2026-03-27", false, "2026-04-28"},
		{"King's Day moved to Saturday in NL", "NL", "2025-03-26", false, "2025-04-28"},
		{"Ascension Day in NL", "NL", "2026-04-14", false, "2026-05-15"},
		{"1 May is no holiday in NL", "NL", "2026-04-01", false, "2026-05-01"},
		{"EU knows weekends only", "EU", "2026-11-24", false, "2026-12-24"},
		{"extended by two months", "LT", "2026-01-31", true, "2026-04-30"},
		{"extended to Easter Monday in LT", "LT", "2026-01-06", true, "2026-04-07"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := requestCase(t, tt.jurisdiction, map[string]any{"number": "1", "received_at": tt.received, "right": "access",
				"extended": tt.extended, "extension_reason": "Many requests at once."})
			f := c.AssessRequest(0, day("2026-01-01"))
			if got := f.DueAt.Format(time.DateOnly); got != tt.want {
				t.Errorf("due %s, want %s", got, tt.want)
			}
		})
	}
}

func TestRequestOverdue(t *testing.T) {
	today := day("2026-11-22")
	tests := []struct {
		name    string
		request map[string]any
		overdue bool
	}{
		{"pending, past due", map[string]any{"received_at": "2026-10-01"}, true},
		{"pending, due on a later day", map[string]any{"received_at": "2026-11-01"}, false},
		{"replied in time", map[string]any{"received_at": "2026-10-01", "replied_at": "2026-11-03"}, false},
		{"replied a day late", map[string]any{"received_at": "2026-10-01", "replied_at": "2026-11-04"}, true},
		{"extended, still in time", map[string]any{"received_at": "2026-10-01", "extended": true, "extension_reason": "Complex."}, false},
	}
	for _, tt := range tests {
		tt.request["number"], tt.request["right"] = "7", "erasure"
		if got := requestCase(t, "LT", tt.request).AssessRequest(0, today).Overdue; got != tt.overdue {
			t.Errorf("%s: overdue %v", tt.name, got)
		}
	}
}

func TestRequestValidation(t *testing.T) {
	var tree map[string]any
	_ = json.Unmarshal([]byte(minimal), &tree)
	tree["requests"] = []any{
		map[string]any{"number": "1", "received_at": "2026-10-01", "right": "access", "decision": "refused"},
		map[string]any{"number": "2", "received_at": "2026-10-01", "right": "access", "extended": true, "replied_at": "2026-09-01"},
		map[string]any{"received_at": "01.10.2026", "decision": "maybe"},
	}
	data, _ := json.Marshal(tree)
	_, err := Parse(t.Context(), data, NeedRequests, "en")
	probs, _ := err.(Problems)
	want := map[string]string{
		"/requests/0/reasons": "required", "/requests/1/extension_reason": "required", "/requests/1/replied_at": "not_before",
		"/requests/2/number": "required", "/requests/2/received_at": "invalid_date", "/requests/2/right": "required",
		"/requests/2/decision": "unknown_code",
	}
	for _, p := range probs {
		if want[p.Path] == p.Code {
			delete(want, p.Path)
		}
	}
	if len(want) > 0 {
		t.Errorf("missing problems %v in %v", want, probs)
	}
}

func requestCase(t *testing.T, jurisdiction string, request map[string]any) *Case {
	t.Helper()
	org := map[string]any{"name": "X", "jurisdiction": jurisdiction}
	if jurisdiction == "EU" {
		org["authority"] = map[string]any{"name": "Authority"}
	}
	data, _ := json.Marshal(map[string]any{"organisation": org, "requests": []any{request}})
	c, err := Parse(t.Context(), data, NeedRequests, "en")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestActivityValidation(t *testing.T) {
	activity := func(extra map[string]any) map[string]any {
		a := map[string]any{"id": "a", "name": "A", "purpose": "P", "legal_basis": []any{"contract"}}
		for k, v := range extra {
			a[k] = v
		}
		return a
	}
	tests := []struct {
		name     string
		activity map[string]any
		path     string
		code     string
	}{
		{"legitimate interest named", activity(map[string]any{"legal_basis": []any{"legitimate_interests"}}), "/organisation/processing_activities/0/legitimate_interest", "required"},
		{"special categories need an Art. 9(2) condition", activity(map[string]any{"data": []any{"health"}}), "/organisation/processing_activities/0/special_basis", "special_basis_required"},
		{"a US transfer needs a safeguard", activity(map[string]any{"transfers": []any{map[string]any{"country": "US"}}}), "/organisation/processing_activities/0/transfers/0/safeguard", "safeguard_required"},
		{"unknown legal basis", activity(map[string]any{"legal_basis": []any{"gut_feeling"}}), "/organisation/processing_activities/0/legal_basis/0", "unknown_code"},
		{"processor records name the controller", activity(map[string]any{"role": "processor"}), "/organisation/processing_activities/0/controller", "required"},
	}
	for _, tt := range tests {
		data, _ := json.Marshal(map[string]any{"organisation": map[string]any{"name": "X", "jurisdiction": "LT",
			"processing_activities": []any{tt.activity}}})
		_, err := Parse(t.Context(), data, NeedActivities, "en")
		probs, _ := err.(Problems)
		if len(probs) != 1 || probs[0].Path != tt.path || probs[0].Code != tt.code {
			t.Errorf("%s: %v", tt.name, probs)
		}
	}
	// A transfer inside the EEA needs no safeguard.
	data, _ := json.Marshal(map[string]any{"organisation": map[string]any{"name": "X", "jurisdiction": "LT",
		"processing_activities": []any{activity(map[string]any{"transfers": []any{map[string]any{"country": "NO"}}})}}})
	if _, err := Parse(t.Context(), data, NeedActivities, "en"); err != nil {
		t.Errorf("EEA transfer: %v", err)
	}
}

func TestParsePeriod(t *testing.T) {
	good := map[string]Period{"P2Y": {Years: 2}, "PT30M": {Minutes: 30}, "P1Y6M": {Years: 1, Months: 6}, "P2W": {Weeks: 2},
		"P1DT12H": {Days: 1, Hours: 12}, "PT1M30S": {Minutes: 1, Seconds: 30}}
	for in, want := range good {
		if got, err := ParsePeriod(in); err != nil || got != want {
			t.Errorf("%s: %+v %v", in, got, err)
		}
	}
	for _, in := range []string{"", "P", "PT", "2Y", "P2", "P2X", "PT2D", "P1.5Y", "session", "P-1D", "P99999999999Y"} {
		if _, err := ParsePeriod(in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}

func TestReviewSchedule(t *testing.T) {
	data, _ := json.Marshal(map[string]any{
		"organisation": map[string]any{"name": "X", "jurisdiction": "LT", "security": map[string]any{"records_review_months": 4}},
		"reviews": []any{
			map[string]any{"number": "1", "kind": "access_logs", "date": "2026-05-31"},
			map[string]any{"number": "2", "kind": "access_logs", "date": "2026-08-31"},
			map[string]any{"number": "3", "kind": "records", "date": "2026-06-30"},
		},
	})
	c, err := Parse(t.Context(), data, NeedReviews, "en")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]ScheduleItem{}
	for _, it := range c.ReviewSchedule(day("2026-11-22")) {
		got[it.Kind] = it
	}
	if a := got["access_logs"]; a.LastNumber != "2" || a.NextDue != "2026-11-30" || a.Overdue || a.IntervalMonths != 3 {
		t.Errorf("access logs %+v", a)
	}
	if r := got["records"]; r.NextDue != "2026-10-30" || !r.Overdue || r.IntervalMonths != 4 {
		t.Errorf("records %+v", r)
	}
	if r := got["rules"]; r.LastReview != "" || !r.Overdue || r.IntervalMonths != 12 {
		t.Errorf("never reviewed %+v", r)
	}
	if i, _ := c.SelectReview(""); c.Reviews[i].Number != "2" {
		t.Errorf("latest review %d", i)
	}
}
