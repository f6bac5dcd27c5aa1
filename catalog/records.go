package catalog

import (
	"slices"
	"strings"
	"time"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/generators/xlsx"
	"github.com/gdprdocs/gdprdocs/locales"
	"github.com/gdprdocs/gdprdocs/templates"
)

// prepareProcessingRecords builds the records of processing activities (Art. 30).
func prepareProcessingRecords(c *casedata.Case, req Request, loc *locales.Locale) (*prepared, error) {
	v := templates.NewProcessingRecords(c, req.Now, req.Lang)
	all := append(append([]*casedata.Activity{}, v.Controller...), v.Processor...)
	return &prepared{
		view: v, reference: v.Today.Format(time.DateOnly), date: v.Today, landscape: true,
		table: activityTable(all, v.Measures, loc, "sheet.activities"),
		workbook: func(title string) *xlsx.Workbook {
			// The controller's records and the processor's (Art. 30(1) and (2)) on sheets of their own.
			tables := []*table{activityTable(v.Controller, v.Measures, loc, "sheet.controller_activities")}
			if len(v.Processor) > 0 {
				tables = append(tables, activityTable(v.Processor, v.Measures, loc, "sheet.processor_activities"))
			}
			wb := workbook(title, c.Organisation.Name, req.Lang, v.Today, loc, tables...)
			wb.Sheets = append([]xlsx.Sheet{organisationSheet(v, loc)}, wb.Sheets...)
			return wb
		},
	}, nil
}

// organisationSheet is the records' first sheet: who keeps them, and when.
func organisationSheet(v *templates.ProcessingRecords, loc *locales.Locale) xlsx.Sheet {
	o := v.Org
	var rows [][]xlsx.Cell
	addAs := func(label string, value any) {
		if s, ok := value.(string); ok && strings.TrimSpace(s) == "" {
			return
		}
		rows = append(rows, []xlsx.Cell{{Value: label}, {Value: value}})
	}
	add := func(key string, value any) { addAs(loc.MustText("records."+key), value) }
	add("organisation", o.Name)
	addAs(o.RegistrationLabel(loc.Lang()), o.RegistrationCode)
	if a := o.Address; a != nil {
		add("address", strings.Join(nonEmpty(a.Street, strings.TrimSpace(a.PostalCode+" "+a.City)), ", "))
	}
	add("contacts", strings.Join(nonEmpty(o.Email, o.Phone), ", "))
	if d := o.DPO; d != nil {
		add("dpo", strings.Join(nonEmpty(d.Name, d.Organisation, d.Email, d.Phone), ", "))
	}
	if r := o.Representative; r != nil {
		add("representative", strings.Join(nonEmpty(r.Name, r.Address, r.Email), ", "))
	}
	add("as_of", xlsx.Day{Time: v.Today})
	return xlsx.Sheet{
		Name:    loc.MustText("sheet.organisation"),
		Columns: []xlsx.Column{{Header: loc.MustText("column.field"), Width: 34}, {Header: loc.MustText("column.value"), Width: 80}},
		Rows:    slices.Values(rows),
	}
}

// activityRecord is one activity in the records' JSON. Lists the case may state as
// empty keep that state: left out when not stated, [] when stated as none.
type activityRecord struct {
	*casedata.Activity
	Recipients        *[]string            `json:"recipients,omitempty"`
	Transfers         *[]casedata.Transfer `json:"transfers,omitempty"`
	SpecialCategories []string             `json:"special_categories,omitempty"`
}

// stated points to a list the case gives, even empty; nil when it gives none.
func stated[T any](list []T) *[]T {
	if list == nil {
		return nil
	}
	return &list
}

// activityTable lists activities with their role, on a sheet named by the message sheet.
// measures are the organisation's, for activities that name none.
func activityTable(all []*casedata.Activity, measures []string, loc *locales.Locale, sheet string) *table {
	w := words{loc}
	cells := func(a *casedata.Activity) []xlsx.Cell {
		role := a.Role
		if role == "" {
			role = "controller"
		}
		basis := w.labels("basis", a.LegalBasis)
		if a.LegitimateInterest != "" {
			basis += " (" + a.LegitimateInterest + ")"
		}
		var transfers []string // nil when the case does not say, empty when it says none
		if a.Transfers != nil {
			transfers = make([]string, 0, len(a.Transfers))
		}
		for _, t := range a.Transfers {
			s := loc.Country(t.Country)
			if t.Recipient != "" {
				s += ", " + t.Recipient
			}
			if t.Safeguard != "" {
				g, _ := loc.Label("safeguard", t.Safeguard)
				s += " (" + g + ")"
			}
			transfers = append(transfers, s)
		}
		security := a.Security
		if security == "" {
			security = w.labels("measure", measures)
		}
		recipients := w.loc.MustText("format.not_established")
		if a.Recipients != nil {
			recipients = w.list(labelsOf(w, "recipient", a.Recipients), "; ")
		}
		controller := ""
		if a.Controller != nil {
			controller = a.Controller.Name
		}
		roleLabel, _ := loc.Label("role", role)
		return []xlsx.Cell{
			{Value: a.ID}, {Value: a.Name}, {Value: roleLabel}, {Value: controller}, {Value: a.Purpose}, {Value: basis},
			{Value: w.labels("special_basis", a.SpecialBasis)}, {Value: w.stated(w.labels("subject", a.Subjects))},
			{Value: w.stated(w.labels("data", a.Data))}, {Value: w.labels("data", a.SpecialData())}, {Value: recipients},
			{Value: w.list(transfers, "; ")}, {Value: w.stated(a.Retention)}, {Value: w.stated(security)},
		}
	}
	record := func(a *casedata.Activity) activityRecord {
		return activityRecord{Activity: a, Recipients: stated(a.Recipients), Transfers: stated(a.Transfers),
			SpecialCategories: a.SpecialData()}
	}
	col := func(key string, width float64) xlsx.Column {
		return xlsx.Column{Header: loc.MustText("records." + key), Width: width}
	}
	return &table{name: loc.MustText(sheet), rows: rowsOf(all, cells),
		records: func() any { return recordsOf(all, record) },
		columns: []xlsx.Column{col("activity_id", 14), col("activity", 24), col("role", 18), col("controller", 24), col("purpose", 40),
			col("legal_basis", 32), col("special_basis", 30), col("subjects", 28), col("data", 36), col("special", 24),
			col("recipients", 30), col("transfers", 32), col("retention", 28), col("security", 40)}}
}
