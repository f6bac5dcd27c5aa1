package catalog

import (
	"time"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/generators/xlsx"
	"github.com/gdprdocs/gdprdocs/locales"
	"github.com/gdprdocs/gdprdocs/templates"
)

// prepareBreachRegister builds the register of every breach of the case (Art. 33(5)),
// notified or not, as of the request's moment.
func prepareBreachRegister(c *casedata.Case, req Request, loc *locales.Locale) (*prepared, error) {
	v := templates.NewBreachRegister(c, req.Now, req.Lang)
	return &prepared{
		view:      v,
		reference: v.Today.Format(time.DateOnly),
		date:      v.Today,
		landscape: true,
		table:     breachTable(v, loc),
	}, nil
}

// breachRecord is one row of the breach register's JSON: codes, RFC 3339 times. A
// fact the case does not give is left out; a list it states as none is [].
type breachRecord struct {
	Reference           string            `json:"reference"`
	RecordedAt          string            `json:"recorded_at,omitempty"`
	AwareAt             string            `json:"aware_at"`
	OccurredFrom        string            `json:"occurred_from,omitempty"`
	OccurredTo          string            `json:"occurred_to,omitempty"`
	ContainedAt         string            `json:"contained_at,omitempty"`
	Ongoing             *bool             `json:"ongoing,omitempty"`
	Deadline            string            `json:"deadline,omitempty"`
	Types               []string          `json:"types"`
	Cause               string            `json:"cause,omitempty"`
	Description         string            `json:"description"`
	Systems             *[]string         `json:"systems,omitempty"`
	Subjects            *casedata.Counted `json:"subjects,omitempty"`
	Records             *casedata.Counted `json:"records,omitempty"`
	Consequences        string            `json:"consequences,omitempty"`
	MeasuresTaken       *[]string         `json:"measures_taken,omitempty"`
	MeasuresProposed    *[]string         `json:"measures_proposed,omitempty"`
	Risk                string            `json:"risk"`
	RiskRationale       string            `json:"risk_rationale,omitempty"`
	AuthorityRequired   bool              `json:"authority_required"`
	AuthorityNotifiedAt string            `json:"authority_notified_at,omitempty"`
	Late                bool              `json:"late"`
	DelayReason         string            `json:"delay_reason,omitempty"`
	SubjectsRequired    bool              `json:"subjects_required"`
	SubjectNotice       *subjectRecord    `json:"subject_notice,omitempty"`
	ReportedBy          string            `json:"reported_by,omitempty"`
	RecordedBy          string            `json:"recorded_by,omitempty"`
}

type subjectRecord struct {
	Status    string `json:"status"`
	At        string `json:"at,omitempty"`
	Channel   string `json:"channel,omitempty"`
	Exemption string `json:"exemption,omitempty"`
}

