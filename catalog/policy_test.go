package catalog

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/gdprdocs/gdprdocs/casedata"
)

// langs3 are the languages every content checklist is asserted in.
var langs3 = []string{"lt", "nl", "en"}

// lawItem is one requirement of a checklist: the section that carries it and a phrase of
// each language's document that shows it is there.
type lawItem struct {
	name, anchor string
	phrase       map[string]string
}

func in3(lt, nl, en string) map[string]string { return map[string]string{"lt": lt, "nl": nl, "en": en} }

// art13 says which section of the public privacy notice of en-policy carries each lawItem
// of Art. 13, and the words that show it in each language.
var art13 = []lawItem{
	{"13(1)(a) identity and contacts of the controller", "controller",
		in3("Jūsų asmens duomenų valdytojas – UAB „Kodo dirbtuvės“", "Verwerkingsverantwoordelijke voor uw persoonsgegevens is UAB „Kodo dirbtuvės“", "The controller of your personal data is UAB „Kodo dirbtuvės“")},
	{"13(1)(b) contact details of the DPO", "dpo", in3("dpo@kododirbtuves.lt", "dpo@kododirbtuves.lt", "dpo@kododirbtuves.lt")},
	{"13(1)(c) purposes", "summary", in3("Tikslas", "Doel", "Purpose")},
	{"13(1)(c) legal basis", "summary", in3("Teisinis pagrindas", "Grondslag", "Legal basis")},
	{"13(1)(d) legitimate interests", "purpose-support", in3("Mūsų teisėtas interesas: Helping the users", "Ons gerechtvaardigd belang: Helping the users", "Our legitimate interest:")},
	{"13(1)(e) recipients", "recipients", in3("Mūsų vardu duomenis tvarko šie duomenų tvarkytojai", "De volgende verwerkers verwerken gegevens in onze opdracht", "Service providers process data for us")},
	{"13(1)(f) transfers and safeguards", "transfers", in3("Jungtinės Valstijos, Mailflow Inc. (Newsletter): Europos Komisijos patvirtintos standartinės sutarčių sąlygos",
		"Verenigde Staten, Mailflow Inc. (Newsletter): standaardcontractbepalingen", "United States, Mailflow Inc. (Newsletter): standard contractual clauses")},
	{"13(1)(f) how to get a copy", "transfers", in3("Šių apsaugos priemonių kopiją", "Een kopie van deze waarborgen", "You can obtain a copy of these safeguards")},
	{"13(2)(a) retention", "summary", in3("Saugojimo terminas", "Bewaartermijn", "Retention")},
	{"13(2)(b) access", "rights", in3("susipažinti su savo asmens duomenimis", "uw persoonsgegevens in te zien", "access your personal data")},
	{"13(2)(b) rectification", "rights", in3("reikalauti ištaisyti netikslius", "onjuiste gegevens te laten rectificeren", "have inaccurate data corrected")},
	{"13(2)(b) erasure", "rights", in3("reikalauti ištrinti duomenis", "uw gegevens te laten wissen", "have your data erased")},
	{"13(2)(b), 18(1)(a) restriction while accuracy is checked", "rights", in3("a) kol tikriname Jūsų užginčytą duomenų tikslumą",
		"a) zolang wij de juistheid van de gegevens controleren die u betwist", "(a) while we check their accuracy after you contest it")},
	{"13(2)(b), 18(1)(b) restriction instead of erasure", "rights", in3("b) kai duomenys tvarkomi neteisėtai, o Jūs prašote ne ištrinti duomenis, o apriboti jų naudojimą",
		"b) als de verwerking onrechtmatig is en u beperking vraagt in plaats van wissing", "(b) where the processing is unlawful and you ask for restriction instead of erasure")},
	{"13(2)(b), 18(1)(c) restriction for legal claims", "rights", in3("c) kai duomenų mums nebereikia, tačiau jų reikia Jums teisiniams reikalavimams pareikšti, vykdyti ar apginti",
		"c) als wij de gegevens niet meer nodig hebben maar u ze nodig hebt voor de instelling, uitoefening of onderbouwing van een rechtsvordering",
		"(c) where we no longer need the data but you need them to establish, exercise or defend legal claims")},
	{"13(2)(b), 18(1)(d) restriction pending an objection", "rights", in3("d) kol tikriname, ar mūsų teisėtos priežastys yra viršesnės už Jūsų nesutikimą",
		"d) zolang wij nagaan of onze gerechtvaardigde gronden zwaarder wegen dan uw bezwaar", "(d) while we check whether our legitimate grounds override your objection")},
	{"13(2)(b) portability", "rights", in3("kompiuterio skaitomu formatu arba prašyti juos persiųsti kitam duomenų valdytojui (teisė į duomenų perkeliamumą)", "machineleesbare vorm te ontvangen of aan een andere verwerkingsverantwoordelijke te laten doorgeven (recht op overdraagbaarheid)", "machine-readable form")},
	{"13(2)(b) objection", "rights", in3("nesutikti, kad duomenys būtų tvarkomi teisėto intereso pagrindu", "bezwaar te maken tegen verwerking op grond van gerechtvaardigd belang", "object to our use of your data based on legitimate interests")},
	{"13(2)(c) withdrawing consent", "rights", in3("bet kada atšaukti sutikimą", "uw toestemming altijd in te trekken", "withdraw your consent at any time")},
	{"13(2)(d), 77(1) complaint to an authority where one lives, works or the infringement took place", "complaints",
		in3("visų pirma valstybėje narėje, kurioje yra Jūsų įprastinė gyvenamoji vieta, darbo vieta arba kurioje padarytas tariamas pažeidimas",
			"met name in de lidstaat waar u gewoonlijk verblijft, waar u werkt of waar de vermeende inbreuk heeft plaatsgevonden",
			"in particular in the member state where you habitually live, where you work or where the alleged infringement took place")},
	{"13(2)(d) the authority", "complaints", in3("Valstybinė duomenų apsaugos inspekcija", "Staatsinspectie voor gegevensbescherming (Litouwen)", "State Data Protection Inspectorate")},
	{"13(2)(e) a contractual requirement", "purpose-client-portal", in3("Taip: jų reikia sutarčiai su Jumis sudaryti ir vykdyti.",
		"Ja: wij hebben ze nodig om de overeenkomst met u te sluiten en uit te voeren.", "Yes: we need them to conclude and perform the contract with you.")},
	{"13(2)(e) no requirement, derived from legitimate interests", "purpose-support", in3("Ne, tai Jūsų pasirinkimas. Jei jų nepateiksite, vienintelė pasekmė – šiuo tikslu jų nenaudosime.",
		"Nee, dat beslist u zelf. Verstrekt u ze niet, dan is het enige gevolg dat wij ze niet voor dit doel gebruiken.",
		"No; it is up to you. If you do not provide them, the only consequence is that we do not use them for this purpose.")},
	{"13(2)(f) that there are no automated decisions", "rights", in3("Sprendimų dėl Jūsų, grindžiamų tik automatizuotu tvarkymu, nepriimame",
		"Wij nemen geen besluiten over u die uitsluitend op geautomatiseerde verwerking berusten", "We do not make decisions about you based solely on automated processing")},
	{"21(4) the right to object, apart and first", "right-to-object", in3("Bet kada galite nesutikti, kad Jūsų asmens duomenys būtų tvarkomi tiesioginės rinkodaros tikslu",
		"U kunt altijd bezwaar maken tegen het gebruik van uw persoonsgegevens voor direct marketing", "You can object at any time to our use of your personal data for direct marketing")},
	{"the cookie policy, linked", "cookies", in3("paaiškinta mūsų slapukų politikoje: https://kododirbtuves.lt/cookies",
		"leest u in onze cookieverklaring: https://kododirbtuves.lt/cookies", "explained in our cookie policy: https://kododirbtuves.lt/cookies")},
	{"the national law, with its article in Dutch", "", in3("ir Lietuvos Respublikos asmens duomenų teisinės apsaugos įstatymą",
		"en de Litouwse wet op de rechtsbescherming van persoonsgegevens", "and the Law on Legal Protection of Personal Data of the Republic of Lithuania")},
}

