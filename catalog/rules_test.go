package catalog

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/gdprdocs/gdprdocs/internal/pdftext"
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
		"asmens kodas tvarkomas tik turint teisinį pagrindą", "jaunesnį kaip 14 metų vaiką",
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

// renderDoc renders a document of a case as Markdown, with the annexes asked for.
func renderDoc(t *testing.T, s *Service, doc, lang, annexes string, data []byte) string {
	t.Helper()
	out, err := s.Render(context.Background(), Request{Doc: doc, Lang: lang, Format: Markdown, Now: now, Annexes: annexes}, data)
	if err != nil {
		t.Fatalf("%s in %s: %v", doc, lang, err)
	}
	return string(out.Body)
}

// annex is the text of the annex labelled label, from its heading to the next annex.
func annex(t *testing.T, md, label string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^# .*\{#` + label + ` \.annex[^}]*\}\n`).FindStringIndex(md)
	if m == nil {
		t.Fatalf("no annex %s", label)
	}
	rest := md[m[1]:]
	if end := strings.Index(rest, "\n# "); end >= 0 {
		rest = rest[:end+1]
	}
	return rest
}

// formHeader is the header row of a blank register: the locale's column headings.
func formHeader(t *testing.T, s *Service, lang, prefix string, keys []string) string {
	t.Helper()
	loc, _ := s.Locale(lang)
	return "| " + strings.Join(headings(loc, prefix, keys), " | ") + " |"
}

// With annexes=full (the default) the rules carry the records, the list of authorised
// persons, the breach and request registers as blank forms, the three procedures as
// their own documents number them, and the familiarisation sheet; with annexes=list the
// annexes are listed and only the familiarisation sheet is printed.
func TestProcessingRulesAnnexesFullAndListed(t *testing.T) {
	s := newService(t)
	for _, name := range []string{"lt-clinic", "nl-saas", "en-policy", "lt-association"} {
		data := sampleFile(t, name)
		for _, tt := range []struct{ lang, records, persons, kept, sheet string }{
			{"lt", "| Veikla | Tikslai | Teisinis pagrindas | Duomenų subjektų kategorijos |", "| Vardas, pavardė | Pareigos | Funkcijos |",
				"Tvarkomas kaip atskiras registras.", "Susipažinau su"},
			{"nl", "| Activiteit | Doeleinden | Grondslag | Categorieën van betrokkenen |", "| Naam | Functie | Taken |",
				"Wordt als afzonderlijk register bijgehouden.", "Ik heb kennisgenomen van"},
			{"en", "| Activity | Purposes | Legal basis | Categories of data subjects |", "| Name | Role | Functions |",
				"Kept as a separate register.", "I have read the personal data processing rules"},
		} {
			full, list := renderDoc(t, s, "processing-rules", tt.lang, "", data), renderDoc(t, s, "processing-rules", tt.lang, AnnexesList, data)
			if explicit := renderDoc(t, s, "processing-rules", tt.lang, AnnexesFull, data); explicit != full {
				t.Errorf("%s %s: annexes=full differs from the default", name, tt.lang)
			}
			breachForm := formHeader(t, s, tt.lang, "bregister.", breachFormColumns)
			requestForm := formHeader(t, s, tt.lang, "register.", requestFormColumns)
			for label, want := range map[string]string{
				"annex-records": tt.records, "annex-persons": tt.persons,
				"annex-breach-register": breachForm, "annex-request-register": requestForm,
			} {
				if got := annex(t, full, label); !strings.Contains(got, want) {
					t.Errorf("%s %s: %s in full lacks %q:\n%s", name, tt.lang, label, want, got)
				}
				if got := annex(t, list, label); strings.Contains(got, want) || strings.Contains(got, "|") {
					t.Errorf("%s %s: %s listed is printed in full:\n%s", name, tt.lang, label, got)
				}
			}
			for _, label := range []string{"annex-breach-register", "annex-request-register"} {
				form := annex(t, full, label)
				if !strings.Contains(form, "\n| 1. |") || !strings.Contains(form, "\n| 10. |") || strings.Contains(form, "| 11. |") {
					t.Errorf("%s %s: %s is not a form of ten numbered rows:\n%s", name, tt.lang, label, form)
				}
			}
			if !strings.Contains(annex(t, list, "annex-breach-register"), tt.kept) {
				t.Errorf("%s %s: the listed breach register lacks %q", name, tt.lang, tt.kept)
			}
			// Each procedure is annexed as its own document numbers it, title and header
			// aside.
			for _, doc := range []string{"request-procedure", "breach-procedure", "records-procedure"} {
				own := renderDoc(t, s, doc, tt.lang, "", data)
				own = own[strings.Index(own, "\n## ")+1:]
				got := annex(t, full, "annex-"+doc)
				// Its headings' ids are prefixed with the annex's, to stay unique.
				if strings.Contains(got, "{#general}") || !strings.Contains(got, "{#annex-"+doc+"-general}") {
					t.Errorf("%s %s: the annexed %s keeps the rules' ids:\n%s", name, tt.lang, doc, got)
				}
				got = strings.ReplaceAll(got, "{#annex-"+doc+"-", "{#")
				if strings.TrimSpace(got) != strings.TrimSpace(own) {
					t.Errorf("%s %s: the annexed %s is not the procedure:\n%s\nwant\n%s", name, tt.lang, doc, got, own)
				}
				if strings.Contains(annex(t, list, "annex-"+doc), "## ") {
					t.Errorf("%s %s: the listed %s is printed in full", name, tt.lang, doc)
				}
			}
			for _, md := range []string{full, list} {
				if !strings.Contains(annex(t, md, "annex-familiarisation"), tt.sheet) {
					t.Errorf("%s %s: no familiarisation sheet", name, tt.lang)
				}
			}
		}
	}
}

