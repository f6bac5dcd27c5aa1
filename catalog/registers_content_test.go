package catalog

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/internal/pdftext"
)

// renderText renders a register and gives its text as a reader sees it: the PDF read
// back, the workbook's cells, the CSV, JSON, HTML and Markdown as written.
func renderText(t *testing.T, s *Service, doc, lang string, f Format, data []byte) string {
	t.Helper()
	out, err := s.Render(context.Background(), Request{Doc: doc, Lang: lang, Format: f, Now: now}, data)
	if err != nil {
		t.Fatalf("%s %s %s: %v", doc, lang, f, err)
	}
	switch f {
	case PDF:
		text, err := pdftext.Text(out.Body)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(text), " ")
	case XLSX:
		x := openWorkbook(t, out.Body)
		rows, _ := x.GetRows(x.GetSheetName(0))
		var b strings.Builder
		for _, r := range rows {
			b.WriteString(strings.Join(r, " | ") + "\n")
		}
		return b.String()
	}
	return string(out.Body)
}

// The breach register carries what Art. 33(5) asks — the facts, the effects and the
// remedial action — and every column of the breach register a practitioner keeps (the
// Lithuanian rules' annex), in every language and every format. Each item is a fact of
// the sample breach PAŽ-2026-03 found in the output, and the label that names it.
func TestBreachRegisterContent(t *testing.T) {
	s := newService(t)
	data := sampleFile(t, "lt-breach")
	// Facts of PAŽ-2026-03, as the case gives them (Lithuanian free text; codes as labels).
	facts := map[string]string{
		"number":            "PAŽ-2026-03",
		"facts: what":       "užšifravo elektroninės parduotuvės užsakymų duomenų bazę",
		"facts: systems":    "Nuotolinės prieigos paslauga",
		"effects":           "tikslinio sukčiavimo",
		"remedial: taken":   "atkurta iš lapkričio 15 d. atsarginės kopijos",
		"remedial: planned": "nepriklausomą įsiskverbimo testą",
		"reported by":       "Tomas Petrauskas",
		"recorded by":       "Mindaugas Šalkauskas",
	}
	// Labels of the items, per language: the document must name what it records.
	labels := map[string][]string{
		"lt": {"Kas įvyko", "Susijusios sistemos, programos ar laikmenos", "Pažeidimo pobūdis", "Duomenų subjekt",
			"Asmens duomen", "Pasekmės|Poveikis", "priemonės|Taisomieji veiksmai", "Siūlom", "Pranešė", "Įregistr"},
		"nl": {"Wat er is gebeurd", "Betrokken systemen, applicaties of gegevensdragers", "Aard van de inbreuk", "Betrokkenen",
			"Persoonsgegevens|Soorten persoonsgegevens", "Waarschijnlijke gevolgen|Gevolgen", "Genomen", "Voorgestelde", "Gemeld door", "Geregistreerd"},
		"en": {"What happened", "Systems, applications or media involved", "Nature of the breach", "ata subjects",
			"Personal data|Categories of personal data", "onsequences", "taken", "proposed", "Reported by", "Recorded"},
	}
	// Codes of the breach, for the JSON.
	codes := []string{`"types"`, `"subjects"`, `"records"`, `"occurred_from": "2026-11-15T23:10:00+02:00"`,
		`"occurred_to": "2026-11-16T06:40:00+02:00"`, `"recorded_at"`, `"systems"`, `"measures_proposed"`}
	for _, lang := range langs {
		for _, f := range []Format{XLSX, PDF, Markdown, HTML, CSV, JSON} {
			text := renderText(t, s, "breach-register", lang, f, data)
			for item, fact := range facts {
				if !strings.Contains(text, fact) {
					t.Errorf("%s %s lacks %s: %q", lang, f, item, fact)
				}
			}
			if f == JSON {
				for _, c := range codes {
					if !strings.Contains(text, c) {
						t.Errorf("%s JSON lacks %s", lang, c)
					}
				}
				continue
			}
			for _, l := range labels[lang] {
				if !slices.ContainsFunc(strings.Split(l, "|"), func(alt string) bool { return strings.Contains(text, alt) }) {
					t.Errorf("%s %s has no label %q", lang, f, l)
				}
			}
		}
	}
}

// The request register carries every column of the practitioners' request register
// (the Lithuanian rules' annex): number, received, data subject, decision, reasons,
// reply date and number, prepared by, recorded by, comments.
func TestRequestRegisterContent(t *testing.T) {
	s := newService(t)
	data := sampleFile(t, "lt-breach")
	facts := []string{"2026-17", "L. P.", "S-52", "Mindaugas Šalkauskas", "Sąskaitos faktūros saugomos 10 metų",
		"Laukiama kliento pateikto dokumento kopijos"}
	for _, lang := range langs {
		for _, f := range []Format{XLSX, PDF, Markdown, HTML, CSV, JSON} {
			text := renderText(t, s, "request-register", lang, f, data)
			for _, fact := range facts {
				// A table cell of the PDF reads back line by line, between its neighbours':
				// there every word of the fact is looked for.
				words := []string{fact}
				if f == PDF {
					words = strings.Fields(fact)
				}
				if slices.ContainsFunc(words, func(w string) bool { return !strings.Contains(text, w) }) {
					t.Errorf("%s %s lacks %q", lang, f, fact)
				}
			}
		}
	}
}

