// Package casedata is the case format of gdprdocs (version 1): its types, strict decoding,
// validation that reports every problem at once with JSON-pointer paths, the jurisdictions
// the case refers to, and the facts derived from a case — deadlines, lateness and the
// obligations that follow from a breach. Templates ask these facts; they never compute them.
package casedata

// Case is one organisation and whatever the requested documents need.
// Field names are binding: clients and tests depend on them.
type Case struct {
	Version      int           `json:"version,omitempty"`
	Organisation *Organisation `json:"organisation,omitempty"`
	Document     *Document     `json:"document,omitempty"`
	Breaches     []Breach      `json:"breaches,omitempty"`
	Requests     []Request     `json:"requests,omitempty"`
	Reviews      []Review      `json:"reviews,omitempty"`

	// warnings are what the documents rendered from this case used without the case
	// giving it; shared with the cases derived from this one (OnBehalf).
	warnings *warnings
}

// Organisation is the controller (or processor) the documents are about.
type Organisation struct {
	Name             string      `json:"name"`
	LegalForm        string      `json:"legal_form,omitempty"`
	RegistrationCode string      `json:"registration_code,omitempty"`
	VATCode          string      `json:"vat_code,omitempty"`
	Address          *Address    `json:"address,omitempty"`
	Email            string      `json:"email,omitempty"`
	Phone            string      `json:"phone,omitempty"`
	Website          string      `json:"website,omitempty"`
	Jurisdiction     string      `json:"jurisdiction"`
	TimeZone         string      `json:"time_zone,omitempty"`
	Authority        *Authority  `json:"authority,omitempty"`
	Head             *Person     `json:"head,omitempty"`
	DPO              *DPO        `json:"dpo,omitempty"`
	ContactPerson    *Contact    `json:"contact_person,omitempty"`
	Representative   *Party      `json:"representative,omitempty"`
	Processors       []Processor `json:"processors,omitempty" max:"1000"`
	Security         *Security   `json:"security,omitempty"`
	// ProcessingActivities are the records of processing (Art. 30) and the basis of the
	// privacy notices.
	ProcessingActivities []Activity `json:"processing_activities,omitempty"`
	// Cookies are the cookies and similar technologies of the organisation's website.
	Cookies []Cookie `json:"cookies,omitempty"`
	// AuthorisedPersons are the people allowed to process personal data (Art. 29, 32(4)).
	AuthorisedPersons []AuthorisedPerson `json:"authorised_persons,omitempty"`
}

// Activity is one processing activity.
type Activity struct {
	ID                 string              `json:"id"`
	Name               string              `json:"name"`
	Purpose            string              `json:"purpose"`
	LegalBasis         []string            `json:"legal_basis" max:"6"`
	LegitimateInterest string              `json:"legitimate_interest,omitempty"`
	SpecialBasis       []string            `json:"special_basis,omitempty" max:"10"`
	Subjects           []string            `json:"subjects,omitempty" max:"1000"`
	Data               []string            `json:"data,omitempty" max:"1000"`
	Source             string              `json:"source,omitempty"`
	Recipients         []string            `json:"recipients,omitempty" max:"1000"`
	Transfers          []Transfer          `json:"transfers,omitempty" max:"1000"`
	Retention          string              `json:"retention,omitempty"`
	Security           string              `json:"security,omitempty"`
	AutomatedDecisions *AutomatedDecisions `json:"automated_decisions,omitempty"`
	Mandatory          *Mandatory          `json:"mandatory,omitempty"`
	// DirectMarketing marks processing for direct marketing, against which the right to
	// object is absolute and must be stated apart (Art. 21(2), (4)).
	DirectMarketing bool   `json:"direct_marketing,omitempty"`
	Role            string `json:"role,omitempty"`
	// Controller is, for role processor, the controller on whose behalf the
	// organisation processes (Art. 30(2)(a)).
	Controller *Party `json:"controller,omitempty"`
}

