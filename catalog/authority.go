package catalog

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/generators/xlsx"
	"github.com/gdprdocs/gdprdocs/locales"
	"github.com/gdprdocs/gdprdocs/templates"
)

// prepareAuthorityNotice selects and assesses the breach to report: a late notice
// without the reasons for the delay is refused (Art. 33(1)).
func prepareAuthorityNotice(c *casedata.Case, req Request, loc *locales.Locale) (*prepared, error) {
	f, err := selectBreach(c, req)
	if err != nil {
		return nil, err
	}
	c, f, on, err := filing(c, f, req)
	if err != nil {
		return nil, err
	}
	if probs := f.NoticeProblems(c, loc.DateTime(f.Deadline)); probs != nil {
		return nil, probs
	}
	v := templates.NewBreachNotice(c, f, req.Lang)
	v.OnBehalf = on
	return &prepared{
		view:      v,
		reference: f.Breach.Reference,
		item:      strconv.Itoa(f.Index),
		date:      f.NoticeAt,
		title:     v.FormTitle(),
		workbook:  func(title string) *xlsx.Workbook { return breachWorkbook(v, loc, title) },
	}, nil
}

// selectBreach finds the breach the request names (the first by default) and derives
// its facts at the request's moment.
func selectBreach(c *casedata.Case, req Request) (*casedata.BreachFacts, error) {
	i, probs := c.SelectBreach(req.Breach)
	if probs != nil {
		return nil, probs
	}
	return c.AssessBreach(i, req.Now), nil
}

// filing is the case and the breach facts a notice to the authority or to the people is
// made from. A controller files its own. A processor files nothing of the kind — it
// tells its controller (breach-controller-notice), and the request is refused saying so —
// unless it acts on the controller's written instruction: then the notice is the
// controller's (Case.OnBehalf), submitted by the processor.
func filing(c *casedata.Case, f *casedata.BreachFacts, req Request) (*casedata.Case, *casedata.BreachFacts, *templates.OnBehalf, error) {
	if !f.Processor {
		return c, f, nil, nil
	}
	if !f.Breach.Instructed() {
		return nil, nil, nil, casedata.Problems{{Path: "/breaches/" + strconv.Itoa(f.Index) + "/role", Code: "processor_notifies_controller"}}
	}
	d, g, probs := c.OnBehalf(f.Index, req.Now)
	if probs != nil {
		return nil, nil, nil, probs
	}
	zone := d.Location() // the controller's: the notice's times are all in one zone
	on := &templates.OnBehalf{Processor: c.Organisation, Instruction: f.Breach.Controller.Instruction, AwareAt: f.AwareAt.In(zone)}
	if f.ControllerNotified {
		on.NotifiedAt = f.ControllerNoticeAt.In(zone)
	}
	return d, g, on, nil
}

// breachWorkbook is the breach notification as a field list in the order of the
// authority's form — one row per question, to copy into the online form — and a sheet of
// the computed deadlines. It is built from the typed case data, not from the Markdown.
func breachWorkbook(v *templates.BreachNotice, loc *locales.Locale, title string) *xlsx.Workbook {
	fl := &fieldList{words: words{loc}, v: v}
	for _, sec := range v.Form {
		fl.section = strconv.Itoa(sec.Number)
		for _, part := range sec.Parts {
			fl.part(part)
		}
	}
	return &xlsx.Workbook{
		Title:          title,
		Subject:        v.Breach.Reference,
		Author:         v.Org.Name,
		Lang:           v.Lang,
		Created:        v.Facts.NoticeAt,
		DateFormat:     loc.MustText("format.xlsx_date"),
		DateTimeFormat: loc.MustText("format.xlsx_datetime"),
		Sheets: []xlsx.Sheet{
			{
				Name:         loc.MustText("sheet.fields"),
				Columns:      []xlsx.Column{{Header: loc.MustText("column.section"), Width: 9}, {Header: loc.MustText("column.field"), Width: 42}, {Header: loc.MustText("column.value"), Width: 90}},
				Rows:         slices.Values(fl.rows),
				FreezeHeader: true,
			},
			deadlineSheet(v, loc),
		},
	}
}

