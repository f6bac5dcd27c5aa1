package catalog

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gdprdocs/gdprdocs/internal/pdftext"
)

func sampleFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "samples", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Every document renders for every breach it is offered for, in every language and
// every format it offers; the PDF's text reads back.
func TestEveryDocumentInEveryFormat(t *testing.T) {
	s := newService(t)
	for _, doc := range Documents {
		if !perBreach(doc) {
			continue
		}
		for _, gc := range goldenCases(t) {
			for _, lang := range langs {
				for _, f := range doc.Formats {
					out, err := s.Render(context.Background(), Request{Doc: doc.ID, Lang: lang, Format: f, Breach: gc.breach, Now: now}, gc.data)
					if err != nil {
						loc, _ := s.Locale(lang)
						if e, ok := Explain(err, loc); ok && len(e.Problems) == 1 {
							continue // refused: TestGoldenMarkdown holds the refusals
						}
						t.Fatalf("%s %s %s %s %s: %v", doc.ID, gc.file, gc.breach, lang, f, err)
					}
					if f == PDF {
						if _, err := pdftext.Pages(out.Body); err != nil {
							t.Errorf("%s %s %s: %v", doc.ID, gc.breach, lang, err)
						}
					}
				}
			}
		}
	}
}

func TestSubjectNoticeAdvice(t *testing.T) {
	s := newService(t)
	data := sampleFile(t, "nl-breaches")
	render := func(ref, lang string) string {
		out, err := s.Render(context.Background(), Request{Doc: "breach-subject-notice", Lang: lang, Format: Markdown, Breach: ref, Now: now}, data)
		if err != nil {
			t.Fatal(err)
		}
		return string(out.Body)
	}
	// A credentials leak: change passwords, in every language.
	for lang, want := range map[string]string{"en": "Change your password", "nl": "Wijzig uw wachtwoord", "lt": "Pakeiskite slaptažodį"} {
		if got := render("GT-2026-02", lang); !strings.Contains(got, want) {
			t.Errorf("%s: credentials leak without %q", lang, want)
		}
	}
	// Contact details only: phishing advice, no password or bank advice.
	public := render("GT-2026-04", "en")
	if !strings.Contains(public, "Be careful with unexpected messages") || strings.Contains(public, "Change your password") ||
		strings.Contains(public, "bank and card") {
		t.Errorf("contact-data advice wrong:\n%s", public)
	}
	// Individual notice disproportionate: a public communication, not a letter.
	if !strings.HasPrefix(public, "# Notice: a security incident involving personal data") || strings.Contains(public, "Dear") {
		t.Errorf("not a public communication:\n%.300s", public)
	}
	// Plain language: no article numbers in the body.
	for _, lang := range langs {
		if body := render("GT-2026-02", lang); strings.Contains(body, "Art.") || strings.Contains(body, "artikel") || strings.Contains(body, "straipsn") {
			t.Errorf("%s: article numbers in the notice to the people", lang)
		}
	}
}

// Encrypted data: no notice to the people is offered, and the assessment says why.
func TestEncryptedExemption(t *testing.T) {
	s := newService(t)
	data := sampleFile(t, "nl-breaches")
	_, err := s.Render(context.Background(), Request{Doc: "breach-subject-notice", Lang: "en", Format: PDF, Breach: "GT-2026-03", Now: now}, data)
	loc, _ := s.Locale("en")
	e, ok := Explain(err, loc)
	if !ok || len(e.Problems) != 1 || e.Problems[0].Code != "subject_notice_not_required" || !strings.Contains(e.Problems[0].Message, "encrypted") {
		t.Fatalf("render: %v %+v", err, e)
	}
	a, err := s.Assess(context.Background(), "en", "GT-2026-03", now, data)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range a.Obligations {
		if o.ID == "data_subjects" && (o.Required || !strings.Contains(o.Explanation, "encrypted") || !strings.Contains(o.Basis, "34(3)")) {
			t.Errorf("obligation %+v", o)
		}
	}
}

// A supplementary notice says what it supplements and what changed: on the AP's online
// form (the sample's jurisdiction) and in a letter (the same case under an EU authority).
func TestFollowUpNotice(t *testing.T) {
	s := newService(t)
	data := sampleFile(t, "nl-breaches")
	letter := editCase(t, data, func(c map[string]any) {
		o := c["organisation"].(map[string]any)
		o["jurisdiction"] = "EU"
		o["authority"] = map[string]any{"name": "Data Protection Commission"}
	})
	for _, tt := range []struct {
		name string
		data []byte
		want []string
	}{
		{"form", data, []string{"supplementary notification, to the notification made on 4 October 2026, 16:00 (CEST)",
			"**What has changed?** Het onderzoek is afgerond", "first notification 4 October 2026, 16:00 (CEST), within the deadline",
			"**Date of the notification:** 21 November 2026, 11:00 (CET)"}},
		{"letter", letter, []string{"supplementary notification", "supplements the notification made on 4 October 2026, 16:00 (CEST)",
			"**What has changed:** Het onderzoek is afgerond", "**First notification:** 4 October 2026, 16:00 (CEST), within the deadline",
			"**Date of this notification:** 21 November 2026, 11:00 (CET)"}},
	} {
		out, err := s.Render(context.Background(), Request{Doc: "breach-authority-notice", Lang: "en", Format: Markdown, Breach: "GT-2026-02", Now: now}, tt.data)
		if err != nil {
			t.Fatal(err)
		}
		md := string(out.Body)
		for _, want := range tt.want {
			if !strings.Contains(md, want) {
				t.Errorf("%s: follow-up lacks %q", tt.name, want)
			}
		}
	}
}

