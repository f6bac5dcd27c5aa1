package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gdprdocs/gdprdocs/catalog"
	"github.com/gdprdocs/gdprdocs/internal/pdftext"
)

var svc = func() *catalog.Service {
	s, err := catalog.New()
	if err != nil {
		panic(err)
	}
	return s
}()

func newServer(t *testing.T, cfg Config) (*Server, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	s := New(svc, cfg, slog.New(slog.NewJSONHandler(&logs, nil)))
	s.now = func() time.Time { return time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC) }
	return s, &logs
}

func sample(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("../samples/" + name + "-breach.json")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

type response struct {
	status int
	header http.Header
	body   []byte
}

// do serves one request; a POST or PUT is sent as application/json unless headers say otherwise.
func do(t *testing.T, s *Server, method, target string, body []byte, headers ...string) response {
	t.Helper()
	req := httptest.NewRequest(method, target, bytes.NewReader(body))
	if method == http.MethodPost || method == http.MethodPut {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return response{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
}

type problemDoc struct {
	Type, Title, Detail, Code, Instance string
	Status                              int
	Errors                              []catalog.ProblemItem
}

func decodeProblem(t *testing.T, r response) problemDoc {
	t.Helper()
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Fatalf("content type %q for status %d: %s", ct, r.status, r.body)
	}
	var p problemDoc
	if err := json.Unmarshal(r.body, &p); err != nil {
		t.Fatal(err)
	}
	if p.Status != r.status || p.Title == "" || p.Detail == "" || p.Instance == "" {
		t.Errorf("incomplete problem %+v", p)
	}
	return p
}

func TestHealth(t *testing.T) {
	s, _ := newServer(t, Config{})
	r := do(t, s, "GET", "/healthz", nil)
	if r.status != 200 || strings.TrimSpace(string(r.body)) != `{"status":"ok"}` {
		t.Errorf("%d %s", r.status, r.body)
	}
}

// HEAD answers wherever GET does, with the same status and content type.
func TestHead(t *testing.T) {
	s, _ := newServer(t, Config{})
	for _, path := range []string{"/healthz", "/v1/documents", "/v1/schema", "/v1/assets/gdprdocs.css"} {
		get, head := do(t, s, "GET", path, nil), do(t, s, "HEAD", path, nil)
		if head.status != 200 || get.status != 200 || head.header.Get("Content-Type") != get.header.Get("Content-Type") {
			t.Errorf("%s: HEAD %d %q, GET %d %q", path, head.status, head.header.Get("Content-Type"), get.status, get.header.Get("Content-Type"))
		}
	}
}

// The JSON endpoints take JSON under any of its media types, with parameters.
func TestContentTypeAccepted(t *testing.T) {
	s, _ := newServer(t, Config{})
	for _, ct := range []string{"application/json", "Application/JSON; charset=utf-8", "application/vnd.gdprdocs.case+json"} {
		r := do(t, s, "POST", "/v1/reviews/schedule?lang=en", sample(t, "lt"), "Content-Type", ct)
		if r.status != 200 {
			t.Errorf("%s: %d %s", ct, r.status, r.body)
		}
	}
}

func TestDocuments(t *testing.T) {
	s, _ := newServer(t, Config{})
	r := do(t, s, "GET", "/v1/documents?lang=lt", nil)
	var got struct{ Documents []documentEntry }
	if err := json.Unmarshal(r.body, &got); err != nil || r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	d := got.Documents[0]
	if d.ID != "breach-authority-notice" || d.Title != "Pranešimas priežiūros institucijai apie asmens duomenų saugumo pažeidimą" ||
		len(d.Titles) != 3 || len(d.Formats) != 4 || d.Sections[1] != "breaches" {
		t.Errorf("entry %+v", d)
	}
}

func TestReviewScheduleRoute(t *testing.T) {
	s, _ := newServer(t, Config{})
	r := do(t, s, "POST", "/v1/reviews/schedule?lang=nl", sample(t, "lt"))
	var sched catalog.Schedule
	if err := json.Unmarshal(r.body, &sched); err != nil || r.status != 200 || len(sched.Reviews) != 5 || sched.AsOf != "2026-11-21" {
		t.Fatalf("%d %s", r.status, r.body)
	}
}

func TestStylesheet(t *testing.T) {
	s, _ := newServer(t, Config{})
	r := do(t, s, "GET", "/v1/assets/gdprdocs.css", nil)
	if r.status != 200 || r.header.Get("Content-Type") != "text/css; charset=utf-8" || !bytes.Contains(r.body, []byte(".gdprdocs table")) {
		t.Errorf("%d %s", r.status, r.header.Get("Content-Type"))
	}
}

func TestSchema(t *testing.T) {
	s, _ := newServer(t, Config{})
	r := do(t, s, "GET", "/v1/schema", nil)
	var schema map[string]any
	if err := json.Unmarshal(r.body, &schema); err != nil || r.status != 200 || schema["$schema"] == nil {
		t.Fatalf("%d %v", r.status, err)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/schema+json" {
		t.Errorf("content type %q", ct)
	}
}

func TestRenderEveryFormat(t *testing.T) {
	s, _ := newServer(t, Config{})
	tests := []struct {
		query, accept, contentType, file string
		check                            func([]byte) bool
	}{
		{"lang=lt&format=pdf", "", "application/pdf", "pranesimas-apie-pazeidima-PAZ-2026-03.pdf", func(b []byte) bool {
			text, err := pdftext.Text(b)
			return err == nil && strings.Contains(text, "Valstybinei duomenų apsaugos inspekcijai") &&
				strings.Contains(text, "2026 m. lapkričio 19 d. 08:05") && strings.Contains(text, "Vėlavimo priežastys")
		}},
		{"lang=lt", "text/markdown", "text/markdown; charset=utf-8", "pranesimas-apie-pazeidima-PAZ-2026-03.md", func(b []byte) bool {
			return bytes.HasPrefix(b, []byte("# Pranešimas"))
		}},
		{"lang=en&format=html", "", "text/html; charset=utf-8", "breach-notification-PAZ-2026-03.html", func(b []byte) bool {
			return bytes.Contains(b, []byte(`<html lang="en">`))
		}},
		{"lang=nl&format=xlsx", "", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "melding-datalek-PAZ-2026-03.xlsx", func(b []byte) bool {
			return bytes.HasPrefix(b, []byte("PK"))
		}},
		{"", "", "application/pdf", "breach-notification-PAZ-2026-03.pdf", func(b []byte) bool { return bytes.HasPrefix(b, []byte("%PDF")) }},
	}
	for _, tt := range tests {
		var headers []string
		if tt.accept != "" {
			headers = []string{"Accept", tt.accept}
		}
		r := do(t, s, "POST", "/v1/documents/breach-authority-notice?"+tt.query, sample(t, "lt"), headers...)
		if r.status != 200 {
			t.Errorf("%s: %d %s", tt.query, r.status, r.body)
			continue
		}
		if ct := r.header.Get("Content-Type"); ct != tt.contentType {
			t.Errorf("%s: content type %q", tt.query, ct)
		}
		if cd := r.header.Get("Content-Disposition"); cd != `attachment; filename="`+tt.file+`"` {
			t.Errorf("%s: disposition %q", tt.query, cd)
		}
		if !tt.check(r.body) {
			t.Errorf("%s: body check failed", tt.query)
		}
	}
}

func TestErrors(t *testing.T) {
	s, _ := newServer(t, Config{BodyLimit: 64 << 10})
	lt := sample(t, "lt")
	var late map[string]any
	_ = json.Unmarshal(lt, &late)
	delete(late["breaches"].([]any)[0].(map[string]any), "delay_reason")
	lateJSON, _ := json.Marshal(late)
	tests := []struct {
		name, method, target string
		body                 []byte
		headers              []string
		status               int
		code, path, detail   string
	}{
		{"malformed JSON", "POST", "/v1/documents/breach-authority-notice?lang=lt", []byte(`{"version":`), nil, 400, "malformed_json", "", "Bylos duomenys nėra tinkamas JSON"},
		{"unknown field", "POST", "/v1/documents/breach-authority-notice?lang=nl", []byte(`{"organisation":{"name":"X","jurisdiction":"NL","nmae":1}}`), nil, 422, "invalid_case", "/organisation/nmae", "De dossiergegevens zijn ongeldig."},
		{"late without reason", "POST", "/v1/documents/breach-authority-notice?lang=en&format=pdf", lateJSON, nil, 422, "invalid_case", "/breaches/0/delay_reason", ""},
		{"unknown document", "POST", "/v1/documents/privacy-nonsense?lang=en", lt, nil, 404, "unknown_document", "", "privacy-nonsense"},
		{"format not offered", "POST", "/v1/documents/breach-authority-notice?format=docx", lt, nil, 406, "unknown_format", "", "docx"},
		{"Accept not offered", "POST", "/v1/documents/breach-authority-notice", lt, []string{"Accept", "image/png"}, 406, "unknown_format", "", ""},
		{"unknown language", "POST", "/v1/documents/breach-authority-notice?lang=fr", lt, nil, 400, "unknown_language", "", "fr"},
		{"bad now", "POST", "/v1/documents/breach-authority-notice?now=yesterday", lt, nil, 400, "invalid_now", "", ""},
		{"now in year 0", "POST", "/v1/documents/breach-authority-notice?lang=lt&now=0000-01-01T00:00:00Z", lt, nil, 400, "now_out_of_range", "", "nuo 2000 iki 2100 metų"},
		{"now before 2000", "POST", "/v1/breaches/assess?lang=nl&now=1999-12-31T23:59:59%2B01:00", lt, nil, 400, "now_out_of_range", "", "2000 tot en met 2100"},
		{"now after 2100", "POST", "/v1/reviews/schedule?now=2101-01-01T00:00:00Z", lt, nil, 400, "now_out_of_range", "", "years 2000 to 2100"},
		{"now in year 9999", "POST", "/v1/documents/breach-authority-notice?now=9999-12-31T23:59:59Z", lt, nil, 400, "now_out_of_range", "", ""},
		{"unknown breach", "POST", "/v1/documents/breach-authority-notice?breach=X-9", lt, nil, 422, "invalid_case", "/breaches", ""},
		{"body too large", "POST", "/v1/documents/breach-authority-notice", bytes.Repeat([]byte(" "), 65<<10), nil, 413, "body_too_large", "", ""},
		{"route not found", "GET", "/v2/nothing", nil, nil, 404, "not_found", "", ""},
		{"method not allowed", "GET", "/v1/documents/breach-authority-notice", nil, nil, 405, "method_not_allowed", "", ""},
		{"annexes not a choice", "POST", "/v1/documents/processing-rules?lang=lt&annexes=some", lt, nil, 400, "invalid_choice", "", "Parametras annexes negali būti some; galimos reikšmės: full, list."},
		{"annexes not a choice, in Dutch", "POST", "/v1/documents/processing-rules?lang=nl&annexes=FULL", lt, nil, 400, "invalid_choice", "", "De parameter annexes kan niet FULL zijn"},
		{"fragment not a boolean", "POST", "/v1/documents/breach-authority-notice?format=html&fragment=maybe", lt, nil, 400, "invalid_boolean", "", "fragment"},
		{"HEAD not for a POST route", "HEAD", "/v1/documents/breach-authority-notice", nil, nil, 405, "method_not_allowed", "", ""},
		{"no Content-Type", "POST", "/v1/documents/breach-authority-notice?lang=lt", lt, []string{"Content-Type", ""}, 415, "not_json", "", "Content-Type: application/json"},
		{"form post", "POST", "/v1/documents/breach-authority-notice?lang=nl", lt, []string{"Content-Type", "application/x-www-form-urlencoded"}, 415, "not_json", "", "moet JSON zijn"},
		{"text/plain to check", "POST", "/v1/documents/breach-authority-notice/check", lt, []string{"Content-Type", "text/plain; charset=utf-8"}, 415, "not_json", "", "must be JSON"},
		{"text/plain to assess", "POST", "/v1/breaches/assess", lt, []string{"Content-Type", "text/plain"}, 415, "not_json", "", ""},
		{"JSON as text to schedule", "POST", "/v1/reviews/schedule", lt, []string{"Content-Type", "text/json"}, 415, "not_json", "", ""},
		{"language from Accept-Language", "POST", "/v1/documents/breach-authority-notice", []byte(`{`), []string{"Accept-Language", "nl-NL,nl;q=0.9"}, 400, "malformed_json", "", "geen geldige JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, s, tt.method, tt.target, tt.body, tt.headers...)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			p := decodeProblem(t, r)
			if p.Code != tt.code {
				t.Errorf("code %q, want %q", p.Code, tt.code)
			}
			if tt.detail != "" && !strings.Contains(p.Detail, tt.detail) {
				t.Errorf("detail %q lacks %q", p.Detail, tt.detail)
			}
			if tt.path != "" && !hasPath(p.Errors, tt.path) {
				t.Errorf("errors %+v, want one at %s", p.Errors, tt.path)
			}
		})
	}
}

func hasPath(items []catalog.ProblemItem, path string) bool {
	for _, e := range items {
		if e.Path == path && e.Message != "" {
			return true
		}
	}
	return false
}

// The first and last moments of the years a now may fall in are taken.
func TestNowWindow(t *testing.T) {
	s, _ := newServer(t, Config{})
	for _, now := range []string{"2000-01-01T00:00:00Z", "2000-01-01T00:30:00%2B01:00", "2100-12-31T23:59:59Z", "2100-12-31T23:00:00-05:00"} {
		r := do(t, s, "POST", "/v1/reviews/schedule?lang=en&now="+now, sample(t, "lt"))
		if r.status != 200 {
			t.Errorf("%s: %d %s", now, r.status, r.body)
		}
	}
}

func TestAssess(t *testing.T) {
	s, _ := newServer(t, Config{})
	r := do(t, s, "POST", "/v1/breaches/assess?lang=lt&now=2026-11-20T10:00:00%2B02:00", sample(t, "en"))
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	var a catalog.Assessment
	if err := json.Unmarshal(r.body, &a); err != nil {
		t.Fatal(err)
	}
	// A processor: the deadline is the controller's, 72 hours from the processor's notice to it.
	if a.Role != "processor" || a.Deadline != "2026-11-23T15:10:00Z" || a.Late || a.TimeZone != "Europe/Dublin" ||
		a.Controller == nil || a.Controller.Authority != "Nyderlandų asmens duomenų apsaugos institucija (Autoriteit Persoonsgegevens)" {
		t.Errorf("assessment %+v", a)
	}
	want := map[string]bool{"authority": false, "data_subjects": false, "public_communication": false, "controller": true}
	for _, o := range a.Obligations {
		if want[o.ID] != o.Required || o.Explanation == "" || !strings.Contains(o.Basis, "BDAR 3") {
			t.Errorf("obligation %+v", o)
		}
	}
	if len(a.Obligations) != 4 || a.Deadlines[2].ID != "controller_notice" || a.Deadlines[2].Due != "2026-11-21T07:45:00Z" {
		t.Errorf("obligations %+v deadlines %+v", a.Obligations, a.Deadlines)
	}
	if strings.Join(a.Sensitive, ",") != "credentials,financial,national_id" {
		t.Errorf("sensitive %v", a.Sensitive)
	}

	// Late and without reasons: the assessment says what is missing instead of failing.
	var late map[string]any
	_ = json.Unmarshal(sample(t, "lt"), &late)
	delete(late["breaches"].([]any)[0].(map[string]any), "delay_reason")
	body, _ := json.Marshal(late)
	r = do(t, s, "POST", "/v1/breaches/assess?lang=en", body)
	if err := json.Unmarshal(r.body, &a); err != nil || r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if !a.Late || a.DelayMinutes != 26*60+35 || len(a.Problems) != 1 || a.Problems[0].Path != "/breaches/0/delay_reason" {
		t.Errorf("late assessment %+v", a)
	}
}

// Every endpoint that parses a case computes in a render slot and under the render
// deadline: with every slot taken it waits no longer than the deadline (503 timeout), and
// with no queue either it is refused at once (503 busy).
func TestSlotsAndDeadline(t *testing.T) {
	targets := []string{
		"/v1/documents/breach-authority-notice?lang=en",
		"/v1/documents/breach-authority-notice/check?lang=en",
		"/v1/breaches/assess?lang=en",
		"/v1/reviews/schedule?lang=en",
	}
	tests := []struct {
		name string
		cfg  Config
		code string
	}{
		{"deadline while waiting", Config{MaxRenders: 1, RenderTimeout: 20 * time.Millisecond}, "timeout"},
		{"queue full", Config{MaxRenders: 1, QueueLength: -1}, "busy"},
	}
	for _, tt := range tests {
		s, _ := newServer(t, tt.cfg)
		if err := s.renders.acquire(context.Background()); err != nil {
			t.Fatal(err)
		}
		for _, target := range targets {
			r := do(t, s, "POST", target, sample(t, "nl"))
			if r.status != 503 || r.header.Get("Retry-After") == "" || decodeProblem(t, r).Code != tt.code {
				t.Errorf("%s, %s: %d %s", tt.name, target, r.status, r.body)
			}
		}
		s.renders.release()
	}
}

// A body that is not JSON is refused before it may take a render slot: with every slot
// taken, it is a 400 at once, not a wait for a slot. (With the queue full too, its body
// is never read: TestFullQueueRefusesBeforeTheBody.)
func TestMalformedJSONTakesNoSlot(t *testing.T) {
	s, _ := newServer(t, Config{MaxRenders: 1, QueueLength: 1})
	if err := s.renders.acquire(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer s.renders.release()
	tests := []struct {
		target, body, detail string
	}{
		{"/v1/documents/breach-authority-notice?lang=en", `{"version":`, "it ends before the value is complete (line 1, byte 11)"},
		{"/v1/documents/breach-authority-notice/check?lang=en", "{\n\"a\": tru}", "unexpected character '}' (line 2, byte 11)"},
		{"/v1/breaches/assess?lang=en", `{} {}`, "unexpected character '{' (line 1, byte 4)"},
		{"/v1/reviews/schedule?lang=en", ``, "it ends before the value is complete"},
		{"/v1/reviews/schedule?lang=en", "\ufeff{", "(line 1, byte 4)"},
		// Every word in the request's language, the fault's description included.
		{"/v1/reviews/schedule?lang=lt", `{"version":`, "Bylos duomenys nėra tinkamas JSON: jis baigiasi nepasibaigus reikšmei (eilutė 1, baitas 11)."},
		{"/v1/reviews/schedule?lang=nl", `{'a'}`, "onverwacht teken '\\'' (regel 1, byte 2)"},
	}
	for _, tt := range tests {
		r := do(t, s, "POST", tt.target, []byte(tt.body))
		if r.status != 400 {
			t.Errorf("%s %q: %d %s", tt.target, tt.body, r.status, r.body)
			continue
		}
		if p := decodeProblem(t, r); p.Code != "malformed_json" || !strings.Contains(p.Detail, tt.detail) {
			t.Errorf("%s %q: %+v, want detail with %q", tt.target, tt.body, p, tt.detail)
		}
	}
}

// Logs say what happened to a request, never what the case contained.
func TestLogsCarryNoCaseData(t *testing.T) {
	s, logs := newServer(t, Config{})
	do(t, s, "POST", "/v1/documents/breach-authority-notice?lang=nl&breach=DL-2026-011", sample(t, "nl"))
	do(t, s, "POST", "/v1/documents/breach-authority-notice?lang=nl", []byte(`{"organisation": {"name": "Geheime B.V.", "jurisdictio": 1}}`))
	do(t, s, "POST", "/v1/documents/Jansen-BSN-123456782", sample(t, "nl"))
	out := logs.String()
	for _, secret := range []string{"Lindehof", "Geheime", "DL-2026-011", "BSN", "mantelzorgers", "Jansen"} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains %q", secret)
		}
	}
	if !strings.Contains(out, `"request_id"`) || !strings.Contains(out, `"status":200`) || !strings.Contains(out, `"status":422`) {
		t.Errorf("log lines lack request id or status: %s", out)
	}
}

