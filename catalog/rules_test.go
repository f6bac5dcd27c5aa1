package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"gdprdocs/internal/pdftext"
)

// renderRules renders the processing rules of a case as Markdown.
func renderRules(t *testing.T, s *Service, lang string, data []byte) string {
	t.Helper()
	out, err := s.Render(context.Background(), Request{Doc: "processing-rules", Lang: lang, Format: Markdown, Now: now}, data)
	if err != nil {
		t.Fatalf("processing rules in %s: %v", lang, err)
	}
	md := string(out.Body)
	if strings.Contains(md, "](#") || strings.Contains(md, "#. ") {
		t.Fatalf("processing rules in %s keep an unresolved marker:\n%s", lang, md)
	}
	return md
}

// editCase decodes a case, lets edit change it and encodes it again.
func editCase(t *testing.T, data []byte, edit func(c map[string]any)) []byte {
	t.Helper()
	var c map[string]any
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	edit(c)
	out, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// activityNumber is the clause number the rules give the activity named name.
func activityNumber(t *testing.T, md, name string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^### ([\d.]+)\. ` + regexp.QuoteMeta(name) + ` \{`).FindStringSubmatch(md)
	if m == nil {
		t.Fatalf("no clause for activity %q", name)
	}
	return m[1]
}

// Removing a processing activity renumbers the activities after it, and the clauses that
// refer to them follow.
func TestProcessingRulesRenumberWhenAnActivityGoes(t *testing.T) {
	s := newService(t)
	full := sample(t, "lt")
	fewer := editCase(t, full, func(c map[string]any) {
		org := c["organisation"].(map[string]any)
		org["processing_activities"] = org["processing_activities"].([]any)[1:] // the e-shop orders go
	})
	for _, tt := range []struct{ lang, consent, marketing string }{
		{"lt", "Sutikimas yra %s punkte", "Tiesioginės rinkodaros tikslais vykdomas %s punkte"},
		{"nl", "grondslag van de verwerking in artikel %s.", "De verwerking in artikel %s dient"},
		{"en", "legal basis of the processing in clause %s.", "The processing in clause %s serves"},
	} {
		before, after := renderRules(t, s, tt.lang, full), renderRules(t, s, tt.lang, fewer)
		was, is := activityNumber(t, before, "Naujienlaiškis"), activityNumber(t, after, "Naujienlaiškis")
		if was != "4.4" || is != "4.3" {
			t.Errorf("%s: the newsletter is clause %s, then %s; want 4.4, then 4.3", tt.lang, was, is)
		}
		if n := activityNumber(t, after, "Personalo administravimas"); n != "4.5" {
			t.Errorf("%s: the last activity is clause %s after one went, want 4.5", tt.lang, n)
		}
		for _, ref := range []string{tt.consent, tt.marketing} {
			if want := strings.Replace(ref, "%s", is, 1); !strings.Contains(after, want) {
				t.Errorf("%s: the reference does not follow the activity: want %q", tt.lang, want)
			}
		}
		if strings.Contains(after, "Elektroninės parduotuvės užsakymai") {
			t.Errorf("%s: the removed activity is still there", tt.lang)
		}
	}
}

// The rules carry the case's security settings, in the grammar of each language, and the
// jurisdiction's own clauses.
func TestProcessingRulesSettingsAndJurisdiction(t *testing.T) {
	s := newService(t)
	strict := editCase(t, sample(t, "lt"), func(c map[string]any) {
		sec := c["organisation"].(map[string]any)["security"].(map[string]any)
		sec["password_min_length"] = 12
		sec["max_failed_logins"] = 5
		sec["rules_review_months"] = 24
	})
	lt := renderRules(t, s, "lt", strict)
	for _, want := range []string{
		"Slaptažodį sudaro ne mažiau kaip 12 simbolių", "pasiekia 5.", "ne rečiau kaip kas 24 mėnesius",
		"ir Lietuvos Respublikos asmens duomenų teisinės apsaugos įstatymą;",
		"asmens kodas tvarkomas tik turint teisinį pagrindą", "jaunesnį nei 14 metų vaiką",
		"8 priedas. Susipažinimo su taisyklėmis lapas", "| Rūta Žemaitienė | Direktorė | | |",
		"Patvirtino: Rūta Žemaitienė, direktorė",
	} {
		if !strings.Contains(lt, want) {
			t.Errorf("Lithuanian rules lack %q", want)
		}
	}
	nl := renderRules(t, s, "nl", sampleFile(t, "nl-saas"))
	for _, want := range []string{
		"verwerkt het burgerservicenummer (BSN) alleen als een wet dat voorschrijft",
		"en de Uitvoeringswet Algemene verordening gegevensbescherming (UAVG);", "jonger dan 16 jaar",
		"Bijlage 8. Kennisnemingsverklaring",
	} {
		if !strings.Contains(nl, want) {
			t.Errorf("Dutch rules lack %q", want)
		}
	}
}

// In PDF the rules are numbered, paged "X of Y", open with their contents, and the familiarisation sheet, a form to
// sign, starts on a page of its own.
func TestProcessingRulesPDF(t *testing.T) {
	s := newService(t)
	out, err := s.Render(context.Background(), Request{Doc: "processing-rules", Lang: "lt", Format: PDF, Now: now}, sample(t, "lt"))
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pdftext.Pages(out.Body)
	if err != nil {
		t.Fatal(err)
	}
	n := len(pages)
	if n < 4 {
		t.Fatalf("%d pages, want the rules on at least four", n)
	}
	last := pages[n-1]
	if !strings.HasPrefix(strings.TrimSpace(last), "8 priedas. Susipažinimo su taisyklėmis lapas") {
		t.Errorf("the last page does not start with the familiarisation sheet:\n%s", last)
	}
	if !strings.Contains(pages[0], "1.1.") || !strings.Contains(pages[0], "1 psl. iš") {
		t.Errorf("first page lacks clause numbers or the page count:\n%s", pages[0])
	}
	if !strings.Contains(pages[0], "Turinys\n1. Bendrosios nuostatos 1\n") ||
		!strings.Contains(pages[0], fmt.Sprintf("8 priedas. Susipažinimo su taisyklėmis lapas %d\n", n)) {
		t.Errorf("the contents do not open the rules or misplace the last annex:\n%s", pages[0])
	}
}
