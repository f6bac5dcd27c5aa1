package catalog

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/locales"
)

// everyCodeCase is a valid case that holds every code of every code list of the format,
// built from the lists themselves, so that a code added to a list is rendered here
// without anyone extending the case. Fields taking one code get one array item per
// code; free text is Lithuanian, so that an English word in a Lithuanian or Dutch
// document can only have come from a code.
func everyCodeCase() map[string]any {
	text := func(s string, i int) string { return s + " " + strconv.Itoa(i+1) }
	var (
		activities []any
		breaches   []any
		requests   []any
		reviews    []any
		cookies    []any
	)
	pick := func(l casedata.CodeList, i int) string { return l.Codes[i%len(l.Codes)] }
	for i := range max(len(casedata.Sources.Codes), len(casedata.LegalBases.Codes)) {
		var transfers []any
		for _, g := range casedata.Safeguards.Codes {
			transfers = append(transfers, map[string]any{"country": "US", "recipient": "Debesų tiekėjas", "safeguard": g})
		}
		a := map[string]any{"id": text("veikla", i), "name": text("Veikla", i), "purpose": "Paslaugų teikimas",
			"legal_basis": casedata.LegalBases.Codes, "legitimate_interest": "Tinklo saugumas",
			"special_basis": casedata.SpecialBases.Codes, "subjects": casedata.Subjects.Codes, "data": casedata.DataCategories.Codes,
			"source": pick(casedata.Sources, i), "recipients": casedata.Recipients.Codes, "transfers": transfers, "retention": "Dešimt metų",
			"mandatory": map[string]any{"required": true, "basis": pick(casedata.LegalBases, i)},
			"audience":  casedata.Audiences.Codes,
			"role":      pick(casedata.Roles, i), "controller": map[string]any{"name": "UAB „Užsakovas“"}}
		activities = append(activities, a)
	}
	n := 0
	for _, l := range []casedata.CodeList{casedata.Causes, casedata.RiskLevels, casedata.Phases, casedata.Roles,
		casedata.NoticeStatuses, casedata.Exemptions, casedata.Channels} {
		n = max(n, len(l.Codes))
	}
	for i := range n {
		breaches = append(breaches, map[string]any{"reference": text("PAŽ", i), "role": pick(casedata.Roles, i),
			"controller": map[string]any{"name": "UAB „Užsakovas“"}, "phase": pick(casedata.Phases, i),
			"aware_at": "2026-11-18T09:00:00+02:00", "authority_notified_at": "2026-11-19T09:00:00+02:00",
			"types": casedata.BreachTypes.Codes, "cause": pick(casedata.Causes, i), "description": "Įsilaužta į serverį", "consequences": "Galima tapatybės vagystė",
			"measures_taken":     []string{"Pakeisti slaptažodžiai"},
			"subjects":           map[string]any{"categories": casedata.Subjects.Codes, "count_min": 10, "count_max": 20},
			"records":            map[string]any{"categories": casedata.DataCategories.Codes, "count_min": 10, "count_max": 40},
			"credentials_access": casedata.DataCategories.Codes,
			"risk":               pick(casedata.RiskLevels, i), "risk_rationale": "Duomenys jautrūs",
			"subject_notice": map[string]any{"status": pick(casedata.NoticeStatuses, i), "at": "2026-11-20T09:00:00+02:00",
				"channel": pick(casedata.Channels, i), "exemption": pick(casedata.Exemptions, i)},
			"delay_reason": "Tyrimas užtruko"})
		if last := breaches[len(breaches)-1].(map[string]any); last["role"] != "processor" {
			delete(last, "controller") // a controller is named for a processor's breach only
		}
	}
	for i, right := range casedata.Rights.Codes {
		requests = append(requests, map[string]any{"number": text("P", i), "received_at": "2026-10-01", "right": right,
			"decision": pick(casedata.Decisions, i), "reasons": "Prašymas nepagrįstas"})
	}
	for i, kind := range casedata.ReviewKinds.Codes {
		reviews = append(reviews, map[string]any{"number": text("PA", i), "kind": kind, "date": "2026-11-01",
			"findings": []string{"Trūkumų nerasta"}})
	}
	for i, category := range casedata.CookieCategories.Codes {
		cookies = append(cookies, map[string]any{"name": text("slapukas", i), "category": category, "expiry": "P1Y",
			"party": pick(casedata.Parties, i), "provider": "UAB „Tiekėjas“"})
	}
	return map[string]any{"version": 1,
		"organisation": map[string]any{"name": "UAB „Pavyzdys“", "jurisdiction": "LT", "email": "info@pavyzdys.lt",
			"address":               map[string]any{"street": "Gedimino pr. 1", "city": "Vilnius", "postal_code": "LT-01103", "country": "LT"},
			"head":                  map[string]any{"name": "Jonas Jonaitis", "title": "Direktorius"},
			"dpo":                   map[string]any{"name": "Ona Onaitė", "email": "dap@pavyzdys.lt"},
			"security":              map[string]any{"measures": casedata.Measures.Codes},
			"processors":            []any{map[string]any{"name": "UAB „Serveriai“", "service": "Talpinimas", "country": "LT"}},
			"processing_activities": activities, "cookies": cookies,
			"authorised_persons": []any{map[string]any{"name": "Rūta Žemaitienė", "role": "Buhalterė", "granted": "2025-02-01"}}},
		"document": map[string]any{"number": "T-1", "version": "1.0", "date": "2026-11-20", "place": "Vilnius"},
		"breaches": breaches, "requests": requests, "reviews": reviews}
}

