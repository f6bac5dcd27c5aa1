// Package catalog is the list of documents gdprdocs renders and the pipeline that renders
// one: decode the case, validate it for the document, derive the facts, execute the
// language's template to Markdown, and convert the Markdown (or, for spreadsheets, the
// typed case data) to the requested format. The HTTP server and the command line both
// render through a Service.
package catalog

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/locales"
)

// Format is an output format.
type Format string

// The output formats.
const (
	PDF      Format = "pdf"
	Markdown Format = "md"
	HTML     Format = "html"
	XLSX     Format = "xlsx"
	// Text is plain text for an e-mail body.
	Text Format = "txt"
	// CSV and JSON are the registers for other tools.
	CSV  Format = "csv"
	JSON Format = "json"
)

// formats are every output format.
var formats = []Format{PDF, Markdown, HTML, XLSX, Text, CSV, JSON}

// fromMarkdown reports whether the format is made from the document's Markdown.
func (f Format) fromMarkdown() bool {
	return f == PDF || f == Markdown || f == HTML || f == Text
}

// ContentType is the media type of the format.
func (f Format) ContentType() string {
	switch f {
	case PDF:
		return "application/pdf"
	case Markdown:
		return "text/markdown; charset=utf-8"
	case HTML:
		return "text/html; charset=utf-8"
	case XLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case Text:
		return "text/plain; charset=utf-8"
	case CSV:
		return "text/csv; charset=utf-8"
	case JSON:
		return "application/json"
	}
	return "application/octet-stream"
}

// FormatForMediaType maps a media type from an Accept header to a format.
func FormatForMediaType(mt string) (Format, bool) {
	for _, f := range formats {
		base := f.ContentType()
		base, _, _ = strings.Cut(base, ";")
		if mt == base {
			return f, true
		}
	}
	return "", false
}

// Document is one entry of the catalogue.
type Document struct {
	ID      string
	Formats []Format
	// Needs names the case sections the document cannot do without.
	Needs casedata.Sections
	// Sections lists the top-level case sections the document reads, for clients.
	Sections []string
	// Source is the legal provision the document answers to.
	Source string
	// Register is true for a register: one row per item of its section, as of "now".
	Register bool
	// Numbered documents have their clauses numbered and references resolved.
	Numbered bool
	// reads are the parts of a case whose free text the document prints, as JSON
	// pointer prefixes; "#" stands for the breach or review the request selects. Text
	// taken from another language elsewhere in the case does not concern the document.
	reads []string

	// prepare validates what only this document needs and builds what its formats are
	// made from: the view, and what sheets says.
	prepare func(c *casedata.Case, req Request, loc *locales.Locale) (*prepared, error)
	// sheets is what prepare provides for the document's XLSX, CSV and JSON.
	sheets sheetSource
}

// sheetSource is what a document's spreadsheet and data formats are made from.
type sheetSource int

const (
	// noSheets: the document is offered in none of XLSX, CSV, JSON.
	noSheets sheetSource = iota
	// tableSheets: prepare gives a table, the source of the document's CSV and JSON and,
	// unless prepare also gives a workbook, of its XLSX.
	tableSheets
	// workbookSheets: prepare gives a workbook, the document's XLSX; it has no CSV or JSON.
	workbookSheets
)

// Offers reports whether the document is available in format f.
func (d *Document) Offers(f Format) bool { return slices.Contains(d.Formats, f) }