// The breach register's three states: a list stated as none says so, one not given is
// not yet established; the JSON keeps them apart (left out, [], values).
func TestBreachRegisterStates(t *testing.T) {
	s := newService(t)
	data := editCase(t, sampleFile(t, "nl-breaches"), func(c map[string]any) {
		b := c["breaches"].([]any)
		b[0].(map[string]any)["systems"] = []any{}
		drop(b[1].(map[string]any), "systems")
		b[2].(map[string]any)["measures_proposed"] = []any{}
	})
	md := renderText(t, s, "breach-register", "en", Markdown, data)
	for _, want := range []string{"**Systems, applications or media involved:** None", "**Systems, applications or media involved:** not yet established",
		"**Remedial action proposed:** None", "**Remedial action proposed:** not yet established", "**When it happened:** not yet established",
		"**When it happened:** from 2 October 2026, 01:00 (CEST); until 3 October 2026, 11:30 (CEST)"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	var doc struct{ Rows []map[string]any }
	if err := json.Unmarshal([]byte(renderText(t, s, "breach-register", "en", JSON, data)), &doc); err != nil {
		t.Fatal(err)
	}
	if got, ok := doc.Rows[0]["systems"].([]any); !ok || len(got) != 0 {
		t.Errorf("systems stated as none: %v", doc.Rows[0]["systems"])
	}
	if _, ok := doc.Rows[1]["systems"]; ok {
		t.Errorf("systems not stated, yet in the JSON: %v", doc.Rows[1]["systems"])
	}
	if got, ok := doc.Rows[3]["systems"].([]any); !ok || len(got) != 2 {
		t.Errorf("systems given: %v", doc.Rows[3]["systems"])
	}
	csv := renderText(t, s, "breach-register", "en", CSV, data)
	if !strings.Contains(csv, "None") || !strings.Contains(csv, "not yet established") {
		t.Errorf("CSV loses the states:\n%s", csv)
	}
}

// shuffled gives the case with its breaches and requests in a random order.
func shuffled(t *testing.T, data []byte, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, seed))
	return editCase(t, data, func(c map[string]any) {
		for _, key := range []string{"breaches", "requests"} {
			if list, ok := c[key].([]any); ok {
				r.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
			}
		}
	})
}

// The registers list breaches by awareness, then start, then number, and requests by
// the day received, then number — whatever the order of the case — in every format
// and in the combined workbook.
func TestRegistersAreChronological(t *testing.T) {
	s := newService(t)
	base := editCase(t, sampleFile(t, "nl-breaches"), func(c map[string]any) {
		b := c["breaches"].([]any)
		// Two breaches known at one moment: the one that began first comes first, and
		// of two that began together (or whose start is not known) the lower number.
		twin := func(ref, from string) map[string]any {
			m := map[string]any{}
			for k, v := range b[3].(map[string]any) {
				m[k] = v
			}
			m["reference"] = ref
			if from == "" {
				delete(m, "occurred_from")
				delete(m, "occurred_to")
			} else {
				m["occurred_from"] = from
			}
			return m
		}
		c["breaches"] = append(b, twin("GT-2026-10", ""), twin("GT-2026-9", ""), twin("GT-2026-05", "2026-11-15T09:00:00+01:00"))
		c["requests"] = []any{
			map[string]any{"number": "10", "received_at": "2026-10-01", "right": "access"},
			map[string]any{"number": "9", "received_at": "2026-10-01", "right": "access"},
			map[string]any{"number": "3", "received_at": "2026-09-15", "right": "erasure"},
			map[string]any{"number": "12", "received_at": "2026-11-02", "right": "objection"},
		}
	})
	breaches := []string{"GT-2026-01", "GT-2026-02", "GT-2026-03", "GT-2026-05", "GT-2026-04", "GT-2026-9", "GT-2026-10"}
	requests := []string{"3", "9", "10", "12"}
	for seed := range uint64(4) {
		data := shuffled(t, base, seed)
		var doc struct{ Rows []map[string]any }
		if err := json.Unmarshal([]byte(renderText(t, s, "breach-register", "en", JSON, data)), &doc); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range doc.Rows {
			got = append(got, r["reference"].(string))
		}
		if !slices.Equal(got, breaches) {
			t.Errorf("seed %d: breaches in the order %v, want %v", seed, got, breaches)
		}
		if err := json.Unmarshal([]byte(renderText(t, s, "request-register", "en", JSON, data)), &doc); err != nil {
			t.Fatal(err)
		}
		got = got[:0]
		for _, r := range doc.Rows {
			got = append(got, r["number"].(string))
		}
		if !slices.Equal(got, requests) {
			t.Errorf("seed %d: requests in the order %v, want %v", seed, got, requests)
		}
		md := renderText(t, s, "breach-register", "en", Markdown, data)
		if inOrder(md, breaches) != "" {
			t.Errorf("seed %d: Markdown out of order at %s", seed, inOrder(md, breaches))
		}
		out, err := s.Render(context.Background(), Request{Doc: "registers", Lang: "en", Format: XLSX, Now: now}, data)
		if err != nil {
			t.Fatal(err)
		}
		x := openWorkbook(t, out.Body)
		for sheet, want := range map[string][]string{"Breaches": breaches, "Requests": requests} {
			rows, _ := x.GetRows(sheet)
			got = got[:0]
			for _, r := range rows[1:] {
				got = append(got, r[0])
			}
			if !slices.Equal(got, want) {
				t.Errorf("seed %d: workbook sheet %s in the order %v, want %v", seed, sheet, got, want)
			}
		}
	}
}

