package casedata

import "errors"

// Period is an ISO 8601 duration split into its parts ("P1Y6M", "PT30M", "P2W").
type Period struct {
	Years, Months, Weeks, Days, Hours, Minutes, Seconds int
}

var errDuration = errors.New("invalid_duration")

// ParsePeriod reads an ISO 8601 duration of whole units: P[nY][nM][nW][nD][T[nH][nM][nS]].
func ParsePeriod(s string) (Period, error) {
	var p Period
	if len(s) < 3 || s[0] != 'P' {
		return p, errDuration
	}
	inTime, seen := false, false
	n := -1
	for _, r := range s[1:] {
		switch {
		case r >= '0' && r <= '9':
			if n < 0 {
				n = 0
			}
			if n > 100000 {
				return p, errDuration
			}
			n = n*10 + int(r-'0')
			continue
		case r == 'T' && !inTime && n < 0:
			inTime = true
			continue
		}
		if n < 0 {
			return p, errDuration
		}
		var field *int
		switch {
		case !inTime && r == 'Y':
			field = &p.Years
		case !inTime && r == 'M':
			field = &p.Months
		case !inTime && r == 'W':
			field = &p.Weeks
		case !inTime && r == 'D':
			field = &p.Days
		case inTime && r == 'H':
			field = &p.Hours
		case inTime && r == 'M':
			field = &p.Minutes
		case inTime && r == 'S':
			field = &p.Seconds
		default:
			return p, errDuration
		}
		*field, n, seen = *field+n, -1, true
	}
	if n >= 0 || !seen {
		return p, errDuration
	}
	return p, nil
}
