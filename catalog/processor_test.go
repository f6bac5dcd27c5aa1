package catalog

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gdprdocs/gdprdocs/casedata"
)

// problemAt returns the one problem a refused render reports, failing unless there is
// exactly one, at path.
func problemAt(t *testing.T, err error, path string) casedata.Problem {
	t.Helper()
	var probs casedata.Problems
	if !errors.As(err, &probs) || len(probs) != 1 || probs[0].Path != path {
		t.Fatalf("err = %v, want one problem at %s", err, path)
	}
	return probs[0]
}

// A processor's breach is the controller's to notify: the processor's own authority
// and subject notices are refused, pointing to the notice to the controller; on the
// controller's written instruction they become the controller's, filed by the processor.
func TestProcessorNotices(t *testing.T) {
	s := newService(t)
	plain := sampleFile(t, "en-breach")
	for _, doc := range []string{"breach-authority-notice", "breach-subject-notice"} {
		_, err := s.Render(context.Background(), Request{Doc: doc, Lang: "en", Format: Markdown, Now: now}, plain)
		if p := problemAt(t, err, "/breaches/0/role"); p.Code != "processor_notifies_controller" {
			t.Errorf("%s: %+v", doc, p)
		}
	}
	if _, err := s.Render(context.Background(), Request{Doc: "breach-controller-notice", Lang: "en", Format: Markdown, Now: now}, plain); err != nil {
		t.Errorf("controller notice: %v", err)
	}

	// Instructed, but the case lacks what the controller's notice needs.
	lacking := editCase(t, plain, func(c map[string]any) {
		b := c["breaches"].([]any)[0].(map[string]any)
		ctl := b["controller"].(map[string]any)
		ctl["instruction"] = "DPA clause 9"
		delete(ctl, "jurisdiction")
		delete(b, "controller_notified_at")
	})
	_, err := s.Render(context.Background(), Request{Doc: "breach-authority-notice", Lang: "en", Format: Markdown, Now: now}, lacking)
	var probs casedata.Problems
	if !errors.As(err, &probs) || len(probs) != 2 || probs[0].Path != "/breaches/0/controller/jurisdiction" ||
		probs[1].Path != "/breaches/0/controller_notified_at" {
		t.Fatalf("err = %v", err)
	}

	// Filed on behalf: the controller's authority and form, its details, its 72 hours.
	out, err := s.Render(context.Background(), Request{Doc: "breach-authority-notice", Lang: "en", Format: Markdown, Now: now}, sampleFile(t, "en-processor"))
	if err != nil {
		t.Fatal(err)
	}
	md := string(out.Body)
	for _, want := range []string{
		"**To:** State Data Protection Inspectorate",
		"**From:** UAB „Baltijos knygos“, submitted on its behalf by its processor Polderwolk Hosting B.V.",
		"- **Legal entity code:** 305512345",
		"**Deadline for notification (72 hours):** 23 November 2026, 09:30 (EET)",
		"on the controller's written instruction (data processing agreement of 12 March 2025",
		"Polderwolk Hosting B.V., on behalf of UAB „Baltijos knygos“",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("on-behalf notice lacks %q", want)
		}
	}
	if strings.Contains(md, "Registration code:** KvK") {
		t.Error("the processor's details stand where the controller's belong")
	}
	out, err = s.Render(context.Background(), Request{Doc: "breach-subject-notice", Lang: "lt", Format: Markdown, Now: now}, sampleFile(t, "en-processor"))
	if err != nil {
		t.Fatal(err)
	}
	if md := string(out.Body); !strings.Contains(md, "Valstybinei duomenų apsaugos inspekcijai") ||
		!strings.Contains(md, "Šį pranešimą duomenų valdytojo (UAB „Baltijos knygos“) vardu siunčia duomenų tvarkytojas Polderwolk Hosting B.V.") {
		t.Errorf("subject notice on behalf:\n%s", md)
	}
}

// Assessing a processor's breach lists the processor's duties only and flags a notice
// to the controller that is missing or overdue.
func TestAssessProcessor(t *testing.T) {
	s := newService(t)
	unsent := editCase(t, sampleFile(t, "en-breach"), func(c map[string]any) {
		delete(c["breaches"].([]any)[0].(map[string]any), "controller_notified_at")
	})
	for _, tt := range []struct {
		now     time.Time
		warning string
	}{
		{time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC), "controller_notice_missing"},
		{time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC), "controller_notice_overdue"},
	} {
		a, err := s.Assess(context.Background(), "en", "", tt.now, unsent)
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, w := range a.Warnings {
			codes = append(codes, w.Code)
		}
		if !strings.Contains(strings.Join(codes, " "), tt.warning) {
			t.Errorf("%s: warnings %v, want %s", tt.now, codes, tt.warning)
		}
		// The controller's awareness is not known yet: no 72-hour deadline is invented.
		if a.Deadline != "" || a.RemainingMinutes != nil || a.Role != "processor" || a.Controller.NotifiedAt != "" {
			t.Errorf("%s: deadline %q remaining %v role %s", tt.now, a.Deadline, a.RemainingMinutes, a.Role)
		}
		for _, o := range a.Obligations {
			if o.Required != (o.ID == "controller") {
				t.Errorf("obligation %+v", o)
			}
		}
	}
}

