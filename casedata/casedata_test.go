package casedata

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// minimal is the smallest case a breach notice accepts; tests change one thing at a time.
const minimal = `{
  "version": 1,
  "organisation": {"name": "UAB „Bandymas“", "jurisdiction": "LT"},
  "breaches": [{
    "reference": "B-1",
    "aware_at": "2026-11-19T14:30:00+02:00",
    "types": ["confidentiality"],
    "description": "Lost laptop.",
    "risk": "risk"
  }]
}`

// with returns minimal with the JSON value at a dotted path replaced (or removed, when
// value is nil) — so that each test says only what it changes.
func with(t *testing.T, path string, value any) []byte {
	t.Helper()
	var tree map[string]any
	if err := json.Unmarshal([]byte(minimal), &tree); err != nil {
		t.Fatal(err)
	}
	keys := strings.Split(path, ".")
	var node any = tree
	for _, k := range keys[:len(keys)-1] {
		switch n := node.(type) {
		case map[string]any:
			node = n[k]
		case []any:
			node = n[0]
		}
	}
	m := node.(map[string]any)
	if value == nil {
		delete(m, keys[len(keys)-1])
	} else {
		m[keys[len(keys)-1]] = value
	}
	out, _ := json.Marshal(tree)
	return out
}

func problemsOf(t *testing.T, data []byte) Problems {
	t.Helper()
	_, err := Parse(t.Context(), data, NeedOrganisation|NeedBreaches, "en")
	var probs Problems
	if err != nil && !errors.As(err, &probs) {
		t.Fatalf("unexpected error %v", err)
	}
	return probs
}

func TestMinimalCaseIsValid(t *testing.T) {
	if probs := problemsOf(t, []byte(minimal)); probs != nil {
		t.Fatalf("minimal case: %v", probs)
	}
}