// The familiarisation sheet is for natural persons: an organisation given access — one
// marked legal_person, or one of the case's processors — is bound by its contract, not
// by signing. The list of authorised persons still names it.
func TestFamiliarisationSheetListsNaturalPersonsOnly(t *testing.T) {
	s := newService(t)
	data := editCase(t, sample(t, "lt"), func(c map[string]any) {
		org := c["organisation"].(map[string]any)
		org["processors"] = []any{map[string]any{"name": "UAB „Debesų centras“", "service": "talpinimas"}}
		org["authorised_persons"] = append(org["authorised_persons"].([]any),
			map[string]any{"name": "UAB „Skaitos“", "role": "Buhalterinė apskaita", "legal_person": true},
			map[string]any{"name": "UAB „Debesų centras“", "role": "Talpinimas"})
	})
	for _, lang := range []string{"lt", "nl", "en"} {
		md := renderRules(t, s, lang, data)
		sheet, persons := annex(t, md, "annex-familiarisation"), annex(t, md, "annex-persons")
		for _, org := range []string{"UAB „Skaitos“", "UAB „Debesų centras“"} {
			if strings.Contains(sheet, org) {
				t.Errorf("%s: the familiarisation sheet lists %s:\n%s", lang, org, sheet)
			}
			if !strings.Contains(persons, org) {
				t.Errorf("%s: the list of authorised persons lacks %s", lang, org)
			}
		}
		if !strings.Contains(sheet, "| Rūta Žemaitienė |") {
			t.Errorf("%s: the familiarisation sheet lost the staff:\n%s", lang, sheet)
		}
	}
}

// headingNumber is the number the rules give the section labelled label.
func headingNumber(t *testing.T, md, label string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^## (\d+)\. .* \{#` + label + `\}$`).FindStringSubmatch(md)
	if m == nil {
		t.Fatalf("no section %s", label)
	}
	return m[1]
}

// The risk clause adjusts the security measures, which the sections from access
// control to destruction hold: it names that range, whatever the numbers come to.
func TestRiskClauseNamesTheSecuritySections(t *testing.T) {
	s := newService(t)
	for _, data := range [][]byte{sample(t, "lt"), sampleFile(t, "nl-saas")} {
		for _, tt := range []struct{ lang, want string }{
			{"lt", "pagal jį koreguojamos %s–%s skyriuose nustatytos saugumo priemonės"},
			{"nl", "de beveiligingsmaatregelen van de artikelen %s tot en met %s worden daarop afgestemd"},
			{"en", "the security measures of sections %s to %s are adjusted to them"},
		} {
			md := renderRules(t, s, tt.lang, data)
			from, to := headingNumber(t, md, "access-control"), headingNumber(t, md, "destruction")
			if want := fmt.Sprintf(tt.want, from, to); !strings.Contains(md, want) {
				t.Errorf("%s: the risk clause does not name sections %s to %s: want %q", tt.lang, from, to, want)
			}
		}
	}
}