// A render reports each default it printed, and only those: the Markdown of a notice
// prints none of the internal deadlines, its spreadsheet prints two; the rules print
// the password, log-in, log, training and review settings, and with their procedures
// annexed in full, the procedures' deadlines and intervals too.
func TestWarningsAreWhatTheDocumentPrints(t *testing.T) {
	s := newService(t)
	nl := sample(t, "nl")
	paths := func(doc string, f Format, data []byte, annexes string) []string {
		t.Helper()
		out, err := s.Render(context.Background(), Request{Doc: doc, Lang: "nl", Format: f, Now: now, Annexes: annexes}, data)
		if err != nil {
			t.Fatal(err)
		}
		var ps []string
		for _, w := range out.Warnings {
			ps = append(ps, w.Path)
		}
		return ps
	}
	const sec = "/organisation/security/"
	for _, tt := range []struct {
		doc     string
		format  Format
		data    []byte
		annexes string
		want    []string
	}{
		{"breach-authority-notice", Markdown, nl, "", nil},
		// A notice whose phase the case leaves out prints "initial" and says so, in every format.
		{"breach-authority-notice", Markdown, editCase(t, nl, func(c map[string]any) { drop(firstBreach(c), "phase") }), "",
			[]string{"/breaches/0/phase"}},
		{"breach-authority-notice", XLSX, nl, "", []string{sec + "initial_assessment_hours", sec + "staff_report_hours"}},
		{"processing-rules", Markdown, sampleFile(t, "nl-saas"), AnnexesList, []string{sec + "access_log_retention_months",
			sec + "access_log_review_months", sec + "max_failed_logins", sec + "password_min_length",
			sec + "password_rotation_months", sec + "rules_review_months", sec + "staff_report_hours",
			sec + "training_interval_months"}},
		{"processing-rules", Markdown, sampleFile(t, "nl-saas"), "", []string{sec + "access_log_retention_months",
			sec + "access_log_review_months", sec + "initial_assessment_hours", sec + "max_failed_logins",
			sec + "password_min_length", sec + "password_rotation_months", sec + "processor_notice_hours",
			sec + "records_review_months", sec + "rules_review_months", sec + "staff_report_hours",
			sec + "training_interval_months"}},
	} {
		if got := paths(tt.doc, tt.format, tt.data, tt.annexes); strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s as %s: warnings %v, want %v", tt.doc, tt.format, got, tt.want)
		}
	}
	// A strict render refuses with every default as a problem at its path.
	_, err := s.Render(context.Background(), Request{Doc: "breach-authority-notice", Lang: "nl", Format: XLSX, Now: now, Strict: true}, nl)
	var probs casedata.Problems
	if !errors.As(err, &probs) || len(probs) != 2 || probs[0].Code != "default_refused" || probs[1].Path != sec+"staff_report_hours" {
		t.Errorf("strict: %v", err)
	}
}

// A default that is a code is worded by its label, in the warning and in the strict
// refusal alike: a Dutch reader is told "verwerkingsverantwoordelijke", not "controller".
func TestCodedDefaultsAreWorded(t *testing.T) {
	s := newService(t)
	data := editCase(t, sample(t, "nl"), func(c map[string]any) { drop(firstBreach(c), "role", "phase") })
	for _, lang := range []string{"lt", "nl", "en"} {
		loc, _ := s.locales.Locale(lang)
		role, _ := loc.Label("role", "controller")
		phase, _ := loc.Label("phase", "initial")
		req := Request{Doc: "breach-authority-notice", Lang: lang, Format: Markdown, Now: now}
		out, err := s.Render(context.Background(), req, data)
		if err != nil {
			t.Fatal(err)
		}
		var msgs []string
		for _, w := range WarningItems(out.Warnings, loc) {
			msgs = append(msgs, w.Message)
		}
		req.Strict = true
		_, err = s.Render(context.Background(), req, data)
		var probs casedata.Problems
		if !errors.As(err, &probs) {
			t.Fatalf("%s strict: %v", lang, err)
		}
		for _, p := range probs {
			msgs = append(msgs, problemMessage(p, loc))
		}
		all := strings.Join(msgs, "\n")
		if !strings.Contains(all, role) || !strings.Contains(all, phase) || (lang != "en" && strings.Contains(all, "controller")) {
			t.Errorf("%s: messages do not word the codes as %q and %q:\n%s", lang, role, phase, all)
		}
	}
}

// An organisation's registration number is named by the register of its own
// jurisdiction, in the document's language: a Dutch company's KvK number is never a
// Lithuanian "juridinio asmens kodas".
func TestRegistrationNumberNamedByItsRegister(t *testing.T) {
	s := newService(t)
	for _, tt := range []struct{ sample, lang, want, not string }{
		{"nl-breaches", "lt", "Groeneveld Tuinwinkel B.V.**, Prekybos rūmų (KvK) registracijos numeris 81234567", "juridinio asmens kodas"},
		{"nl-breaches", "nl", "Groeneveld Tuinwinkel B.V.**, KvK-nummer 81234567", "registratienummer"},
		{"lt-breach", "nl", "UAB „Linų kraštas“**, registratienummer 305412876", "KvK"},
		{"lt-breach", "en", "UAB „Linų kraštas“**, legal entity code 305412876", "KvK"},
	} {
		out, err := s.Render(context.Background(), Request{Doc: "breach-register", Lang: tt.lang, Format: Markdown, Now: now}, sampleFile(t, tt.sample))
		if err != nil {
			t.Fatal(err)
		}
		if md := string(out.Body); !strings.Contains(md, tt.want) || strings.Contains(md, tt.not) {
			t.Errorf("%s in %s: want %q, not %q:\n%.300s", tt.sample, tt.lang, tt.want, tt.not, md)
		}
	}
}