// Shutdown waits for a request in flight and then stops serving.
func TestGracefulShutdown(t *testing.T) {
	s, _ := newServer(t, Config{})
	ln, cancel, done := serving(t, s)
	url := "http://" + ln.Addr().String()
	resp, err := http.Post(url+"/v1/documents/breach-authority-notice?lang=lt", "application/json", bytes.NewReader(sample(t, "lt")))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.HasPrefix(body, []byte("%PDF")) {
		t.Fatalf("%d", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("server did not stop")
	}
	if _, err := http.Get(url + "/healthz"); err == nil {
		t.Error("server still answers after shutdown")
	}
}

// A handler that panics costs its request a 500 problem, not the process.
func TestPanicIsRecovered(t *testing.T) {
	s, logs := newServer(t, Config{})
	s.echo.GET("/panic", func(echo.Context) error { panic("boom") })
	r := do(t, s, "GET", "/panic?lang=lt", nil)
	if r.status != 500 {
		t.Fatalf("status %d", r.status)
	}
	if p := decodeProblem(t, r); p.Code != "internal" || strings.Contains(p.Detail, "boom") {
		t.Errorf("problem %+v", p)
	}
	if !strings.Contains(logs.String(), "boom") {
		t.Error("the panic is not logged")
	}
	if r := do(t, s, "GET", "/healthz", nil); r.status != 200 {
		t.Errorf("server unhealthy after a panic: %d", r.status)
	}
}

// A render says how many defaults it printed; check lists them with their paths and
// words; strict refuses them; a strict value that is not a boolean is refused too.
func TestWarnings(t *testing.T) {
	s, _ := newServer(t, Config{})
	const target = "/v1/documents/breach-procedure?lang=nl&format=md&now=2026-11-21T10:00:00Z"
	r := do(t, s, "POST", target, sample(t, "nl"))
	if r.status != 200 || r.header.Get("Gdprdocs-Warnings") != "3" {
		t.Fatalf("%d, warnings header %q", r.status, r.header.Get("Gdprdocs-Warnings"))
	}
	r = do(t, s, "POST", strings.Replace(target, "procedure?", "procedure/check?", 1), sample(t, "nl"))
	var check struct {
		Warnings []catalog.WarningItem `json:"warnings"`
	}
	if err := json.Unmarshal(r.body, &check); err != nil || r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if len(check.Warnings) != 3 || check.Warnings[2].Path != "/organisation/security/staff_report_hours" ||
		check.Warnings[2].Value != float64(6) || !strings.Contains(check.Warnings[2].Message, "standaardwaarde, 6") {
		t.Errorf("check %+v", check.Warnings)
	}
	r = do(t, s, "POST", target+"&strict=true", sample(t, "nl"))
	if p := decodeProblem(t, r); r.status != 422 || len(p.Errors) != 3 || p.Errors[0].Code != "default_refused" {
		t.Errorf("strict: %d %+v", r.status, p)
	}
	r = do(t, s, "POST", target+"&strict=maybe", sample(t, "nl"))
	if p := decodeProblem(t, r); r.status != 400 || p.Code != "invalid_boolean" {
		t.Errorf("strict=maybe: %d %+v", r.status, p)
	}
}

// brokenBody is a body that stops short, as one does when its client goes away.
type brokenBody struct{ r io.Reader }

func (b brokenBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err == io.EOF {
		return n, io.ErrUnexpectedEOF
	}
	return n, err
}

// logLines decodes the JSON log lines that have the message msg.
func logLines(t *testing.T, logs *bytes.Buffer, msg string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range bytes.Split(bytes.TrimSpace(logs.Bytes()), []byte("\n")) {
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatalf("log line is not JSON: %s", line)
		}
		if m["msg"] == msg {
			out = append(out, m)
		}
	}
	return out
}

