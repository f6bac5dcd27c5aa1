package templates

import (
	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/locales"
)

// Expiry is a cookie's lifetime in words in the locale's language, as plain text:
// "session" → "sesija", "P2Y" → "2 metai", "P1Y6M" → "1 metai ir 6 mėnesiai". Anything
// else is the user's own text and comes back as given.
func Expiry(l *locales.Locale, code string) string {
	if code == "session" {
		return l.MustText("format.session")
	}
	p, err := casedata.ParsePeriod(code)
	if err != nil {
		return code
	}
	var parts []string
	for _, u := range []struct {
		n    int
		noun string
	}{{p.Years, "year"}, {p.Months, "month"}, {p.Weeks, "week"}, {p.Days, "day"}, {p.Hours, "hour"}, {p.Minutes, "minute"}, {p.Seconds, "second"}} {
		if u.n > 0 {
			parts = append(parts, l.Count(u.noun, u.n))
		}
	}
	return l.List(parts)
}
