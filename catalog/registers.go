package catalog

import (
	"time"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/generators/xlsx"
	"github.com/gdprdocs/gdprdocs/locales"
	"github.com/gdprdocs/gdprdocs/templates"
)

// prepareRegisters builds one workbook of every register the case has data for — the
// file a consultancy hands its client — a sheet per register.
func prepareRegisters(c *casedata.Case, req Request, loc *locales.Locale) (*prepared, error) {
	today := req.Now.In(c.Location())
	var tables []*table
	if len(c.Organisation.ProcessingActivities) > 0 {
		r := templates.NewProcessingRecords(c, req.Now, req.Lang)
		all := append(append([]*casedata.Activity{}, r.Controller...), r.Processor...)
		tables = append(tables, activityTable(all, r.Measures, loc, "sheet.activities"))
	}
	if len(c.Breaches) > 0 {
		tables = append(tables, breachTable(templates.NewBreachRegister(c, req.Now, req.Lang), loc))
	}
	if len(c.Requests) > 0 {
		tables = append(tables, requestTable(templates.NewRequestRegister(c, today, req.Lang), loc))
	}
	if len(c.Organisation.AuthorisedPersons) > 0 {
		tables = append(tables, personsTable(templates.NewPersonsRegister(c, req.Now, req.Lang), loc))
	}
	if len(tables) == 0 {
		return nil, casedata.Problems{{Path: "", Code: "no_registers"}}
	}
	return &prepared{
		reference: today.Format(time.DateOnly),
		date:      today,
		workbook: func(title string) *xlsx.Workbook {
			return workbook(title, c.Organisation.Name, req.Lang, today, loc, tables...)
		},
	}, nil
}
