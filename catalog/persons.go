package catalog

import (
	"time"

	"gdprdocs/casedata"
	"gdprdocs/generators/xlsx"
	"gdprdocs/locales"
	"gdprdocs/templates"
)

// preparePersons builds the list of persons authorised to process personal data.
func preparePersons(c *casedata.Case, req Request, loc *locales.Locale) (*prepared, error) {
	v := templates.NewPersonsRegister(c, req.Now, req.Lang)
	return &prepared{view: v, reference: v.Today.Format(time.DateOnly), author: c.Organisation.Name,
		date: v.Today, landscape: true, table: personsTable(v, loc)}, nil
}

// personRecord is one row of the list's JSON.
type personRecord struct {
	Name      string `json:"name"`
	Role      string `json:"role,omitempty"`
	Functions string `json:"functions,omitempty"`
	Systems   string `json:"systems,omitempty"`
	Granted   string `json:"granted,omitempty"`
	Revoked   string `json:"revoked,omitempty"`
}

func personsTable(v *templates.PersonsRegister, loc *locales.Locale) *table {
	day := func(d *casedata.Date) (any, string) {
		if d == nil {
			return nil, ""
		}
		return xlsx.Day{Time: d.Time}, d.Format(time.DateOnly)
	}
	rows := make([][]xlsx.Cell, 0, len(v.Rows))
	records := make([]personRecord, 0, len(v.Rows))
	for _, p := range v.Rows {
		granted, grantedISO := day(p.Granted)
		revoked, revokedISO := day(p.Revoked)
		rows = append(rows, []xlsx.Cell{{Value: p.Name}, {Value: p.Role}, {Value: p.Functions}, {Value: p.Systems},
			{Value: granted}, {Value: revoked}})
		records = append(records, personRecord{Name: p.Name, Role: p.Role, Functions: p.Functions, Systems: p.Systems,
			Granted: grantedISO, Revoked: revokedISO})
	}
	col := func(key string, width float64) xlsx.Column {
		return xlsx.Column{Header: loc.MustText("persons." + key), Width: width}
	}
	return &table{name: loc.MustText("sheet.persons"), rows: rows, records: records, columns: []xlsx.Column{
		col("name", 26), col("role", 26), col("functions", 40), col("systems", 40), col("granted", 14), col("revoked", 14)}}
}
