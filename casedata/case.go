// Package casedata is the case format of gdprdocs (version 1): its types, strict decoding,
// validation that reports every problem at once with JSON-pointer paths, the jurisdictions
// the case refers to, and the facts derived from a case — deadlines, lateness and the
// obligations that follow from a breach. Templates ask these facts; they never compute them.
//
// It knows no language but as data: problems and warnings are codes with values, which
// catalog words in the request's language, and the views the templates print live in
// templates. It imports nothing of gdprdocs.
package casedata

// Case is one organisation and whatever the requested documents need.
// Field names are binding: clients and tests depend on them.
//
// Two struct tags describe every field of the format to decoding and to the schema.
// doc is the field's description, one sentence. text:"prose" marks free text a reader
// reads as prose in the document's language — a purpose, a description, a title, the
// free items of a coded-or-free list: the case may give it as a string or as an object
// of language → text, and decoding keeps the document's language (see Decode). Names of
// people and organisations, addresses, contacts, references, numbers, codes, dates and
// places are identifiers: printed as given, never translated, never tagged.
type Case struct {
	Version      int           `json:"version,omitempty" doc:"The version of the case format; only 1 is read."`
	Organisation *Organisation `json:"organisation,omitempty" doc:"The organisation the documents are about."`
	Document     *Document     `json:"document,omitempty" doc:"Metadata printed on internal documents, and the language of the case's free text."`
	Breaches     []Breach      `json:"breaches,omitempty" doc:"Personal data breaches; a notice reports the one named by the breach parameter, else the first."`
	Requests     []Request     `json:"requests,omitempty" doc:"Data-subject requests, for the request register."`
	Reviews      []Review      `json:"reviews,omitempty" doc:"Periodic reviews; a review act records the one named by the review parameter, else the last."`

	// warnings are what the documents rendered from this case used without the case
	// giving it; shared with the cases derived from this one (OnBehalf).
	warnings *warnings
}

// Organisation is the controller (or processor) the documents are about.
type Organisation struct {
	Name             string      `json:"name" doc:"The organisation's legal name, printed as given."`
	LegalForm        string      `json:"legal_form,omitempty" doc:"The legal form, such as UAB or B.V."`
	RegistrationCode string      `json:"registration_code,omitempty" doc:"The company registration code."`
	VATCode          string      `json:"vat_code,omitempty" doc:"The VAT identification number."`
	Address          *Address    `json:"address,omitempty" doc:"The registered address."`
	Email            string      `json:"email,omitempty" doc:"The organisation's e-mail address."`
	Phone            string      `json:"phone,omitempty" doc:"The organisation's telephone number."`
	Website          string      `json:"website,omitempty" doc:"The organisation's website URL."`
	Jurisdiction     string      `json:"jurisdiction" doc:"LT, NL or EU: selects the supervisory authority, the national law and the defaults."`
	TimeZone         string      `json:"time_zone,omitempty" doc:"An IANA time zone the documents show times in; defaults from the jurisdiction."`
	Authority        *Authority  `json:"authority,omitempty" doc:"The supervisory authority; required for jurisdiction EU, an override otherwise."`
	Head             *Person     `json:"head,omitempty" doc:"The head of the organisation, who signs internal documents."`
	DPO              *DPO        `json:"dpo,omitempty" doc:"The data protection officer, when one is designated."`
	ContactPerson    *Contact    `json:"contact_person,omitempty" doc:"The contact point for data protection when there is no DPO."`
	Representative   *Party      `json:"representative,omitempty" doc:"The representative in the Union (Art. 27), when one is designated."`
	Processors       []Processor `json:"processors,omitempty" max:"1000" doc:"The processors the organisation uses (Art. 28)."`
	Security         *Security   `json:"security,omitempty" doc:"The organisation's security measures and the internal deadlines they set."`
	// ProcessingActivities are the records of processing (Art. 30) and the basis of the
	// privacy notices.
	ProcessingActivities []Activity `json:"processing_activities,omitempty" doc:"The records of processing (Art. 30), also the basis of the privacy notices."`
	// Cookies are the cookies and similar technologies of the organisation's website.
	Cookies []Cookie `json:"cookies,omitempty" doc:"The cookies and similar technologies of the organisation's website."`
	// CookieConsent is how the website asks for consent to cookies: the cookie policy
	// states only what it says.
	// CookiePolicyURL is where the cookie policy is published: the privacy notice links
	// to it.
	CookiePolicyURL string         `json:"cookie_policy_url,omitempty" doc:"Where the cookie policy is published; the privacy notice links to it."`
	CookieConsent   *CookieConsent `json:"cookie_consent,omitempty" doc:"How the website asks for consent to cookies; the cookie policy claims only what is stated here."`
	// AuthorisedPersons are the people allowed to process personal data (Art. 29, 32(4)).
	AuthorisedPersons []AuthorisedPerson `json:"authorised_persons,omitempty" doc:"The people allowed to process personal data (Art. 29, 32(4))."`
}