type fieldList struct {
	words
	v       *templates.BreachNotice
	section string
	rows    [][]xlsx.Cell
}

// add appends the row of a field unless its value is empty: the sheet lists what the
// case holds.
func (fl *fieldList) add(field string, value any) {
	fl.addAs(fl.loc.MustText("field."+field), value)
}

// addAs appends a row under its label unless the value is empty.
func (fl *fieldList) addAs(label string, value any) {
	switch v := value.(type) {
	case string:
		if strings.TrimSpace(v) == "" {
			return
		}
	case time.Time:
		if v.IsZero() {
			return
		}
	case nil:
		return
	}
	fl.rows = append(fl.rows, []xlsx.Cell{{Value: fl.section}, {Value: label}, {Value: value}})
}

// part adds the fields of one part of the form, the same parts the template renders.
func (fl *fieldList) part(id string) {
	v, b, f := fl.v, fl.v.Breach, fl.v.Facts
	switch id {
	case "law":
		law := fl.loc.MustText("cite.art33")
		if national := v.Law("nominative"); national != "" {
			law += "; " + national
		}
		fl.add("law", law)
	case "notification":
		fl.add("phase", fl.label("phase", f.Phase()))
		fl.add("reference", b.Reference)
		fl.add("notice_at", f.NoticeAt)
		if b.FollowUp() {
			fl.add("first_notice_at", f.FirstNoticeAt)
			fl.add("changes", b.Changes)
		}
	case "controller":
		o := v.Org
		fl.add("org_name", o.Name)
		fl.addAs(o.RegistrationLabel(fl.loc.Lang()), o.RegistrationCode)
		if a := o.Address; a != nil {
			country := ""
			if a.Country != "" {
				country = fl.loc.Country(a.Country)
			}
			fl.add("address", strings.Join(nonEmpty(a.Street, strings.TrimSpace(a.PostalCode+" "+a.City), country), ", "))
		}
		fl.add("email", o.Email)
		fl.add("phone", o.Phone)
		if d := o.DPO; d != nil {
			fl.add("dpo", strings.Join(nonEmpty(d.Name, d.Organisation, d.Email, d.Phone), ", "))
		} else if c := o.ContactPerson; c != nil {
			fl.add("contact", strings.Join(nonEmpty(c.Name, c.Role, c.Email, c.Phone), ", "))
		}
		if on := v.OnBehalf; on != nil {
			fl.add("submitted_by", on.Processor.Name)
			fl.add("instruction", on.Instruction)
		}
	case "timeline":
		fl.add("occurred_from", v.OccurredFrom)
		fl.add("occurred_to", v.OccurredTo)
		fl.add("aware_at", f.AwareAt)
		fl.add("detected_how", b.DetectedHow)
		fl.add("contained_at", v.ContainedAt)
		fl.add("ongoing", fl.known(v.Ongoing || v.Ended || !v.ContainedAt.IsZero(), v.Ongoing))
		fl.add("deadline", f.Deadline)
		fl.add("late", fl.yesNo(f.Late))
	case "delay":
		if f.Late {
			fl.add("delay_reason", b.DelayReason)
		}
	case "nature":
		fl.add("types", fl.labels("breach_type", b.Types))
		fl.add("cause", fl.label("cause", b.Cause))
		fl.add("breach_description", b.Description)
	case "subjects":
		if s := b.Subjects; s != nil {
			fl.add("subject_categories", fl.labels("subject", s.Categories))
			fl.counts("subjects", s.CountMin, s.CountMax)
		}
	case "records":
		if r := b.Records; r != nil {
			fl.add("data_categories", fl.dataLabels(r.Categories))
			fl.counts("records", r.CountMin, r.CountMax)
		}
	case "sensitive":
		switch {
		case !v.DataKnown:
			fl.add("special_categories", fl.loc.MustText("format.not_established"))
		case len(f.Special) == 0:
			fl.add("special_categories", fl.loc.MustText("format.none"))
		default:
			fl.add("special_categories", fl.labels("data", f.Special))
		}
		fl.add("criminal", fl.known(v.DataKnown, f.Criminal))
		fl.add("national_id", fl.known(v.DataKnown, f.NationalID))
		fl.add("financial", fl.known(v.DataKnown, f.Financial))
		fl.add("credentials", fl.known(v.DataKnown, f.Credentials))
		fl.add("children", fl.known(v.DataKnown, f.Children))
	case "consequences":
		fl.add("consequences", b.Consequences)
		fl.add("risk", fl.label("risk", b.Risk))
		fl.add("risk_rationale", b.RiskRationale)
	case "measures":
		fl.add("measures_taken", fl.list(b.MeasuresTaken, "\n"))
		fl.add("measures_proposed", fl.list(b.MeasuresProposed, "\n"))
	case "protection":
		fl.add("encrypted", fl.known(v.Encrypted || v.Unencrypted, v.Encrypted))
		fl.add("encryption_details", b.EncryptionDetails)
	case "subject_notice":
		if n := b.SubjectNotice; n != nil {
			fl.add("notice_status", fl.label("notice_status", n.Status))
			fl.add("notice_at_subjects", v.SubjectNoticeAt)
			fl.add("channel", fl.label("channel", n.Channel))
			fl.add("exemption", fl.label("exemption", n.Exemption))
			fl.add("notice_summary", n.Summary)
		}
	case "cross_border":
		cb := b.CrossBorder
		if cb == nil {
			fl.add("member_states", fl.loc.MustText("format.not_established"))
			return
		}
		var names []string // nil when the case does not say, empty when it says none
		if cb.MemberStates != nil {
			names = make([]string, len(cb.MemberStates))
		}
		for i, c := range cb.MemberStates {
			names[i] = fl.loc.Country(c)
		}
		fl.add("member_states", fl.list(names, ", "))
		fl.add("lead_authority", cb.LeadAuthority)
	case "other_authorities":
		fl.add("other_authorities", fl.list(b.OtherAuthorities, "; "))
	}
}

