package templates

import "github.com/gdprdocs/gdprdocs/casedata"

// Authority is the supervisory authority in one language, as the templates print it.
type Authority struct {
	Name            string // nominative
	NameDative      string // "to whom": Valstybinei duomenų apsaugos inspekcijai
	NameGenitive    string
	Short           string
	Address         string
	Email           string
	Phone           string
	Website         string
	NotificationURL string
	// Submission says how the authority takes breach notifications; empty when
	// neither the jurisdiction nor the case says.
	Submission string
}

// authorityOf is the supervisory authority of case c named in language lang: the one in
// organisation.authority when given, else the jurisdiction's.
func authorityOf(c *casedata.Case, lang string) Authority {
	if a := c.Organisation.Authority; a != nil {
		return Authority{Name: a.Name, NameDative: a.Name, NameGenitive: a.Name, Address: a.Address,
			Email: a.Email, Phone: a.Phone, Website: a.Website, NotificationURL: a.NotificationURL,
			Submission: a.Submission}
	}
	d := c.Jurisdiction().Authority
	return Authority{
		Name:            d.Name.In(lang, "nominative"),
		NameDative:      d.Name.In(lang, "dative"),
		NameGenitive:    d.Name.In(lang, "genitive"),
		Short:           d.Short,
		Address:         d.Address,
		Email:           d.Email,
		Phone:           d.Phone,
		Website:         d.Website,
		NotificationURL: d.NotificationURL,
		Submission:      d.Submission.In(lang, "nominative"),
	}
}