// Activity is one processing activity.
type Activity struct {
	ID                 string              `json:"id" doc:"A stable id, unique among the activities, for cross-references."`
	Name               string              `json:"name" text:"prose" doc:"A short title of the activity."`
	Purpose            string              `json:"purpose" text:"prose" doc:"The purpose of the processing."`
	LegalBasis         []string            `json:"legal_basis" max:"6" doc:"The lawful bases of the processing (Art. 6(1)), as codes."`
	LegitimateInterest string              `json:"legitimate_interest,omitempty" text:"prose" doc:"The legitimate interest pursued; required when legitimate_interests is a basis."`
	SpecialBasis       []string            `json:"special_basis,omitempty" max:"10" doc:"The Art. 9(2) conditions, as codes, when special categories of data are processed."`
	Subjects           []string            `json:"subjects,omitempty" max:"1000" text:"prose" doc:"The categories of data subjects: codes or free text."`
	Data               []string            `json:"data,omitempty" max:"1000" text:"prose" doc:"The categories of personal data: codes or free text."`
	Source             string              `json:"source,omitempty" text:"prose" doc:"Where data not obtained from the person come from (Art. 14(2)(f)): a code or free text."`
	Recipients         []string            `json:"recipients,omitempty" max:"1000" text:"prose" doc:"The recipients or categories of recipients: codes or free text."`
	Transfers          []Transfer          `json:"transfers,omitempty" max:"1000" doc:"Transfers of the data to third countries (Chapter V)."`
	Retention          string              `json:"retention,omitempty" text:"prose" doc:"How long the data are kept, or the criteria that decide it."`
	Security           string              `json:"security,omitempty" text:"prose" doc:"The security measures of this activity; defaults to the organisation's measures."`
	AutomatedDecisions *AutomatedDecisions `json:"automated_decisions,omitempty" doc:"Automated decision-making, profiling included (Art. 22)."`
	Mandatory          *Mandatory          `json:"mandatory,omitempty" doc:"Whether providing the data is required and what follows if not (Art. 13(2)(e)); derived from the legal basis when left out."`
	// Audience names the privacy notices that describe the activity; when left out, it
	// follows from the subjects (Activity.Audiences).
	Audience []string `json:"audience,omitempty" max:"20" doc:"The privacy notices that describe the activity, as audience codes; when left out, derived from the subjects."`
	// DirectMarketing marks processing for direct marketing, against which the right to
	// object is absolute and must be stated apart (Art. 21(2), (4)).
	DirectMarketing bool   `json:"direct_marketing,omitempty" doc:"Whether the processing is for direct marketing, against which objection is absolute."`
	Role            string `json:"role,omitempty" doc:"The organisation's role in the activity: controller or processor."`
	// Controller is, for role processor, the controller on whose behalf the
	// organisation processes (Art. 30(2)(a)).
	Controller *Party `json:"controller,omitempty" doc:"For role processor, the controller on whose behalf the organisation processes."`
}

// Transfer is a transfer of personal data to a third country (Chapter V).
type Transfer struct {
	Country   string `json:"country" doc:"The third country, as an ISO 3166-1 alpha-2 code."`
	Recipient string `json:"recipient,omitempty" doc:"The name of the recipient abroad, printed as given."`
	Safeguard string `json:"safeguard,omitempty" doc:"The ground of the transfer, as a code."`
	Details   string `json:"details,omitempty" text:"prose" doc:"Further details of the transfer or its safeguard."`
}

