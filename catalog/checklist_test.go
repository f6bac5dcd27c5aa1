package catalog

import (
	"context"
	"strings"
	"testing"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/locales"
	"github.com/gdprdocs/gdprdocs/templates"
)

// noticeCase is a sample breach a notice is made for, and the layout its authority asks.
type noticeCase struct{ sample, breach, layout string }

// The breaches the content checklists run on: a Lithuanian letter, a late one, the Dutch
// online form with its notices sent and with a public communication, and a processor
// filing for its controller.
var noticeCases = []noticeCase{
	{"lt-breach", "PAŽ-2026-03", "letter"},
	{"nl-breach", "DL-2026-011", "online_form"},
	{"nl-breaches", "GT-2026-04", "online_form"},
	{"en-processor", "PW-2026-017", "letter"},
}

// item is one item of a law's checklist: what shows it in a notice, from the case and in
// words of the language.
type item struct {
	name string
	want func(c *casedata.Case, b *casedata.Breach, loc *locales.Locale) []string
}

// art33 is Art. 33(3): what the notification to the authority must at least contain.
var art33 = []item{
	{"33(3)(a) nature of the breach", func(c *casedata.Case, b *casedata.Breach, loc *locales.Locale) []string {
		return append(labelsIn(loc, "breach_type", b.Types), templates.Inline(b.Description))
	}},
	{"33(3)(a) categories and approximate number of data subjects", func(c *casedata.Case, b *casedata.Breach, loc *locales.Locale) []string {
		return append(labelsIn(loc, "subject", b.Subjects.Categories), loc.Range("person", b.Subjects.CountMin, b.Subjects.CountMax))
	}},
	{"33(3)(a) categories and approximate number of records", func(c *casedata.Case, b *casedata.Breach, loc *locales.Locale) []string {
		return append(labelsIn(loc, "data", b.Records.Categories), loc.Range("record", b.Records.CountMin, b.Records.CountMax))
	}},
	{"33(3)(b) the DPO or other contact point", func(c *casedata.Case, b *casedata.Breach, loc *locales.Locale) []string {
		return []string{contactName(c, b)}
	}},
	{"33(3)(c) likely consequences", func(c *casedata.Case, b *casedata.Breach, loc *locales.Locale) []string {
		return []string{templates.Inline(b.Consequences), phrase(loc, "risk")}
	}},
	{"33(3)(d) measures taken and proposed", func(c *casedata.Case, b *casedata.Breach, loc *locales.Locale) []string {
		return append(inline(append(b.MeasuresTaken, b.MeasuresProposed...)), phrase(loc, "taken"), phrase(loc, "proposed"))
	}},
}

// art34 is Art. 34(2): the notice to the people describes the breach in plain words and
// gives the items of Art. 33(3)(b), (c) and (d).
var art34 = []item{
	{"34(2) nature of the breach", func(c *casedata.Case, b *casedata.Breach, loc *locales.Locale) []string {
		return []string{templates.Inline(b.Description)}
	}},
	{"34(2) and 33(3)(b) the DPO or other contact point", func(c *casedata.Case, b *casedata.Breach, loc *locales.Locale) []string {
		return []string{contactName(c, b)}
	}},
	{"34(2) and 33(3)(c) likely consequences", func(c *casedata.Case, b *casedata.Breach, loc *locales.Locale) []string {
		return []string{templates.Inline(b.Consequences)}
	}},
	{"34(2) and 33(3)(d) measures taken and proposed", func(c *casedata.Case, b *casedata.Breach, loc *locales.Locale) []string {
		out := inline(append(b.MeasuresTaken, b.MeasuresProposed...))
		if len(b.MeasuresTaken) > 0 {
			out = append(out, phrase(loc, "done"))
		}
		if len(b.MeasuresProposed) > 0 {
			out = append(out, phrase(loc, "next"))
		}
		return out
	}},
}