func TestSamplesAreValid(t *testing.T) {
	files, _ := filepath.Glob("../samples/*.json")
	if len(files) < 3 {
		t.Fatalf("found %d samples", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// Each sample is checked for every section it holds.
		needs := NeedOrganisation | NeedRegisters
		if bytes.Contains(data, []byte(`"cookies"`)) {
			needs |= NeedCookies
		}
		if _, err := Parse(t.Context(), data, needs, "en"); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// Every invalid input of the quality bar gets a problem at the right JSON path.
func TestProblemsHavePaths(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		path string
		code string
	}{
		{"unknown field", with(t, "organisation.nmae", "x"), "/organisation/nmae", "unknown_field"},
		{"wrong type", with(t, "organisation.name", 42), "/organisation/name", "wrong_type"},
		{"array expected", with(t, "breaches.0.types", "confidentiality"), "/breaches/0/types", "wrong_type"},
		{"fraction", with(t, "breaches.0.subjects", map[string]any{"count_min": 1.5}), "/breaches/0/subjects/count_min", "wrong_type"},
		{"timestamp without offset", with(t, "breaches.0.aware_at", "2026-11-19T14:30:00"), "/breaches/0/aware_at", "invalid_timestamp"},
		{"date format", with(t, "document", map[string]any{"date": "22.11.2026"}), "/document/date", "invalid_date"},
		{"missing name", with(t, "organisation.name", nil), "/organisation/name", "required"},
		{"blank name", with(t, "organisation.name", "   "), "/organisation/name", "required"},
		{"missing aware_at", with(t, "breaches.0.aware_at", nil), "/breaches/0/aware_at", "required"},
		{"unknown jurisdiction", with(t, "organisation.jurisdiction", "FR"), "/organisation/jurisdiction", "unknown_code"},
		{"EU without authority", with(t, "organisation.jurisdiction", "EU"), "/organisation/authority", "authority_required"},
		{"unknown breach type", with(t, "breaches.0.types", []any{"leak"}), "/breaches/0/types/0", "unknown_code"},
		{"unknown risk", with(t, "breaches.0.risk", "medium"), "/breaches/0/risk", "unknown_code"},
		{"occurred after becoming aware", with(t, "breaches.0.occurred_from", "2026-11-20T10:00:00+02:00"), "/breaches/0/aware_at", "not_before"},
		{"notified before becoming aware", with(t, "breaches.0.authority_notified_at", "2026-11-18T10:00:00+02:00"), "/breaches/0/authority_notified_at", "not_before"},
		{"occurred_to before occurred_from", []byte(strings.Replace(minimal, `"reference": "B-1",`,
			`"reference": "B-1", "occurred_from": "2026-11-18T10:00:00+02:00", "occurred_to": "2026-11-17T10:00:00+02:00",`, 1)),
			"/breaches/0/occurred_to", "not_before"},
		{"min over max", with(t, "breaches.0.records", map[string]any{"count_min": 10, "count_max": 2}), "/breaches/0/records/count_min", "min_over_max"},
		{"negative count", with(t, "breaches.0.subjects", map[string]any{"count_min": -1}), "/breaches/0/subjects/count_min", "negative"},
		{"processor without controller", with(t, "breaches.0.role", "processor"), "/breaches/0/controller", "required"},
		{"no exemption for no", with(t, "breaches.0.subject_notice", map[string]any{"status": "no"}), "/breaches/0/subject_notice/exemption", "required"},
		{"bad country", with(t, "organisation.address", map[string]any{"country": "Lithuania"}), "/organisation/address/country", "country"},
		{"bad time zone", with(t, "organisation.time_zone", "Mars/Olympus"), "/organisation/time_zone", "time_zone"},
		{"10 MB in one field", with(t, "breaches.0.description", strings.Repeat("x", 10<<20)), "/breaches/0/description", "too_long"},
		{"control characters", with(t, "breaches.0.description", "a\x00b"), "/breaches/0/description", "control_characters"},
		{"bidi override", with(t, "organisation.name", "UAB \u202Ekytsalp\u202C"), "/organisation/name", "invisible_characters"},
		{"zero-width space", with(t, "breaches.0.measures_taken", []any{"Slaptažodžiai\u200b pakeisti"}), "/breaches/0/measures_taken/0", "invisible_characters"},
		{"non-character", with(t, "breaches.0.description", map[string]any{"lt": "a\uffffb"}), "/breaches/0/description/lt", "invisible_characters"},
		{"no breaches", with(t, "breaches", nil), "/breaches", "no_breach"},
		{"wrong version", with(t, "version", 2), "/version", "version"},
		{"escape in pointer", with(t, "organisation.a/b~c", 1), "/organisation/a~1b~0c", "unknown_field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			probs := problemsOf(t, tt.data)
			for _, p := range probs {
				if p.Path == tt.path && p.Code == tt.code {
					return
				}
			}
			t.Errorf("want %s at %s, got %v", tt.code, tt.path, probs)
		})
	}
}

func TestEveryProblemAtOnce(t *testing.T) {
	data := []byte(`{"organisation": {"name": 5, "jurisdictio": "LT"},
	  "breaches": [{"aware_at": "yesterday", "subjects": {"count_min": 5, "count_max": 2}}, 7]}`)
	probs := problemsOf(t, data)
	var got []string
	for _, p := range probs {
		got = append(got, p.Path+" "+p.Code)
	}
	want := []string{
		"/breaches/0/aware_at invalid_timestamp", "/breaches/0/description required", "/breaches/0/reference required",
		"/breaches/0/risk required", "/breaches/0/subjects/count_min min_over_max", "/breaches/0/types required",
		"/breaches/1 wrong_type", "/organisation/jurisdictio unknown_field", "/organisation/jurisdiction required",
		"/organisation/name wrong_type",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestMalformed(t *testing.T) {
	for _, in := range []string{``, `{`, `{"a": 1,}`, `[1, 2`, `{"version": 1} {"version": 1}`, strings.Repeat("[", 20000)} {
		_, err := Parse(t.Context(), []byte(in), NeedBreaches, "en")
		var m *MalformedError
		if !errors.As(err, &m) || m.Reason == "" || m.Line < 1 {
			t.Errorf("%.20q: err %v, want a MalformedError", in, err)
		}
	}
	// Valid JSON that is not an object is a type problem at the root.
	_, err := Parse(t.Context(), []byte(`[1]`), NeedBreaches, "en")
	var probs Problems
	if !errors.As(err, &probs) || probs[0].Path != "" || probs[0].Code != "wrong_type" {
		t.Errorf("array at the root: %v", err)
	}
}

func TestTooManyItems(t *testing.T) {
	// 100,000 measures in one breach: a list inside one record is bounded by its tag.
	items := make([]any, 100000)
	for i := range items {
		items[i] = "Password reset."
	}
	probs := problemsOf(t, with(t, "breaches.0.measures_taken", items))
	if len(probs) != 1 || probs[0].Path != "/breaches/0/measures_taken" || probs[0].Code != "too_many" || probs[0].Args["Max"] != 1000 {
		t.Errorf("problems %v", probs)
	}
	// The registers' own arrays take up to MaxItems.
	breaches := make([]any, MaxItems+1)
	probs = problemsOf(t, with(t, "breaches", breaches))
	if len(probs) != 1 || probs[0].Path != "/breaches" || probs[0].Code != "too_many" {
		t.Errorf("problems %v", probs)
	}
}

func mustParse(t *testing.T, data []byte) *Case {
	t.Helper()
	c, err := Parse(t.Context(), data, NeedOrganisation|NeedBreaches, "en")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// The 72 hours run hour by hour: across the spring DST change the wall clock moves an
// hour further, across the autumn one an hour less.
func TestDeadlineAcrossDST(t *testing.T) {
	tests := []struct {
		jurisdiction, aware, wantDeadline, wantZone string
	}{
		{"LT", "2026-03-27T10:00:00+02:00", "2026-03-30T11:00:00+03:00", "EEST"},
		{"LT", "2026-10-23T10:00:00+03:00", "2026-10-26T09:00:00+02:00", "EET"},
		{"NL", "2026-03-27T10:00:00+01:00", "2026-03-30T11:00:00+02:00", "CEST"},
		{"NL", "2026-10-23T10:00:00+02:00", "2026-10-26T09:00:00+01:00", "CET"},
		{"LT", "2026-11-19T14:30:00+02:00", "2026-11-22T14:30:00+02:00", "EET"},
	}
	for _, tt := range tests {
		data := with(t, "breaches.0.aware_at", tt.aware)
		var tree map[string]any
		_ = json.Unmarshal(data, &tree)
		tree["organisation"].(map[string]any)["jurisdiction"] = tt.jurisdiction
		data, _ = json.Marshal(tree)
		f := mustParse(t, data).AssessBreach(0, ts(tt.aware))
		if got := f.Deadline.Format(time.RFC3339); got != tt.wantDeadline {
			t.Errorf("%s aware %s: deadline %s, want %s", tt.jurisdiction, tt.aware, got, tt.wantDeadline)
		}
		if zone := f.Deadline.Format("MST"); zone != tt.wantZone {
			t.Errorf("%s: zone %s, want %s", tt.jurisdiction, zone, tt.wantZone)
		}
		if f.Deadline.Sub(f.AwareAt) != 72*time.Hour {
			t.Errorf("deadline is %v after awareness", f.Deadline.Sub(f.AwareAt))
		}
	}
}

func TestLateness(t *testing.T) {
	tests := []struct {
		name     string
		notified any
		now      string
		late     bool
	}{
		{"on time, not yet notified", nil, "2026-11-22T14:30:00+02:00", false},
		{"one minute late", nil, "2026-11-22T14:31:00+02:00", true},
		{"notified on time, rendered later", "2026-11-21T09:00:00+02:00", "2026-12-01T09:00:00+02:00", false},
		{"notified late", "2026-11-23T09:00:00+02:00", "2026-11-23T09:00:00+02:00", true},
	}
	for _, tt := range tests {
		c := mustParse(t, with(t, "breaches.0.authority_notified_at", tt.notified))
		f := c.AssessBreach(0, ts(tt.now))
		if f.Late != tt.late {
			t.Errorf("%s: late = %v", tt.name, f.Late)
		}
		probs := f.NoticeProblems(c, "deadline")
		if tt.late != (len(probs) == 1 && probs[0].Path == "/breaches/0/delay_reason") {
			t.Errorf("%s: notice problems %v", tt.name, probs)
		}
	}
	// With a reason, a late notice may be made.
	c := mustParse(t, with(t, "breaches.0.delay_reason", "The forensic report came on day four."))
	if probs := c.AssessBreach(0, ts("2026-11-25T10:00:00+02:00")).NoticeProblems(c, "deadline"); probs != nil {
		t.Errorf("late with a reason: %v", probs)
	}
}

func TestObligations(t *testing.T) {
	tests := []struct {
		name                                          string
		risk                                          string
		notice                                        map[string]any
		role                                          string
		authority, subjects, public, controllerNotice bool
	}{
		{"no risk", "none", nil, "", false, false, false, false},
		{"risk", "risk", nil, "", true, false, false, false},
		{"high risk", "high", nil, "", true, true, false, false},
		{"high, encrypted", "high", map[string]any{"status": "no", "exemption": "encrypted"}, "", true, false, false, false},
		{"high, mitigated", "high", map[string]any{"status": "no", "exemption": "mitigated"}, "", true, false, false, false},
		{"high, disproportionate", "high", map[string]any{"status": "no", "exemption": "disproportionate"}, "", true, false, true, false},
		// A processor's duty is to tell its controller; the authority and the people are
		// the controller's to notify.
		{"processor", "risk", nil, "processor", false, false, false, true},
		{"processor, high risk", "high", nil, "processor", false, false, false, true},
	}
	for _, tt := range tests {
		data := with(t, "breaches.0.risk", tt.risk)
		var tree map[string]any
		_ = json.Unmarshal(data, &tree)
		b := tree["breaches"].([]any)[0].(map[string]any)
		if tt.notice != nil {
			b["subject_notice"] = tt.notice
		}
		if tt.role != "" {
			b["role"] = tt.role
			b["controller"] = map[string]any{"name": "Client B.V."}
		}
		data, _ = json.Marshal(tree)
		f := mustParse(t, data).AssessBreach(0, ts("2026-11-20T10:00:00+02:00"))
		got := [4]bool{f.NotifyAuthority, f.NotifySubjects, f.PublicCommunication, f.NotifyController}
		want := [4]bool{tt.authority, tt.subjects, tt.public, tt.controllerNotice}
		if got != want {
			t.Errorf("%s: authority/subjects/public/controller = %v, want %v", tt.name, got, want)
		}
		if tt.role == "processor" && f.ControllerNoticeBy().Sub(f.AwareAt) != DefaultProcessorNoticeHours*time.Hour {
			t.Errorf("processor notice due %v after awareness", f.ControllerNoticeBy().Sub(f.AwareAt))
		}
	}
}

func TestSensitiveData(t *testing.T) {
	c := mustParse(t, with(t, "breaches.0.records", map[string]any{"categories": []any{"health", "national_id", "credentials", "criminal", "Loyalty points"}}))
	f := c.AssessBreach(0, time.Now())
	if strings.Join(f.Special, ",") != "health" || !f.NationalID || !f.Credentials || !f.Criminal || f.Financial || !f.Sensitive() {
		t.Errorf("facts %+v", f)
	}
}

func TestSelectBreach(t *testing.T) {
	c := mustParse(t, []byte(minimal))
	if i, probs := c.SelectBreach("B-1"); i != 0 || probs != nil {
		t.Errorf("B-1: %d %v", i, probs)
	}
	if _, probs := c.SelectBreach("B-2"); len(probs) != 1 || probs[0].Code != "breach_not_found" {
		t.Errorf("B-2: %v", probs)
	}
}

func TestJurisdictionData(t *testing.T) {
	if err := CheckJurisdictions(); err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"LT", "NL", "EU"} {
		j, ok := LookupJurisdiction(code)
		if !ok || len(j.BreachForm.Sections) == 0 {
			t.Fatalf("%s: %+v", code, j)
		}
	}
	lt, _ := LookupJurisdiction("LT")
	if got := lt.Authority.Name.In("lt", "dative"); got != "Valstybinei duomenų apsaugos inspekcijai" {
		t.Errorf("dative %q", got)
	}
	if got := lt.Authority.Name.In("en", "dative"); got != "State Data Protection Inspectorate" {
		t.Errorf("English falls back to the nominative: %q", got)
	}
	nl, _ := LookupJurisdiction("NL")
	if nl.BreachForm.FirstNumber != 0 || len(nl.BreachForm.Sections) != 10 {
		t.Errorf("the AP form has sections 0–9: %+v", nl.BreachForm)
	}
}

func TestSchema(t *testing.T) {
	s := Schema(english(t))
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"format":"date-time","type":"string"}`, `"enum":["none","risk","high"]`,
		`"additionalProperties":false`, `"enum":["EU","LT","NL"]`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("schema lacks %s", want)
		}
	}
}

// The ENISA severity suggestion: SE = DPC × EI + CB, levels at 2, 3 and 4.
func TestSeverity(t *testing.T) {
	tests := []struct {
		name      string
		breach    map[string]any
		dpc       int
		ei, score float64
		level     string
	}{
		{"contact details e-mailed to the wrong person", map[string]any{"types": []any{"confidentiality"}, "cause": "misdirected_communication",
			"records": map[string]any{"categories": []any{"contact"}}}, 1, 0.75, 1, "low"},
		{"health data and national ids e-mailed to the wrong people", map[string]any{"types": []any{"confidentiality"}, "cause": "misdirected_communication",
			"records": map[string]any{"categories": []any{"identification", "health", "national_id"}}}, 4, 1, 4.25, "very_high"},
		{"ransomware with exfiltration of order data", map[string]any{"types": []any{"availability", "confidentiality"}, "cause": "ransomware",
			"records": map[string]any{"categories": []any{"identification", "contact", "transactions"}}}, 2, 1, 3.25, "high"},
		{"encrypted laptop stolen", map[string]any{"types": []any{"availability"}, "cause": "stolen_device", "encrypted": true,
			"records": map[string]any{"categories": []any{"contact"}}}, 1, 0.25, 1, "low"},
		{"children's contact data published", map[string]any{"types": []any{"confidentiality"}, "cause": "publication_error",
			"subjects": map[string]any{"categories": []any{"children"}}, "records": map[string]any{"categories": []any{"identification", "contact"}}}, 2, 1, 2.5, "medium"},
		// Credentials count as the data they open, not as financial data.
		{"e-shop passwords, what they open not stated", map[string]any{"types": []any{"confidentiality"}, "cause": "unauthorised_access",
			"records": map[string]any{"categories": []any{"credentials"}}}, 2, 0.75, 2.5, "medium"},
		{"online banking logins", map[string]any{"types": []any{"confidentiality"}, "cause": "unauthorised_access",
			"records": map[string]any{"categories": []any{"credentials"}}, "credentials_access": []any{"financial", "transactions"}}, 3, 0.75, 3.25, "high"},
		{"patient portal logins", map[string]any{"types": []any{"confidentiality"}, "cause": "unauthorised_access",
			"records": map[string]any{"categories": []any{"credentials"}}, "credentials_access": []any{"health"}}, 4, 0.75, 4, "very_high"},
		{"logins that open no further data", map[string]any{"types": []any{"confidentiality"}, "cause": "unauthorised_access",
			"records": map[string]any{"categories": []any{"credentials"}}, "credentials_access": []any{}}, 1, 0.75, 1.75, "low"},
		{"salaries with logins to a forum", map[string]any{"types": []any{"confidentiality"}, "cause": "unauthorised_access",
			"records": map[string]any{"categories": []any{"credentials", "financial"}}, "credentials_access": []any{"contact"}}, 3, 0.75, 3.25, "high"},
	}
	for _, tt := range tests {
		var tree map[string]any
		_ = json.Unmarshal([]byte(minimal), &tree)
		b := tree["breaches"].([]any)[0].(map[string]any)
		for k, v := range tt.breach {
			b[k] = v
		}
		data, _ := json.Marshal(tree)
		c := mustParse(t, data)
		sev := c.AssessBreach(0, time.Now()).Severity()
		if sev.DPC != tt.dpc || sev.EI != tt.ei || sev.Score != tt.score || sev.Level != tt.level {
			t.Errorf("%s: %+v, want DPC %d, EI %v, score %v, %s", tt.name, sev, tt.dpc, tt.ei, tt.score, tt.level)
		}
		// The default for what credentials open is reported, and only when it is used.
		_, stated := tt.breach["credentials_access"]
		credentials := slices.Contains(tt.breach["records"].(map[string]any)["categories"].([]any), any("credentials"))
		reported := slices.ContainsFunc(c.Warnings(), func(w Warning) bool {
			return w.Path == "/breaches/0/credentials_access" && w.Code == "default" && w.Value == DefaultCredentialsAccess
		})
		if reported != (credentials && !stated) {
			t.Errorf("%s: default for credentials_access reported %v: %v", tt.name, reported, c.Warnings())
		}
	}
}

// A final notice must carry every Art. 33(3) item; an initial one may leave some to follow.
func TestCompleteness(t *testing.T) {
	c := mustParse(t, []byte(minimal))
	f := c.AssessBreach(0, ts("2026-11-20T10:00:00+02:00"))
	var missing []string
	for _, item := range f.Completeness(c) {
		if !item.Present {
			missing = append(missing, item.ID)
		}
	}
	if got := strings.Join(missing, ","); got != "subject_categories,subject_count,record_categories,record_count,contact_point,consequences,measures" {
		t.Errorf("missing %s", got)
	}
	if probs := f.NoticeProblems(c, "deadline"); probs != nil {
		t.Errorf("an initial notice may leave items to follow: %v", probs)
	}
	final := mustParse(t, []byte(strings.Replace(minimal, `"reference": "B-1",`,
		`"reference": "B-1", "phase": "final", "authority_notified_at": "2026-11-20T10:00:00+02:00",`, 1)))
	probs := final.AssessBreach(0, ts("2026-11-25T10:00:00+02:00")).NoticeProblems(final, "deadline")
	if len(probs) != 7 || probs[0].Code != "missing_for_final" || probs[0].Args["Cite"] != "art33_3a" {
		t.Errorf("final notice problems: %v", probs)
	}
	if probs := problemsOf(t, with(t, "breaches.0.phase", "supplementary")); len(probs) != 1 || probs[0].Path != "/breaches/0/authority_notified_at" {
		t.Errorf("a supplementary notice needs the first notice's date: %v", probs)
	}
}

// A setting the case leaves out is printed as its default and reported, once, with its
// path; a setting the case gives is not reported; nothing is reported that no one read.
func TestSettingsReportDefaults(t *testing.T) {
	c := mustParse(t, with(t, "organisation.security", map[string]any{"max_failed_logins": 5, "password_rotation_months": 0}))
	s := c.Settings()
	if got := c.Warnings(); len(got) != 0 {
		t.Fatalf("warnings before any read: %v", got)
	}
	if s.StaffReportHours() != DefaultStaffReportHours || s.StaffReportHours() != DefaultStaffReportHours ||
		s.MaxFailedLogins() != 5 || s.PasswordRotationMonths() != 0 {
		t.Fatal("settings")
	}
	want := []Warning{{Path: "/organisation/security/staff_report_hours", Code: "default", Value: DefaultStaffReportHours}}
	if got := c.Warnings(); !reflect.DeepEqual(got, want) {
		t.Errorf("warnings %v, want %v", got, want)
	}
	// Without the field, no calendar rotation is the default, and it is reported.
	c = mustParse(t, with(t, "organisation.security", map[string]any{}))
	if c.Settings().PasswordRotationMonths() != 0 || len(c.Warnings()) != 1 || c.Warnings()[0].Value != nil {
		t.Errorf("rotation default: %v", c.Warnings())
	}
}

// A key given twice in one object is refused at the path of its second copy, and
// neither copy is read: the checks and the decoded case see the same thing.
func TestDuplicateKeys(t *testing.T) {
	organisation := `{"name": "UAB Bandymas", "jurisdiction": "LT"}`
	hostile := `{"name": "UAB Bandymas", "jurisdiction": "LT", "email": "` + strings.Repeat(`\u0000\u001b`, 15000) + `"}`
	tests := []struct {
		name string
		data string
		want []string // the paths of the duplicate_key problems
	}{
		{"version of two types", `{"version": "x", "version": 1}`, []string{"/version"}},
		{"organisation given twice", `{"organisation": ` + organisation + `, "organisation": ` + hostile + `}`, []string{"/organisation"}},
		{"three copies, one problem", `{"version": 1, "version": 1, "version": 1}`, []string{"/version"}},
		{"inside an array item", `{"breaches": [{}, {"risk": "high", "risk": "low"}]}`, []string{"/breaches/1/risk"}},
		{"a text in one language twice", `{"breaches": [{"description": {"en": "a", "en": "b"}}]}`, []string{"/breaches/0/description/en"}},
		{"the same key escaped", `{"version": 1, "versio\u006e": 1}`, []string{"/version"}},
		{"a key needing escape in the pointer", `{"a/b~": 1, "a/b~": 2}`, []string{"/a~1b~0"}},
		{"inside an unknown field", `{"x": {"a": 1, "a": 2}}`, []string{"/x/a"}},
		{"two objects, each once", `{"document": {"date": "2026-11-22"}, "organisation": {"name": "N"}}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Decode(t.Context(), []byte(tt.data), "en")
			var probs Problems
			if err != nil && !errors.As(err, &probs) {
				t.Fatalf("error %v, want problems", err)
			}
			var got []string
			for _, p := range probs {
				if p.Code == "duplicate_key" {
					got = append(got, p.Path)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("duplicates at %q, want %q (%v)", got, tt.want, err)
			}
			if c == nil {
				return
			}
			if c.Version != 0 || (c.Organisation != nil && c.Organisation.Email != "") {
				t.Errorf("a duplicated value was read: version %d, organisation %+v", c.Version, c.Organisation)
			}
		})
	}
}