// A client that goes away — its body breaks off, or it hangs up while its request waits
// for a slot — ends its request with 499 logged at INFO, not a 500 error.
func TestClientGone(t *testing.T) {
	tests := []struct {
		name   string
		target string
		body   func() io.Reader
		hold   bool // take every slot, so that the request waits for one
	}{
		{"body breaks off", "/v1/documents/breach-authority-notice?lang=en", func() io.Reader { return brokenBody{strings.NewReader(`{"organisation": {`)} }, false},
		{"hangs up waiting for a render", "/v1/documents/breach-authority-notice?lang=en", func() io.Reader { return bytes.NewReader(sample(t, "lt")) }, true},
		{"hangs up waiting for an assessment", "/v1/breaches/assess?lang=en", func() io.Reader { return bytes.NewReader(sample(t, "lt")) }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, logs := newServer(t, Config{MaxRenders: 1})
			if tt.hold {
				if err := s.renders.acquire(context.Background()); err != nil {
					t.Fatal(err)
				}
				defer s.renders.release()
			}
			// Cancelling stands in for net/http noticing that the client hung up.
			ctx, cancel := context.WithCancel(context.Background())
			defer time.AfterFunc(50*time.Millisecond, cancel).Stop()
			req := httptest.NewRequestWithContext(ctx, "POST", tt.target, tt.body())
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)
			if rec.Code != statusClientClosed || rec.Body.Len() != 0 {
				t.Errorf("status %d, body %q", rec.Code, rec.Body)
			}
			lines := logLines(t, logs, "request")
			if len(lines) != 1 || lines[0]["level"] != "INFO" || lines[0]["status"] != float64(statusClientClosed) {
				t.Errorf("log %s", logs)
			}
			if strings.Contains(logs.String(), `"ERROR"`) {
				t.Errorf("a client's leaving logged as an error: %s", logs)
			}
		})
	}
}

