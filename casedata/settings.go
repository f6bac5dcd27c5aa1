package casedata

// The defaults of the security settings (spec/casedata.md), for a case that leaves a
// setting out. A document that prints one reports it (Case.Warnings).
const (
	DefaultPasswordMinLength        = 8
	DefaultMaxFailedLogins          = 3
	DefaultAccessLogRetentionMonths = 12
	DefaultAccessLogReviewMonths    = 3
	DefaultRecordsReviewMonths      = 6
	DefaultRulesReviewMonths        = 12
	DefaultYearlyReviewMonths       = 12 // security and risk reviews
	DefaultTrainingMonths           = 24
	DefaultStaffReportHours         = 6
	DefaultInitialAssessmentHours   = 24
	DefaultProcessorNoticeHours     = 48
)

// Settings are the organisation's security settings as documents print them: the
// case's value where it gives one, else the default of the case format. Reading a
// default records it among the case's warnings, so a document reports exactly the
// defaults it printed. Templates call the methods by name: {{.StaffReportHours}}.
type Settings struct{ c *Case }

// Settings returns the case's security settings.
func (c *Case) Settings() Settings { return Settings{c} }

func (s Settings) security() *Security {
	if s.c.Organisation == nil || s.c.Organisation.Security == nil {
		return &Security{}
	}
	return s.c.Organisation.Security
}

// get is the setting name: n when the case sets it, else def, recorded as a default.
func (s Settings) get(name string, n, def int) int {
	if n > 0 {
		return n
	}
	s.c.defaulted("/organisation/security/"+name, def)
	return def
}

// PasswordMinLength is the least number of characters of a password.
func (s Settings) PasswordMinLength() int {
	return s.get("password_min_length", s.security().PasswordMinLength, DefaultPasswordMinLength)
}

// PasswordRotationMonths is how often passwords are changed on a calendar; 0 means they
// are changed when there is any sign of compromise, not on a calendar (NIST SP 800-63B
// §3.1.1.2). That is also the default, reported when the case leaves the field out.
func (s Settings) PasswordRotationMonths() int {
	n := s.security().PasswordRotationMonths
	if n == nil {
		s.c.defaulted("/organisation/security/password_rotation_months", nil)
		return 0
	}
	return *n
}

// MaxFailedLogins is the number of failed log-ins in a row that locks an account.
func (s Settings) MaxFailedLogins() int {
	return s.get("max_failed_logins", s.security().MaxFailedLogins, DefaultMaxFailedLogins)
}

// AccessLogRetentionMonths is how long access logs are kept.
func (s Settings) AccessLogRetentionMonths() int {
	return s.get("access_log_retention_months", s.security().AccessLogRetentionMonths, DefaultAccessLogRetentionMonths)
}

// AccessLogReviewMonths is how often access logs are reviewed.
func (s Settings) AccessLogReviewMonths() int {
	return s.get("access_log_review_months", s.security().AccessLogReviewMonths, DefaultAccessLogReviewMonths)
}

// RecordsReviewMonths is how often the records of processing are reviewed.
func (s Settings) RecordsReviewMonths() int {
	return s.get("records_review_months", s.security().RecordsReviewMonths, DefaultRecordsReviewMonths)
}

// RulesReviewMonths is how often the processing rules are reviewed.
func (s Settings) RulesReviewMonths() int {
	return s.get("rules_review_months", s.security().RulesReviewMonths, DefaultRulesReviewMonths)
}

// TrainingMonths is how often staff are trained again.
func (s Settings) TrainingMonths() int {
	return s.get("training_interval_months", s.security().TrainingIntervalMonths, DefaultTrainingMonths)
}

// StaffReportHours is the time staff have to report a breach they learn of.
func (s Settings) StaffReportHours() int {
	return s.get("staff_report_hours", s.security().StaffReportHours, DefaultStaffReportHours)
}

// AssessmentHours is the time for the initial assessment of a breach.
func (s Settings) AssessmentHours() int {
	return s.get("initial_assessment_hours", s.security().InitialAssessmentHours, DefaultInitialAssessmentHours)
}

// ProcessorNoticeHours is the time a processor has to tell its controller of a breach.
// Only a value the case gives is a contractual term (ProcessorNoticeAgreed); the default
// is an internal target.
func (s Settings) ProcessorNoticeHours() int {
	return s.get("processor_notice_hours", s.security().ProcessorNoticeHours, DefaultProcessorNoticeHours)
}

// ProcessorNoticeAgreed reports whether the case gives the processor's notice period,
// the term agreed with the controller (Art. 28(3)(f)).
func (s Settings) ProcessorNoticeAgreed() bool { return s.security().ProcessorNoticeHours > 0 }

// Measures are the organisation's security measures, as codes or free text.
func (s Settings) Measures() []string { return s.security().Measures }

// ReviewInterval is how many months may pass between two reviews of a kind.
func (s Settings) ReviewInterval(kind string) int {
	switch kind {
	case "records":
		return s.RecordsReviewMonths()
	case "access_logs":
		return s.AccessLogReviewMonths()
	case "rules":
		return s.RulesReviewMonths()
	}
	return DefaultYearlyReviewMonths
}
