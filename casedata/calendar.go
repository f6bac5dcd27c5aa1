package casedata

import (
	"slices"
	"time"
)

// Holidays is a jurisdiction's public holidays, as its data file gives them.
type Holidays struct {
	// Fixed are "MM-DD" dates that are holidays every year.
	Fixed []string `toml:"fixed"`
	// Easter are days counted from Easter Sunday (0 is Easter Sunday itself).
	Easter []int `toml:"easter"`
	// FirstSundays are months whose first Sunday is a holiday.
	FirstSundays []int `toml:"first_sundays"`
	// SundayMovesBack are "MM-DD" holidays kept on the day before when they fall on a
	// Sunday (the Dutch King's Day).
	SundayMovesBack []string `toml:"sunday_moves_back"`
}

// IsHoliday reports whether day d (its calendar date; time and zone ignored) is a
// public holiday.
func (h Holidays) IsHoliday(d time.Time) bool {
	day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	md := day.Format("01-02")
	if slices.Contains(h.Fixed, md) {
		return true
	}
	easter := easterSunday(day.Year())
	for _, offset := range h.Easter {
		if day.Equal(easter.AddDate(0, 0, offset)) {
			return true
		}
	}
	if day.Weekday() == time.Sunday && day.Day() <= 7 && slices.Contains(h.FirstSundays, int(day.Month())) {
		return true
	}
	for _, s := range h.SundayMovesBack {
		md, err := time.Parse("01-02", s)
		if err != nil {
			continue
		}
		holiday := time.Date(day.Year(), md.Month(), md.Day(), 0, 0, 0, 0, time.UTC)
		if holiday.Weekday() == time.Sunday {
			holiday = holiday.AddDate(0, 0, -1)
		}
		if day.Equal(holiday) {
			return true
		}
	}
	return false
}

// IsWorkingDay reports whether d is neither a weekend day nor a public holiday.
func (h Holidays) IsWorkingDay(d time.Time) bool {
	return d.Weekday() != time.Saturday && d.Weekday() != time.Sunday && !h.IsHoliday(d)
}

// AddMonths is the end of a period of n months starting on day from, under Regulation
// 1182/71: the same day number n months later, the month's last day when it is shorter,
// moved to the next working day when that is a weekend day or a public holiday.
func (h Holidays) AddMonths(from time.Time, n int) time.Time {
	first := time.Date(from.Year(), from.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	due := time.Date(first.Year(), first.Month(), min(from.Day(), last), 0, 0, 0, 0, time.UTC)
	for !h.IsWorkingDay(due) {
		due = due.AddDate(0, 0, 1)
	}
	return due
}

// easterSunday is the date of Easter Sunday in the Gregorian calendar (the anonymous
// Gregorian algorithm, "Meeus/Jones/Butcher").
func easterSunday(year int) time.Time {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}