// art14 are the items Art. 14 adds when the data do not come from the person, in the
// candidates' notice of en-policy, whose recruitment data come from agencies.
var art14 = []lawItem{
	{"14(1)(d) categories of personal data", "purpose-recruitment", in3("Asmens duomenys:", "Persoonsgegevens:", "Personal data:")},
	{"14(2)(f) the source", "purpose-recruitment", in3("Iš kur gauname duomenis: Recruitment agencies", "Herkomst van de gegevens: Recruitment agencies",
		"Where the data come from: Recruitment agencies")},
	{"the audience it is written for", "", in3("Ši politika skirta kandidatams į darbo vietas mūsų organizacijoje.",
		"Deze verklaring is bestemd voor wie bij ons solliciteert.", "It is written for candidates for a job with us.")},
}

// sections maps each anchor of an HTML notice to the text of its section; the text
// before the first heading with an anchor is under "".
func sections(t *testing.T, page []byte) map[string]string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	current := ""
	var text func(*html.Node) string
	text = func(n *html.Node) string {
		if n.Type == html.TextNode {
			return n.Data
		}
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			b.WriteString(text(c))
		}
		return b.String()
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if n.Data == "h2" || n.Data == "h3" {
			for _, a := range n.Attr {
				if a.Key == "id" {
					current = a.Val
				}
			}
		}
		if n.Data == "p" || n.Data == "li" || n.Data == "table" || n.Data == "h2" || n.Data == "h3" {
			out[current] += text(n) + "\n"
		}
	}
	return out
}