// art33p2 is what a processor's notice to its controller must carry (Art. 33(2)): when it
// became aware, and what the controller needs for its own Art. 33(3) notification.
var art33p2 = []item{
	{"33(2) when the processor became aware", func(c *casedata.Case, b *casedata.Breach, loc *locales.Locale) []string {
		return []string{loc.DateTime(b.AwareAt.In(c.Location()))}
	}},
	art33[0], art33[1], art33[2], art33[4], art33[5],
}

// Every item of the law is in every notice, in every language, on every authority's layout.
func TestNoticesCarryTheLawsItems(t *testing.T) {
	s := newService(t)
	check := func(doc string, items []item, nc noticeCase) {
		for _, lang := range langs {
			data := sampleFile(t, nc.sample)
			out, err := s.Render(context.Background(), Request{Doc: doc, Lang: lang, Format: Markdown, Breach: nc.breach, Now: now}, data)
			if err != nil {
				t.Fatalf("%s %s %s: %v", doc, nc.breach, lang, err)
			}
			c, err := casedata.Decode(context.Background(), data, lang)
			if err != nil {
				t.Fatal(err)
			}
			i, _ := c.SelectBreach(nc.breach)
			loc, _ := s.Locale(lang)
			md := string(out.Body)
			if signed := strings.Contains(md, "______"); doc == "breach-authority-notice" && signed != (nc.layout == "letter") {
				t.Errorf("%s %s in %s: signature line %v on a %s", doc, nc.breach, lang, signed, nc.layout)
			}
			for _, it := range items {
				for _, w := range it.want(c, &c.Breaches[i], loc) {
					if !strings.Contains(md, w) {
						t.Errorf("%s %s in %s: %s: lacks %q", doc, nc.breach, lang, it.name, w)
					}
				}
			}
		}
	}
	for _, nc := range noticeCases {
		check("breach-authority-notice", art33, nc)
		check("breach-subject-notice", art34, nc)
	}
	check("breach-controller-notice", art33p2, noticeCase{"en-breach", "INC-2026-0412", "letter"})
	check("breach-controller-notice", art33p2, noticeCase{"en-processor", "PW-2026-017", "letter"})
}

// phrase is the heading a language gives an item, the same on every layout.
func phrase(loc *locales.Locale, id string) string {
	return map[string]map[string]string{
		"risk":     {"en": "the rights and freedoms of natural persons", "nl": "de rechten en vrijheden van natuurlijke personen", "lt": "fizinių asmenų teisėms ir laisvėms"},
		"taken":    {"en": "**Measures taken:**", "nl": "**Genomen maatregelen:**", "lt": "**Įgyvendintos priemonės:**"},
		"proposed": {"en": "**Measures proposed:**", "nl": "**Voorgestelde maatregelen:**", "lt": "**Siūlomos priemonės:**"},
		// The letter to the people says it in plain words.
		"done": {"en": "What we have done:", "nl": "Wat wij al hebben gedaan:", "lt": "Ką jau padarėme:"},
		"next": {"en": "What we will do next:", "nl": "Wat wij nog gaan doen:", "lt": "Ką darysime toliau:"},
	}[id][loc.Lang()]
}

// contactName is whom a notice names as the contact point: the controller's, when a
// processor files for it.
func contactName(c *casedata.Case, b *casedata.Breach) string {
	if b.Role == "processor" {
		return b.Controller.Contact.Name
	}
	if d := c.Organisation.DPO; d != nil {
		return d.Name
	}
	return c.Organisation.ContactPerson.Name
}

// labelsIn names the codes of a kind; the national identification numbers are named by
// the jurisdiction and left to TestNationalIDFromTheJurisdiction.
func labelsIn(loc *locales.Locale, kind string, codes []string) []string {
	var out []string
	for _, c := range codes {
		if c != "national_id" {
			s, _ := loc.Label(kind, c)
			out = append(out, templates.Inline(s))
		}
	}
	return out
}