// A refused duplicate is reported once by Parse: not again as missing.
func TestDuplicateIsNotAlsoMissing(t *testing.T) {
	data := strings.Replace(minimal, `"version": 1,`,
		`"version": 1, "organisation": {"name": "UAB Bandymas", "jurisdiction": "LT"},`, 1)
	probs := problemsOf(t, []byte(data))
	if len(probs) != 1 || probs[0].Path != "/organisation" || probs[0].Code != "duplicate_key" {
		t.Errorf("problems %v, want duplicate_key at /organisation only", probs)
	}
}

// A body may start with a UTF-8 byte order mark; anywhere else it is not JSON.
func TestByteOrderMark(t *testing.T) {
	tests := []struct {
		name      string
		data      string
		malformed bool
	}{
		{"leading", "\uFEFF" + minimal, false},
		{"none", minimal, false},
		{"twice", "\uFEFF\uFEFF" + minimal, true},
		{"after a space", " \uFEFF" + minimal, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse(t.Context(), []byte(tt.data), NeedOrganisation|NeedBreaches, "en")
			var m *MalformedError
			if errors.As(err, &m) != tt.malformed {
				t.Fatalf("error %v, malformed %v", err, tt.malformed)
			}
			if !tt.malformed && (err != nil || c.Breaches[0].Reference != "B-1") {
				t.Errorf("case %+v, error %v", c, err)
			}
		})
	}
}