// A body that does not arrive within the server's read timeout is a 408, logged at INFO.
func TestSlowBody(t *testing.T) {
	s, logs := newServer(t, Config{})
	ts := httptest.NewUnstartedServer(s.Handler())
	ts.Config.ReadTimeout = 200 * time.Millisecond
	ts.Start()
	defer ts.Close()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, err = io.WriteString(conn, "POST /v1/documents/breach-authority-notice?lang=nl HTTP/1.1\r\nHost: test\r\n"+
		"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"organisation\": ")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	r := response{status: resp.StatusCode, header: resp.Header, body: body}
	if r.status != http.StatusRequestTimeout {
		t.Fatalf("status %d: %s", r.status, body)
	}
	if p := decodeProblem(t, r); p.Code != "body_timeout" || !strings.Contains(p.Detail, "niet op tijd") {
		t.Errorf("problem %+v", p)
	}
	ts.Close() // the log line is written once the handler has returned
	lines := logLines(t, logs, "request")
	if len(lines) != 1 || lines[0]["level"] != "INFO" || lines[0]["status"] != float64(http.StatusRequestTimeout) {
		t.Errorf("log %s", logs)
	}
}

// Every answer carries a request id of ours; a client's id is logged beside it only when
// short and printable, and never sent back.
func TestRequestIDs(t *testing.T) {
	tests := []struct {
		name, clientID string
		logged         bool
	}{
		{"none", "", false},
		{"short and printable", "trace-7f3a/01:ok", true},
		{"64 characters", strings.Repeat("a", 64), true},
		{"65 characters", strings.Repeat("a", 65), false},
		{"20,000 characters", strings.Repeat("x", 20000), false},
		{"space", "a b", false},
		{"control character", "a\x1bb", false},
		{"not ASCII", "pažeidimas", false},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, logs := newServer(t, Config{})
			r := do(t, s, "POST", "/v1/documents/breach-authority-notice?lang=en", []byte(`{`), "X-Request-Id", tt.clientID)
			id := r.header.Get("X-Request-Id")
			if len(id) < 16 || id == tt.clientID || seen[id] || decodeProblem(t, r).Instance != id {
				t.Errorf("request id %q for client id %q", id, tt.clientID)
			}
			seen[id] = true
			lines := logLines(t, logs, "request")
			if len(lines) != 1 || lines[0]["request_id"] != id {
				t.Fatalf("log %s", logs)
			}
			got, ok := lines[0]["client_request_id"]
			if ok != tt.logged || ok && got != tt.clientID {
				t.Errorf("client_request_id %q logged %v, want %v", got, ok, tt.logged)
			}
		})
	}
}