// inOrder is the first of the references not found after the one before it in text.
func inOrder(text string, refs []string) string {
	at := 0
	for _, ref := range refs {
		i := strings.Index(text[at:], "No. "+ref+"\n")
		if i < 0 {
			return ref
		}
		at += i
	}
	return ""
}

// A request received after the register's date is left out and reported, with its
// path; a strict render refuses. A breach the organisation became aware of after the
// register's moment likewise.
func TestRegistersLeaveOutWhatCameLater(t *testing.T) {
	s := newService(t)
	data := editCase(t, sampleFile(t, "lt-breach"), func(c map[string]any) {
		c["requests"] = append(c["requests"].([]any), map[string]any{"number": "2026-30", "received_at": "2026-11-22", "right": "access"})
		b := c["breaches"].([]any)
		later := map[string]any{}
		for k, v := range b[0].(map[string]any) {
			later[k] = v
		}
		later["reference"], later["aware_at"] = "PAŽ-2026-04", "2026-11-21T12:30:00+02:00"
		delete(later, "authority_notified_at")
		c["breaches"] = append(b, later)
	})
	for _, tt := range []struct{ doc, left, path, code string }{
		{"request-register", "2026-30", "/requests/5/received_at", "received_after"},
		{"breach-register", "PAŽ-2026-04", "/breaches/2/aware_at", "aware_after"},
	} {
		for _, lang := range langs {
			out, err := s.Render(context.Background(), Request{Doc: tt.doc, Lang: lang, Format: Markdown, Now: now}, data)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(out.Body), tt.left) {
				t.Errorf("%s %s shows %s, which came after it", tt.doc, lang, tt.left)
			}
			i := slices.IndexFunc(out.Warnings, func(w casedata.Warning) bool { return w.Path == tt.path && w.Code == tt.code })
			if i < 0 {
				t.Fatalf("%s %s: no warning at %s: %v", tt.doc, lang, tt.path, out.Warnings)
			}
			loc, _ := s.locale(lang)
			if msg := WarningItems(out.Warnings[i:i+1], loc)[0].Message; !strings.Contains(msg, "2026-11-2") || strings.HasPrefix(msg, tt.code) {
				t.Errorf("%s %s: warning %q", tt.doc, lang, msg)
			}
		}
		_, err := s.Render(context.Background(), Request{Doc: tt.doc, Lang: "en", Format: XLSX, Now: now, Strict: true}, data)
		var probs casedata.Problems
		if !errors.As(err, &probs) || !slices.ContainsFunc(probs, func(p casedata.Problem) bool {
			return p.Path == tt.path && p.Code == tt.code+"_refused"
		}) {
			t.Errorf("%s strict: %v", tt.doc, err)
		}
	}
}

// The severity aid scores login credentials by what they open: an e-shop account's
// history is behavioural, so a case that does not say gets that default, reported
// with its path; a case that says they open financial data gets financial.
func TestSeverityOfCredentials(t *testing.T) {
	s := newService(t)
	data := sampleFile(t, "nl-breaches")
	a, err := s.Assess(context.Background(), "en", "GT-2026-02", now, data)
	if err != nil {
		t.Fatal(err)
	}
	if a.Severity.DPC != 2 || !slices.ContainsFunc(a.Warnings, func(w WarningItem) bool {
		return w.Path == "/breaches/1/credentials_access" && w.Code == "default" && strings.Contains(w.Message, "transaction data")
	}) {
		t.Errorf("default: DPC %d, warnings %+v", a.Severity.DPC, a.Warnings)
	}
	bank := editCase(t, data, func(c map[string]any) {
		c["breaches"].([]any)[1].(map[string]any)["credentials_access"] = []any{"financial"}
	})
	a, err = s.Assess(context.Background(), "en", "GT-2026-02", now, bank)
	if err != nil {
		t.Fatal(err)
	}
	if a.Severity.DPC != 3 || slices.ContainsFunc(a.Warnings, func(w WarningItem) bool { return w.Path == "/breaches/1/credentials_access" }) {
		t.Errorf("stated: DPC %d, warnings %+v", a.Severity.DPC, a.Warnings)
	}
}