func inline(texts []string) []string {
	out := make([]string, len(texts))
	for i, s := range texts {
		out[i] = templates.Inline(s)
	}
	return out
}

// Every notice to the authority says how it reaches the authority: the jurisdiction's
// channels, or the case's for an EU authority, or that the case does not say.
func TestAuthorityNoticeSaysHowToSubmit(t *testing.T) {
	s := newService(t)
	eu := func(authority map[string]any) []byte {
		return editCase(t, sampleFile(t, "nl-breach"), func(c map[string]any) {
			o := c["organisation"].(map[string]any)
			o["jurisdiction"] = "EU"
			o["authority"] = authority
		})
	}
	for _, tt := range []struct {
		name, lang string
		data       []byte
		want       []string
		forbid     []string
	}{
		{"VDAI", "lt", sampleFile(t, "lt-breach"), []string{"**Kaip pateikti:**", "ada@ada.lt", "E. pristatymo", "paštu", "asmeniškai", "Parašas:"}, nil},
		{"VDAI", "en", sampleFile(t, "lt-breach"), []string{"**How to submit:**", "signed with a qualified electronic signature to ada@ada.lt", "E.pristatymas", "by post", "in person"}, nil},
		{"AP", "nl", sampleFile(t, "nl-breach"), []string{"**Wijze van indienen:** uitsluitend via het online Meldformulier datalekken", "niet per telefoon, post of e-mail"},
			[]string{"Handtekening", "**Aan:**", "Postbus"}},
		{"AP", "en", sampleFile(t, "nl-breach"), []string{"**How to submit:** only through", "not by telephone, post or e-mail"}, []string{"Signature", "**To:**"}},
		{"AP", "lt", sampleFile(t, "nl-breach"), []string{"**Kaip pateikti:** tik per", "nepriimami"}, []string{"Parašas", "**Kam:**"}},
		{"EU, channel given", "en", eu(map[string]any{"name": "Data Protection Commission", "submission": "the online breach form",
			"notification_url": "https://forms.example.ie/breach"}), []string{"**How to submit:** the online breach form;\\\nsee https://forms.example.ie/breach", "Signature:"}, nil},
		{"EU, only the page", "nl", eu(map[string]any{"name": "Data Protection Commission", "notification_url": "https://forms.example.ie/breach"}),
			[]string{"**Wijze van indienen:** via https://forms.example.ie/breach"}, nil},
		{"EU, nothing said", "lt", eu(map[string]any{"name": "Data Protection Commission", "website": "https://www.example.ie"}),
			[]string{"**Kaip pateikti:** dar nenustatyta; žr. institucijos interneto svetainę https://www.example.ie"}, nil},
	} {
		out, err := s.Render(context.Background(), Request{Doc: "breach-authority-notice", Lang: tt.lang, Format: Markdown, Now: now}, tt.data)
		if err != nil {
			t.Fatalf("%s %s: %v", tt.name, tt.lang, err)
		}
		md := string(out.Body)
		for _, w := range tt.want {
			if !strings.Contains(md, w) {
				t.Errorf("%s in %s: lacks %q", tt.name, tt.lang, w)
			}
		}
		for _, w := range tt.forbid {
			if strings.Contains(md, w) {
				t.Errorf("%s in %s: has %q", tt.name, tt.lang, w)
			}
		}
	}
}

