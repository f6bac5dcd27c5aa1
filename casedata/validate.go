package casedata

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Sections names the top-level parts of a case a document needs.
type Sections uint

// The sections a document can need.
const (
	NeedOrganisation Sections = 1 << iota
	NeedBreaches
	NeedRequests
	NeedAuthorisedPersons
	NeedActivities
	NeedCookies
	NeedReviews
	// NeedRegisters checks whichever register sections the case has.
	NeedRegisters
)

var countryCodeRe = regexp.MustCompile(`^[A-Z]{2}$`)

// Check validates a decoded case for a document that needs the given sections and
// returns every problem found, sorted by path; nil when the case is fine.
func Check(c *Case, needs Sections) Problems {
	var v validator
	if c.Version != 0 && c.Version != 1 {
		v.add("/version", "version", nil)
	}
	if needs != 0 {
		v.organisation(c.Organisation)
	}
	v.present(c, needs)
	if needs&NeedRegisters != 0 {
		needs |= NeedAuthorisedPersons | NeedRequests | NeedActivities
		if len(c.Breaches) > 0 {
			needs |= NeedBreaches
		}
	}
	if needs&NeedBreaches != 0 {
		for i := range c.Breaches {
			v.breach("/breaches/"+strconv.Itoa(i), &c.Breaches[i])
		}
	}
	if needs&NeedRequests != 0 {
		v.requests(c.Requests)
	}
	if needs != 0 {
		v.reviews(c.Reviews)
	}
	if needs&NeedCookies != 0 && c.Organisation != nil {
		v.cookies(c.Organisation.Cookies)
	}
	if needs&NeedActivities != 0 && c.Organisation != nil {
		v.activities(c.Organisation.ProcessingActivities)
	}
	if needs&NeedAuthorisedPersons != 0 && c.Organisation != nil {
		for i, p := range c.Organisation.AuthorisedPersons {
			pp := "/organisation/authorised_persons/" + strconv.Itoa(i)
			v.required(pp+"/name", p.Name)
			if p.Granted != nil && p.Revoked != nil && p.Revoked.Before(p.Granted.Time) {
				v.add(pp+"/revoked", "not_before", map[string]any{"Other": pp + "/granted"})
			}
		}
	}
	v.probs.Sort()
	if len(v.probs) == 0 {
		return nil
	}
	return v.probs
}

type validator struct{ probs Problems }

// present reports each section a document needs that the case leaves out. Absent is not
// empty: a section given as [] says "none" — an empty register, a website without
// cookies — and the document says so; a section not given at all is not known, and a
// document that needs it is refused with its path.
func (v *validator) present(c *Case, needs Sections) {
	if needs&NeedBreaches != 0 && c.Breaches == nil {
		v.add("/breaches", "no_breach", nil)
	}
	if needs&NeedRequests != 0 && c.Requests == nil {
		v.add("/requests", "required", nil)
	}
	if needs&NeedReviews != 0 && len(c.Reviews) == 0 {
		v.add("/reviews", "no_review", nil)
	}
	o := c.Organisation
	if o == nil {
		return // reported by organisation
	}
	if needs&NeedActivities != 0 && o.ProcessingActivities == nil {
		v.add("/organisation/processing_activities", "required", nil)
	}
	if needs&NeedCookies != 0 && o.Cookies == nil {
		v.add("/organisation/cookies", "required", nil)
	}
	if needs&NeedAuthorisedPersons != 0 && o.AuthorisedPersons == nil {
		v.add("/organisation/authorised_persons", "required", nil)
	}
}

func (v *validator) add(path, code string, args map[string]any) { v.probs.add(path, code, args) }

func (v *validator) required(path, value string) {
	if strings.TrimSpace(value) == "" {
		v.add(path, "required", nil)
	}
}

// code checks a required field that takes one of the allowed codes.
func (v *validator) code(path, value string, allowed []string) {
	if value == "" {
		v.add(path, "required", nil)
		return
	}
	v.oneOf(path, value, allowed)
}

func (v *validator) oneOf(path, value string, allowed []string) {
	if value != "" && !slices.Contains(allowed, value) {
		v.add(path, "unknown_code", map[string]any{"Allowed": strings.Join(allowed, ", ")})
	}
}

func (v *validator) country(path, code string) {
	if code != "" && !countryCodeRe.MatchString(code) {
		v.add(path, "country", nil)
	}
}

func (v *validator) notBefore(path string, t, earlier *Timestamp, otherPath string) {
	if t != nil && earlier != nil && t.Before(earlier.Time) {
		v.add(path, "not_before", map[string]any{"Other": otherPath})
	}
}