// renderSections renders a document of a case as HTML and returns its sections.
func renderSections(t *testing.T, s *Service, req Request, data []byte) map[string]string {
	t.Helper()
	req.Format, req.Now = HTML, now
	out, err := s.Render(context.Background(), req, data)
	if err != nil {
		t.Fatalf("%s %s %s: %v", req.Doc, req.Lang, req.Audience, err)
	}
	return sections(t, out.Body)
}

// checklist asserts every lawItem in its section, in the language.
func checklist(t *testing.T, secs map[string]string, lang string, items []lawItem) {
	t.Helper()
	for _, it := range items {
		if !strings.Contains(secs[it.anchor], it.phrase[lang]) {
			t.Errorf("%s: %s: section #%s lacks %q:\n%s", lang, it.name, it.anchor, it.phrase[lang], secs[it.anchor])
		}
	}
}

func TestPrivacyNoticeCoversArticles13And14(t *testing.T) {
	s := newService(t)
	data := sampleFile(t, "en-policy")
	for _, lang := range langs3 {
		checklist(t, renderSections(t, s, Request{Doc: "privacy-policy", Lang: lang}, data), lang, art13)
		checklist(t, renderSections(t, s, Request{Doc: "privacy-policy", Lang: lang, Audience: "candidates"}, data), lang, art14)
	}
	out, err := s.Render(context.Background(), Request{Doc: "privacy-policy", Lang: "en", Format: HTML, Now: now}, data)
	if err != nil {
		t.Fatal(err)
	}
	// The right to object comes first, before the controller.
	if i, j := bytes.Index(out.Body, []byte(`id="right-to-object"`)), bytes.Index(out.Body, []byte(`id="controller"`)); i < 0 || i > j {
		t.Error("the right to object is not stated first")
	}
}

// provisionQuestion is the question of Art. 13(2)(e) in each language.
var provisionQuestion = in3("Ar privalote pateikti duomenis?", "Bent u verplicht de gegevens te verstrekken?", "Must you provide the data?")

// Every purpose of every notice answers Art. 13(2)(e), whether the case gives a
// mandatory block or not: the answer follows from the legal basis.
func TestPrivacyNoticeAnswersArticle13_2_eForEveryPurpose(t *testing.T) {
	s := newService(t)
	for _, name := range []string{"en-policy", "nl-saas", "lt-clinic", "lt-association"} {
		var c struct {
			Organisation struct {
				Activities []struct {
					ID        string          `json:"id"`
					Mandatory json.RawMessage `json:"mandatory"`
				} `json:"processing_activities"`
			} `json:"organisation"`
		}
		data := sampleFile(t, name)
		if err := json.Unmarshal(data, &c); err != nil {
			t.Fatal(err)
		}
		for _, lang := range langs3 {
			secs := renderSections(t, s, Request{Doc: "privacy-policy", Lang: lang}, data)
			n := 0
			for _, a := range c.Organisation.Activities {
				sec, ok := secs["purpose-"+casedata.Anchor(a.ID)]
				if !ok {
					continue // not in the public notice
				}
				n++
				if strings.Count(sec, provisionQuestion[lang]) != 1 {
					t.Errorf("%s %s #%s: no single answer to Art. 13(2)(e):\n%s", name, lang, a.ID, sec)
				}
			}
			if n == 0 {
				t.Errorf("%s %s: no purpose found", name, lang)
			}
		}
	}
}