// A body of 100,000 wrong items (10 MB) is refused with every problem, each once: the
// checks' own "required" for the emptied items is covered by the decoder's problem.
// BenchmarkParseWrongItems times it.
func TestManyWrongItems(t *testing.T) {
	const n = 100000
	data := wrongRequests(n, 100)
	if len(data) < 10<<20-(1<<20) {
		t.Fatalf("body of %d bytes, want about 10 MB", len(data))
	}
	_, err := Parse(t.Context(), data, NeedOrganisation|NeedRequests, "en")
	var probs Problems
	if !errors.As(err, &probs) || len(probs) != n {
		t.Fatalf("%d problems, want %d", len(probs), n)
	}
	for _, p := range probs {
		if p.Code != "wrong_type" || !strings.HasPrefix(p.Path, "/requests/") {
			t.Fatalf("problem %+v, want wrong_type in /requests", p)
		}
	}
	if probs[0].Path != "/requests/0" || probs[1].Path != "/requests/1" || probs[2].Path != "/requests/10" {
		t.Errorf("problems not in path order: %v", probs[:3])
	}
}

// Decoding and checking stop when the context is done, on a small case as on a large one.
func TestParseHonoursContext(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"valid", []byte(minimal)},
		{"many wrong items", wrongRequests(10000, 20)},
		{"deep", []byte(`{"x": ` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + `}`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			cancel()
			c, err := Parse(ctx, tt.data, NeedOrganisation|NeedRequests, "en")
			if c != nil || !errors.Is(err, context.Canceled) {
				t.Errorf("case %v, error %v, want context.Canceled", c, err)
			}
		})
	}
}