// AutomatedDecisions describes automated decision-making, profiling included (Art. 22).
type AutomatedDecisions struct {
	Used         bool   `json:"used" doc:"Whether automated decisions with legal or similar effects are made."`
	Logic        string `json:"logic,omitempty" text:"prose" doc:"Meaningful information about the logic involved."`
	Significance string `json:"significance,omitempty" text:"prose" doc:"The significance and envisaged consequences for the person."`
}

// Mandatory says whether providing the data is required and what follows if not
// (Art. 13(2)(e)).
type Mandatory struct {
	Required     bool   `json:"required" doc:"Whether the person must provide the data."`
	Basis        string `json:"basis,omitempty" text:"prose" doc:"Why the data are required: a legal basis code or free text."`
	Consequences string `json:"consequences,omitempty" text:"prose" doc:"What follows if the person does not provide the data."`
}

// AuthorisedPerson is someone allowed to process personal data, and for what.
type AuthorisedPerson struct {
	Name      string `json:"name" doc:"The person's name."`
	Role      string `json:"role,omitempty" text:"prose" doc:"The person's position or role."`
	Functions string `json:"functions,omitempty" text:"prose" doc:"What the person may do with personal data."`
	Systems   string `json:"systems,omitempty" text:"prose" doc:"The systems or records the person has access to."`
	Granted   *Date  `json:"granted,omitempty" doc:"The date access was granted."`
	Revoked   *Date  `json:"revoked,omitempty" doc:"The date access was revoked, when it was."`
	// LegalPerson marks an organisation given access (a processor, an outside firm): it
	// is bound by its contract (Art. 28(3)(b)), not by signing the familiarisation sheet.
	LegalPerson bool `json:"legal_person,omitempty" doc:"Whether the entry is an organisation, not a natural person: it does not sign the familiarisation sheet."`
}

// Address is a postal address; Country is ISO 3166-1 alpha-2.
type Address struct {
	Street     string `json:"street,omitempty" doc:"Street and number."`
	City       string `json:"city,omitempty" doc:"City or town."`
	PostalCode string `json:"postal_code,omitempty" doc:"Postal code."`
	Country    string `json:"country,omitempty" doc:"Country, as an ISO 3166-1 alpha-2 code."`
}

// Authority is a supervisory authority given in the case (jurisdiction EU, or an override).
type Authority struct {
	Name            string `json:"name" doc:"The authority's name."`
	Address         string `json:"address,omitempty" doc:"The authority's postal address."`
	Email           string `json:"email,omitempty" doc:"The authority's e-mail address."`
	Phone           string `json:"phone,omitempty" doc:"The authority's telephone number."`
	Website         string `json:"website,omitempty" doc:"The authority's website URL."`
	NotificationURL string `json:"notification_url,omitempty" doc:"Where breaches are notified to the authority."`
	// Submission says how the authority takes breach notifications; absent, the
	// notices say that the channel is not established and point to the website.
	Submission string `json:"submission,omitempty" text:"prose" doc:"How the authority takes breach notifications: its online form, e-mail, post."`
}

// Person is someone who signs: a name and a title.
type Person struct {
	Name  string `json:"name" doc:"The person's name."`
	Title string `json:"title,omitempty" text:"prose" doc:"The person's position, as printed under the signature."`
}

// DPO is the data protection officer (Art. 37–39).
type DPO struct {
	Name         string `json:"name" doc:"The name of the data protection officer."`
	Email        string `json:"email,omitempty" doc:"The DPO's e-mail address."`
	Phone        string `json:"phone,omitempty" doc:"The DPO's telephone number."`
	External     bool   `json:"external,omitempty" doc:"Whether the DPO is an external service provider."`
	Organisation string `json:"organisation,omitempty" doc:"The name of the external DPO's organisation."`
}

// Contact is the contact point used when there is no DPO.
type Contact struct {
	Name  string `json:"name" doc:"The contact person's name."`
	Role  string `json:"role,omitempty" text:"prose" doc:"The contact person's position or role."`
	Email string `json:"email,omitempty" doc:"The contact person's e-mail address."`
	Phone string `json:"phone,omitempty" doc:"The contact person's telephone number."`
}