// The answers derived from each legal basis, and the case's words where it gives them.
func TestPrivacyNoticeDerivesTheRequirementFromTheBasis(t *testing.T) {
	s := newService(t)
	want := map[string]map[string]string{
		"registration": in3("Taip: jų reikalauja teisės aktai, be to, jų reikia sutarčiai su Jumis sudaryti ir vykdyti. Jei jų nepateiksite, negalėsime sudaryti ar vykdyti sutarties.",
			"Ja: de wet schrijft ze voor, en wij hebben ze nodig om de overeenkomst met u te sluiten en uit te voeren. Zonder deze gegevens kunnen wij de overeenkomst niet sluiten of uitvoeren.",
			"Yes: the law requires them, and we need them to conclude and perform the contract with you. Without them we cannot conclude or perform the contract."),
		"medical-records": in3("Taip: juos rinkti mus įpareigoja teisės aktai. Jei jų nepateiksite, negalėsime įvykdyti teisės aktų reikalavimų",
			"Ja: de wet verplicht ons ze te verzamelen. Zonder deze gegevens kunnen wij niet aan onze wettelijke verplichting voldoen",
			"Yes: the law requires us to collect them. Without them we cannot do what the law requires them for"),
		"newsletter": in3("Ne, tai Jūsų pasirinkimas.", "Nee, dat beslist u zelf.", "No; it is up to you."),
	}
	for _, lang := range langs3 {
		secs := renderSections(t, s, Request{Doc: "privacy-policy", Lang: lang}, sampleFile(t, "lt-clinic"))
		for id, phrases := range want {
			if !strings.Contains(secs["purpose-"+id], phrases[lang]) {
				t.Errorf("%s #%s lacks %q:\n%s", lang, id, phrases[lang], secs["purpose-"+id])
			}
		}
		// The case's mandatory block overrides: its basis (a contract, although the
		// activity also rests on a legal obligation) and its own consequences.
		secs = renderSections(t, s, Request{Doc: "privacy-policy", Lang: lang}, sampleFile(t, "lt-association"))
		if w := in3("Taip: jų reikia sutarčiai su Jumis sudaryti ir vykdyti. Be šių duomenų negalėsime Jūsų priimti į asociaciją.",
			"Ja: wij hebben ze nodig om de overeenkomst met u te sluiten en uit te voeren. Be šių duomenų",
			"Yes: we need them to conclude and perform the contract with you. Be šių duomenų")[lang]; !strings.Contains(secs["purpose-members"], w) {
			t.Errorf("%s #members lacks %q:\n%s", lang, w, secs["purpose-members"])
		}
		if strings.Contains(secs["purpose-members"], "(sutarties vykdymas)") || strings.Contains(secs["purpose-members"], "(performance of a contract)") {
			t.Errorf("%s: the basis is printed as the answer:\n%s", lang, secs["purpose-members"])
		}
	}
}

// The public notice leaves out what concerns staff and candidates only; a notice for an
// audience holds its activities only; an audience stated in the case wins over the
// subjects.
func TestPrivacyNoticePerAudience(t *testing.T) {
	s := newService(t)
	clinic := sampleFile(t, "lt-clinic")
	public := renderSections(t, s, Request{Doc: "privacy-policy", Lang: "en"}, clinic)
	staff := renderSections(t, s, Request{Doc: "privacy-policy", Lang: "en", Audience: "staff"}, clinic)
	for _, id := range []string{"staff", "payroll", "recruitment", "access-control"} {
		if _, ok := public["purpose-"+id]; ok {
			t.Errorf("the public notice describes #%s", id)
		}
	}
	for _, id := range []string{"staff", "payroll", "access-control", "cctv", "legal-claims"} {
		if _, ok := staff["purpose-"+id]; !ok {
			t.Errorf("the staff notice lacks #%s", id)
		}
	}
	for _, id := range []string{"registration", "newsletter", "recruitment", "visitors"} {
		if _, ok := staff["purpose-"+id]; ok {
			t.Errorf("the staff notice describes #%s", id)
		}
		if id != "recruitment" {
			if _, ok := public["purpose-"+id]; !ok {
				t.Errorf("the public notice lacks #%s", id)
			}
		}
	}
	if _, ok := staff["cookies"]; ok {
		t.Error("the staff notice points to the cookie policy")
	}
	if !strings.Contains(staff[""], "It is written for our staff.") || strings.Contains(public[""], "It is written for") {
		t.Errorf("the audience is not named in its notice only:\n%s", staff[""])
	}
	// nl-saas states that its accounts concern customers and users, not its own staff,
	// although the subjects name employees (the customers' employees).
	saas := sampleFile(t, "nl-saas")
	if _, ok := renderSections(t, s, Request{Doc: "privacy-policy", Lang: "nl"}, saas)["purpose-accounts"]; !ok {
		t.Error("nl-saas: the public notice lacks the accounts")
	}
	loc, _ := s.Locale("lt")
	for _, tt := range []struct{ audience, code, message string }{
		{"students", "no_audience_activities", "auditorijai „studentai“"},
	} {
		_, err := s.Render(context.Background(), Request{Doc: "privacy-policy", Lang: "lt", Format: PDF, Audience: tt.audience, Now: now}, saas)
		e, ok := Explain(err, loc)
		if !ok || len(e.Problems) != 1 || e.Problems[0].Code != tt.code || e.Problems[0].Path != "/organisation/processing_activities" ||
			!strings.Contains(e.Problems[0].Message, tt.message) {
			t.Errorf("audience %s: %v %+v", tt.audience, err, e)
		}
	}
	// An audience that is none of the codes is a bad parameter, whichever document is
	// asked for: the request is at fault, not the case.
	for _, doc := range []string{"privacy-policy", "breach-procedure"} {
		_, err := s.Render(context.Background(), Request{Doc: doc, Lang: "lt", Format: Markdown, Audience: "nobody", Now: now}, saas)
		if e, ok := Explain(err, loc); !ok || e.Class != BadParameter || e.Code != "invalid_choice" || len(e.Problems) != 0 ||
			!strings.Contains(e.Message, "nobody") || !strings.Contains(e.Message, "candidates") {
			t.Errorf("%s for audience nobody: %v %+v", doc, err, e)
		}
	}
}

