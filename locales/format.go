package locales

import (
	"strconv"
	"strings"
	"time"
)

// Number formats a whole number with the language's digit grouping
// ("1 200" in lt, "1.200" in nl, "1,200" in en).
func (l *Locale) Number(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	// Four-digit numbers stay ungrouped in Lithuanian and Dutch style guides;
	// grouping starts at five digits there, at four in English.
	min := 5
	if l.lang == "en" {
		min = 4
	}
	if len(s) >= min {
		sep := l.MustText("format.group")
		var b strings.Builder
		for i, r := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteString(sep)
			}
			b.WriteRune(r)
		}
		s = b.String()
	}
	if neg {
		s = "−" + s
	}
	return s
}

// Date formats a calendar day: "2026 m. lapkričio 19 d.", "19 november 2026", "19 November 2026".
func (l *Locale) Date(t time.Time) string {
	s, err := l.Text("format.date", map[string]any{
		"Year":  strconv.Itoa(t.Year()),
		"Month": l.MustText("month." + strconv.Itoa(int(t.Month()))),
		"Day":   strconv.Itoa(t.Day()),
	})
	if err != nil {
		return t.Format("2006-01-02")
	}
	return s
}

// ShortDate formats a calendar day for a table column: "2026-08-03" in lt and en,
// "3-8-2026" in nl.
func (l *Locale) ShortDate(t time.Time) string {
	s, err := l.Text("format.short_date", map[string]any{
		"Year": strconv.Itoa(t.Year()), "Month": strconv.Itoa(int(t.Month())), "Day": strconv.Itoa(t.Day()),
		"MM": t.Format("01"), "DD": t.Format("02"),
	})
	if err != nil {
		return t.Format(time.DateOnly)
	}
	return s
}

// DateTime formats a moment in its own location with the zone abbreviation:
// "2026 m. lapkričio 19 d. 14:30 (EET)".
func (l *Locale) DateTime(t time.Time) string {
	s, err := l.Text("format.datetime", map[string]any{
		"Date": l.Date(t),
		"Time": t.Format("15:04"),
		"Zone": t.Format("MST"),
	})
	if err != nil {
		return t.Format(time.RFC3339)
	}
	return s
}

// Count formats n of a noun ("person", "record", "hour") with the plural form the
// language needs: "1 asmuo", "2 asmenys", "10 asmenų", "21 asmuo".
func (l *Locale) Count(noun string, n int) string {
	return l.Number(n) + " " + l.noun(noun, n)
}

// CountAccusative is Count in the accusative, for a count after a preposition that
// governs it: "per 24 valandas", "per 21 valandą".
func (l *Locale) CountAccusative(noun string, n int) string {
	return l.Number(n) + " " + l.noun("_accusative."+noun, n)
}

func (l *Locale) noun(noun string, n int) string {
	s, err := l.Plural("noun"+prefixDot(noun), n, nil)
	if err != nil {
		return noun
	}
	return s
}

// List joins items the way the language writes a list: "a, b ir c", "a, b en c", "a, b and c".
func (l *Locale) List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	and := l.MustText("format.and")
	return strings.Join(items[:len(items)-1], ", ") + " " + and + " " + items[len(items)-1]
}

// Range formats an approximate count of a noun ("person", "record") from
// min and max, choosing the plural form from the number it ends with:
// "120–300 asmenų", "ne mažiau kaip 120 asmenų", "ne daugiau kaip 300 asmenų", "1 asmuo".
// Zero for both means the number is not known, and gives "".
func (l *Locale) Range(noun string, min, max int) string {
	var id string
	var n int
	switch {
	case min <= 0 && max <= 0:
		return ""
	case max <= 0:
		id, n = "count.at_least", min
	case min <= 0:
		id, n = "count.up_to", max
	case min == max:
		return l.Count(noun, max)
	default:
		id, n = "count.between", max
	}
	s, err := l.Text(id, map[string]any{"Min": l.Number(min), "Max": l.Number(max), "Noun": l.noun(noun, n)})
	if err != nil {
		return ""
	}
	return s
}

// prefixDot joins a noun to the "noun" message group: "hour" → ".hour"; a case
// suffix group ("_accusative.hour") joins as it is.
func prefixDot(noun string) string {
	if strings.HasPrefix(noun, "_") {
		return noun
	}
	return "." + noun
}