// The scanner's report of a fault is the character as the input has it, and the depth
// as a depth, whatever encoding/json says of them.
func TestSyntaxError(t *testing.T) {
	tests := []struct {
		name, in     string
		reason, char string
		line         int
		offset       int64
	}{
		{"ASCII", "{\"a\":\n}", MalformedCharacter, "'}'", 2, 7},
		{"multi-byte", `{"vardas": ą}`, MalformedCharacter, "'ą'", 1, 12},
		{"after multi-byte text", `{"ą": "č" x}`, MalformedCharacter, "'x'", 1, 13},
		{"second byte order mark", "\uFEFF\uFEFF{}", MalformedCharacter, `'\ufeff'`, 1, 4},
		{"invalid UTF-8", "{\"a\": \xff}", MalformedCharacter, `'\xff'`, 1, 7},
		{"control character", "{\"a\": \"\x01\"}", MalformedCharacter, `'\x01'`, 1, 8},
		{"quote", `{'a': 1}`, MalformedCharacter, `'\''`, 1, 2},
		{"end", `{"a": 1`, MalformedEnd, "", 1, 7},
		{"depth", strings.Repeat("[", MaxDepth+1), MalformedDepth, "", 1, MaxDepth + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := SyntaxError([]byte(tt.in))
			if m == nil {
				t.Fatal("no error")
			}
			if m.Reason != tt.reason || m.Char != tt.char || m.Line != tt.line || m.Offset != tt.offset {
				t.Errorf("got %s %s line %d offset %d, want %s %s line %d offset %d",
					m.Reason, m.Char, m.Line, m.Offset, tt.reason, tt.char, tt.line, tt.offset)
			}
		})
	}
}

