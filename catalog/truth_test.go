package catalog

import (
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gdprdocs/gdprdocs/casedata"
)

// phrases are sentences in each language, keyed by language.
type phrases map[string][]string

// Sentences that assert a fact; each may appear only when the case states that fact.
var (
	ongoing        = phrases{"en": {"may be ongoing", "may still be going on"}, "lt": {"gali tęstis"}, "nl": {"mogelijk nog gaande", "de inbreuk is nog niet beëindigd"}}
	notEncrypted   = phrases{"en": {"were not encrypted"}, "lt": {"nebuvo užšifruoti"}, "nl": {"waren niet versleuteld"}}
	noMeasures     = phrases{"en": {"None yet."}, "lt": {"Kol kas priemonių nesiimta."}, "nl": {"Nog geen."}}
	noneProposed   = phrases{"en": {"No further measures are planned"}, "lt": {"papildomų priemonių neplanuojama"}, "nl": {"geen verdere maatregelen gepland"}}
	noAuthorities  = phrases{"en": {"No other authorities have been informed"}, "lt": {"Kitos institucijos apie pažeidimą neinformuotos"}, "nl": {"Er zijn geen andere instanties geïnformeerd"}}
	oneState       = phrases{"en": {"one member state only"}, "lt": {"tik su vienos valstybės narės"}, "nl": {"alle betrokkenen bevinden zich in één lidstaat"}}
	noSensitive    = phrases{"en": {"No special categories"}, "lt": {"Pažeidimas nesusijęs su specialių"}, "nl": {"Er zijn geen bijzondere categorieën"}}
	notInformed    = phrases{"en": {"have not yet been informed"}, "lt": {"kol kas neinformuoti"}, "nl": {"nog niet geïnformeerd"}}
	noCookies      = phrases{"en": {"sets no cookies"}, "lt": {"nenaudoja nei slapukų"}, "nl": {"plaatst geen cookies"}}
	consentBanner  = phrases{"en": {"we ask whether you accept", "all other cookies only after you agree"}, "lt": {"klausiame, ar sutinkate", "visus kitus – tik Jums sutikus"}, "nl": {"vragen wij om uw toestemming voordat", "alle andere cookies pas nadat"}}
	noAutomated    = phrases{"en": {"We do not make decisions about you based solely"}, "lt": {"grindžiamų tik automatizuotu tvarkymu, nepriimame"}, "nl": {"Wij nemen geen besluiten over u"}}
	noActions      = phrases{"en": {"No corrective actions are needed"}, "lt": {"Taisomųjų veiksmų nereikia"}, "nl": {"Er zijn geen corrigerende maatregelen nodig"}}
	calendar       = phrases{"en": {"changed at least every"}, "lt": {"jis keičiamas ne rečiau kaip kas"}, "nl": {"worden ten minste elke"}}
	notEstablished = phrases{"en": {"not yet established", "Not yet established"}, "lt": {"dar nenustatyta", "Dar nenustatyta"}, "nl": {"nog niet vastgesteld", "Nog niet vastgesteld"}}
)

// shape is one way a case can hold (or not hold) a fact, and what each document must do
// with it: refuse with the path, or render without the sentences that would assert it.
type shape struct {
	name   string
	sample string // sample file stem
	edit   func(c map[string]any)
	docs   []string
	refuse string  // the path of the one problem a refusal reports; empty: the document renders
	forbid phrases // sentences the document must not hold
	want   phrases // sentences it must hold (the "none" or "not established" of the shape)
}

func firstBreach(c map[string]any) map[string]any { return c["breaches"].([]any)[0].(map[string]any) }

func org(c map[string]any) map[string]any { return c["organisation"].(map[string]any) }

// drop removes keys from an object; empty sets a key to [].
func drop(m map[string]any, keys ...string) {
	for _, k := range keys {
		delete(m, k)
	}
}

var breachNotices = []string{"breach-authority-notice", "breach-subject-notice"}