// For the AP the notice is the preparation of its online form: titled so, the form's
// sections 0–9 with their titles, each field as the form asks it, "not yet established"
// where the case is silent; the PDF and the spreadsheet carry the same title.
func TestAPFormPreparation(t *testing.T) {
	s := newService(t)
	data := editCase(t, sampleFile(t, "nl-breach"), func(c map[string]any) { drop(firstBreach(c), "detected_how") })
	want := map[string][]string{
		"nl": {"# Voorbereiding van het Meldformulier datalekken van de Autoriteit Persoonsgegevens\n",
			"## 0. Over deze melding\n", "## 1. Contactgegevens en overige algemene informatie\n", "## 2. Tijdlijn\n",
			"## 3. Gegevens over het datalek\n", "## 4. Persoonsgegevens die betrokken zijn bij het datalek\n",
			"## 5. De groep mensen van wie persoonsgegevens betrokken zijn bij het datalek\n",
			"## 6. Maatregelen die zijn getroffen voordat het datalek plaatsvond\n", "## 7. Gevolgen van het datalek\n",
			"## 8. Vervolgacties naar aanleiding van het datalek\n", "## 9. Overig\n",
			"**Op grond van welke regelgeving doet u deze melding?**", "**Wanneer heeft u de inbreuk ontdekt?** 18 november 2026 om 16:40 uur (CET)",
			"**Hoe is de inbreuk ontdekt?** nog niet vastgesteld", "**Duurt de inbreuk op dit moment nog voort?** nee",
			"**Om welk type persoonsgegevens gaat het?**", "**Van hoeveel personen zijn persoonsgegevens betrokken bij de inbreuk?** 212 personen",
			"**Heeft u het datalek gemeld aan de betrokkenen of bent u van plan dat te gaan doen?** ja\n",
			"### Informeren van de betrokkenen", "### Maatregelen om de inbreuk aan te pakken", "### Internationale aspecten"},
		"en": {"# Preparation of the Autoriteit Persoonsgegevens data breach notification form (Meldformulier datalekken)\n",
			"## 0. About this notification\n", "## 9. Other\n", "**How was the breach discovered?** not yet established",
			"### Informing the people concerned"},
		"lt": {"# Pasirengimas pildyti Autoriteit Persoonsgegevens pranešimo apie asmens duomenų saugumo pažeidimą formą (Meldformulier datalekken)\n",
			"## 0. Apie šį pranešimą\n", "## 9. Kita\n", "**Kaip pažeidimas nustatytas?** dar nenustatyta", "### Duomenų subjektų informavimas"},
	}
	for lang, ws := range want {
		out, err := s.Render(context.Background(), Request{Doc: "breach-authority-notice", Lang: lang, Format: Markdown, Now: now}, data)
		if err != nil {
			t.Fatal(err)
		}
		md := string(out.Body)
		for _, w := range ws {
			if !strings.Contains(md, w) {
				t.Errorf("%s: lacks %q", lang, w)
			}
		}
		if strings.Contains(md, "______") {
			t.Errorf("%s: a signature line on an online form", lang)
		}
	}
	out, err := s.Render(context.Background(), Request{Doc: "breach-authority-notice", Lang: "nl", Format: XLSX, Now: now}, data)
	if err != nil {
		t.Fatal(err)
	}
	book := openWorkbook(t, out.Body)
	props, err := book.GetDocProps()
	if err != nil || props.Title != "Voorbereiding van het Meldformulier datalekken van de Autoriteit Persoonsgegevens" {
		t.Errorf("workbook title %q, %v", props.Title, err)
	}
}

