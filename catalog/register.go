package catalog

import (
	"time"

	"gdprdocs/casedata"
	"gdprdocs/generators/xlsx"
	"gdprdocs/locales"
	"gdprdocs/templates"
)

// prepareRequestRegister builds the register of data-subject requests as of the
// request's day, in the case's time zone.
func prepareRequestRegister(c *casedata.Case, req Request, loc *locales.Locale) (*prepared, error) {
	today := req.Now.In(c.Location())
	v := templates.NewRequestRegister(c, today, req.Lang)
	return &prepared{
		view:      v,
		reference: today.Format(time.DateOnly),
		author:    c.Organisation.Name,
		date:      today,
		landscape: true,
		workbook:  func(title string) *xlsx.Workbook { return requestWorkbook(v, loc, title) },
	}, nil
}

// requestWorkbook is the register as a spreadsheet: one typed row per request, a
// drop-down of decisions, a filter, and a landscape print set-up.
func requestWorkbook(v *templates.RequestRegister, loc *locales.Locale, title string) *xlsx.Workbook {
	label := func(kind, code string) string {
		if code == "" {
			return ""
		}
		s, _ := loc.Label(kind, code)
		return s
	}
	yes := func(b bool) any {
		if b {
			return loc.MustText("format.yes")
		}
		return loc.MustText("format.no")
	}
	day := func(d *casedata.Date) any {
		if d == nil {
			return nil
		}
		return xlsx.Day{Time: d.Time}
	}
	rows := make([][]xlsx.Cell, 0, len(v.Rows))
	for _, f := range v.Rows {
		r := f.Request
		var extendedDue any
		if r.Extended {
			extendedDue = xlsx.Day{Time: f.ExtendedDue}
		}
		decision := r.Decision
		if decision == "" {
			decision = "pending"
		}
		rows = append(rows, []xlsx.Cell{
			{Value: r.Number}, {Value: day(r.ReceivedAt)}, {Value: r.Subject}, {Value: label("right", r.Right)},
			{Value: xlsx.Day{Time: f.Due}}, {Value: yes(r.Extended)}, {Value: extendedDue}, {Value: r.ExtensionReason},
			{Value: label("decision", decision)}, {Value: r.Reasons}, {Value: day(r.RepliedAt)}, {Value: r.ReplyNumber},
			{Value: r.PreparedBy}, {Value: r.RecordedBy}, {Value: r.Comments}, {Value: yes(f.Overdue)},
		})
	}
	var decisions []string
	for _, code := range []string{"granted", "partial", "refused", "pending"} {
		decisions = append(decisions, label("decision", code))
	}
	col := func(key string, width float64) xlsx.Column {
		return xlsx.Column{Header: loc.MustText("register." + key), Width: width}
	}
	columns := []xlsx.Column{
		col("number", 9), col("received", 13), col("subject", 24), col("right", 28), col("due", 13), col("extended", 10),
		col("extended_due", 13), col("extension_reason", 28), col("decision", 20), col("reasons", 32), col("replied", 13),
		col("reply_number", 12), col("prepared_by", 20), col("recorded_by", 20), col("comments", 32), col("overdue", 11),
	}
	columns[8].Choices = decisions
	page, _ := loc.Text("format.page", map[string]any{"Page": "&P", "Pages": "&N"})
	return &xlsx.Workbook{
		Title: title, Author: v.Org.Name, Lang: v.Lang, Created: v.Today,
		DateFormat: loc.MustText("format.xlsx_date"), DateTimeFormat: loc.MustText("format.xlsx_datetime"),
		Sheets: []xlsx.Sheet{{
			Name: loc.MustText("sheet.requests"), Columns: columns, Rows: rows, FreezeHeader: true, Filter: true,
			Print: &xlsx.Print{Landscape: true, Footer: "&L&A&R" + page},
		}},
	}
}
