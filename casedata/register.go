package casedata

import (
	"cmp"
	"slices"
	"strconv"
	"time"
)

// RegisterBreaches returns the indices of the breaches a breach register made at the
// moment now lists, in its order: by when the organisation became aware of them
// (aware_at), then by when they began (occurred_from, a start not known last), then by
// reference. A breach the organisation became aware of after now is not yet part of
// the register: it is left out and reported (warning "aware_after", the register's
// moment as its value). The case must have passed Check.
func (c *Case) RegisterBreaches(now time.Time) []int {
	var out []int
	for i := range c.Breaches {
		if c.Breaches[i].AwareAt.After(now) {
			c.warn(Warning{Path: "/breaches/" + strconv.Itoa(i) + "/aware_at", Code: "aware_after",
				Value: now.In(c.Location()).Format(time.RFC3339)})
			continue
		}
		out = append(out, i)
	}
	slices.SortStableFunc(out, func(i, j int) int {
		a, b := &c.Breaches[i], &c.Breaches[j]
		if n := a.AwareAt.Compare(b.AwareAt.Time); n != 0 {
			return n
		}
		if n := compareStart(a.OccurredFrom, b.OccurredFrom); n != 0 {
			return n
		}
		return compareNumbers(a.Reference, b.Reference)
	})
	return out
}

// RegisterRequests returns the indices of the requests a request register made on day
// today lists, in its order: by the day received, then by number. A request received
// after today is not yet part of the register: it is left out and reported (warning
// "received_after", the register's day as its value). The case must have passed Check.
func (c *Case) RegisterRequests(today time.Time) []int {
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	var out []int
	for i := range c.Requests {
		if c.Requests[i].ReceivedAt.After(day) {
			c.warn(Warning{Path: "/requests/" + strconv.Itoa(i) + "/received_at", Code: "received_after",
				Value: day.Format(time.DateOnly)})
			continue
		}
		out = append(out, i)
	}
	slices.SortStableFunc(out, func(i, j int) int {
		a, b := &c.Requests[i], &c.Requests[j]
		if n := a.ReceivedAt.Compare(b.ReceivedAt.Time); n != 0 {
			return n
		}
		return compareNumbers(a.Number, b.Number)
	})
	return out
}

// compareStart orders two beginnings of breaches, one not known after any known.
func compareStart(a, b *Timestamp) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return a.Compare(b.Time)
}

// compareNumbers orders references as people number them: runs of digits by their
// value, so that "2026-9" comes before "2026-10", the rest character by character.
func compareNumbers(a, b string) int {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := trimZeros(a[:da]), trimZeros(b[:db])
			if n := cmp.Compare(len(na), len(nb)); n != 0 {
				return n
			}
			if n := cmp.Compare(na, nb); n != 0 {
				return n
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

// digits is the length of the run of ASCII digits s starts with.
func digits(s string) int {
	n := 0
	for n < len(s) && '0' <= s[n] && s[n] <= '9' {
		n++
	}
	return n
}

func trimZeros(s string) string {
	for len(s) > 1 && s[0] == '0' {
		s = s[1:]
	}
	return s
}