// The matrix: for each document, each optional section and fact absent, stated as none
// and given, the document either refuses with the path or asserts nothing the case does
// not say — in every language.
var shapes = []shape{
	{name: "containment not stated", sample: "nl-breach", docs: breachNotices,
		edit:   func(c map[string]any) { drop(firstBreach(c), "contained_at", "occurred_to") },
		forbid: ongoing},
	{name: "stated ongoing", sample: "nl-breach", docs: []string{"breach-authority-notice"},
		edit: func(c map[string]any) {
			drop(firstBreach(c), "contained_at", "occurred_to")
			firstBreach(c)["ongoing"] = true
		},
		want: ongoing},
	{name: "encryption not stated", sample: "nl-breach", docs: []string{"breach-authority-notice"},
		edit: func(c map[string]any) { drop(firstBreach(c), "encrypted") }, forbid: notEncrypted, want: notEstablished},
	{name: "measures not stated", sample: "nl-breach", docs: []string{"breach-authority-notice", "breach-subject-notice"},
		edit:   func(c map[string]any) { drop(firstBreach(c), "measures_taken", "measures_proposed") },
		forbid: merge(noMeasures, noneProposed)},
	{name: "measures stated as none", sample: "nl-breach", docs: []string{"breach-authority-notice"},
		edit: func(c map[string]any) {
			firstBreach(c)["measures_taken"], firstBreach(c)["measures_proposed"] = []any{}, []any{}
		},
		want: merge(noMeasures, noneProposed)},
	{name: "other authorities and member states not stated", sample: "nl-breach", docs: []string{"breach-authority-notice"},
		edit:   func(c map[string]any) { drop(firstBreach(c), "other_authorities", "cross_border") },
		forbid: merge(noAuthorities, oneState), want: notEstablished},
	{name: "other authorities and member states stated as none", sample: "nl-breach", docs: []string{"breach-authority-notice"},
		edit: func(c map[string]any) {
			firstBreach(c)["other_authorities"] = []any{}
			firstBreach(c)["cross_border"] = map[string]any{"member_states": []any{}}
		},
		want: merge(noAuthorities, oneState)},
	{name: "data not stated", sample: "nl-breach", docs: []string{"breach-authority-notice"},
		edit: func(c map[string]any) { drop(firstBreach(c), "records") }, forbid: noSensitive},
	{name: "subject notice not stated", sample: "nl-breach", docs: []string{"breach-authority-notice"},
		edit: func(c map[string]any) { drop(firstBreach(c), "subject_notice") }, forbid: notInformed},
	{name: "controller notice, facts not stated", sample: "en-breach", docs: []string{"breach-controller-notice"},
		edit: func(c map[string]any) {
			drop(firstBreach(c), "measures_taken", "measures_proposed", "encrypted", "contained_at", "occurred_to")
		},
		forbid: merge(noMeasures, noneProposed, notEncrypted, ongoing), want: notEstablished},
	{name: "processor", sample: "en-breach", docs: breachNotices, refuse: "/breaches/0/role"},
	{name: "a notice dated before the breach was known", sample: "nl-breach", docs: []string{"breach-authority-notice"},
		edit: func(c map[string]any) {
			drop(firstBreach(c), "authority_notified_at", "contained_at", "occurred_from", "occurred_to")
			firstBreach(c)["aware_at"] = "2026-11-25T10:00:00+01:00" // after the render's now
		},
		refuse: "/breaches/0/aware_at"},
	{name: "processor in the register", sample: "en-breach", docs: []string{"breach-register"},
		forbid: phrases{"en": {"not required"}, "lt": {"nereikia"}, "nl": {"niet nodig"}}},
	{name: "processor instructed, controller's authority not stated", sample: "en-breach", docs: breachNotices,
		edit: func(c map[string]any) {
			ctl := firstBreach(c)["controller"].(map[string]any)
			ctl["instruction"] = "DPA clause 9"
			drop(ctl, "jurisdiction")
		},
		refuse: "/breaches/0/controller/jurisdiction"},
	{name: "no breaches stated", sample: "nl-breach", docs: append([]string{"breach-register"}, breachNotices...),
		edit: func(c map[string]any) { drop(c, "breaches") }, refuse: "/breaches"},

	{name: "cookies not stated", sample: "lt-association", docs: []string{"cookie-policy"}, refuse: "/organisation/cookies"},
	{name: "cookies stated as none", sample: "lt-association", docs: []string{"cookie-policy"},
		edit: func(c map[string]any) { org(c)["cookies"] = []any{} }, forbid: consentBanner, want: noCookies},
	{name: "strictly necessary cookies only", sample: "lt-association", docs: []string{"cookie-policy"},
		edit: func(c map[string]any) {
			org(c)["cookies"] = []any{map[string]any{"name": "session", "category": "necessary", "expiry": "session"}}
		},
		forbid: merge(consentBanner, noCookies)},
	{name: "activities not stated", sample: "lt-association",
		docs: []string{"privacy-policy", "processing-rules", "processing-records"},
		edit: func(c map[string]any) { drop(org(c), "processing_activities") }, refuse: "/organisation/processing_activities"},
	{name: "activities stated as none", sample: "lt-association", docs: []string{"privacy-policy", "processing-rules"},
		edit:   func(c map[string]any) { org(c)["processing_activities"] = []any{} },
		refuse: "/organisation/processing_activities"},
	{name: "automated decisions not stated", sample: "lt-association", docs: []string{"privacy-policy"},
		edit: func(c map[string]any) {
			drop(org(c)["processing_activities"].([]any)[0].(map[string]any), "automated_decisions")
		},
		forbid: noAutomated},
	{name: "automated decisions stated as none", sample: "lt-association", docs: []string{"privacy-policy"}, want: noAutomated},
	{name: "transfers and retention not stated", sample: "lt-association", docs: []string{"processing-records", "privacy-policy"},
		edit: func(c map[string]any) {
			drop(org(c)["processing_activities"].([]any)[0].(map[string]any), "transfers", "retention")
		},
		want: notEstablished},
	{name: "transfers not stated anywhere", sample: "lt-association", docs: []string{"privacy-policy"},
		edit: func(c map[string]any) {
			for _, a := range org(c)["processing_activities"].([]any) {
				drop(a.(map[string]any), "transfers")
			}
		},
		want: notEstablished},
	{name: "member states not stated", sample: "nl-breach", docs: []string{"breach-authority-notice"},
		edit: func(c map[string]any) { firstBreach(c)["cross_border"] = map[string]any{} }, want: notEstablished},
	{name: "security not stated", sample: "lt-association", docs: []string{"processing-rules"},
		edit: func(c map[string]any) { drop(org(c), "security") }, forbid: calendar},
	{name: "requests not stated", sample: "lt-association", docs: []string{"request-register"},
		edit: func(c map[string]any) { drop(c, "requests") }, refuse: "/requests"},
	{name: "findings not stated", sample: "lt-breach", docs: []string{"review-act"},
		edit: func(c map[string]any) {
			for _, r := range c["reviews"].([]any) {
				drop(r.(map[string]any), "findings")
			}
		},
		refuse: "/reviews/1/findings"},
	{name: "conclusion and actions not stated", sample: "lt-breach", docs: []string{"review-act"},
		edit: func(c map[string]any) {
			for _, r := range c["reviews"].([]any) {
				drop(r.(map[string]any), "conclusion", "actions")
			}
		},
		forbid: phrases{"en": {"remedied by the actions above", "No deficiencies were found in the scope"},
			"lt": {"pirmiau nurodytus veiksmus", "trūkumų nenustatyta"}, "nl": {"maatregelen hierboven", "geen tekortkomingen vastgesteld"}},
		want: notEstablished},
	{name: "subject notice not stated, in the register", sample: "nl-breach", docs: []string{"breach-register"},
		edit:   func(c map[string]any) { drop(firstBreach(c), "subject_notice") },
		forbid: phrases{"en": {"not yet; required"}, "lt": {"dar ne; būtina"}, "nl": {"nog niet; verplicht"}}},
	{name: "a controller named, the role left out", sample: "en-breach", docs: append([]string{"breach-controller-notice"}, breachNotices...),
		edit: func(c map[string]any) { drop(firstBreach(c), "role") }, refuse: "/breaches/0/role"},
	{name: "not encrypted, yet exempt as encrypted", sample: "nl-breach", docs: breachNotices,
		edit: func(c map[string]any) {
			firstBreach(c)["subject_notice"] = map[string]any{"status": "no", "exemption": "encrypted"}
		},
		refuse: "/breaches/0/subject_notice/exemption"},
	{name: "actions not stated", sample: "lt-breach", docs: []string{"review-act"},
		edit: func(c map[string]any) {
			for _, r := range c["reviews"].([]any) {
				drop(r.(map[string]any), "actions")
			}
		},
		forbid: noActions},
}