// Party is another organisation or person named with its contacts
// (the Art. 27 representative, the controller a processor works for).
type Party struct {
	Name    string `json:"name" doc:"The party's name."`
	Address string `json:"address,omitempty" doc:"The party's postal address."`
	Email   string `json:"email,omitempty" doc:"The party's e-mail address."`
}

// Processor is a processor the organisation uses (Art. 28).
type Processor struct {
	Name         string `json:"name" doc:"The processor's name."`
	Service      string `json:"service,omitempty" text:"prose" doc:"The service the processor provides."`
	Country      string `json:"country,omitempty" doc:"Where the processor processes the data, as an ISO 3166-1 alpha-2 code."`
	Safeguards   string `json:"safeguards,omitempty" text:"prose" doc:"The safeguards of a transfer to the processor outside the EEA."`
	ContractDate *Date  `json:"contract_date,omitempty" doc:"The date of the processing agreement."`
}

// Security holds the organisation's measures and the internal deadlines they set.
// A zero number means "not given": the default of Settings applies and is reported.
// PasswordRotationMonths alone tells 0 ("no calendar rotation", stated) from absent.
type Security struct {
	PasswordMinLength        int      `json:"password_min_length,omitempty" doc:"The minimum password length; default 8."`
	PasswordRotationMonths   *int     `json:"password_rotation_months,omitempty" doc:"Months between password changes; 0 or null: changed on any sign of compromise only."`
	MaxFailedLogins          int      `json:"max_failed_logins,omitempty" doc:"Failed log-ins before an account is locked; default 3."`
	AccessLogRetentionMonths int      `json:"access_log_retention_months,omitempty" doc:"Months access logs are kept; default 12."`
	AccessLogReviewMonths    int      `json:"access_log_review_months,omitempty" doc:"Months between access-log reviews; default 3."`
	RecordsReviewMonths      int      `json:"records_review_months,omitempty" doc:"Months between reviews of the records of processing; default 6."`
	RulesReviewMonths        int      `json:"rules_review_months,omitempty" doc:"Months between reviews of the processing rules; default 12."`
	TrainingIntervalMonths   int      `json:"training_interval_months,omitempty" doc:"Months between staff trainings; default 24."`
	StaffReportHours         int      `json:"staff_report_hours,omitempty" doc:"Hours within which staff report a breach internally; default 6."`
	InitialAssessmentHours   int      `json:"initial_assessment_hours,omitempty" doc:"Hours within which a reported breach is first assessed; default 24."`
	ProcessorNoticeHours     int      `json:"processor_notice_hours,omitempty" doc:"Hours within which a processor tells the organisation of a breach; default 48."`
	Measures                 []string `json:"measures,omitempty" max:"1000" text:"prose" doc:"The organisational and technical measures: codes or free text."`
	Storage                  string   `json:"storage,omitempty" text:"prose" doc:"Where the data are kept."`
}

// Document is the metadata printed on internal documents.
type Document struct {
	Number        string `json:"number,omitempty" doc:"The document's number."`
	Version       string `json:"version,omitempty" doc:"The document's version."`
	Date          *Date  `json:"date,omitempty" doc:"The document's date."`
	EffectiveDate *Date  `json:"effective_date,omitempty" doc:"The date the document takes effect."`
	Place         string `json:"place,omitempty" doc:"The place the document is made at."`
	ApprovedBy    string `json:"approved_by,omitempty" doc:"Who approved the document."`
	ApprovalRef   string `json:"approval_ref,omitempty" doc:"The reference of the act approving the document."`
	// Language is the language the case's free text is written in: a plain string in a
	// prose field is text in this language, and the fallback when a field does not give
	// the document's language.
	Language string `json:"language,omitempty" doc:"The language the case's free text is written in: lt, nl or en."`
}

