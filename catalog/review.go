package catalog

import (
	"context"
	"strconv"
	"time"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/generators/xlsx"
	"github.com/gdprdocs/gdprdocs/locales"
	"github.com/gdprdocs/gdprdocs/templates"
)

// prepareReviewAct builds the record of the review the request names (the latest by
// default); its spreadsheet is the table of corrective actions.
func prepareReviewAct(c *casedata.Case, req Request, loc *locales.Locale) (*prepared, error) {
	i, probs := c.SelectReview(req.Review)
	if probs != nil {
		return nil, probs
	}
	if c.Reviews[i].Findings == nil {
		// A record that says nothing of its findings would read as "no deficiencies";
		// [] states that there were none.
		return nil, casedata.Problems{{Path: "/reviews/" + strconv.Itoa(i) + "/findings", Code: "required"}}
	}
	v := templates.NewReviewAct(c, i, req.Lang)
	cells := func(a casedata.Action) []xlsx.Cell {
		var due any
		if a.Due != nil {
			due = xlsx.Day{Time: a.Due.Time}
		}
		return []xlsx.Cell{{Value: a.Action}, {Value: a.Owner}, {Value: due}}
	}
	col := func(key string, width float64) xlsx.Column {
		return xlsx.Column{Header: loc.MustText("actions." + key), Width: width}
	}
	return &prepared{view: v, reference: v.Review.Number, date: v.Review.Date.Time, item: strconv.Itoa(i),
		table: &table{name: loc.MustText("sheet.actions"), rows: rowsOf(v.Review.Actions, cells),
			records: func() any { return v.Review.Actions },
			columns: []xlsx.Column{col("action", 60), col("owner", 28), col("due", 14)}}}, nil
}

// prepareProcedure builds an internal procedure, dated document.date or now.
func prepareProcedure(c *casedata.Case, req Request, _ *locales.Locale) (*prepared, error) {
	v := templates.NewProcedure(c, req.Now, req.Lang)
	return internalDocument(v, v), nil
}

// prepareRules builds the processing rules, with their annexes in full unless the
// request asks for them listed.
func prepareRules(c *casedata.Case, req Request, loc *locales.Locale) (*prepared, error) {
	v := templates.NewRules(c, req.Now, req.Lang)
	if len(v.Activities) == 0 {
		return nil, noControllerActivities
	}
	v.Full = req.Annexes != AnnexesList
	if v.Full {
		v.BreachForm = headings(loc, "bregister.", breachFormColumns)
		v.RequestForm = headings(loc, "register.", requestFormColumns)
	}
	return internalDocument(v, v.Procedure), nil
}

// The columns of the blank registers annexed to the processing rules, on landscape
// pages: what the registers record — of a breach its facts, effects and remedial action
// with when and where it happened (Art. 33(5)); of a request what was asked, decided and
// replied (Art. 12, 15–22).
var (
	breachFormColumns = []string{"reference", "aware_at", "occurred_from", "occurred_to", "what_happened", "systems",
		"subjects", "records", "consequences", "measures_taken", "measures_proposed", "authority_notified_at",
		"subjects_informed_at", "recorded_by"}
	requestFormColumns = []string{"number", "received", "subject", "right", "decision", "reasons",
		"replied", "reply_number", "prepared_by", "recorded_by", "comments"}
)

// headings are the locale's column headings of the keys under prefix.
func headings(loc *locales.Locale, prefix string, keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = loc.MustText(prefix + k)
	}
	return out
}

// internalDocument prepares the view of an internal document: its reference is the
// document's version, or its date when it has none.
func internalDocument(view any, p *templates.Procedure) *prepared {
	ref := p.Document.Version
	if ref == "" {
		ref = p.Date.Format(time.DateOnly)
	}
	return &prepared{view: view, reference: ref, date: p.Date}
}

// Schedule is the review schedule of a case as of a day: for each kind of review, the
// last one held, the next due date and whether it is overdue.
type Schedule struct {
	AsOf    string             `json:"as_of"`
	Reviews []ScheduleItemView `json:"reviews"`
	// Warnings are the intervals taken from the defaults because the case sets none.
	Warnings []WarningItem `json:"warnings"`
}

// ScheduleItemView is one kind of review with its label in the requested language.
type ScheduleItemView struct {
	casedata.ScheduleItem
	Label string `json:"label"`
}

// ReviewSchedule decodes a case and lists its review schedule on the day of now.
func (s *Service) ReviewSchedule(ctx context.Context, lang string, now time.Time, caseJSON []byte) (*Schedule, error) {
	loc, err := s.locale(lang)
	if err != nil {
		return nil, err
	}
	c, err := casedata.Parse(ctx, caseJSON, casedata.NeedOrganisation, lang)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	today := now.In(c.Location())
	out := &Schedule{AsOf: today.Format(time.DateOnly)}
	for _, item := range c.ReviewSchedule(today) {
		out.Reviews = append(out.Reviews, ScheduleItemView{ScheduleItem: item, Label: loc.MustText("review_kind." + item.Kind)})
	}
	out.Warnings = WarningItems(defaults(c.Warnings()), loc)
	return out, nil
}