func TestControllerNoticeDeadline(t *testing.T) {
	s := newService(t)
	out, err := s.Render(context.Background(), Request{Doc: "breach-controller-notice", Lang: "en", Format: Markdown, Now: now}, sample(t, "en"))
	if err != nil {
		t.Fatal(err)
	}
	md := string(out.Body)
	for _, want := range []string{"**Notice due under our agreement (24 hours):** 21 November 2026, 07:45 (GMT)",
		"**This notice:** 20 November 2026, 15:10 (GMT), within that deadline", "**To:** Kestrel Logistics Europe B.V."} {
		if !strings.Contains(md, want) {
			t.Errorf("controller notice lacks %q", want)
		}
	}
}

func TestAssessWarningsAndCrossBorder(t *testing.T) {
	s := newService(t)
	a, err := s.Assess(context.Background(), "lt", "", now, sample(t, "nl"))
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, w := range a.Warnings {
		codes = append(codes, w.Code+w.Path)
		if w.Code == "national_id" && !strings.Contains(w.Message, "piliečio aptarnavimo numeris (BSN)") {
			t.Errorf("the Dutch identifier is not named: %s", w.Message)
		}
	}
	// The data that call for care, then the internal deadlines the case leaves to the defaults.
	if strings.Join(codes, ",") != "special,national_id,default/organisation/security/initial_assessment_hours,"+
		"default/organisation/security/staff_report_hours" {
		t.Errorf("warnings %v", codes)
	}
	if a.Severity.Level != "very_high" || a.Severity.Label != "labai didelis" || a.Severity.Note == "" {
		t.Errorf("severity %+v", a.Severity)
	}
	if !a.MissingMayFollow || len(a.Completeness) != 8 {
		t.Errorf("completeness %+v", a.Completeness)
	}
	b, err := s.Assess(context.Background(), "en", "", now, sample(t, "en"))
	if err != nil {
		t.Fatal(err)
	}
	if b.CrossBorder == nil || strings.Join(b.CrossBorder.MemberStates, ",") != "NL,BE" || b.CrossBorder.LeadAuthority == "" {
		t.Errorf("cross border %+v", b.CrossBorder)
	}
}

// The notice to the people as plain text, ready for an e-mail body.
func TestSubjectNoticeAsPlainText(t *testing.T) {
	s := newService(t)
	out, err := s.Render(context.Background(), Request{Doc: "breach-subject-notice", Lang: "lt", Format: Text, Now: now}, sample(t, "lt"))
	if err != nil {
		t.Fatal(err)
	}
	txt := string(out.Body)
	if out.ContentType != "text/plain; charset=utf-8" || out.FileName != "pranesimas-duomenu-subjektams-PAZ-2026-03.txt" {
		t.Errorf("%s %s", out.ContentType, out.FileName)
	}
	for _, want := range []string{"Tema: Svarbi informacija apie Jūsų asmens duomenis – UAB „Linų kraštas“\n", "Ką galite padaryti dabar\n------------------------\n",
		"- Būkite atsargūs gavę netikėtų pranešimų.", "Rūta Žemaitienė\ndirektorė\nUAB „Linų kraštas“\n"} {
		if !strings.Contains(txt, want) {
			t.Errorf("plain text lacks %q:\n%s", want, txt)
		}
	}
	if strings.ContainsAny(txt, "*\\#") {
		t.Errorf("markup left in the plain text:\n%s", txt)
	}
}

// The decisions for every sample breach, as a DPO would take them. The severity is the
// ENISA method's suggestion, which may differ from the controller's own risk.
func TestAssessEverySampleBreach(t *testing.T) {
	s := newService(t)
	tests := []struct {
		file, breach                            string
		authority, subjects, public, controller bool
		late                                    bool
		severity                                string
	}{
		{"lt-breach", "PAŽ-2026-03", true, true, false, false, true, "high"},
		{"lt-breach", "PAŽ-2026-01", true, false, false, false, false, "high"}, // salaries: financial data
		{"nl-breach", "DL-2026-011", true, true, false, false, false, "very_high"},
		// A processor tells its controller; the controller notifies the authority and the people.
		{"en-breach", "INC-2026-0412", false, false, false, true, false, "very_high"},
		// A processor on its controller's written instruction files the controller's notices.
		// Web-shop logins count as the behavioural data they open (the reported default).
		{"en-processor", "PW-2026-017", true, true, false, true, false, "medium"},
		{"nl-breaches", "GT-2026-01", false, false, false, false, true, "low"},
		{"nl-breaches", "GT-2026-02", true, true, false, false, false, "high"}, // web-shop logins: behavioural
		{"nl-breaches", "GT-2026-03", true, false, false, false, false, "low"}, // encrypted
		{"nl-breaches", "GT-2026-04", true, false, true, false, false, "low"},  // simple data: the controller rates it higher
	}
	for _, tt := range tests {
		a, err := s.Assess(context.Background(), "en", tt.breach, now, sampleFile(t, tt.file))
		if err != nil {
			t.Fatalf("%s: %v", tt.breach, err)
		}
		got := map[string]bool{}
		for _, o := range a.Obligations {
			got[o.ID] = o.Required
		}
		if got["authority"] != tt.authority || got["data_subjects"] != tt.subjects || got["public_communication"] != tt.public ||
			got["controller"] != tt.controller || a.Late != tt.late || a.Severity.Level != tt.severity {
			t.Errorf("%s: obligations %v, late %v, severity %s (%.2f)", tt.breach, got, a.Late, a.Severity.Level, a.Severity.Score)
		}
	}
}