// Breach is one personal data breach (Art. 4(12), 33, 34).
type Breach struct {
	Reference    string            `json:"reference" doc:"The breach's reference, unique in the case."`
	Role         string            `json:"role,omitempty" doc:"The organisation's role in the breach: controller or processor."`
	Controller   *BreachController `json:"controller,omitempty" doc:"For role processor, the controller the breach happened for; required then."`
	Phase        string            `json:"phase,omitempty" doc:"Which notice of a breach reported in phases this is (Art. 33(4))."`
	OccurredFrom *Timestamp        `json:"occurred_from,omitempty" doc:"When the breach began, as far as known."`
	OccurredTo   *Timestamp        `json:"occurred_to,omitempty" doc:"When the breach ended, as far as known."`
	AwareAt      *Timestamp        `json:"aware_at" doc:"When the organisation became aware of the breach; starts the 72 hours."`
	DetectedHow  string            `json:"detected_how,omitempty" text:"prose" doc:"How the breach was detected."`
	ContainedAt  *Timestamp        `json:"contained_at,omitempty" doc:"When the breach was contained."`
	// Ongoing states, while contained_at is not given, whether the breach may still be
	// going on (true) or has ended at a time not recorded (false); absent, the
	// documents say it is not yet established.
	Ongoing      *bool    `json:"ongoing,omitempty" doc:"Without contained_at, whether the breach may still be going on; absent, not yet established."`
	Types        []string `json:"types" max:"1000" doc:"The kinds of breach: confidentiality, integrity, availability."`
	Cause        string   `json:"cause,omitempty" text:"prose" doc:"The cause of the breach: a code or free text."`
	Description  string   `json:"description" text:"prose" doc:"What happened."`
	Subjects     *Counted `json:"subjects,omitempty" doc:"The categories and approximate number of the people concerned."`
	Records      *Counted `json:"records,omitempty" doc:"The categories and approximate number of the personal data records concerned."`
	Consequences string   `json:"consequences,omitempty" text:"prose" doc:"The likely consequences of the breach."`
	// MeasuresTaken, MeasuresProposed and OtherAuthorities have three states: absent
	// (not yet established), empty (none) and given.
	MeasuresTaken    []string `json:"measures_taken,omitempty" max:"1000" text:"prose" doc:"The measures taken; absent, not yet established; empty, none."`
	MeasuresProposed []string `json:"measures_proposed,omitempty" max:"1000" text:"prose" doc:"The measures proposed; absent, not yet established; empty, none."`
	// Encrypted says whether the data were encrypted (or otherwise unintelligible)
	// before the breach; absent, the documents say it is not yet established.
	Encrypted           *bool          `json:"encrypted,omitempty" doc:"Whether the data were encrypted or otherwise unintelligible; absent, not yet established."`
	EncryptionDetails   string         `json:"encryption_details,omitempty" text:"prose" doc:"How the data were protected."`
	Risk                string         `json:"risk" doc:"The organisation's assessment of the risk to the people: none, risk or high."`
	RiskRationale       string         `json:"risk_rationale,omitempty" text:"prose" doc:"The reasons for the risk assessment."`
	SubjectNotice       *SubjectNotice `json:"subject_notice,omitempty" doc:"Whether, when and how the people concerned are told (Art. 34)."`
	AuthorityNotifiedAt *Timestamp     `json:"authority_notified_at,omitempty" doc:"When the supervisory authority was notified, if it was."`
	// ControllerNotifiedAt is when a processor told its controller (Art. 33(2)).
	ControllerNotifiedAt *Timestamp `json:"controller_notified_at,omitempty" doc:"When a processor told its controller (Art. 33(2))."`
	// Changes says what a supplementary or final notice adds to or corrects in the
	// earlier one (Art. 33(4)).
	Changes          string       `json:"changes,omitempty" text:"prose" doc:"What a supplementary or final notice adds to or corrects in the earlier one."`
	CrossBorder      *CrossBorder `json:"cross_border,omitempty" doc:"The other member states concerned and the lead authority (Art. 56)."`
	OtherAuthorities []string     `json:"other_authorities,omitempty" max:"1000" doc:"The names of other authorities told of the breach; absent, not yet established; empty, none."`
	DelayReason      string       `json:"delay_reason,omitempty" text:"prose" doc:"The reasons for notifying after 72 hours; required then."`
	ReportedBy       string       `json:"reported_by,omitempty" doc:"Who reported the breach internally."`
	RecordedBy       string       `json:"recorded_by,omitempty" doc:"Who recorded the breach in the register."`
	RecordedAt       *Timestamp   `json:"recorded_at,omitempty" doc:"When the breach was recorded in the register."`
	// Systems are the systems, applications or media the breach involved, with the
	// three states of a list: absent (not yet established), empty (none) and given.
	Systems []string `json:"systems,omitempty" max:"1000" text:"prose" doc:"The systems, applications or media involved in the breach; absent, not yet established; empty, none."`
	// CredentialsAccess names, for credentials among the records, the categories of
	// data they give access to: the severity suggestion scores the credentials by
	// them. Absent, a default is used and reported; empty, they open no further data.
	CredentialsAccess []string `json:"credentials_access,omitempty" max:"1000" text:"prose" doc:"For login credentials among the records, the categories of data they give access to (codes or free text); absent, the severity suggestion assumes behavioural data and reports it; empty, none."`
}

