package casedata

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
)

//go:embed jurisdictions/*.toml
var jurisdictionFiles embed.FS

// Jurisdiction is the data of one legal system: its authority, national law, time zone
// and the section order of the authority's breach form. One embedded file each.
type Jurisdiction struct {
	Code            string        `toml:"code"`
	TimeZone        string        `toml:"time_zone"`
	ChildConsentAge int           `toml:"child_consent_age"`
	Authority       AuthorityData `toml:"authority"`
	Law             Names         `toml:"law"`
	// NationalID names the national identification number ("asmens kodas", "BSN").
	NationalID Names `toml:"national_id"`
	// NationalIDRule is the national rule on that number: "no_marketing" (never
	// published, never used for direct marketing) or "law_only" (used only where a law
	// provides for it); documents word each rule themselves.
	NationalIDRule string `toml:"national_id_rule"`
	// Registration names the number the national register gives an organisation
	// ("juridinio asmens kodas", "KvK-nummer"): in running text (nominative) and as a
	// field's label (label).
	Registration Names `toml:"registration"`
	// CookieLaw names the rule on cookies (the national ePrivacy Art. 5(3)).
	CookieLaw  Names    `toml:"cookie_law"`
	Holidays   Holidays `toml:"holidays"`
	BreachForm Form     `toml:"breach_form"`
}

// AuthorityData is a supervisory authority as the jurisdiction file gives it.
type AuthorityData struct {
	Name            Names  `toml:"name"`
	Short           string `toml:"short"`
	Address         string `toml:"address"`
	Email           string `toml:"email"`
	Phone           string `toml:"phone"`
	Website         string `toml:"website"`
	NotificationURL string `toml:"notification_url"`
	// Submission says, in each language, how the authority takes breach notifications.
	Submission Names `toml:"submission"`
}

// Names is a name per language, each in the grammatical cases the language needs.
type Names map[string]Forms

// Forms is one name in grammatical cases; "nominative" is always there.
type Forms map[string]string

// In returns the name in language lang and grammatical case gc, falling back to the
// nominative when the language does not decline it.
func (n Names) In(lang, gc string) string {
	forms := n[lang]
	if s, ok := forms[gc]; ok {
		return s
	}
	return forms["nominative"]
}

// Form is the order of an authority's breach-notification form.
type Form struct {
	// Layout is how the notice is set out: "letter", a notice sent to the authority
	// and signed, or "online_form", the preparation of the authority's online form
	// when that form is the only way to notify it.
	Layout string `toml:"layout"`
	// Title is, in each language, the title of a notice laid out as an online form:
	// the preparation of that form, named as the authority names it.
	Title       Names         `toml:"title"`
	FirstNumber int           `toml:"first_number"`
	Sections    []FormSection `toml:"sections"`
}

// FormSection is one numbered section of the form and the parts it is made of.
type FormSection struct {
	ID    string   `toml:"id"`
	Parts []string `toml:"parts"`
}

var jurisdictions = sync.OnceValues(func() (map[string]*Jurisdiction, error) {
	names, err := fs.Glob(jurisdictionFiles, "jurisdictions/*.toml")
	if err != nil {
		return nil, err
	}
	out := make(map[string]*Jurisdiction, len(names))
	for _, name := range names {
		var j Jurisdiction
		if _, err := toml.DecodeFS(jurisdictionFiles, name, &j); err != nil {
			return nil, fmt.Errorf("casedata: %s: %w", name, err)
		}
		if _, err := time.LoadLocation(j.TimeZone); err != nil {
			return nil, fmt.Errorf("casedata: %s: %w", name, err)
		}
		switch j.BreachForm.Layout {
		case "":
			j.BreachForm.Layout = "letter"
		case "letter", "online_form":
		default:
			return nil, fmt.Errorf("casedata: %s: breach_form.layout %q is neither letter nor online_form", name, j.BreachForm.Layout)
		}
		out[j.Code] = &j
	}
	return out, nil
})

// LookupJurisdiction returns the jurisdiction with the code ("LT", "NL", "EU").
func LookupJurisdiction(code string) (*Jurisdiction, bool) {
	all, err := jurisdictions()
	if err != nil {
		return nil, false
	}
	j, ok := all[code]
	return j, ok
}

// JurisdictionCodes lists the known jurisdiction codes, sorted.
func JurisdictionCodes() []string {
	all, _ := jurisdictions()
	codes := make([]string, 0, len(all))
	for c := range all {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	return codes
}

// CheckJurisdictions loads every embedded jurisdiction file and reports the first error;
// the program calls it at start-up so that a broken data file stops it there.
func CheckJurisdictions() error {
	_, err := jurisdictions()
	return err
}

// Location is the time zone the case's times are shown in: organisation.time_zone,
// else the jurisdiction's.
func (c *Case) Location() *time.Location {
	if c.Organisation != nil && c.Organisation.TimeZone != "" {
		if loc, err := time.LoadLocation(c.Organisation.TimeZone); err == nil {
			return loc
		}
	}
	if j, ok := LookupJurisdiction(c.jurisdictionCode()); ok {
		if loc, err := time.LoadLocation(j.TimeZone); err == nil {
			return loc
		}
	}
	return time.UTC
}

func (c *Case) jurisdictionCode() string {
	if c.Organisation == nil {
		return ""
	}
	return c.Organisation.Jurisdiction
}

// Jurisdiction returns the case's jurisdiction; Check guarantees it exists.
func (c *Case) Jurisdiction() *Jurisdiction {
	j, _ := LookupJurisdiction(c.jurisdictionCode())
	return j
}

// RegistrationName names an organisation's registration number as the register of
// its jurisdiction does (the EU's generic name for an unknown one), in language lang
// and form: "nominative" in running text, "label" as a field's label ("Juridinio
// asmens kodas", "KvK-nummer").
func RegistrationName(jurisdiction, lang, form string) string {
	j, ok := LookupJurisdiction(jurisdiction)
	if !ok {
		j, _ = LookupJurisdiction("EU")
	}
	return j.Registration.In(lang, form)
}

// RegistrationLabel is the organisation's RegistrationName as a field's label.
func (o *Organisation) RegistrationLabel(lang string) string {
	return RegistrationName(o.Jurisdiction, lang, "label")
}