// Documents is the catalogue, in the order clients list it. Ids are binding.
var Documents = []*Document{
	{
		ID:       "breach-authority-notice",
		Formats:  []Format{PDF, Markdown, HTML, XLSX},
		Needs:    casedata.NeedOrganisation | casedata.NeedBreaches,
		Sections: []string{"organisation", "breaches"},
		Source:   "GDPR Art. 33",
		sheets:   workbookSheets,
		prepare:  prepareAuthorityNotice,
		reads:    []string{"/organisation/head", "/organisation/contact_person", "/breaches/#"},
	},
	{
		ID:       "breach-subject-notice",
		Formats:  []Format{PDF, Markdown, HTML, Text},
		Needs:    casedata.NeedOrganisation | casedata.NeedBreaches,
		Sections: []string{"organisation", "breaches"},
		Source:   "GDPR Art. 34",
		prepare:  prepareSubjectNotice,
		reads:    []string{"/organisation/head", "/organisation/contact_person", "/breaches/#"},
	},
	{
		ID:       "breach-controller-notice",
		Formats:  []Format{PDF, Markdown, HTML},
		Needs:    casedata.NeedOrganisation | casedata.NeedBreaches,
		Sections: []string{"organisation", "breaches"},
		Source:   "GDPR Art. 33(2)",
		prepare:  prepareControllerNotice,
		reads:    []string{"/organisation/head", "/organisation/contact_person", "/breaches/#"},
	},
	{
		ID:       "privacy-policy",
		Formats:  []Format{PDF, Markdown, HTML},
		Needs:    casedata.NeedOrganisation | casedata.NeedActivities,
		Sections: []string{"organisation", "document", "processing_activities"},
		Source:   "GDPR Art. 13, 14",
		prepare:  preparePrivacyPolicy,
		reads:    []string{"/organisation/head", "/organisation/contact_person", "/organisation/processing_activities", "/organisation/processors"},
	},
	{
		ID:       "cookie-policy",
		Formats:  []Format{PDF, Markdown, HTML, XLSX},
		Needs:    casedata.NeedOrganisation | casedata.NeedCookies,
		Sections: []string{"organisation", "document", "cookies"},
		Source:   "ePrivacy Art. 5(3)",
		sheets:   tableSheets,
		prepare:  prepareCookiePolicy,
		reads:    []string{"/organisation/cookies", "/organisation/cookie_consent"},
	},
	{
		ID:       "processing-records",
		Formats:  []Format{XLSX, PDF, Markdown, HTML, CSV, JSON},
		Needs:    casedata.NeedOrganisation | casedata.NeedActivities,
		Sections: []string{"organisation", "processing_activities"},
		Source:   "GDPR Art. 30",
		Register: true,
		sheets:   tableSheets,
		prepare:  prepareProcessingRecords,
		reads:    []string{"/organisation/processing_activities", "/organisation/security/measures"},
	},
	{
		ID:       "breach-register",
		Formats:  []Format{XLSX, PDF, Markdown, HTML, CSV, JSON},
		Needs:    casedata.NeedOrganisation | casedata.NeedBreaches,
		Sections: []string{"organisation", "breaches"},
		Source:   "GDPR Art. 33(5)",
		Register: true,
		sheets:   tableSheets,
		prepare:  prepareBreachRegister,
		reads:    []string{"/breaches"},
	},
	{
		ID:       "request-register",
		Formats:  []Format{XLSX, PDF, Markdown, HTML, CSV, JSON},
		Needs:    casedata.NeedOrganisation | casedata.NeedRequests,
		Sections: []string{"organisation", "requests"},
		Source:   "GDPR Art. 12, 15–22",
		Register: true,
		sheets:   tableSheets,
		prepare:  prepareRequestRegister,
		reads:    []string{"/requests"},
	},
	{
		ID:       "authorised-persons",
		Formats:  []Format{XLSX, PDF, Markdown, HTML, CSV, JSON},
		Needs:    casedata.NeedOrganisation | casedata.NeedAuthorisedPersons,
		Sections: []string{"organisation", "authorised_persons"},
		Source:   "GDPR Art. 29, 32(4)",
		Register: true,
		sheets:   tableSheets,
		prepare:  preparePersons,
		reads:    []string{"/organisation/authorised_persons"},
	},
	{
		ID:       "processing-rules",
		Formats:  []Format{PDF, Markdown, HTML},
		Needs:    casedata.NeedOrganisation | casedata.NeedActivities,
		Sections: []string{"organisation", "document", "processing_activities"},
		Source:   "GDPR Art. 5, 24, 32",
		Numbered: true,
		prepare:  prepareRules,
		reads:    []string{"/organisation/head", "/organisation/contact_person", "/organisation/processing_activities", "/organisation/processors", "/organisation/security", "/organisation/authorised_persons"},
	},
	{
		ID:       "breach-procedure",
		Formats:  []Format{PDF, Markdown, HTML},
		Needs:    casedata.NeedOrganisation,
		Sections: []string{"organisation", "document"},
		Source:   "GDPR Art. 33, 34",
		Numbered: true,
		prepare:  prepareProcedure,
		reads:    []string{"/organisation/head", "/organisation/contact_person", "/organisation/security"},
	},
	{
		ID:       "request-procedure",
		Formats:  []Format{PDF, Markdown, HTML},
		Needs:    casedata.NeedOrganisation,
		Sections: []string{"organisation", "document"},
		Source:   "GDPR Art. 12–22",
		Numbered: true,
		prepare:  prepareProcedure,
		reads:    []string{"/organisation/head", "/organisation/contact_person", "/organisation/security"},
	},
	{
		ID:       "records-procedure",
		Formats:  []Format{PDF, Markdown, HTML},
		Needs:    casedata.NeedOrganisation,
		Sections: []string{"organisation", "document"},
		Source:   "GDPR Art. 30, 32",
		Numbered: true,
		prepare:  prepareProcedure,
		reads:    []string{"/organisation/head", "/organisation/contact_person", "/organisation/security"},
	},
	{
		ID:       "review-act",
		Formats:  []Format{PDF, Markdown, HTML, XLSX},
		Needs:    casedata.NeedOrganisation | casedata.NeedReviews,
		Sections: []string{"organisation", "document", "reviews"},
		Source:   "GDPR Art. 24(1), 32(1)(d)",
		sheets:   tableSheets,
		prepare:  prepareReviewAct,
		reads:    []string{"/organisation/head", "/organisation/contact_person", "/reviews/#"},
	},
	{
		ID:       "registers",
		Formats:  []Format{XLSX},
		Needs:    casedata.NeedOrganisation | casedata.NeedRegisters,
		Sections: []string{"organisation", "breaches", "requests", "authorised_persons"},
		Source:   "GDPR Art. 12, 29, 33(5)",
		Register: true,
		sheets:   workbookSheets,
		prepare:  prepareRegisters,
		reads:    []string{"/breaches", "/requests", "/organisation/authorised_persons", "/organisation/processing_activities", "/organisation/security/measures"},
	},
}

