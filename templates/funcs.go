package templates

import (
	"reflect"
	"strings"
	"text/template"
	"time"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/locales"
)

// funcs are the functions every template of one language can call. Each returns
// Markdown-safe text: our own wording from the locale files, or user text escaped.
func funcs(l *locales.Locale, root *template.Template) template.FuncMap {
	label := func(kind, code string) string {
		if s, known := l.Label(kind, code); known {
			return s
		}
		return Inline(code) // coded-or-free: an unknown code is the user's own text
	}
	return template.FuncMap{
		// t is a message of the locale file: t "format.yes".
		"t": func(id string) (string, error) { return l.Text(id, nil) },
		// md escapes one line of user text; para escapes text that may hold paragraphs.
		"md":   Inline,
		"para": Paragraphs,
		// label renders a code in the language, or free text as given: label "cause" .Cause.
		"label": label,
		// labels renders a list of codes joined as the language lists things.
		"labels": func(kind string, codes []string) string {
			out := make([]string, len(codes))
			for i, c := range codes {
				out[i] = label(kind, c)
			}
			return l.List(out)
		},
		// datalabels is labels for categories of personal data, with the jurisdiction's
		// name for national identification numbers in place of the general one when
		// there is one: datalabels "data_accusative" .Categories ($.NationalID "accusative").
		"datalabels": func(kind string, codes []string, nationalID string) string {
			out := make([]string, len(codes))
			for i, c := range codes {
				if c == "national_id" && nationalID != "" {
					out[i] = Inline(nationalID)
					continue
				}
				out[i] = label(kind, c)
			}
			return l.List(out)
		},
		// mdlist joins escaped user texts as a list in a sentence: "A, B ir C".
		"mdlist": func(items []string) string {
			out := make([]string, len(items))
			for i, s := range items {
				out[i] = Inline(s)
			}
			return l.List(out)
		},
		// sentences joins escaped user sentences in running text, each ending in a stop.
		"sentences": func(items []string) string {
			out := make([]string, 0, len(items))
			for _, item := range items {
				if item = Inline(item); item != "" {
					if !strings.ContainsAny(item[len(item)-1:], ".!?") {
						item += "."
					}
					out = append(out, item)
				}
			}
			return strings.Join(out, " ")
		},
		"date": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return l.Date(t)
		},
		// shortdate is a day in a table column: "2026-08-03".
		"shortdate": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return l.ShortDate(t)
		},
		"datetime": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return l.DateTime(t)
		},
		// expiry is a cookie's lifetime in words: "2 metai", "30 minučių", "sessie".
		"expiry": func(code string) string { return Inline(Expiry(l, code)) },
		// within is a count after a preposition taking the accusative: "per 24 valandas".
		"within": l.CountAccusative,
		// count is an approximate number of a noun: count "person" 120 300.
		"count": l.Range,
		// country names a country code in the language; countries lists several.
		"country": func(code string) string { return Inline(l.Country(code)) },
		"countries": func(codes []string) string {
			out := make([]string, len(codes))
			for i, c := range codes {
				out[i] = Inline(l.Country(c))
			}
			return l.List(out)
		},
		// address is a postal address on one line, the parts the case gives joined:
		// "Gedimino pr. 1, LT-01103 Vilnius, Lietuva".
		"address": func(a *casedata.Address) string {
			if a == nil {
				return ""
			}
			var parts []string
			for _, s := range []string{a.Street, strings.TrimSpace(a.PostalCode + " " + a.City)} {
				if s = strings.TrimSpace(s); s != "" {
					parts = append(parts, Inline(s))
				}
			}
			if a.Country != "" {
				parts = append(parts, Inline(l.Country(a.Country)))
			}
			return strings.Join(parts, ", ")
		},
		// registration names an organisation's registration number as the register
		// of its jurisdiction does, in running text ("nominative") or as a field's
		// label ("label"): {{registration .Org.Jurisdiction "nominative"}}.
		"registration": func(jurisdiction, form string) string {
			return casedata.RegistrationName(jurisdiction, l.Lang(), form)
		},
		// given reports whether the case states a list at all: an absent list is not
		// yet established, an empty one says "none". {{if given .Breach.MeasuresTaken}}.
		"given": given,
		// names lists the names of activities in a sentence: "A, B ir C".
		"names": func(as []*casedata.Activity) string {
			out := make([]string, len(as))
			for i, a := range as {
				out[i] = Inline(a.Name)
			}
			return l.List(out)
		},
		// add1 numbers from one: {{add1 $i}}.
		"add1": func(i int) int { return i + 1 },
		// anchor makes an HTML id from user text: lower-case letters, digits and hyphens.
		"anchor": casedata.Anchor,
		// activity is the cross-reference label of a processing activity's clause.
		"activity": activityLabel,
		// refs lists references to the clauses of activities: "[](#activity-a) ir [](#activity-b)".
		"refs": func(as []*casedata.Activity) string {
			out := make([]string, len(as))
			for i, a := range as {
				out[i] = "[](#" + activityLabel(a.ID) + ")"
			}
			return l.List(out)
		},
		"include": include(root),
		// sections is another document's text without its title and header, to annex.
		"sections": sections(root),
	}
}

// given reports whether v — a list or an optional value — is stated at all: nil is
// "not given", an empty list is "given as none".
func given(v any) bool {
	if v == nil {
		return false
	}
	switch r := reflect.ValueOf(v); r.Kind() {
	case reflect.Slice, reflect.Pointer, reflect.Map:
		return !r.IsNil()
	}
	return true
}

// activityLabel is the cross-reference label of the clause on activity id.
func activityLabel(id string) string { return "activity-" + casedata.Anchor(id) }