// breachTable is the breach register as typed rows.
func breachTable(v *templates.BreachRegister, loc *locales.Locale) *table {
	w := words{loc}
	moment := func(ts *casedata.Timestamp, zone *time.Location) any {
		if ts == nil {
			return nil
		}
		return ts.In(zone)
	}
	rfc := func(ts *casedata.Timestamp) string {
		if ts == nil {
			return ""
		}
		return ts.Format(time.RFC3339)
	}
	// counts are number cells, left empty when not known.
	counts := func(c *casedata.Counted) (lo, hi any) {
		if c == nil {
			return nil, nil
		}
		if c.CountMin > 0 {
			lo = c.CountMin
		}
		if c.CountMax > 0 {
			hi = c.CountMax
		}
		return lo, hi
	}
	// build makes a breach's cells and its JSON record together: they share the labels.
	// known is a moment, or "not yet established" when the case does not give it.
	known := func(t time.Time) any {
		if t.IsZero() {
			return loc.MustText("format.not_established")
		}
		return t
	}
	// ended is when the breach ended or was contained, or what the case says instead.
	ended := func(e *templates.BreachEntry) any {
		switch {
		case !e.OccurredTo.IsZero():
			return e.OccurredTo
		case !e.ContainedAt.IsZero():
			return e.ContainedAt
		case e.Ongoing:
			return loc.MustText("bregister.ongoing")
		case e.Ended:
			return loc.MustText("bregister.ended_unrecorded")
		}
		return loc.MustText("format.not_established")
	}
	build := func(e *templates.BreachEntry) ([]xlsx.Cell, breachRecord) {
		f := e.BreachFacts
		b := f.Breach
		zone := f.AwareAt.Location()
		subjMin, subjMax := counts(b.Subjects)
		recMin, recMax := counts(b.Records)
		var subjCats, recCats string
		if b.Subjects != nil {
			subjCats = w.labels("subject", b.Subjects.Categories)
		}
		if b.Records != nil {
			recCats = w.labels("data", b.Records.Categories)
		}
		authority := loc.MustText("bregister.not_required")
		switch {
		case f.Notified:
			authority = ""
		case f.Processor:
			authority = loc.MustText("bregister.controller_duty")
		case f.NotifyAuthority:
			authority = loc.MustText("bregister.not_yet")
		}
		var deadline any // none for a processor while its controller's awareness is unknown
		deadlineRFC := ""
		if !f.Deadline.IsZero() {
			deadline, deadlineRFC = f.Deadline, f.Deadline.Format(time.RFC3339)
		}
		subjects := ""
		var sr *subjectRecord
		if n := b.SubjectNotice; n != nil {
			sr = &subjectRecord{Status: n.Status, At: rfc(n.At), Channel: n.Channel, Exemption: n.Exemption}
			subjects = w.label("notice_status", n.Status)
			if n.Exemption != "" {
				subjects += ": " + w.label("exemption", n.Exemption)
			}
		} else if f.Processor {
			subjects = loc.MustText("bregister.controller_duty")
		} else if f.NotifySubjects {
			subjects = loc.MustText("bregister.not_recorded")
		} else {
			subjects = loc.MustText("bregister.not_required")
		}
		var noticeAt any
		if n := b.SubjectNotice; n != nil {
			noticeAt = moment(n.At, zone)
		}
		cells := []xlsx.Cell{
			{Value: b.Reference}, {Value: moment(b.RecordedAt, zone)}, {Value: f.AwareAt},
			{Value: known(e.OccurredFrom)}, {Value: ended(e)}, {Value: deadline},
			{Value: w.labels("breach_type", b.Types)}, {Value: w.label("cause", b.Cause)},
			{Value: b.Description}, {Value: w.list(b.Systems, "\n")},
			{Value: subjCats}, {Value: subjMin}, {Value: subjMax}, {Value: recCats}, {Value: recMin}, {Value: recMax},
			{Value: w.stated(b.Consequences)}, {Value: w.list(b.MeasuresTaken, "\n")}, {Value: w.list(b.MeasuresProposed, "\n")},
			{Value: w.label("risk", b.Risk)}, {Value: b.RiskRationale},
			{Value: moment(b.AuthorityNotifiedAt, zone)}, {Value: authority}, {Value: w.yesNo(f.Late && f.NotifyAuthority)}, {Value: b.DelayReason},
			{Value: subjects}, {Value: noticeAt}, {Value: b.ReportedBy}, {Value: b.RecordedBy},
		}
		return cells, breachRecord{
			Reference: b.Reference, RecordedAt: rfc(b.RecordedAt), AwareAt: f.AwareAt.Format(time.RFC3339),
			OccurredFrom: rfc(b.OccurredFrom), OccurredTo: rfc(b.OccurredTo), ContainedAt: rfc(b.ContainedAt), Ongoing: b.Ongoing,
			Deadline: deadlineRFC, Types: b.Types, Cause: b.Cause, Description: b.Description, Systems: stated(b.Systems),
			Subjects: b.Subjects, Records: b.Records, Consequences: b.Consequences,
			MeasuresTaken: stated(b.MeasuresTaken), MeasuresProposed: stated(b.MeasuresProposed), Risk: b.Risk, RiskRationale: b.RiskRationale,
			AuthorityRequired: f.NotifyAuthority, AuthorityNotifiedAt: rfc(b.AuthorityNotifiedAt), Late: f.Late && f.NotifyAuthority,
			DelayReason: b.DelayReason, SubjectsRequired: f.NotifySubjects, SubjectNotice: sr,
			ReportedBy: b.ReportedBy, RecordedBy: b.RecordedBy,
		}
	}
	col := func(key string, width float64) xlsx.Column {
		return xlsx.Column{Header: loc.MustText("bregister." + key), Width: width}
	}
	var risks []string
	for _, code := range casedata.RiskLevels.Codes {
		risks = append(risks, w.label("risk", code))
	}
	risk := col("risk", 22)
	risk.Choices = risks
	columns := []xlsx.Column{
		col("reference", 14), col("recorded_at", 16), col("aware_at", 16), col("occurred_from", 16), col("occurred_to", 18),
		col("deadline", 16), col("types", 30), col("cause", 24), col("what_happened", 60), col("systems", 30),
		col("subjects", 24), col("subjects_min", 10), col("subjects_max", 10), col("records", 30), col("records_min", 10), col("records_max", 10),
		col("consequences", 45), col("measures_taken", 45), col("measures_proposed", 45), risk, col("risk_rationale", 36),
		col("authority_notified_at", 16), col("authority_status", 28), col("late", 10), col("delay_reason", 36),
		col("subjects_informed", 28), col("subjects_informed_at", 16), col("reported_by", 20), col("recorded_by", 20),
	}
	return &table{name: loc.MustText("sheet.breaches"), columns: columns,
		rows: rowsOf(v.Rows, func(e *templates.BreachEntry) []xlsx.Cell { c, _ := build(e); return c }),
		records: func() any {
			return recordsOf(v.Rows, func(e *templates.BreachEntry) breachRecord { _, r := build(e); return r })
		}}
}