// A decision based solely on automated processing on legitimate interests is refused at
// the activity, with the reason, in every language.
func TestPrivacyNoticeRefusesAutomatedDecisionsOnLegitimateInterests(t *testing.T) {
	s := newService(t)
	var tree map[string]any
	_ = json.Unmarshal(sampleFile(t, "nl-saas"), &tree)
	acts := tree["organisation"].(map[string]any)["processing_activities"].([]any)
	fraud := -1
	for i, a := range acts {
		if m := a.(map[string]any); m["id"] == "fraud" {
			m["legal_basis"] = []any{"legitimate_interests"}
			fraud = i
		}
	}
	data, _ := json.Marshal(tree)
	for lang, reason := range in3("BDAR 22 straipsnio 2 dalį", "artikel 22, lid 2, AVG", "Art. 22(2) GDPR") {
		loc, _ := s.Locale(lang)
		_, err := s.Render(context.Background(), Request{Doc: "privacy-policy", Lang: lang, Format: Markdown, Now: now}, data)
		e, ok := Explain(err, loc)
		path := "/organisation/processing_activities/" + strconv.Itoa(fraud) + "/automated_decisions/used"
		if !ok || len(e.Problems) != 1 || e.Problems[0].Path != path || e.Problems[0].Code != "automated_decision_basis" ||
			!strings.Contains(e.Problems[0].Message, reason) {
			t.Errorf("%s: %v %+v", lang, err, e)
		}
	}
	// The sample's own basis, a contract, is one Art. 22(2) allows.
	if _, err := s.Render(context.Background(), Request{Doc: "privacy-policy", Lang: "nl", Format: Markdown, Now: now}, sampleFile(t, "nl-saas")); err != nil {
		t.Error(err)
	}
}

// The consent of a child is given or authorised by the holder of parental
// responsibility (Art. 8(1)), in the notice and in the rules; binding corporate rules are named as Art. 47 names them.
func TestPrivacyNoticeWording(t *testing.T) {
	s := newService(t)
	for lang, want := range in3("sutikimą turi duoti arba patvirtinti asmuo, turintis vaiko tėvų pareigas",
		"worden gegeven of toegestaan door degene die de ouderlijke verantwoordelijkheid voor het kind draagt",
		"must be given or authorised by the holder of parental responsibility for the child") {
		if secs := renderSections(t, s, Request{Doc: "privacy-policy", Lang: lang}, sampleFile(t, "lt-clinic")); !strings.Contains(secs["children"], want) {
			t.Errorf("%s: children lacks %q:\n%s", lang, want, secs["children"])
		}
	}
	for lang, want := range in3("sutikimą duoda arba patvirtina asmuo, turintis vaiko tėvų pareigas",
		"gegeven of toegestaan door degene die de ouderlijke verantwoordelijkheid voor het kind draagt",
		"is given or authorised by the holder of parental responsibility for the child") {
		out, err := s.Render(context.Background(), Request{Doc: "processing-rules", Lang: lang, Format: Markdown, Now: now}, sampleFile(t, "lt-clinic"))
		if err != nil || !strings.Contains(string(out.Body), want) {
			t.Errorf("%s: the rules lack %q (%v)", lang, want, err)
		}
	}
	var tree map[string]any
	_ = json.Unmarshal(sampleFile(t, "en-policy"), &tree)
	act := tree["organisation"].(map[string]any)["processing_activities"].([]any)[2].(map[string]any)
	act["transfers"].([]any)[0].(map[string]any)["safeguard"] = "bcr"
	data, _ := json.Marshal(tree)
	secs := renderSections(t, s, Request{Doc: "privacy-policy", Lang: "lt"}, data)
	if !strings.Contains(secs["transfers"], "įmonių privalomos taisyklės") || strings.Contains(secs["transfers"], "įmonei") {
		t.Errorf("binding corporate rules:\n%s", secs["transfers"])
	}
}