// Transfer is a transfer of personal data to a third country (Chapter V).
type Transfer struct {
	Country   string `json:"country"`
	Recipient string `json:"recipient,omitempty"`
	Safeguard string `json:"safeguard,omitempty"`
	Details   string `json:"details,omitempty"`
}

// AutomatedDecisions describes automated decision-making, profiling included (Art. 22).
type AutomatedDecisions struct {
	Used         bool   `json:"used"`
	Logic        string `json:"logic,omitempty"`
	Significance string `json:"significance,omitempty"`
}

// Mandatory says whether providing the data is required and what follows if not
// (Art. 13(2)(e)).
type Mandatory struct {
	Required     bool   `json:"required"`
	Basis        string `json:"basis,omitempty"`
	Consequences string `json:"consequences,omitempty"`
}

// AuthorisedPerson is someone allowed to process personal data, and for what.
type AuthorisedPerson struct {
	Name      string `json:"name"`
	Role      string `json:"role,omitempty"`
	Functions string `json:"functions,omitempty"`
	Systems   string `json:"systems,omitempty"`
	Granted   *Date  `json:"granted,omitempty"`
	Revoked   *Date  `json:"revoked,omitempty"`
}

// Address is a postal address; Country is ISO 3166-1 alpha-2.
type Address struct {
	Street     string `json:"street,omitempty"`
	City       string `json:"city,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
	Country    string `json:"country,omitempty"`
}

// Authority is a supervisory authority given in the case (jurisdiction EU, or an override).
type Authority struct {
	Name            string `json:"name"`
	Address         string `json:"address,omitempty"`
	Email           string `json:"email,omitempty"`
	Phone           string `json:"phone,omitempty"`
	Website         string `json:"website,omitempty"`
	NotificationURL string `json:"notification_url,omitempty"`
}

// Person is someone who signs: a name and a title.
type Person struct {
	Name  string `json:"name"`
	Title string `json:"title,omitempty"`
}

// DPO is the data protection officer (Art. 37–39).
type DPO struct {
	Name         string `json:"name"`
	Email        string `json:"email,omitempty"`
	Phone        string `json:"phone,omitempty"`
	External     bool   `json:"external,omitempty"`
	Organisation string `json:"organisation,omitempty"`
}

// Contact is the contact point used when there is no DPO.
type Contact struct {
	Name  string `json:"name"`
	Role  string `json:"role,omitempty"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// Party is another organisation or person named with its contacts
// (the Art. 27 representative, the controller a processor works for).
type Party struct {
	Name    string `json:"name"`
	Address string `json:"address,omitempty"`
	Email   string `json:"email,omitempty"`
}

// Processor is a processor the organisation uses (Art. 28).
type Processor struct {
	Name         string `json:"name"`
	Service      string `json:"service,omitempty"`
	Country      string `json:"country,omitempty"`
	Safeguards   string `json:"safeguards,omitempty"`
	ContractDate *Date  `json:"contract_date,omitempty"`
}

// Security holds the organisation's measures and the internal deadlines they set.
// A zero number means "not given": the default of Settings applies and is reported.
// PasswordRotationMonths alone tells 0 ("no calendar rotation", stated) from absent.
type Security struct {
	PasswordMinLength        int      `json:"password_min_length,omitempty"`
	PasswordRotationMonths   *int     `json:"password_rotation_months,omitempty"`
	MaxFailedLogins          int      `json:"max_failed_logins,omitempty"`
	AccessLogRetentionMonths int      `json:"access_log_retention_months,omitempty"`
	AccessLogReviewMonths    int      `json:"access_log_review_months,omitempty"`
	RecordsReviewMonths      int      `json:"records_review_months,omitempty"`
	RulesReviewMonths        int      `json:"rules_review_months,omitempty"`
	TrainingIntervalMonths   int      `json:"training_interval_months,omitempty"`
	StaffReportHours         int      `json:"staff_report_hours,omitempty"`
	InitialAssessmentHours   int      `json:"initial_assessment_hours,omitempty"`
	ProcessorNoticeHours     int      `json:"processor_notice_hours,omitempty"`
	Measures                 []string `json:"measures,omitempty" max:"1000"`
	Storage                  string   `json:"storage,omitempty"`
}

// Document is the metadata printed on internal documents.
type Document struct {
	Number        string `json:"number,omitempty"`
	Version       string `json:"version,omitempty"`
	Date          *Date  `json:"date,omitempty"`
	EffectiveDate *Date  `json:"effective_date,omitempty"`
	Place         string `json:"place,omitempty"`
	ApprovedBy    string `json:"approved_by,omitempty"`
	ApprovalRef   string `json:"approval_ref,omitempty"`
}

// Breach is one personal data breach (Art. 4(12), 33, 34).
type Breach struct {
	Reference    string            `json:"reference"`
	Role         string            `json:"role,omitempty"`
	Controller   *BreachController `json:"controller,omitempty"`
	Phase        string            `json:"phase,omitempty"`
	OccurredFrom *Timestamp        `json:"occurred_from,omitempty"`
	OccurredTo   *Timestamp        `json:"occurred_to,omitempty"`
	AwareAt      *Timestamp        `json:"aware_at"`
	DetectedHow  string            `json:"detected_how,omitempty"`
	ContainedAt  *Timestamp        `json:"contained_at,omitempty"`
	// Ongoing states, while contained_at is not given, whether the breach may still be
	// going on (true) or has ended at a time not recorded (false); absent, the
	// documents say it is not yet established.
	Ongoing      *bool    `json:"ongoing,omitempty"`
	Types        []string `json:"types" max:"1000"`
	Cause        string   `json:"cause,omitempty"`
	Description  string   `json:"description"`
	Subjects     *Counted `json:"subjects,omitempty"`
	Records      *Counted `json:"records,omitempty"`
	Consequences string   `json:"consequences,omitempty"`
	// MeasuresTaken, MeasuresProposed and OtherAuthorities have three states: absent
	// (not yet established), empty (none) and given.
	MeasuresTaken    []string `json:"measures_taken,omitempty" max:"1000"`
	MeasuresProposed []string `json:"measures_proposed,omitempty" max:"1000"`
	// Encrypted says whether the data were encrypted (or otherwise unintelligible)
	// before the breach; absent, the documents say it is not yet established.
	Encrypted           *bool          `json:"encrypted,omitempty"`
	EncryptionDetails   string         `json:"encryption_details,omitempty"`
	Risk                string         `json:"risk"`
	RiskRationale       string         `json:"risk_rationale,omitempty"`
	SubjectNotice       *SubjectNotice `json:"subject_notice,omitempty"`
	AuthorityNotifiedAt *Timestamp     `json:"authority_notified_at,omitempty"`
	// ControllerNotifiedAt is when a processor told its controller (Art. 33(2)).
	ControllerNotifiedAt *Timestamp `json:"controller_notified_at,omitempty"`
	// Changes says what a supplementary or final notice adds to or corrects in the
	// earlier one (Art. 33(4)).
	Changes          string       `json:"changes,omitempty"`
	CrossBorder      *CrossBorder `json:"cross_border,omitempty"`
	OtherAuthorities []string     `json:"other_authorities,omitempty" max:"1000"`
	DelayReason      string       `json:"delay_reason,omitempty"`
	ReportedBy       string       `json:"reported_by,omitempty"`
	RecordedBy       string       `json:"recorded_by,omitempty"`
	RecordedAt       *Timestamp   `json:"recorded_at,omitempty"`
}

// BreachController is the controller a processor's breach happened for (role
// processor): the party that notifies its supervisory authority and the people affected,
// 72 hours from its own awareness (Art. 33(1)–(2), 55–56).
type BreachController struct {
	Name             string `json:"name"`
	RegistrationCode string `json:"registration_code,omitempty"`
	Address          string `json:"address,omitempty"`
	Email            string `json:"email,omitempty"`
	Phone            string `json:"phone,omitempty"`
	// Jurisdiction is where the controller has its main establishment (LT, NL, EU): its
	// authority is the one the controller notifies.
	Jurisdiction string `json:"jurisdiction,omitempty"`
	// Authority is the controller's (lead) supervisory authority; required for EU.
	Authority *Authority `json:"authority,omitempty"`
	// Contact is the controller's data protection officer or contact point.
	Contact *Contact `json:"contact,omitempty"`
	// AwareAt is when the controller became aware of the breach; without it, when the
	// processor told it (controller_notified_at).
	AwareAt *Timestamp `json:"aware_at,omitempty"`
	// Instruction is the controller's written instruction under which the processor
	// notifies the authority and the people on the controller's behalf. Given, the
	// processor submits those notices as the controller's; absent, it does not.
	Instruction string `json:"instruction,omitempty"`
}

// Counted is a set of categories (codes or free text) with an approximate number.
type Counted struct {
	Categories []string `json:"categories,omitempty" max:"1000"`
	CountMin   int      `json:"count_min,omitempty"`
	CountMax   int      `json:"count_max,omitempty"`
}

// SubjectNotice says whether, when and how the data subjects are told (Art. 34).
type SubjectNotice struct {
	Status    string     `json:"status"`
	At        *Timestamp `json:"at,omitempty"`
	Channel   string     `json:"channel,omitempty"`
	Exemption string     `json:"exemption,omitempty"`
	Summary   string     `json:"summary,omitempty"`
}

// CrossBorder names the other member states concerned and the lead authority (Art. 56).
type CrossBorder struct {
	MemberStates  []string `json:"member_states,omitempty" max:"1000"`
	LeadAuthority string   `json:"lead_authority,omitempty"`
}

// Request is one data-subject request and the reply to it (Art. 12, 15–22).
type Request struct {
	Number          string `json:"number"`
	ReceivedAt      *Date  `json:"received_at"`
	Subject         string `json:"subject,omitempty"`
	Right           string `json:"right"`
	Decision        string `json:"decision,omitempty"`
	Reasons         string `json:"reasons,omitempty"`
	Extended        bool   `json:"extended,omitempty"`
	ExtensionReason string `json:"extension_reason,omitempty"`
	RepliedAt       *Date  `json:"replied_at,omitempty"`
	ReplyNumber     string `json:"reply_number,omitempty"`
	PreparedBy      string `json:"prepared_by,omitempty"`
	RecordedBy      string `json:"recorded_by,omitempty"`
	Comments        string `json:"comments,omitempty"`
}

// Cookie is one cookie (or similar technology) set by the organisation's website.
type Cookie struct {
	Name     string `json:"name"`
	Provider string `json:"provider,omitempty"`
	Category string `json:"category"`
	Purpose  string `json:"purpose,omitempty"`
	// Expiry is an ISO 8601 duration ("P2Y", "PT30M") or "session".
	Expiry  string `json:"expiry"`
	Party   string `json:"party,omitempty"`
	Country string `json:"country,omitempty"`
}

// Review is one periodic review or inspection (Art. 24(1), 32(1)(d)).
type Review struct {
	Number       string   `json:"number"`
	Kind         string   `json:"kind"`
	Date         *Date    `json:"date"`
	Reviewer     string   `json:"reviewer,omitempty"`
	Participants []string `json:"participants,omitempty" max:"1000"`
	PeriodFrom   *Date    `json:"period_from,omitempty"`
	PeriodTo     *Date    `json:"period_to,omitempty"`
	Scope        string   `json:"scope,omitempty"`
	Findings     []string `json:"findings,omitempty" max:"1000"`
	Actions      []Action `json:"actions,omitempty" max:"1000"`
	Conclusion   string   `json:"conclusion,omitempty"`
}

// Action is a corrective action decided in a review.
type Action struct {
	Action string `json:"action"`
	Owner  string `json:"owner,omitempty"`
	Due    *Date  `json:"due,omitempty"`
}