// A 20,000-character reference gives a file name, and a Content-Disposition, of bounded size.
func TestLongReferenceFileName(t *testing.T) {
	s, _ := newServer(t, Config{})
	var c map[string]any
	if err := json.Unmarshal(sample(t, "lt"), &c); err != nil {
		t.Fatal(err)
	}
	c["breaches"].([]any)[0].(map[string]any)["reference"] = strings.Repeat("Ž", 20000)
	body, _ := json.Marshal(c)
	r := do(t, s, "POST", "/v1/documents/breach-authority-notice?lang=lt&format=md", body)
	cd := r.header.Get("Content-Disposition")
	if r.status != 200 || len(cd) > 160 || !strings.HasPrefix(cd, `attachment; filename="pranesimas-apie-pazeidima-ZZZ`) || !strings.HasSuffix(cd, `.md"`) {
		t.Errorf("%d, %d bytes: %s", r.status, len(cd), cd)
	}
}

// Requests that outlast the shutdown timeout are each logged, in JSON with their request
// id, as aborted; their work is cancelled and Serve returns nil, so the process exits 0.
func TestShutdownPastTimeout(t *testing.T) {
	s, logs := newServer(t, Config{ShutdownTimeout: 100 * time.Millisecond})
	started, release := make(chan struct{}), make(chan struct{})
	// One render ignores its context, as a long PDF write between checks does; one
	// honours it.
	s.echo.POST("/stubborn", func(c echo.Context) error {
		started <- struct{}{}
		<-release
		return c.NoContent(http.StatusOK)
	})
	cancelled := make(chan struct{})
	s.echo.POST("/honest", func(c echo.Context) error {
		started <- struct{}{}
		<-c.Request().Context().Done()
		close(cancelled)
		return c.Request().Context().Err()
	})
	defer close(release)
	ln, cancel, done := serving(t, s)
	for _, path := range []string{"/stubborn", "/honest"} {
		go func() {
			resp, err := http.Post("http://"+ln.Addr().String()+path, "application/json", strings.NewReader("{}"))
			if err == nil {
				resp.Body.Close()
			}
		}()
		<-started
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("server did not stop")
	}
	select {
	case <-cancelled:
	case <-time.After(5 * time.Second):
		t.Fatal("an aborted request's context was not cancelled")
	}
	lines := logLines(t, logs, "request") // every line is JSON
	ids := map[any]bool{}
	for _, l := range lines {
		if l["aborted"] != true || l["level"] != "WARN" || l["status"] != float64(statusAbandoned) || l["request_id"] == "" {
			t.Errorf("aborted request logged as %v", l)
		}
		ids[l["request_id"]] = true
	}
	if len(lines) != 2 || len(ids) != 2 {
		t.Errorf("%d lines for 2 aborted requests: %s", len(lines), logs)
	}
	if sum := logLines(t, logs, "shutdown timed out"); len(sum) != 1 || sum[0]["aborted"] != float64(2) {
		t.Errorf("summary %v", sum)
	}
}