// Sections appear only when the case has something for them.
func TestPrivacyNoticeLeavesOutWhatTheCaseLacks(t *testing.T) {
	s := newService(t)
	var tree map[string]any
	_ = json.Unmarshal(sampleFile(t, "en-policy"), &tree)
	org := tree["organisation"].(map[string]any)
	acts := org["processing_activities"].([]any)
	for _, a := range acts {
		m := a.(map[string]any)
		m["transfers"] = []any{} // stated as none; left out, the notice would say it is not established
		delete(m, "direct_marketing")
		if m["id"] == "support" || m["id"] == "website" {
			m["legal_basis"] = []any{"contract"}
			delete(m, "legitimate_interest")
		}
	}
	delete(org, "dpo")
	delete(org, "processors")
	delete(org, "cookies")
	data, _ := json.Marshal(tree)
	out, err := s.Render(context.Background(), Request{Doc: "privacy-policy", Lang: "en", Format: HTML, Now: now}, data)
	if err != nil {
		t.Fatal(err)
	}
	secs := sections(t, out.Body)
	for _, gone := range []string{"transfers", "right-to-object", "dpo", "automated-decisions", "children", "cookies"} {
		if _, ok := secs[gone]; ok {
			t.Errorf("section #%s present without anything for it", gone)
		}
	}
	for _, kept := range []string{"controller", "summary", "rights", "complaints", "changes", "recipients"} {
		if _, ok := secs[kept]; !ok {
			t.Errorf("section #%s missing", kept)
		}
	}
}

// cookieChecklist is what the cookie policy of en-policy must say, in each language.
var cookieChecklist = []lawItem{
	{"what cookies are", "what-are-cookies", in3("Slapukai – tai nedideli tekstiniai failai", "Cookies zijn kleine tekstbestanden", "Cookies are small text files")},
	{"the national rule", "consent-rule", in3("Pagal Lietuvos Respublikos elektroninių ryšių įstatymą", "Volgens de Litouwse wet op de elektronische communicatie",
		"Under the Law on Electronic Communications of the Republic of Lithuania")},
	{"the categories used", "cookies", in3("būtinieji slapukai, funkciniai slapukai, statistiniai slapukai ir rinkodaros slapukai",
		"functionele cookies, voorkeurscookies, analytische cookies en tracking cookies",
		"strictly necessary cookies, preference cookies, statistics cookies and marketing cookies")},
	{"necessary cookies: what each does, from the case", "cookies-necessary", in3("Keeps you signed in to the client portal", "Keeps you signed in to the client portal", "Keeps you signed in to the client portal")},
	{"necessary cookies: the exemption from consent", "cookies-necessary", in3("sutikimo nereikia, nes pagal Lietuvos Respublikos elektroninių ryšių įstatymą",
		"toestemming is niet nodig, omdat volgens de Litouwse wet op de elektronische communicatie", "no consent is needed, because under the Law on Electronic Communications")},
	{"preference cookies need consent", "cookies-preferences", in3("juos naudojame tik gavus Jūsų sutikimą.", "plaatsen wij ze alleen met uw toestemming.", "They are set only with your consent.")},
	{"preference cookies: the legal basis", "cookies-preferences", in3("Teisinis pagrindas:** Jūsų sutikimas", "Grondslag:** uw toestemming", "Legal basis:** your consent")},
	{"statistics cookies need consent", "cookies-statistics", in3("BDAR 6 straipsnio 1 dalies a punktą", "artikel 6, lid 1, onder a, AVG", "Art. 6(1)(a) GDPR")},
	{"marketing cookies need consent", "cookies-marketing", in3("Juos naudojame tik gavus Jūsų sutikimą.", "Wij plaatsen ze alleen met uw toestemming.", "They are set only with your consent.")},
	{"the expiry in words", "cookies-statistics", in3("2 metai", "2 jaar", "2 years")},
	{"the banner, as stated", "managing-consent", in3("klausiame, ar sutinkate, kad juos naudotume", "vragen wij om uw toestemming voordat wij andere dan functionele cookies plaatsen", "we ask whether you accept cookies")},
	{"refusing as easy as accepting, as stated", "managing-consent", in3("Atsisakyti taip pat paprasta, kaip ir sutikti.", "Weigeren is net zo eenvoudig als accepteren.", "Refusing is as easy as accepting.")},
	{"where to change the choice, as stated", "managing-consent", in3("kiekvieno svetainės puslapio apačioje", "onderaan elke pagina", "at the foot of every page")},
	{"withdrawal does not affect the past", "managing-consent", in3("Sutikimo atšaukimas nedaro poveikio iki atšaukimo sutikimu grindžiamo tvarkymo teisėtumui", "Het intrekken van uw toestemming doet niet af aan de rechtmatigheid", "Withdrawing your consent does not affect")},
	{"the browser", "managing-consent", in3("naršyklės nustatymuose", "instellingen van uw browser", "browser's settings")},
	{"a third party outside the EEA, by reference to the privacy notice", "third-parties",
		in3("Cloudflare, Inc. (Jungtinės Valstijos): už Europos ekonominės erdvės ribų; perdavimo apsaugos priemonė – Europos Komisijos sprendimas dėl tinkamumo, kaip aprašyta mūsų privatumo politikoje",
			"Cloudflare, Inc. (Verenigde Staten): buiten de Europese Economische Ruimte; waarborg voor de doorgifte: adequaatheidsbesluit van de Europese Commissie, zoals beschreven in onze privacyverklaring",
			"Cloudflare, Inc. (United States): outside the European Economic Area; safeguard of the transfer: adequacy decision of the European Commission, as described in our privacy notice")},
	{"a third party in the EEA", "third-parties", in3("Google Ireland Ltd. (Airija)", "Google Ireland Ltd. (Ierland)", "Google Ireland Ltd. (Ireland)")},
	{"changes and contact", "changes", in3("dpo@kododirbtuves.lt", "dpo@kododirbtuves.lt", "dpo@kododirbtuves.lt")},
}

