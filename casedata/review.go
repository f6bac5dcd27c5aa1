package casedata

import (
	"strconv"
	"strings"
	"time"
)

// NextReview is when the next review of a kind is due after one held on day last: the
// interval counted in months (the last day of a shorter month); no working-day shift,
// since a review is an internal deadline.
func (c *Case) NextReview(kind string, last time.Time) time.Time {
	months := c.Settings().ReviewInterval(kind)
	first := time.Date(last.Year(), last.Month()+time.Month(months), 1, 0, 0, 0, 0, time.UTC)
	lastDay := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(last.Day(), lastDay), 0, 0, 0, 0, time.UTC)
}

// ScheduleItem is the state of one kind of review.
type ScheduleItem struct {
	Kind           string `json:"kind"`
	IntervalMonths int    `json:"interval_months"`
	LastReview     string `json:"last_review,omitempty"` // YYYY-MM-DD; empty when never held
	LastNumber     string `json:"last_number,omitempty"`
	NextDue        string `json:"next_due,omitempty"` // empty when never held: due now
	Overdue        bool   `json:"overdue"`
}

// ReviewSchedule lists, for every kind of review, the last one held, the next due date
// and whether it is overdue on day today. A kind never reviewed is overdue.
func (c *Case) ReviewSchedule(today time.Time) []ScheduleItem {
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	out := make([]ScheduleItem, 0, len(ReviewKinds.Codes))
	for _, kind := range ReviewKinds.Codes {
		item := ScheduleItem{Kind: kind, IntervalMonths: c.Settings().ReviewInterval(kind), Overdue: true}
		var last *Review
		for i := range c.Reviews {
			r := &c.Reviews[i]
			if r.Kind == kind && r.Date != nil && (last == nil || r.Date.After(last.Date.Time)) {
				last = r
			}
		}
		if last != nil {
			next := c.NextReview(kind, last.Date.Time)
			item.LastReview, item.LastNumber = last.Date.Format(time.DateOnly), last.Number
			item.NextDue = next.Format(time.DateOnly)
			item.Overdue = day.After(next)
		}
		out = append(out, item)
	}
	return out
}

// SelectReview returns the index of the review with the number, or of the latest review
// (by date) when number is empty.
func (c *Case) SelectReview(number string) (int, Problems) {
	if len(c.Reviews) == 0 {
		return -1, Problems{{Path: "/reviews", Code: "no_review"}}
	}
	if number == "" {
		latest := 0
		for i := range c.Reviews {
			if c.Reviews[i].Date != nil && c.Reviews[i].Date.After(c.Reviews[latest].Date.Time) {
				latest = i
			}
		}
		return latest, nil
	}
	for i := range c.Reviews {
		if c.Reviews[i].Number == number {
			return i, nil
		}
	}
	numbers := make([]string, 0, len(c.Reviews))
	for _, r := range c.Reviews {
		if r.Number != "" {
			numbers = append(numbers, r.Number)
		}
	}
	return -1, Problems{{Path: "/reviews", Code: "review_not_found", Args: map[string]any{
		"Number": number, "Numbers": strings.Join(numbers, ", ")}}}
}

func (v *validator) reviews(rs []Review) {
	for i, r := range rs {
		p := "/reviews/" + strconv.Itoa(i)
		v.required(p+"/number", r.Number)
		v.code(p+"/kind", r.Kind, ReviewKinds.Codes)
		if r.Date == nil {
			v.add(p+"/date", "required", nil)
		}
		if r.PeriodFrom != nil && r.PeriodTo != nil && r.PeriodTo.Before(r.PeriodFrom.Time) {
			v.add(p+"/period_to", "not_before", map[string]any{"Other": p + "/period_from"})
		}
		for j, a := range r.Actions {
			v.required(p+"/actions/"+strconv.Itoa(j)+"/action", a.Action)
		}
	}
}