// BreachController is the controller a processor's breach happened for (role
// processor): the party that notifies its supervisory authority and the people affected,
// 72 hours from its own awareness (Art. 33(1)–(2), 55–56).
type BreachController struct {
	Name             string `json:"name" doc:"The controller's name."`
	RegistrationCode string `json:"registration_code,omitempty" doc:"The controller's registration code."`
	Address          string `json:"address,omitempty" doc:"The controller's postal address."`
	Email            string `json:"email,omitempty" doc:"The controller's e-mail address."`
	Phone            string `json:"phone,omitempty" doc:"The controller's telephone number."`
	// Jurisdiction is where the controller has its main establishment (LT, NL, EU): its
	// authority is the one the controller notifies.
	Jurisdiction string `json:"jurisdiction,omitempty" doc:"Where the controller has its main establishment: LT, NL or EU."`
	// Authority is the controller's (lead) supervisory authority; required for EU.
	Authority *Authority `json:"authority,omitempty" doc:"The controller's lead supervisory authority; required for jurisdiction EU."`
	// Contact is the controller's data protection officer or contact point.
	Contact *Contact `json:"contact,omitempty" doc:"The controller's data protection officer or contact point."`
	// AwareAt is when the controller became aware of the breach; without it, when the
	// processor told it (controller_notified_at).
	AwareAt *Timestamp `json:"aware_at,omitempty" doc:"When the controller became aware of the breach."`
	// Instruction is the controller's written instruction under which the processor
	// notifies the authority and the people on the controller's behalf. Given, the
	// processor submits those notices as the controller's; absent, it does not.
	Instruction string `json:"instruction,omitempty" text:"prose" doc:"The controller's written instruction under which the processor notifies on its behalf."`
}

// Counted is a set of categories (codes or free text) with an approximate number.
type Counted struct {
	Categories []string `json:"categories,omitempty" max:"1000" text:"prose" doc:"The categories: codes or free text."`
	CountMin   int      `json:"count_min,omitempty" doc:"The lower bound of the approximate number."`
	CountMax   int      `json:"count_max,omitempty" doc:"The upper bound of the approximate number."`
}

// SubjectNotice says whether, when and how the data subjects are told (Art. 34).
type SubjectNotice struct {
	Status    string     `json:"status" doc:"Whether the people are told: yes, planned or no."`
	At        *Timestamp `json:"at,omitempty" doc:"When the people were or will be told."`
	Channel   string     `json:"channel,omitempty" text:"prose" doc:"How the people are told: a code or free text."`
	Exemption string     `json:"exemption,omitempty" doc:"Why the people are not told (Art. 34(3)), as a code; required with status no."`
	Summary   string     `json:"summary,omitempty" text:"prose" doc:"What the people are told, in short."`
}

// CrossBorder names the other member states concerned and the lead authority (Art. 56).
type CrossBorder struct {
	MemberStates  []string `json:"member_states,omitempty" max:"1000" doc:"The other member states concerned, as ISO 3166-1 alpha-2 codes."`
	LeadAuthority string   `json:"lead_authority,omitempty" doc:"The name of the lead supervisory authority."`
}