// values resolves a JSON pointer whose "*" stands for every array index.
func values(doc any, pointer string) []any {
	out := []any{doc}
	for _, step := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		var next []any
		for _, v := range out {
			switch v := v.(type) {
			case map[string]any:
				if c, ok := v[step]; ok {
					next = append(next, c)
				}
			case []any:
				if step == "*" {
					next = append(next, v...)
				}
			case []string:
				if step == "*" {
					for _, s := range v {
						next = append(next, s)
					}
				}
			}
		}
		out = next
	}
	return out
}

// The case above does hold every code at every field that takes it, and those fields
// are where the code lists say they are.
func TestEveryCodeCaseHoldsEveryCode(t *testing.T) {
	c := everyCodeCase()
	for _, l := range casedata.CodeLists() {
		for _, field := range slices.Concat(l.Closed, l.Open) {
			for _, code := range l.Codes {
				if !slices.Contains(values(c, field), any(code)) {
					t.Errorf("%s: the case lacks %s %q", field, l.Kind, code)
				}
			}
		}
	}
}

// codeWordRe finds a word (letters, digits, underscores) in text.
var codeWordRe = regexp.MustCompile(`[\p{L}\p{N}_]+`)

// idRe matches what is an id, not prose: heading attributes ({#cookies-marketing .annex}),
// link targets ((#activity-x)), and Markdown backslash escapes, kept as the character.
var (
	idRe     = regexp.MustCompile(`\{#[^}\s]*[^}]*\}|\]\(#[^)\s]*\)`)
	escapeRe = regexp.MustCompile(`\\(.)`)
)

// codeScanner finds codes printed raw in a language's text.
type codeScanner struct {
	// snake are the codes with an underscore: in no language's prose.
	snake map[string]string
	// bare are the one-word codes, by language; a word a label of that language uses
	// is the language's own, not a code.
	bare map[string]map[string]string
}

func newCodeScanner(t *testing.T, set *locales.Set) *codeScanner {
	t.Helper()
	sc := &codeScanner{snake: map[string]string{}, bare: map[string]map[string]string{}}
	for _, lang := range set.Languages() {
		own := ownWords(t, lang)
		sc.bare[lang] = map[string]string{}
		for _, l := range casedata.CodeLists() {
			for _, code := range l.Codes {
				if strings.Contains(code, "_") {
					sc.snake[code] = l.Kind
				} else if !own[code] {
					sc.bare[lang][code] = l.Kind
				}
			}
		}
	}
	return sc
}