// What a notice says of informing the people follows the case, in every language and on
// every layout: a public communication is not "not informed", an exemption under
// Art. 34(3)(a) is, with its reason; nothing said is "not yet decided".
func TestAuthorityNoticeInformingTheSubjects(t *testing.T) {
	s := newService(t)
	data := sampleFile(t, "nl-breaches")
	letter := editCase(t, data, func(c map[string]any) {
		o := c["organisation"].(map[string]any)
		o["jurisdiction"] = "EU"
		o["authority"] = map[string]any{"name": "Data Protection Commission"}
	})
	undecided := editCase(t, sampleFile(t, "nl-breach"), func(c map[string]any) { drop(firstBreach(c), "subject_notice") })
	public := map[string]string{"en": "informed by a public communication instead of individually", "nl": "via een openbare mededeling in plaats van ieder afzonderlijk",
		"lt": "informuojami ne asmeniškai, o viešu pranešimu"}
	notInformed := map[string]string{"en": "will not be informed", "nl": "nee, en zij worden ook niet geïnformeerd", "lt": "nebus informuoti"}
	encrypted := map[string]string{"en": "unintelligible to any unauthorised person", "nl": "onbegrijpelijk voor onbevoegden", "lt": "nesuprantami jokiam neįgaliotam asmeniui"}
	mustInform := map[string]string{"en": "must be informed without undue delay", "nl": "moeten de betrokkenen onverwijld worden geïnformeerd", "lt": "turi būti informuoti nepagrįstai nedelsiant"}
	notDecided := map[string]string{"en": "not yet decided", "nl": "nog niet besloten", "lt": "dar nenuspręsta"}
	for _, tt := range []struct {
		name, breach string
		data         []byte
		want, forbid []map[string]string
	}{
		{"public on the form", "GT-2026-04", data, []map[string]string{public}, []map[string]string{notInformed}},
		{"public in a letter", "GT-2026-04", letter, []map[string]string{public}, []map[string]string{notInformed}},
		{"encrypted on the form", "GT-2026-03", data, []map[string]string{notInformed, encrypted}, []map[string]string{public, mustInform}},
		{"encrypted in a letter", "GT-2026-03", letter, []map[string]string{notInformed, encrypted}, []map[string]string{public, mustInform}},
		{"nothing said", "DL-2026-011", undecided, []map[string]string{notDecided, mustInform}, []map[string]string{public, notInformed}},
	} {
		for _, lang := range langs {
			out, err := s.Render(context.Background(), Request{Doc: "breach-authority-notice", Lang: lang, Format: Markdown, Breach: tt.breach, Now: now}, tt.data)
			if err != nil {
				t.Fatalf("%s %s: %v", tt.name, lang, err)
			}
			md := string(out.Body)
			for _, w := range tt.want {
				if !strings.Contains(md, w[lang]) {
					t.Errorf("%s in %s: lacks %q", tt.name, lang, w[lang])
				}
			}
			for _, w := range tt.forbid {
				if strings.Contains(md, w[lang]) {
					t.Errorf("%s in %s: has %q", tt.name, lang, w[lang])
				}
			}
		}
	}
}

// The national identification numbers are named as the organisation's jurisdiction
// names them, never another's; in Lithuanian, after "duomenis:", in the accusative.
func TestNationalIDFromTheJurisdiction(t *testing.T) {
	s := newService(t)
	lt := editCase(t, sampleFile(t, "lt-breach"), func(c map[string]any) {
		for _, b := range c["breaches"].([]any) {
			r := b.(map[string]any)["records"].(map[string]any)
			r["categories"] = append(r["categories"].([]any), "national_id")
		}
	})
	for _, tt := range []struct {
		name, doc, lang string
		data            []byte
		want, forbid    []string
	}{
		{"LT organisation, Dutch notice", "breach-authority-notice", "nl", lt, []string{"Litouwse persoonscodes (asmens kodas)"}, []string{"BSN", "zoals"}},
		{"LT organisation, Lithuanian notice", "breach-authority-notice", "lt", lt, []string{"asmens kodai"}, []string{"BSN"}},
		{"LT organisation, to the people", "breach-subject-notice", "lt", lt,
			[]string{"Incidentas paveikė šiuos Jūsų duomenis: asmens tapatybės duomenis, kontaktinius duomenis, sandorių duomenis ir asmens kodus."},
			[]string{"duomenis: asmens tapatybės duomenys"}},
		{"NL organisation", "breach-authority-notice", "nl", sampleFile(t, "nl-breach"), []string{"burgerservicenummers (BSN)"}, []string{"zoals het BSN"}},
		{"NL organisation, to the people", "breach-subject-notice", "lt", sampleFile(t, "nl-breach"),
			[]string{"duomenis: asmens tapatybės duomenis, kontaktinius duomenis, piliečio aptarnavimo numerius (BSN) ir sveikatos duomenis."}, nil},
		{"NL organisation, to the controller", "breach-controller-notice", "en", sampleFile(t, "en-breach"), nil, []string{"BSN"}},
	} {
		out, err := s.Render(context.Background(), Request{Doc: tt.doc, Lang: tt.lang, Format: Markdown, Now: now}, tt.data)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		wantPhrases(t, tt.name, string(out.Body), tt.want, tt.forbid)
	}
}