// dataLabels names categories of personal data, the national identification numbers by
// the jurisdiction's name for them where it has one, as the notice does.
func (fl *fieldList) dataLabels(codes []string) string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = fl.label("data", c)
		if n := fl.v.NationalID("nominative"); c == "national_id" && n != "" {
			out[i] = n
		}
	}
	return fl.loc.List(out)
}

// counts adds the approximate number as two number cells, so that they can be filtered
// and summed; an unknown bound is left out.
func (fl *fieldList) counts(field string, lo, hi int) {
	if lo > 0 {
		fl.add(field+"_min", lo)
	}
	if hi > 0 {
		fl.add(field+"_max", hi)
	}
}

func deadlineSheet(v *templates.BreachNotice, loc *locales.Locale) xlsx.Sheet {
	f := v.Facts
	row := func(name string, due time.Time, basis string) []xlsx.Cell {
		return []xlsx.Cell{{Value: loc.MustText("deadline." + name)}, {Value: due}, {Value: basis}}
	}
	var rows [][]xlsx.Cell
	if v.OnBehalf == nil {
		// The organisation's own internal deadlines; a processor filing for its
		// controller keeps those in its own register, not in the controller's notice.
		rows = append(rows, row("staff_report", f.StaffReportBy(), loc.MustText("deadline.internal")),
			row("initial_assessment", f.AssessmentBy(), loc.MustText("deadline.internal")))
	}
	rows = append(rows, row("authority", f.Deadline, loc.MustText("cite.art33_1")))
	status := []xlsx.Cell{{Value: loc.MustText("deadline.notice")}, {Value: f.FirstNoticeAt}, {Value: loc.MustText("deadline.on_time")}}
	if f.Late {
		status[2] = xlsx.Cell{Value: loc.MustText("deadline.late")}
	}
	rows = append(rows, status)
	return xlsx.Sheet{
		Name:         loc.MustText("sheet.deadlines"),
		Columns:      []xlsx.Column{{Header: loc.MustText("column.deadline"), Width: 44}, {Header: loc.MustText("column.due"), Width: 20}, {Header: loc.MustText("column.basis"), Width: 36}},
		Rows:         slices.Values(rows),
		FreezeHeader: true,
	}
}

func nonEmpty(items ...string) []string {
	out := items[:0:0]
	for _, s := range items {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