// actionRe matches a template action: code names in it ({{label "cause" "other"}}) are
// not the language's words.
var actionRe = regexp.MustCompile(`(?s)\{\{.*?\}\}`)

// ownWords are the words a language's own text uses: the values of its message file and
// the wording of its templates, actions left out.
func ownWords(t *testing.T, lang string) map[string]bool {
	t.Helper()
	var tree map[string]any
	if _, err := toml.DecodeFile(filepath.Join("..", "locales", lang+".toml"), &tree); err != nil {
		t.Fatal(err)
	}
	own := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, c := range v {
				walk(c)
			}
		case string:
			for _, w := range codeWordRe.FindAllString(v, -1) {
				own[w] = true
			}
		}
	}
	walk(tree)
	tmpls, err := filepath.Glob(filepath.Join("..", "templates", lang, "*.tmpl"))
	if err != nil || len(tmpls) == 0 {
		t.Fatalf("no templates for %s: %v", lang, err)
	}
	for _, f := range tmpls {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		walk(idRe.ReplaceAllString(actionRe.ReplaceAllString(string(src), " "), " "))
	}
	return own
}

// scan returns the raw codes in text, as "kind.code". Bare one-word codes are looked for
// only when bare is true: in English they are ordinary words.
func (sc *codeScanner) scan(text, lang string, bare bool) []string {
	text = escapeRe.ReplaceAllString(idRe.ReplaceAllString(text, ""), "$1")
	var found []string
	for _, w := range codeWordRe.FindAllString(text, -1) {
		if kind, ok := sc.snake[w]; ok {
			found = append(found, kind+"."+w)
		} else if kind, ok := sc.bare[lang][w]; ok && bare {
			found = append(found, kind+"."+w)
		}
	}
	slices.Sort(found)
	return slices.Compact(found)
}

// Every document, in every language and every format that holds words (Markdown, CSV,
// XLSX), renders every code of every list as a word: no code is printed as given. JSON
// is for programs and keeps the codes.
func TestNoCodeIsPrintedRaw(t *testing.T) {
	s := newService(t)
	set, err := locales.Default()
	if err != nil {
		t.Fatal(err)
	}
	sc := newCodeScanner(t, set)
	c := everyCodeCase()
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var reqs []Request
	for _, doc := range Documents {
		var variants []Request
		switch {
		case perBreach(doc):
			for _, b := range values(c, "/breaches/*/reference") {
				variants = append(variants, Request{Doc: doc.ID, Breach: b.(string)})
			}
		case doc.ID == "review-act":
			for _, r := range values(c, "/reviews/*/number") {
				variants = append(variants, Request{Doc: doc.ID, Review: r.(string)})
			}
		case doc.ID == "privacy-policy":
			for _, au := range append([]string{""}, casedata.Audiences.Codes...) {
				variants = append(variants, Request{Doc: doc.ID, Audience: au})
			}
		default:
			variants = []Request{{Doc: doc.ID}}
		}
		for _, f := range []Format{Markdown, CSV, XLSX} {
			if !doc.Offers(f) {
				continue
			}
			for _, r := range variants {
				r.Format = f
				reqs = append(reqs, r)
			}
		}
	}
	rendered := map[string]int{}
	for _, lang := range langs {
		for _, req := range reqs {
			req.Lang, req.Now = lang, now
			out, err := s.Render(context.Background(), req, data)
			if err != nil {
				if refusal(err) {
					continue // a notice that is not due for this breach
				}
				t.Fatalf("%s %s%s %s: %v", req.Doc, req.Breach, req.Review, lang, err)
			}
			rendered[req.Doc]++
			text := string(out.Body)
			if req.Format == XLSX {
				text = workbookText(t, out.Body)
			}
			if raw := sc.scan(text, lang, lang != "en"); len(raw) > 0 {
				t.Errorf("%s %s%s in %s as %s prints codes raw: %v", req.Doc, req.Breach, req.Review, lang, req.Format, raw)
			}
		}
	}
	for _, doc := range Documents {
		if rendered[doc.ID] == 0 {
			t.Errorf("%s: never rendered from the case", doc.ID)
		}
	}
	out, err := s.Render(context.Background(), Request{Doc: "processing-records", Lang: "lt", Format: JSON, Now: now}, data)
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range casedata.Recipients.Codes {
		if !bytes.Contains(out.Body, []byte(strconv.Quote(code))) {
			t.Errorf("processing-records JSON lacks the recipient code %q", code)
		}
	}
}