// A render past its deadline answers 503 for every document and format: every path
// through the pipeline looks at the deadline.
func TestEveryRenderHonoursItsDeadline(t *testing.T) {
	s, _ := newServer(t, Config{RenderTimeout: time.Nanosecond})
	body := sample(t, "lt")
	for _, doc := range catalog.Documents {
		for _, f := range doc.Formats {
			r := do(t, s, "POST", "/v1/documents/"+doc.ID+"?lang=lt&format="+string(f), body, "Content-Type", "application/json")
			if r.status != 503 || decodeProblem(t, r).Code != "timeout" {
				t.Errorf("%s as %s: %d %s", doc.ID, f, r.status, r.body)
			}
		}
	}
}

// A 503 is the limits at work, logged as a warning; only a server fault is an error.
func TestOverloadIsAWarning(t *testing.T) {
	s, logs := newServer(t, Config{MaxRenders: 1, RenderTimeout: 10 * time.Millisecond})
	if err := s.renders.acquire(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer s.renders.release()
	if r := do(t, s, "POST", "/v1/documents/breach-authority-notice?lang=en", sample(t, "nl")); r.status != 503 {
		t.Fatalf("status %d", r.status)
	}
	if line := logs.String(); !strings.Contains(line, `"level":"WARN"`) || !strings.Contains(line, `"status":503`) {
		t.Errorf("log: %s", line)
	}
}

// serving starts s on a loopback port; cancel begins its shutdown and done reports how
// Serve ended.
func serving(t *testing.T, s *Server) (ln net.Listener, cancel context.CancelFunc, done chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done = make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	return ln, cancel, done
}

// The processing rules carry their annexes in full unless annexes=list asks for them
// listed; annexes=full is the default said out loud.
func TestRulesAnnexes(t *testing.T) {
	s, _ := newServer(t, Config{})
	body := sample(t, "lt")
	get := func(query string) string {
		t.Helper()
		r := do(t, s, "POST", "/v1/documents/processing-rules?lang=en&format=md"+query, body)
		if r.status != 200 {
			t.Fatalf("%s: %d %s", query, r.status, r.body)
		}
		return string(r.body)
	}
	full, list, explicit := get(""), get("&annexes=list"), get("&annexes=full")
	if full != explicit {
		t.Error("annexes=full differs from the default")
	}
	const form = "| No. | Became aware | Began | Ended or contained | What happened |"
	if !strings.Contains(full, form) || strings.Contains(list, form) {
		t.Errorf("the breach register form: in full %v, in the list %v", strings.Contains(full, form), strings.Contains(list, form))
	}
	if !strings.Contains(list, "Kept as a separate register.") || strings.Contains(full, "Kept as a separate register.") {
		t.Error("the listed annexes do not say they are kept apart, or the full ones do")
	}
}