// concerns reports whether a warning of a render concerns the document: a default is
// recorded as the document prints it; a language fallback, where the document reads
// (item is the index of the selected breach or review).
func (d *Document) concerns(w casedata.Warning, item string) bool {
	if w.Code != "language_fallback" {
		return true
	}
	for _, r := range d.reads {
		r = strings.Replace(r, "#", item, 1)
		if w.Path == r || strings.HasPrefix(w.Path, r+"/") {
			return true
		}
	}
	return false
}

// checkCatalogue reports the first entry of docs that could not be rendered as it
// promises: an id that is empty or given twice, no prepare function, a format that is
// unknown or listed twice, XLSX, CSV or JSON offered without what sheets says they are
// made from (or sheets declared for none of them), or a title, file name or source
// missing from a language. New refuses to start with such a catalogue.
func checkCatalogue(docs []*Document, locs *locales.Set) error {
	ids := map[string]bool{}
	for _, d := range docs {
		bad := func(format string, args ...any) error {
			return fmt.Errorf("catalog: document %q: "+format, append([]any{d.ID}, args...)...)
		}
		if d.ID == "" || ids[d.ID] {
			return bad("empty or listed twice")
		}
		ids[d.ID] = true
		if d.prepare == nil {
			return bad("no prepare function")
		}
		if len(d.Formats) == 0 {
			return bad("offered in no format")
		}
		for i, f := range d.Formats {
			if !slices.Contains(formats, f) || slices.Contains(d.Formats[:i], f) {
				return bad("format %q unknown or listed twice", f)
			}
		}
		switch {
		case (d.Offers(CSV) || d.Offers(JSON)) && d.sheets != tableSheets:
			return bad("offered as CSV or JSON without a table")
		case d.Offers(XLSX) && d.sheets == noSheets:
			return bad("offered as XLSX without a table or a workbook")
		case !d.Offers(XLSX) && d.sheets != noSheets:
			return bad("has sheets but is not offered as XLSX")
		}
		for _, lang := range locs.Languages() {
			loc, _ := locs.Locale(lang)
			for _, key := range []string{"title", "file", "source"} {
				if _, err := loc.Text("document."+d.ID+"."+key, nil); err != nil {
					return bad("%w", err)
				}
			}
		}
	}
	return nil
}

// Lookup returns the catalogue entry with the id.
func Lookup(id string) (*Document, bool) {
	for _, d := range Documents {
		if d.ID == id {
			return d, true
		}
	}
	return nil, false
}