// refusal reports whether err only refuses a notice that is not due, as the case is.
func refusal(err error) bool {
	var probs casedata.Problems
	if !errors.As(err, &probs) {
		return false
	}
	for _, p := range probs {
		if !slices.Contains([]string{"not_notifiable", "subject_notice_not_required", "not_a_processor", "processor_notifies_controller"}, p.Code) {
			return false
		}
	}
	return true
}

// workbookText is every cell of every sheet, a line a row.
func workbookText(t *testing.T, body []byte) string {
	t.Helper()
	f := openWorkbook(t, body)
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			b.WriteString(strings.Join(row, "\t") + "\n")
		}
	}
	return b.String()
}

// No golden file prints a code raw. A golden is named "<sample>.[<breach>.]<lang>.md";
// one-word codes are looked for where the sample's own text is in the document's
// language and that language is not English, where they are ordinary words.
func TestGoldenFilesPrintNoCode(t *testing.T) {
	set, err := locales.Default()
	if err != nil {
		t.Fatal(err)
	}
	sc := newCodeScanner(t, set)
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		parts := strings.Split(strings.TrimSuffix(filepath.Base(f), ".md"), ".")
		lang := parts[len(parts)-1]
		sampleLang, _, _ := strings.Cut(parts[0], "-")
		if raw := sc.scan(string(body), lang, lang != "en" && sampleLang == lang); len(raw) > 0 {
			t.Errorf("%s prints codes raw: %v", f, raw)
		}
	}
}

// The scanner finds what it is for and leaves ids and a language's own words alone.
func TestCodeScanner(t *testing.T) {
	set, err := locales.Default()
	if err != nil {
		t.Fatal(err)
	}
	sc := newCodeScanner(t, set)
	tests := []struct {
		text, lang string
		want       []string
	}{
		{"Teisinis pagrindas: legal\\_obligation.", "lt", []string{"basis.legal_obligation"}},
		{"Ontvangers: processors en zorgverzekeraars", "nl", []string{"recipient.processors"}},
		{"Recipients: processors", "en", nil},
		{"Lawful basis: legal_obligation", "en", []string{"basis.legal_obligation"}},
		{"## Rinkodaros slapukai {#cookies-marketing}", "lt", nil},
		{"žr. [](#activity-website_visitors) punktą", "lt", nil},
		{"Gavėjai: duomenų tvarkytojai ir bankai", "lt", nil},
		{"Ontvangers: banks en zorgverzekeraars", "nl", []string{"recipient.banks"}},
		{"Neem contact op over marketing", "nl", nil},
	}
	for _, tt := range tests {
		if got := sc.scan(tt.text, tt.lang, tt.lang != "en"); !slices.Equal(got, tt.want) {
			t.Errorf("scan(%q, %s) = %v, want %v", tt.text, tt.lang, got, tt.want)
		}
	}
}

// Every kind of code the catalogue labels in Go is a code list's, so its codes are
// among those the tests above render and check.
func TestCatalogueLabelsKnownKinds(t *testing.T) {
	kinds := map[string]bool{}
	for _, l := range casedata.CodeLists() {
		kinds[l.Kind] = true
	}
	files, _ := filepath.Glob("*.go")
	labelRe := regexp.MustCompile(`[lL]abels?\("([a-z_]+)"`)
	seen := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range labelRe.FindAllSubmatch(src, -1) {
			seen++
			if !kinds[string(m[1])] {
				t.Errorf("%s labels %q, which no code list of casedata has", f, m[1])
			}
		}
	}
	if seen == 0 {
		t.Fatal("found no label calls: the pattern is stale")
	}
}