func merge(ps ...phrases) phrases {
	out := phrases{}
	for _, p := range ps {
		for lang, s := range p {
			out[lang] = append(out[lang], s...)
		}
	}
	return out
}

var (
	emptyLabel = regexp.MustCompile(`(?m)^- \*\*[^*\n]+:\*\*[ \t]*$`) // a field of a list with no value
	heading    = regexp.MustCompile(`^(#+) `)
)

// emptySection finds a heading with nothing under it before the next heading of its
// level or above.
func emptySection(md string) string {
	var open string
	level := 0
	for _, line := range strings.Split(md, "\n") {
		if m := heading.FindStringSubmatch(line); m != nil {
			if open != "" && len(m[1]) <= level {
				return open
			}
			open, level = line, len(m[1])
			continue
		}
		if strings.TrimSpace(line) != "" {
			open = ""
		}
	}
	return open
}

func TestNoUnstatedFacts(t *testing.T) {
	s := newService(t)
	for _, sh := range shapes {
		data := sampleFile(t, sh.sample)
		if sh.edit != nil {
			data = editCase(t, data, sh.edit)
		}
		for _, doc := range sh.docs {
			for _, lang := range langs {
				out, err := s.Render(context.Background(), Request{Doc: doc, Lang: lang, Format: Markdown, Now: now}, data)
				if sh.refuse != "" {
					var probs casedata.Problems
					if !errors.As(err, &probs) || !slices.ContainsFunc(probs, func(p casedata.Problem) bool { return p.Path == sh.refuse }) {
						t.Errorf("%s, %s in %s: want a refusal at %s, got %v", sh.name, doc, lang, sh.refuse, err)
					}
					continue
				}
				if err != nil {
					t.Errorf("%s, %s in %s: %v", sh.name, doc, lang, err)
					continue
				}
				md := string(out.Body)
				for _, p := range sh.forbid[lang] {
					if strings.Contains(md, p) {
						t.Errorf("%s, %s in %s asserts %q", sh.name, doc, lang, p)
					}
				}
				if want := sh.want[lang]; len(want) > 0 && !slices.ContainsFunc(want, func(p string) bool { return strings.Contains(md, p) }) {
					t.Errorf("%s, %s in %s says none of %q", sh.name, doc, lang, want)
				}
				if l := emptyLabel.FindString(md); l != "" {
					t.Errorf("%s, %s in %s: a field with no value: %q", sh.name, doc, lang, l)
				}
				if h := emptySection(md); h != "" {
					t.Errorf("%s, %s in %s: a heading with nothing under it: %q", sh.name, doc, lang, h)
				}
			}
		}
	}
}

// The registers' JSON keeps the three states of a list: left out when the case does not
// state it, [] when it states none.
func TestRegisterJSONKeepsNoneApartFromUnknown(t *testing.T) {
	s := newService(t)
	data := editCase(t, sampleFile(t, "lt-association"), func(c map[string]any) {
		drop(org(c)["processing_activities"].([]any)[0].(map[string]any), "transfers")
	})
	out, err := s.Render(context.Background(), Request{Doc: "processing-records", Lang: "en", Format: JSON, Now: now}, data)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Rows []map[string]any }
	if err := json.Unmarshal(out.Body, &doc); err != nil {
		t.Fatal(err)
	}
	if _, ok := doc.Rows[0]["transfers"]; ok {
		t.Errorf("transfers not stated, yet in the JSON: %v", doc.Rows[0]["transfers"])
	}
	if got, ok := doc.Rows[1]["transfers"].([]any); !ok || len(got) != 0 {
		t.Errorf("transfers stated as none: %v", doc.Rows[1]["transfers"])
	}
}