// A case on its own is checked for the sections it gives: an empty register is a
// register, a missing one is not asked for.
func TestParseGiven(t *testing.T) {
	org := `"organisation": {"name": "UAB „Bandymas“", "jurisdiction": "LT"}`
	for _, tt := range []struct {
		data  string
		given Sections
		code  string // a problem expected, "" for none
	}{
		{`{` + org + `}`, NeedOrganisation, ""},
		{`{` + org + `, "requests": []}`, NeedOrganisation | NeedRequests, ""},
		{`{` + org + `, "breaches": [{}]}`, NeedOrganisation | NeedBreaches, "required"},
		{`{"requests": []}`, NeedOrganisation | NeedRequests, "required"},
	} {
		c, err := Decode(t.Context(), []byte(tt.data), "en")
		if c == nil {
			t.Fatalf("%s: %v", tt.data, err)
		}
		if got := c.Given(); got != tt.given {
			t.Errorf("%s: given %b, want %b", tt.data, got, tt.given)
		}
		_, err = ParseGiven(t.Context(), []byte(tt.data), "en")
		var probs Problems
		switch {
		case tt.code == "" && err != nil:
			t.Errorf("%s: %v", tt.data, err)
		case tt.code != "" && (!errors.As(err, &probs) || !slices.ContainsFunc(probs, func(p Problem) bool { return p.Code == tt.code })):
			t.Errorf("%s: %v, want a problem %q", tt.data, err, tt.code)
		}
	}
}
