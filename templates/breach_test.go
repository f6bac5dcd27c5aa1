package templates

import (
	"testing"

	"github.com/gdprdocs/gdprdocs/casedata"
)

// Every jurisdiction's authority form can be rendered in every language: its layout has a
// head and a foot, and every section and part it lists has a template of that layout.
func TestEveryFormPartHasATemplate(t *testing.T) {
	set := embedded(t)
	for _, code := range casedata.JurisdictionCodes() {
		j, _ := casedata.LookupJurisdiction(code)
		names := []string{"authority." + j.BreachForm.Layout + ".head", "authority." + j.BreachForm.Layout + ".foot"}
		for _, sec := range j.BreachForm.Sections {
			names = append(names, "authority."+j.BreachForm.Layout+".title."+sec.ID)
			for _, p := range sec.Parts {
				names = append(names, "authority."+j.BreachForm.Layout+".part."+p)
			}
		}
		for lang, root := range set.byLang {
			for _, n := range names {
				if root.Lookup(n) == nil {
					t.Errorf("%s in %s: no template %q", code, lang, n)
				}
			}
			if j.BreachForm.Layout == "online_form" && j.BreachForm.Title.In(lang, "nominative") == "" {
				t.Errorf("%s in %s: an online form without a title", code, lang)
			}
		}
	}
}
