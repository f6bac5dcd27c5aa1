package casedata

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzDecodeAgrees: the case Decode returns is the one its problems speak of. Whatever
// the input held — duplicate keys, refused values, texts in several languages — the
// case, encoded again, decodes without a problem to the same case, and holds nothing at
// the path of a duplicate key.
func FuzzDecodeAgrees(f *testing.F) {
	addSamples(f)
	for _, seed := range []string{
		minimal,
		`{"version": "x", "version": 1}`,
		`{"version": 1, "version": "x"}`,
		`{"organisation": {"name": "A", "jurisdiction": "LT"}, "organisation": {"email": "` + strings.Repeat(`\u0000\u001b`, 100) + `"}}`,
		`{"organisation": {"name": "A", "name": "B", "address": {"country": "LT", "country": 5}}}`,
		`{"breaches": [{"description": {"en": "a", "lt": "b", "en": "c"}, "types": ["confidentiality"], "types": []}]}`,
		`{"document": {"language": "lt"}, "document": {"language": "nl"}, "breaches": [{"cause": "x"}]}`,
		`{"requests": [{"number": "1", "number": "2"}, 7, {"received_at": "2026-11-19T14:30:00.5+02:00"}]}`,
		"\uFEFF" + `{"version": 1, "versio\u006e": 1}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Decode(t.Context(), data, "en")
		var probs Problems
		if c == nil {
			if err == nil || errors.As(err, &probs) && len(probs) == 0 {
				t.Fatalf("no case and no reason: %v", err)
			}
			return
		}
		if err != nil && !errors.As(err, &probs) {
			t.Fatalf("a case with an error other than problems: %v", err)
		}
		encoded, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		again, err := Decode(t.Context(), encoded, "en")
		if err != nil {
			t.Fatalf("the decoded case has problems of its own: %v\n%s", err, encoded)
		}
		if reencoded, _ := json.Marshal(again); !bytes.Equal(reencoded, encoded) {
			t.Fatalf("decoded again, the case changed:\n%s\n%s", encoded, reencoded)
		}
		var tree any
		if err := json.Unmarshal(encoded, &tree); err != nil {
			t.Fatal(err)
		}
		for _, p := range probs {
			if v, found := valueAt(tree, p.Path); p.Code == "duplicate_key" && found && !zero(v) {
				t.Fatalf("a duplicate key was read: %s is %v", p.Path, v)
			}
		}
	})
}

// valueAt is the value at a JSON pointer in a generic tree, if there is one.
func valueAt(tree any, pointer string) (any, bool) {
	if pointer == "" {
		return tree, true
	}
	for _, token := range strings.Split(pointer[1:], "/") {
		token = strings.NewReplacer("~1", "/", "~0", "~").Replace(token)
		switch node := tree.(type) {
		case map[string]any:
			v, ok := node[token]
			if !ok {
				return nil, false
			}
			tree = v
		case []any:
			i, err := strconv.Atoi(token)
			if err != nil || i < 0 || i >= len(node) {
				return nil, false
			}
			tree = node[i]
		default:
			return nil, false
		}
	}
	return tree, true
}

// zero reports whether a generic JSON value is what an unset Go value encodes as.
func zero(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return v == ""
	case float64:
		return v == 0
	case bool:
		return !v
	case []any:
		return len(v) == 0
	case map[string]any:
		for _, m := range v {
			if !zero(m) {
				return false
			}
		}
		return true
	}
	return false
}

// FuzzParse: any bytes either decode into a case that can be assessed, or give a
// malformed-JSON error or problems that all carry a known message code.
func FuzzParse(f *testing.F) {
	addSamples(f)
	f.Add([]byte(minimal))
	f.Add([]byte(`{"organisation":{"name":5,"x":[1,{"y":null}]},"breaches":[7,{"aware_at":"x"}]}`))
	f.Add([]byte(`{"document":{"language":"lt"},"breaches":[{"description":{"lt":"a","xx":"b"},"cause":{"nl":"c"},` +
		`"measures_taken":["x",{}],"consequences":{"lt":1}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(t.Context(), data, NeedOrganisation|NeedBreaches, "en")
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

// addSamples seeds a fuzz target with every sample case.
func addSamples(f *testing.F) {
	files, _ := filepath.Glob("../samples/*.json")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}