// The records hold every item of Art. 30(1)(a)–(g) in every language, on their own and
// annexed to the rules: the controller and its officer with their contacts, the
// purposes, the categories of people and of data, the recipients, the transfers with
// their safeguards, the time limits and the security measures.
func TestRecordsHoldEveryArticle30Item(t *testing.T) {
	s := newService(t)
	data := sampleFile(t, "lt-clinic")
	common := []string{"UAB „Šilo klinika“", "info@silo-klinika.lt", "+370 5 212 3456", "Karolis Jankauskas, dap@silo-klinika.lt",
		"Mailflow Inc.", "Pacientų registracija"}
	for _, tt := range []struct {
		lang    string
		columns []string
		items   []string
	}{
		{"lt", []string{"Tikslai", "Duomenų subjektų kategorijos", "Asmens duomenų kategorijos", "Duomenų gavėjai",
			"Perdavimas už EEE ribų ir apsaugos priemonės", "Saugojimo terminas", "Saugumo priemonės"},
			[]string{"Duomenų apsaugos pareigūnas:", "## Duomenų valdytojo vykdomos duomenų tvarkymo veiklos (BDAR 30 straipsnio 1 dalis)", "Įrašai parengti 2026 m. "}},
		{"nl", []string{"Doeleinden", "Categorieën van betrokkenen", "Categorieën van persoonsgegevens", "Ontvangers",
			"Doorgifte buiten de EER en waarborgen", "Bewaartermijn", "Beveiligingsmaatregelen"},
			[]string{"Functionaris gegevensbescherming:", "(artikel 30, lid 1, AVG)"}},
		{"en", []string{"Purposes", "Categories of data subjects", "Categories of personal data", "Recipients",
			"Transfers outside the EEA and safeguards", "Retention period", "Security measures"},
			[]string{"Data protection officer:", "(Art. 30(1) GDPR)"}},
	} {
		records := renderDoc(t, s, "processing-records", tt.lang, "", data)
		annexed := annex(t, renderDoc(t, s, "processing-rules", tt.lang, "", data), "annex-records")
		for _, md := range []string{records, annexed} {
			header := regexp.MustCompile(`(?m)^\| .* \|$`).FindString(md)
			for _, c := range tt.columns {
				if !strings.Contains(header, "| "+c+" |") {
					t.Errorf("%s: the records lack the column %q: %s", tt.lang, c, header)
				}
			}
			for _, want := range append(common, tt.items...) {
				want = strings.TrimPrefix(want, "## ")
				if !strings.Contains(md, want) {
					t.Errorf("%s: the records lack %q", tt.lang, want)
				}
			}
		}
		if strings.Contains(records, "teisėmis") {
			t.Errorf("%s: the records keep „duomenų valdytojo teisėmis“", tt.lang)
		}
	}
}

// The request procedure answers electronic requests electronically (Art. 12(3)), has
// the recipients told of a rectification, erasure or restriction (Art. 19), gives the
// first copy free (Art. 15(3)) and takes requests through representatives and for
// children; the records procedure has the records name the controller (Art. 30(1)(a)).
func TestProcedureChecklist(t *testing.T) {
	s := newService(t)
	data := sampleFile(t, "lt-association")
	for _, tt := range []struct {
		lang             string
		request, records []string
	}{
		{"lt", []string{
			"Į elektroninėmis priemonėmis pateiktą prašymą atsakoma elektroninėmis priemonėmis, nebent asmuo paprašo kitaip (BDAR 12 straipsnio 3 dalis)",
			"apie tai pranešama kiekvienam duomenų gavėjui, kuriam jie buvo atskleisti", "(BDAR 19 straipsnis)",
			"įskaitant pirmąją tvarkomų asmens duomenų kopiją (BDAR 12 straipsnio 5 dalis, 15 straipsnio 3 dalis)",
			"Prašymą asmens vardu gali pateikti jo atstovas", "Vaiko teises jo vardu įgyvendina tėvai ar globėjai"},
			[]string{"(BDAR 30 straipsnio 1 dalies a punktas)"}},
		{"nl", []string{
			"Een verzoek dat langs elektronische weg is gedaan, wordt langs elektronische weg beantwoord, tenzij de betrokkene anders verzoekt (artikel 12, lid 3, AVG)",
			"dan wordt elke ontvanger aan wie zij zijn verstrekt daarvan in kennis gesteld", "(artikel 19 AVG)",
			"de eerste kopie van de persoonsgegevens inbegrepen (artikel 12, lid 5, en artikel 15, lid 3, AVG)",
			"Een verzoek kan worden gedaan door een vertegenwoordiger", "De rechten van een kind worden namens het kind uitgeoefend door een ouder of voogd"},
			[]string{"(artikel 30, lid 1, onder a, AVG)"}},
		{"en", []string{
			"A request made by electronic means is answered by electronic means, unless the person asks otherwise (Article 12(3) GDPR)",
			"each recipient to whom they were disclosed is told", "(Article 19 GDPR)",
			"the first copy of the personal data included (Articles 12(5) and 15(3) GDPR)",
			"A request may be made through a representative", "A parent or guardian exercises the rights of a child"},
			[]string{"(Article 30(1)(a) GDPR)"}},
	} {
		for doc, wants := range map[string][]string{"request-procedure": tt.request, "records-procedure": tt.records} {
			md := renderDoc(t, s, doc, tt.lang, "", data)
			for _, want := range wants {
				if !strings.Contains(md, want) {
					t.Errorf("%s %s lacks %q", tt.lang, doc, want)
				}
			}
		}
	}
}

// An annexes value the catalogue does not know is refused, naming the parameter, in
// the request's language, before anything is rendered.
func TestAnnexesValueRefused(t *testing.T) {
	s := newService(t)
	_, err := s.Render(context.Background(), Request{Doc: "processing-rules", Lang: "nl", Format: PDF, Now: now, Annexes: "none"}, sample(t, "lt"))
	var pe *ParameterError
	if !errors.As(err, &pe) || pe.Name != "annexes" {
		t.Fatalf("err %v, want a ParameterError for annexes", err)
	}
	loc, _ := s.Locale("nl")
	if e, ok := Explain(err, loc); !ok || e.Code != "invalid_choice" || e.Message != "De parameter annexes kan niet none zijn; kies uit: full, list." {
		t.Errorf("explained as %+v", e)
	}
}