// markdownSections maps each anchor of a Markdown document to its text.
func markdownSections(md string) map[string]string {
	out := map[string]string{}
	current := ""
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "#") {
			if i := strings.LastIndex(line, "{#"); i >= 0 {
				current = strings.TrimSuffix(line[i+2:], "}")
			}
		}
		out[current] += strings.ReplaceAll(line, `\_`, "_") + "\n"
	}
	return out
}

func TestCookiePolicyChecklist(t *testing.T) {
	s := newService(t)
	for _, lang := range langs3 {
		out, err := s.Render(context.Background(), Request{Doc: "cookie-policy", Lang: lang, Format: Markdown, Now: now}, sampleFile(t, "en-policy"))
		if err != nil {
			t.Fatal(err)
		}
		checklist(t, markdownSections(string(out.Body)), lang, cookieChecklist)
	}
}

// The cookie policy claims about the consent banner only what the case states, and
// sends no one to the privacy notice for a transfer the notice does not describe.
func TestCookiePolicyClaimsOnlyWhatTheCaseSays(t *testing.T) {
	s := newService(t)
	var tree map[string]any
	_ = json.Unmarshal(sampleFile(t, "en-policy"), &tree)
	org := tree["organisation"].(map[string]any)
	delete(org, "cookie_consent")
	for _, a := range org["processing_activities"].([]any) {
		if m := a.(map[string]any); m["id"] == "website" {
			m["transfers"] = []any{}
		}
	}
	data, _ := json.Marshal(tree)
	claims := []map[string]string{
		in3("klausiame, ar sutinkate, kad juos naudotume", "vragen wij om uw toestemming voordat wij", "we ask whether you accept cookies"),
		in3("Atsisakyti taip pat paprasta", "Weigeren is net zo eenvoudig", "Refusing is as easy as accepting"),
		in3("galėsite naudotis visomis svetainės funkcijomis", "De website werkt volledig", "The website works in full"),
		in3("apačioje", "onderaan", "foot of every page"),
		in3("kaip aprašyta mūsų privatumo politikoje", "zoals beschreven in onze privacyverklaring", "as described in our privacy notice"),
	}
	instead := []map[string]string{
		in3("Kaip svetainėje prašoma Jūsų sutikimo, dar nenustatyta.", "Hoe de website om uw toestemming vraagt, is nog niet vastgesteld.", "How the website asks for your consent is not yet established."),
		in3("Sutikimą galite bet kada atšaukti kreipęsi į mus el. paštu privacy@kododirbtuves.lt.",
			"U kunt uw toestemming altijd intrekken door contact met ons op te nemen via privacy@kododirbtuves.lt.",
			"You can withdraw your consent at any time by contacting us at privacy@kododirbtuves.lt."),
		in3("šio perdavimo apsaugos priemonė dar nenustatyta", "de waarborg voor deze doorgifte is nog niet vastgesteld", "the safeguard of this transfer is not yet established"),
	}
	for _, lang := range langs3 {
		out, err := s.Render(context.Background(), Request{Doc: "cookie-policy", Lang: lang, Format: Markdown, Now: now}, data)
		if err != nil {
			t.Fatal(err)
		}
		md := string(out.Body)
		for _, c := range claims {
			if strings.Contains(md, c[lang]) {
				t.Errorf("%s: claims %q, which the case does not say", lang, c[lang])
			}
		}
		for _, w := range instead {
			if !strings.Contains(md, w[lang]) {
				t.Errorf("%s: lacks %q", lang, w[lang])
			}
		}
	}
	// A banner stated alone: the other claims stay out.
	org["cookie_consent"] = map[string]any{"banner": true}
	data, _ = json.Marshal(tree)
	for _, lang := range langs3 {
		out, err := s.Render(context.Background(), Request{Doc: "cookie-policy", Lang: lang, Format: Markdown, Now: now}, data)
		if err != nil {
			t.Fatal(err)
		}
		md := string(out.Body)
		for i, c := range claims {
			if has := strings.Contains(md, c[lang]); has != (i == 0) {
				t.Errorf("%s: %q printed %v with the banner alone stated", lang, c[lang], has)
			}
		}
	}
}

