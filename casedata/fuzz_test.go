package casedata

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzParse: any bytes either decode into a case that can be assessed, or give a
// malformed-JSON error or problems that all carry a known message code.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../samples/*.json")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(minimal))
	f.Add([]byte(`{"organisation":{"name":5,"x":[1,{"y":null}]},"breaches":[7,{"aware_at":"x"}]}`))
	f.Add([]byte(`{"document":{"language":"lt"},"breaches":[{"description":{"lt":"a","xx":"b"},"cause":{"nl":"c"},` +
		`"measures_taken":["x",{}],"consequences":{"lt":1}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data, NeedOrganisation|NeedBreaches, "en")
		var malformed *MalformedError
		var probs Problems
		switch {
		case errors.As(err, &malformed):
		case errors.As(err, &probs):
			for _, p := range probs {
				if p.Code == "" || (p.Path != "" && p.Path[0] != '/') {
					t.Fatalf("bad problem %+v", p)
				}
			}
		case err != nil:
			t.Fatalf("unexpected error %v", err)
		default:
			for i := range c.Breaches {
				f := c.AssessBreach(i, time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC))
				// 72 hours from the awareness of whoever notifies: the organisation, or
				// for a processor its controller (no deadline while that is unknown).
				aware := f.AwareAt
				if f.Processor {
					aware = f.ControllerAwareAt
				}
				if (f.Deadline.IsZero() != aware.IsZero()) || (!aware.IsZero() && f.Deadline.Sub(aware) != AuthorityDeadline) {
					t.Fatalf("deadline %v, awareness %v", f.Deadline, aware)
				}
			}
		}
	})
}
