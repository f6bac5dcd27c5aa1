package catalog

import (
	"context"
	"strings"
	"testing"
	"time"
)

// ltMistakes are wordings a Lithuanian lawyer would have to correct before signing: a
// calque, a barbarism, a wrong case or a term that differs from the Lithuanian text of
// the GDPR. Each was once in a document; none may come back.
var ltMistakes = []struct{ wrong, why string }{
	{"palietė", "'paliesti' in the sense of 'affect' is a barbarism: paveikė, susijęs su"},
	{"pagal nutylėjimą", "calque of 'by default': standartizuotai (BDAR 25 straipsnis)"},
	{"nepriklausomai nuo", "calque of 'regardless of': nesvarbu, neatsižvelgiant į"},
	{"nesuprantamais", "predicative after 'padaryti' agrees in case: padaryti nesuprantami"},
	{"jei jis laisvas,", "consent is 'duotas laisva valia' (BDAR 4 straipsnio 11 punktas)"},
	{"būklę", "'pagal … būklę' is a calque: … duomenimis"},
	{"Bendruoju duomenų apsaugos reglamentu (BDAR), 33", "the article is of the Regulation: Bendrojo … reglamento 33 straipsniu"},
	{"apie duomenų saugumo pažeidimą", "the term is 'asmens duomenų saugumo pažeidimas'"},
	{"sprendimus priima organizacija", "the procedures define and capitalise 'Organizacija'"},
	{"Kaip Jūsų duomenų tvarkytojas, vadovaudamiesi", "a singular role with a plural verb"},
	{"šiuos Jūsų duomenis: asmens tapatybės duomenys", "items after „duomenis:“ take the accusative"},
	{"kuriems reikia ypatingos apsaugos", "the pre-GDPR term: specialių kategorijų asmens duomenys (BDAR 9 straipsnis)"},
	{"įmonei privalomos taisyklės", "binding corporate rules are „įmonių privalomos taisyklės“"},
	{"duomenų valdytojo teisėmis", "unidiomatic: duomenų valdytojo vykdomos duomenų tvarkymo veiklos"},
	{"pateikti duomenis?** Taip (", "a legal basis's label is no answer: say what the obligation is"},
}

// No Lithuanian document the service renders, for any sample that asks for it, carries a
// wording from ltMistakes.
func TestLithuanianWordingHasNoKnownMistakes(t *testing.T) {
	s := newService(t)
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	type render struct{ sample, doc, breach, review string }
	var renders []render
	for _, sample := range []string{"lt-breach", "lt-association", "lt-clinic", "en-breach", "en-processor", "nl-breach", "nl-breaches", "nl-saas", "en-policy"} {
		for _, doc := range []string{"processing-records", "breach-register", "request-register", "authorised-persons", "processing-rules", "breach-procedure", "request-procedure", "records-procedure", "privacy-policy", "cookie-policy"} {
			renders = append(renders, render{sample: sample, doc: doc})
		}
	}
	for _, n := range []render{{"lt-breach", "", "PAŽ-2026-03", ""}, {"lt-breach", "", "PAŽ-2026-01", ""}, {"nl-breach", "", "DL-2026-011", ""},
		{"nl-breaches", "", "GT-2026-02", ""}, {"nl-breaches", "", "GT-2026-04", ""}, {"en-processor", "", "PW-2026-017", ""}, {"en-breach", "", "INC-2026-0412", ""}} {
		for _, doc := range []string{"breach-authority-notice", "breach-subject-notice", "breach-controller-notice"} {
			renders = append(renders, render{sample: n.sample, doc: doc, breach: n.breach})
		}
	}
	renders = append(renders, render{sample: "lt-breach", doc: "review-act", review: "PA-2"}, render{sample: "lt-breach", doc: "review-act", review: "PA-3"})
	rendered := 0
	for _, r := range renders {
		out, err := s.Render(context.Background(), Request{Doc: r.doc, Lang: "lt", Format: Markdown, Breach: r.breach, Review: r.review, Now: now}, sampleFile(t, r.sample))
		if err != nil {
			continue // the sample does not give what this document needs
		}
		rendered++
		md := string(out.Body)
		for _, m := range ltMistakes {
			if strings.Contains(md, m.wrong) {
				t.Errorf("%s %s%s%s in lt: %q (%s)", r.sample, r.doc, r.breach, r.review, m.wrong, m.why)
			}
		}
	}
	if rendered < 50 {
		t.Errorf("only %d Lithuanian documents rendered; the samples or the documents changed", rendered)
	}
}