func (v *validator) organisation(o *Organisation) {
	const p = "/organisation"
	if o == nil {
		v.add(p, "required", nil)
		return
	}
	v.required(p+"/name", o.Name)
	v.code(p+"/jurisdiction", o.Jurisdiction, JurisdictionCodes())
	if o.Jurisdiction == "EU" {
		if o.Authority == nil {
			v.add(p+"/authority", "authority_required", nil)
		}
	}
	if o.Authority != nil {
		v.required(p+"/authority/name", o.Authority.Name)
	}
	if o.TimeZone != "" {
		if _, err := time.LoadLocation(o.TimeZone); err != nil || !strings.Contains(o.TimeZone, "/") {
			v.add(p+"/time_zone", "time_zone", nil)
		}
	}
	if o.Address != nil {
		v.country(p+"/address/country", o.Address.Country)
	}
	if o.Head != nil {
		v.required(p+"/head/name", o.Head.Name)
	}
	if o.DPO != nil {
		v.required(p+"/dpo/name", o.DPO.Name)
	}
	if o.ContactPerson != nil {
		v.required(p+"/contact_person/name", o.ContactPerson.Name)
	}
	if o.Representative != nil {
		v.required(p+"/representative/name", o.Representative.Name)
	}
	for i, pr := range o.Processors {
		pp := p + "/processors/" + strconv.Itoa(i)
		v.required(pp+"/name", pr.Name)
		v.country(pp+"/country", pr.Country)
	}
	if s := o.Security; s != nil {
		for name, n := range map[string]int{
			"staff_report_hours": s.StaffReportHours, "initial_assessment_hours": s.InitialAssessmentHours,
			"processor_notice_hours": s.ProcessorNoticeHours, "password_min_length": s.PasswordMinLength,
			"max_failed_logins":           s.MaxFailedLogins,
			"access_log_retention_months": s.AccessLogRetentionMonths, "access_log_review_months": s.AccessLogReviewMonths,
			"records_review_months": s.RecordsReviewMonths, "rules_review_months": s.RulesReviewMonths,
			"training_interval_months": s.TrainingIntervalMonths,
		} {
			if n < 0 {
				v.add(p+"/security/"+name, "negative", nil)
			}
		}
		if n := s.PasswordRotationMonths; n != nil && *n < 0 {
			v.add(p+"/security/password_rotation_months", "negative", nil)
		}
	}
}

func (v *validator) breach(p string, b *Breach) {
	v.required(p+"/reference", b.Reference)
	v.oneOf(p+"/role", b.Role, Roles.Codes)
	switch {
	case b.Role == "processor" && b.Controller == nil:
		v.add(p+"/controller", "required", nil)
	case b.Role == "processor":
		v.controller(p+"/controller", b.Controller)
	case b.Controller != nil && b.Role == "":
		// A controller named for the breach says it happened at a processor; the role
		// must say so, or the notices would be made in the processor's name.
		v.add(p+"/role", "required", nil)
	case b.Controller != nil:
		v.add(p+"/controller", "conflicts", map[string]any{"Other": p + "/role"})
	}
	v.oneOf(p+"/phase", b.Phase, Phases.Codes)
	if b.FollowUp() && b.AuthorityNotifiedAt == nil {
		// A follow-up refers to the first notice, so its date must be known.
		v.add(p+"/authority_notified_at", "required", nil)
	}
	if b.AwareAt == nil {
		v.add(p+"/aware_at", "required", nil)
	}
	v.notBefore(p+"/occurred_to", b.OccurredTo, b.OccurredFrom, p+"/occurred_from")
	v.notBefore(p+"/aware_at", b.AwareAt, b.OccurredFrom, p+"/occurred_from")
	v.notBefore(p+"/authority_notified_at", b.AuthorityNotifiedAt, b.AwareAt, p+"/aware_at")
	v.notBefore(p+"/controller_notified_at", b.ControllerNotifiedAt, b.AwareAt, p+"/aware_at")
	if b.Ongoing != nil && *b.Ongoing && b.ContainedAt != nil {
		v.add(p+"/ongoing", "conflicts", map[string]any{"Other": p + "/contained_at"})
	}
	if len(b.Types) == 0 {
		v.add(p+"/types", "required", nil)
	}
	for i, t := range b.Types {
		v.oneOf(p+"/types/"+strconv.Itoa(i), t, BreachTypes.Codes)
	}
	v.required(p+"/description", b.Description)
	v.counted(p+"/subjects", b.Subjects)
	v.counted(p+"/records", b.Records)
	v.code(p+"/risk", b.Risk, RiskLevels.Codes)
	if n := b.SubjectNotice; n != nil {
		np := p + "/subject_notice"
		v.code(np+"/status", n.Status, NoticeStatuses.Codes)
		v.oneOf(np+"/exemption", n.Exemption, Exemptions.Codes)
		if n.Exemption == "encrypted" && b.Encrypted != nil && !*b.Encrypted {
			v.add(np+"/exemption", "conflicts", map[string]any{"Other": p + "/encrypted"})
		}
		if n.Status == "no" && n.Exemption == "" {
			v.add(np+"/exemption", "required", nil)
		}
	}
	if cb := b.CrossBorder; cb != nil {
		for i, c := range cb.MemberStates {
			v.country(p+"/cross_border/member_states/"+strconv.Itoa(i), c)
		}
	}
}

