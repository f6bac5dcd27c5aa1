package casedata

import (
	"encoding/json"
	"errors"
	"time"
	_ "time/tzdata" // the jurisdictions' time zones must not depend on the host
)

var (
	errTimestamp = errors.New("invalid_timestamp")
	errDate      = errors.New("invalid_date")
)

// Timestamp is an RFC 3339 moment with an explicit offset ("2026-11-19T14:30:00+02:00").
type Timestamp struct{ time.Time }

// UnmarshalJSON accepts only RFC 3339 with an offset or Z.
func (t *Timestamp) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return errTimestamp
	}
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return errTimestamp
	}
	t.Time = v
	return nil
}

// MarshalJSON writes RFC 3339.
func (t Timestamp) MarshalJSON() ([]byte, error) {
	return json.Marshal(t.Format(time.RFC3339))
}

// Date is a calendar day ("2026-11-22"), with no time and no zone.
type Date struct{ time.Time }

// UnmarshalJSON accepts only YYYY-MM-DD.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return errDate
	}
	v, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return errDate
	}
	d.Time = v
	return nil
}

// MarshalJSON writes YYYY-MM-DD.
func (d Date) MarshalJSON() ([]byte, error) {
	return json.Marshal(d.Format(time.DateOnly))
}