// The special categories are named as the GDPR names them (BDAR 9 str.), not by the
// pre-GDPR term, in the notice and in the processor's notice to its controller.
func TestSpecialCategoriesWording(t *testing.T) {
	s := newService(t)
	for _, doc := range []string{"breach-authority-notice", "breach-subject-notice"} {
		out, err := s.Render(context.Background(), Request{Doc: doc, Lang: "lt", Format: Markdown, Now: now}, sampleFile(t, "nl-breach"))
		if err != nil {
			t.Fatal(err)
		}
		md := string(out.Body)
		if strings.Contains(md, "ypatingos apsaugos") {
			t.Errorf("%s: the pre-GDPR term for special categories", doc)
		}
		if doc == "breach-authority-notice" && !strings.Contains(md, "- specialių kategorijų asmens duomenys (BDAR 9 straipsnis): sveikatos duomenys") {
			t.Errorf("%s: special categories not named as in BDAR 9 str.", doc)
		}
	}
}

// The breach procedure gives the authority's channel, that the 72 hours run through
// weekends and holidays, the DPO's role, that a processor reports every breach whatever
// the risk, and keeps the public communication (Art. 34(3)(c)) apart from the
// exemptions of Art. 34(3)(a) and (b).
func TestBreachProcedureContent(t *testing.T) {
	s := newService(t)
	want := map[string][]string{
		"en": {"through nights, weekends and public holidays", "How to submit the notification to the State Data Protection Inspectorate: through the e-service",
			"The data protection officer, Mindaugas Šalkauskas, advises on the assessment of every breach", "of every breach in that processing, whatever the risk"},
		"nl": {"ook 's nachts, in het weekend en op feestdagen", "Hoe de melding bij de Staatsinspectie voor gegevensbescherming (Litouwen) wordt ingediend: via de e-dienst",
			"De functionaris gegevensbescherming, Mindaugas Šalkauskas, adviseert over de beoordeling van elk datalek", "elk datalek bij die verwerking aan die verwerkingsverantwoordelijke, ongeacht het risico"},
		"lt": {"ir naktį, ir savaitgaliais, ir švenčių dienomis", "Būdai pateikti pranešimą Valstybinei duomenų apsaugos inspekcijai: per Elektroninių valdžios vartų",
			"Duomenų apsaugos pareigūnas (Mindaugas Šalkauskas) konsultuoja dėl kiekvieno pažeidimo vertinimo", "apie kiekvieną pažeidimą, įvykusį tvarkant jo duomenis, nesvarbu, koks pavojus"},
	}
	exempt := map[string]string{"en": "encrypted", "nl": "versleuteling", "lt": "užšifruoti"}
	public := map[string]string{"en": "public communication", "nl": "openbare mededeling", "lt": "viešas pranešimas"}
	for lang, ws := range want {
		out, err := s.Render(context.Background(), Request{Doc: "breach-procedure", Lang: lang, Format: Markdown, Now: now}, sampleFile(t, "lt-breach"))
		if err != nil {
			t.Fatal(err)
		}
		md := string(out.Body)
		for _, w := range ws {
			if !strings.Contains(md, w) {
				t.Errorf("%s: lacks %q", lang, w)
			}
		}
		found := 0
		for _, line := range strings.Split(md, "\n") {
			if strings.Contains(line, exempt[lang]) {
				found++
				if strings.Contains(line, public[lang]) {
					t.Errorf("%s: the clause on Art. 34(3)(a) and (b) leads to a public communication: %s", lang, line)
				}
			}
			if strings.Contains(line, public[lang]) {
				found++
			}
		}
		if found != 2 {
			t.Errorf("%s: want one clause on the exemptions and one on the public communication, found %d", lang, found)
		}
	}
}

