package catalog

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// art13 says which section of the privacy notice carries each item of Art. 13 (and the
// two Art. 14 adds), and a phrase of the English notice that shows it is there.
var art13 = []struct{ item, anchor, phrase string }{
	{"13(1)(a) identity and contacts of the controller", "controller", "The controller of your personal data is"},
	{"13(1)(b) contact details of the DPO", "dpo", "data protection officer"},
	{"13(1)(c) purposes and legal basis", "summary", "Legal basis"},
	{"13(1)(d) legitimate interests", "purpose-support", "our legitimate interest"},
	{"13(1)(e) recipients", "recipients", "Service providers process data for us"},
	{"13(1)(f) transfers, safeguards, how to get a copy", "transfers", "You can obtain a copy of these safeguards"},
	{"13(2)(a) retention", "summary", "Retention"},
	{"13(2)(b) the rights", "rights", "access your personal data"},
	{"13(2)(c) withdrawing consent", "rights", "withdraw your consent at any time"},
	{"13(2)(d) complaint to the authority", "complaints", "lodge a complaint with the supervisory authority"},
	{"13(2)(e) statutory or contractual requirement", "purpose-client-portal", "Must you provide the data?"},
	{"13(2)(f) automated decisions, or that there are none", "rights", "We do not make decisions about you based solely on automated processing"},
	{"14(1)(d) categories of personal data", "purpose-recruitment", "Personal data:"},
	{"14(2)(f) the source", "purpose-recruitment", "Where the data come from"},
	{"21(4) the right to object, apart and first", "right-to-object", "object at any time to our use of your personal data for direct marketing"},
}

// sections maps each anchor of an HTML notice to the text of its section.
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
		if current != "" && (n.Data == "p" || n.Data == "li" || n.Data == "table" || n.Data == "h2" || n.Data == "h3") {
			out[current] += text(n) + "\n"
		}
	}
	return out
}

func TestPrivacyNoticeCoversArticle13(t *testing.T) {
	s := newService(t)
	out, err := s.Render(context.Background(), Request{Doc: "privacy-policy", Lang: "en", Format: HTML, Now: now}, sampleFile(t, "en-policy"))
	if err != nil {
		t.Fatal(err)
	}
	secs := sections(t, out.Body)
	for _, it := range art13 {
		if !strings.Contains(secs[it.anchor], it.phrase) {
			t.Errorf("%s: section #%s lacks %q", it.item, it.anchor, it.phrase)
		}
	}
	if !strings.Contains(secs["transfers"], "United States, Mailflow Inc. (Newsletter): standard contractual clauses") {
		t.Errorf("the US transfer does not name its safeguard:\n%s", secs["transfers"])
	}
	// The right to object comes first, before the controller.
	if i, j := bytes.Index(out.Body, []byte(`id="right-to-object"`)), bytes.Index(out.Body, []byte(`id="controller"`)); i < 0 || i > j {
		t.Error("the right to object is not stated first")
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
		if m["id"] == "support" {
			m["legal_basis"] = []any{"contract"}
			delete(m, "legitimate_interest")
		}
	}
	delete(org, "dpo")
	delete(org, "processors")
	data, _ := json.Marshal(tree)
	out, err := s.Render(context.Background(), Request{Doc: "privacy-policy", Lang: "en", Format: HTML, Now: now}, data)
	if err != nil {
		t.Fatal(err)
	}
	secs := sections(t, out.Body)
	for _, gone := range []string{"transfers", "right-to-object", "dpo", "automated-decisions", "children"} {
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