// Request is one data-subject request and the reply to it (Art. 12, 15–22).
type Request struct {
	Number          string `json:"number" doc:"The request's number in the register."`
	ReceivedAt      *Date  `json:"received_at" doc:"The date the request was received; starts the one-month deadline."`
	Subject         string `json:"subject,omitempty" doc:"Who made the request, as the register identifies them."`
	Right           string `json:"right" text:"prose" doc:"The right invoked: a code or free text."`
	Decision        string `json:"decision,omitempty" doc:"What became of the request, as a code."`
	Reasons         string `json:"reasons,omitempty" text:"prose" doc:"The reasons for the decision."`
	Extended        bool   `json:"extended,omitempty" doc:"Whether the deadline was extended by two months."`
	ExtensionReason string `json:"extension_reason,omitempty" text:"prose" doc:"The reasons for the extension."`
	RepliedAt       *Date  `json:"replied_at,omitempty" doc:"The date of the reply."`
	ReplyNumber     string `json:"reply_number,omitempty" doc:"The reply's number."`
	PreparedBy      string `json:"prepared_by,omitempty" doc:"Who prepared the reply."`
	RecordedBy      string `json:"recorded_by,omitempty" doc:"Who recorded the request."`
	Comments        string `json:"comments,omitempty" text:"prose" doc:"Remarks on the request."`
}

// Cookie is one cookie (or similar technology) set by the organisation's website.
type Cookie struct {
	Name     string `json:"name" doc:"The cookie's name."`
	Provider string `json:"provider,omitempty" doc:"Who sets the cookie."`
	Category string `json:"category" doc:"The cookie's category, as a code."`
	Purpose  string `json:"purpose,omitempty" text:"prose" doc:"What the cookie is for."`
	// Expiry is an ISO 8601 duration ("P2Y", "PT30M") or "session".
	Expiry  string `json:"expiry" doc:"How long the cookie lasts: an ISO 8601 duration or session."`
	Party   string `json:"party,omitempty" doc:"Whether the cookie is first or third party."`
	Country string `json:"country,omitempty" doc:"Where the cookie's data go, as an ISO 3166-1 alpha-2 code."`
}

// CookieConsent is how the website asks for consent to cookies. Each field is a claim
// the cookie policy makes only when the case states it.
type CookieConsent struct {
	Banner               bool   `json:"banner,omitempty" doc:"Whether the website asks for consent on the first visit, before it sets any cookie that needs it."`
	RejectAsEasyAsAccept bool   `json:"reject_as_easy_as_accept,omitempty" doc:"Whether refusing cookies is as easy as accepting them (the same layer, the same prominence)."`
	WorksWithoutConsent  bool   `json:"works_without_consent,omitempty" doc:"Whether the website works in full when cookies are refused."`
	ChangeChoice         string `json:"change_choice,omitempty" text:"prose" doc:"Where a visitor changes or withdraws the choice, completing the sentence \"You can change your choice at any time …\", e.g. \"through the Cookie settings link at the foot of every page\"."`
}

// Review is one periodic review or inspection (Art. 24(1), 32(1)(d)).
type Review struct {
	Number       string   `json:"number" doc:"The review act's number."`
	Kind         string   `json:"kind" doc:"The kind of review, as a code."`
	Date         *Date    `json:"date" doc:"The date of the review."`
	Reviewer     string   `json:"reviewer,omitempty" doc:"Who carried out the review."`
	Participants []string `json:"participants,omitempty" max:"1000" doc:"Who took part in the review."`
	PeriodFrom   *Date    `json:"period_from,omitempty" doc:"The first day of the period reviewed."`
	PeriodTo     *Date    `json:"period_to,omitempty" doc:"The last day of the period reviewed."`
	Scope        string   `json:"scope,omitempty" text:"prose" doc:"What was reviewed."`
	Findings     []string `json:"findings,omitempty" max:"1000" text:"prose" doc:"What the review found."`
	Actions      []Action `json:"actions,omitempty" max:"1000" doc:"The corrective actions decided."`
	Conclusion   string   `json:"conclusion,omitempty" text:"prose" doc:"The review's conclusion."`
}

// Action is a corrective action decided in a review.
type Action struct {
	Action string `json:"action" text:"prose" doc:"What is to be done."`
	Owner  string `json:"owner,omitempty" doc:"Who is to do it."`
	Due    *Date  `json:"due,omitempty" doc:"By when it is to be done."`
}