func TestPrivacyNoticeAutomatedDecisions(t *testing.T) {
	s := newService(t)
	out, err := s.Render(context.Background(), Request{Doc: "privacy-policy", Lang: "nl", Format: HTML, Now: now}, sampleFile(t, "nl-saas"))
	if err != nil {
		t.Fatal(err)
	}
	secs := sections(t, out.Body)
	if !strings.Contains(secs["automated-decisions"], "risicoscore") || strings.Contains(secs["rights"], "Wij nemen geen besluiten") {
		t.Errorf("automated decisions: %q / rights: %q", secs["automated-decisions"], secs["rights"])
	}
}

func TestReviewAct(t *testing.T) {
	s := newService(t)
	data := sample(t, "lt")
	out, err := s.Render(context.Background(), Request{Doc: "review-act", Lang: "en", Format: Markdown, Review: "PA-2", Now: now}, data)
	if err != nil {
		t.Fatal(err)
	}
	md := string(out.Body)
	for _, want := range []string{"# Review record No. PA-2", "No deficiencies were found.", "No corrective actions are needed.",
		"The next review of the access logs is due by **3 November 2026** (3 months after this one)."} {
		if !strings.Contains(md, want) {
			t.Errorf("PA-2 lacks %q:\n%s", want, md)
		}
	}
	out, err = s.Render(context.Background(), Request{Doc: "review-act", Lang: "nl", Format: Markdown, Now: now}, data)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out.Body), "nr. PA-3") || !strings.Contains(string(out.Body), "\n2. Apskaitos") {
		t.Errorf("the latest review, findings numbered:\n%s", out.Body)
	}
	_, err = s.Render(context.Background(), Request{Doc: "review-act", Lang: "en", Format: PDF, Review: "PA-9", Now: now}, data)
	loc, _ := s.Locale("en")
	if e, ok := Explain(err, loc); !ok || e.Problems[0].Code != "review_not_found" {
		t.Errorf("unknown review: %v", err)
	}
	sched, err := s.ReviewSchedule(context.Background(), "lt", now, data)
	if err != nil {
		t.Fatal(err)
	}
	if sched.Reviews[1].Kind != "access_logs" || sched.Reviews[1].NextDue != "2027-02-02" || sched.Reviews[1].Label != "prieigos žurnalų peržiūra" {
		t.Errorf("schedule %+v", sched.Reviews)
	}
}

// The procedure's clauses are numbered and its references resolved, in every format.
func TestProcedureNumbering(t *testing.T) {
	s := newService(t)
	for _, tt := range []struct{ lang, want string }{
		{"lt", "pagal 4.1 punktą nepranešta"}, {"lt", "pagal 3.1–4.6 punktus"},
		{"nl", "op grond van artikel 4.1 niet"}, {"en", "under clauses 3.1 to 4.6"},
	} {
		out, err := s.Render(context.Background(), Request{Doc: "breach-procedure", Lang: tt.lang, Format: Markdown, Now: now}, sample(t, "lt"))
		if err != nil {
			t.Fatal(err)
		}
		if md := string(out.Body); !strings.Contains(md, tt.want) || strings.Contains(md, "](#") || strings.Contains(md, "#. ") {
			t.Errorf("%s: lacks %q or has unresolved markers", tt.lang, tt.want)
		}
	}
	out, err := s.Render(context.Background(), Request{Doc: "breach-procedure", Lang: "lt", Format: HTML, Now: now}, sample(t, "lt"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out.Body), `<h2 id="notifications">4. Pranešimai</h2>`) {
		t.Error("numbered heading with its anchor missing from the HTML")
	}
}