func (v *validator) controller(p string, c *BreachController) {
	v.required(p+"/name", c.Name)
	v.oneOf(p+"/jurisdiction", c.Jurisdiction, JurisdictionCodes())
	if c.Authority != nil {
		v.required(p+"/authority/name", c.Authority.Name)
	}
	if c.Contact != nil {
		v.required(p+"/contact/name", c.Contact.Name)
	}
}

func (v *validator) counted(p string, c *Counted) {
	if c == nil {
		return
	}
	if c.CountMin < 0 {
		v.add(p+"/count_min", "negative", nil)
	}
	if c.CountMax < 0 {
		v.add(p+"/count_max", "negative", nil)
	}
	if c.CountMax > 0 && c.CountMin > c.CountMax {
		v.add(p+"/count_min", "min_over_max", nil)
	}
}

// Parse decodes a case for a document in language lang (see Decode: the free text in
// that language, fallbacks among the case's warnings) and checks it for a document that
// needs the given sections, returning every problem of both steps in one Problems,
// sorted by path. A value the decoder refused is reported once: the checks do not add
// "required" for it. Parse takes time linear in the input and stops with ctx's error
// when ctx is done.
func Parse(ctx context.Context, data []byte, needs Sections, lang string) (*Case, error) {
	return parse(ctx, data, lang, func(*Case) Sections { return needs })
}

// ParseGiven is Parse for a case on its own, not for a document: it checks the case
// as a document that reads every section the case gives would (Given), so that each
// document the case can make, it makes without a problem of its data.
func ParseGiven(ctx context.Context, data []byte, lang string) (*Case, error) {
	return parse(ctx, data, lang, (*Case).Given)
}

// Given are the sections a case gives: the organisation always, and each register
// and list the case holds, empty ones included.
func (c *Case) Given() Sections {
	needs := NeedOrganisation
	if c.Breaches != nil {
		needs |= NeedBreaches
	}
	if c.Requests != nil {
		needs |= NeedRequests
	}
	if len(c.Reviews) > 0 {
		needs |= NeedReviews
	}
	if o := c.Organisation; o != nil {
		if o.ProcessingActivities != nil {
			needs |= NeedActivities
		}
		if o.Cookies != nil {
			needs |= NeedCookies
		}
		if o.AuthorisedPersons != nil {
			needs |= NeedAuthorisedPersons
		}
	}
	return needs
}

// parse decodes the case once and checks it for the sections needs gives for it.
func parse(ctx context.Context, data []byte, lang string, needs func(*Case) Sections) (*Case, error) {
	c, err := Decode(ctx, data, lang)
	var probs Problems
	if err != nil && (!errors.As(err, &probs) || c == nil) {
		return nil, err
	}
	refused := indexPaths(probs)
	for _, p := range Check(c, needs(c)) {
		if !refused.covers(p.Path) {
			probs = append(probs, p)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("casedata: checking: %w", err)
	}
	if len(probs) > 0 {
		probs.Sort()
		return nil, probs
	}
	return c, nil
}

// pathIndex holds the paths of problems, to tell in time proportional to a path's
// depth whether a problem is reported at it, above it or inside it.
type pathIndex struct {
	at     map[string]bool // the paths of the problems
	inside map[string]bool // the paths above them: those with a problem inside
}

func indexPaths(probs Problems) pathIndex {
	ix := pathIndex{at: make(map[string]bool, len(probs)), inside: map[string]bool{}}
	for _, p := range probs {
		ix.at[p.Path] = true
		for up := p.Path; up != ""; {
			up = parentPath(up)
			if ix.inside[up] {
				break // and so are the paths above it
			}
			ix.inside[up] = true
		}
	}
	return ix
}

// covers reports whether a problem is at path, above it or inside it: a field the
// decoder refused part of (a text in an unknown language) is not reported again as
// missing, nor is anything in a value refused as a whole.
func (ix pathIndex) covers(path string) bool {
	if ix.at[path] || ix.inside[path] {
		return true
	}
	for up := path; up != ""; {
		up = parentPath(up)
		if ix.at[up] {
			return true
		}
	}
	return false
}

// parentPath is the JSON pointer of the value that holds the one at path ("" holds
// "/a"); path must not be "".
func parentPath(path string) string {
	return path[:max(strings.LastIndexByte(path, '/'), 0)]
}
