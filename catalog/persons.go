package catalog

import (
	"time"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/generators/xlsx"
	"github.com/gdprdocs/gdprdocs/locales"
	"github.com/gdprdocs/gdprdocs/templates"
)

// preparePersons builds the list of persons authorised to process personal data.
func preparePersons(c *casedata.Case, req Request, loc *locales.Locale) (*prepared, error) {
	v := templates.NewPersonsRegister(c, req.Now, req.Lang)
	return &prepared{view: v, reference: v.Today.Format(time.DateOnly),
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
	cells := func(p casedata.AuthorisedPerson) []xlsx.Cell {
		granted, _ := day(p.Granted)
		revoked, _ := day(p.Revoked)
		return []xlsx.Cell{{Value: p.Name}, {Value: p.Role}, {Value: p.Functions}, {Value: p.Systems},
			{Value: granted}, {Value: revoked}}
	}
	record := func(p casedata.AuthorisedPerson) personRecord {
		_, granted := day(p.Granted)
		_, revoked := day(p.Revoked)
		return personRecord{Name: p.Name, Role: p.Role, Functions: p.Functions, Systems: p.Systems, Granted: granted, Revoked: revoked}
	}
	col := func(key string, width float64) xlsx.Column {
		return xlsx.Column{Header: loc.MustText("persons." + key), Width: width}
	}
	return &table{name: loc.MustText("sheet.persons"), rows: rowsOf(v.Rows, cells),
		records: func() any { return recordsOf(v.Rows, record) }, columns: []xlsx.Column{
			col("name", 26), col("role", 26), col("functions", 40), col("systems", 40), col("granted", 14), col("revoked", 14)}}
}