// The letter to the people says what is being done in plain words, and only what the
// case states: measures not yet decided are said to be still being decided, measures
// stated as none are said to be none, and a list the case leaves out is not printed.
func TestSubjectLetterMeasures(t *testing.T) {
	s := newService(t)
	for _, tt := range []struct {
		name      string
		edit      func(b map[string]any)
		want, not []string
	}{
		{"both given", func(b map[string]any) {}, []string{"What we have done:", "What we will do next:"}, []string{"still deciding"}},
		{"proposed unstated", func(b map[string]any) { drop(b, "measures_proposed") },
			[]string{"What we have done:"}, []string{"What we will do next:", "not yet established", "Not yet established"}},
		{"none stated", func(b map[string]any) { b["measures_taken"], b["measures_proposed"] = []any{}, []any{} },
			[]string{"We have not taken any measures of our own"}, []string{"What we have done:", "still deciding"}},
		{"nothing stated", func(b map[string]any) { drop(b, "measures_taken", "measures_proposed") },
			[]string{"We are still deciding which measures to take"}, []string{"What we have done:", "not taken any"}},
	} {
		data := editCase(t, sample(t, "nl"), func(c map[string]any) { tt.edit(firstBreach(c)) })
		out, err := s.Render(context.Background(), Request{Doc: "breach-subject-notice", Lang: "en", Format: Markdown, Now: now}, data)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		wantPhrases(t, tt.name, string(out.Body), tt.want, tt.not)
	}
}

// The letter's contact line reads well whichever of e-mail and telephone the case gives.
func TestSubjectLetterContactLine(t *testing.T) {
	s := newService(t)
	want := map[string]map[string]string{
		"both":  {"en": "Joost van den Berg, by e-mail at fg@x.nl, or by telephone on 030 1.", "nl": "Joost van den Berg, via fg@x.nl of telefonisch via 030 1.", "lt": "pareigūną el. paštu fg@x.nl arba telefonu 030 1 ("},
		"email": {"en": "Joost van den Berg, by e-mail at fg@x.nl.", "nl": "Joost van den Berg, via fg@x.nl.", "lt": "pareigūną el. paštu fg@x.nl ("},
		"phone": {"en": "Joost van den Berg, by telephone on 030 1.", "nl": "Joost van den Berg, telefonisch via 030 1.", "lt": "pareigūną telefonu 030 1 ("},
	}
	for name, contact := range map[string]map[string]any{
		"both":  {"name": "Joost van den Berg", "email": "fg@x.nl", "phone": "030 1"},
		"email": {"name": "Joost van den Berg", "email": "fg@x.nl"},
		"phone": {"name": "Joost van den Berg", "phone": "030 1"},
	} {
		data := editCase(t, sample(t, "nl"), func(c map[string]any) { c["organisation"].(map[string]any)["dpo"] = contact })
		for _, lang := range langs3 {
			out, err := s.Render(context.Background(), Request{Doc: "breach-subject-notice", Lang: lang, Format: Markdown, Now: now}, data)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(out.Body), want[name][lang]) {
				t.Errorf("%s in %s: lacks %q", name, lang, want[name][lang])
			}
		}
	}
}

// wantPhrases fails the test for each phrase of want that text lacks and each phrase of
// forbid that it holds.
func wantPhrases(t *testing.T, name, text string, want, forbid []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s: lacks %q", name, w)
		}
	}
	for _, f := range forbid {
		if strings.Contains(text, f) {
			t.Errorf("%s: has %q", name, f)
		}
	}
}
