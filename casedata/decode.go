package casedata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Limits bound what one case may hold, so that a hostile body cannot make a render
// unbounded. The body size itself is bounded by the caller (the server's body limit).
// Lists inside one record (measures, categories, member states) are bounded more
// tightly by a `max:"N"` tag on their field; MaxItems is for the registers' rows.
const (
	MaxTextLength = 20000  // characters in one text field
	MaxItems      = 100000 // items in one array
)

// MalformedError is returned by Decode when the input is not JSON at all.
type MalformedError struct{ Detail string }

func (e *MalformedError) Error() string { return "casedata: malformed JSON: " + e.Detail }

// Decode reads one case strictly. Input that is not JSON gives a *MalformedError; JSON
// that does not fit the case format gives Problems listing every unknown field, wrong
// type, bad timestamp and over-long text at once, each with its JSON-pointer path.
// With Problems, Decode still returns the case without the values it refused, so that
// Check can add what else is wrong and a user learns of everything in one answer.
func Decode(data []byte) (*Case, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, &MalformedError{Detail: jsonErrorDetail(err, data)}
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &MalformedError{Detail: "data after the end of the JSON value"}
	}
	var probs Problems
	if !checkValue(tree, reflect.TypeFor[Case](), "", &probs) {
		return nil, probs
	}
	if len(probs) > 0 {
		// The refused values are gone from the tree; decode what is left.
		var err error
		if data, err = json.Marshal(tree); err != nil {
			return nil, fmt.Errorf("casedata: re-encoding a checked case: %w", err)
		}
	}
	var c Case
	if err := json.Unmarshal(data, &c); err != nil {
		// checkValue accepts exactly what Unmarshal accepts; reaching this is a bug.
		return nil, fmt.Errorf("casedata: decoding a checked case: %w", err)
	}
	if len(probs) > 0 {
		return &c, probs
	}
	return &c, nil
}

func jsonErrorDetail(err error, data []byte) string {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		line := 1 + bytes.Count(data[:min(int(syn.Offset), len(data))], []byte("\n"))
		return fmt.Sprintf("%s (line %d, byte %d)", syn.Error(), line, syn.Offset)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of input"
	}
	return err.Error()
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// checkValue compares a generic JSON tree with the Go type it must decode into,
// adding a problem for every mismatch instead of stopping at the first. It reports
// whether v itself is acceptable; refused object members are removed from the tree.
func checkValue(v any, t reflect.Type, path string, probs *Problems) bool {
	return checkBounded(v, t, MaxItems, path, probs)
}

// checkBounded is checkValue for a field whose arrays hold at most maxItems items.
func checkBounded(v any, t reflect.Type, maxItems int, path string, probs *Problems) bool {
	if v == nil {
		return true // null is "not given", for every field
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		raw, _ := json.Marshal(v)
		if err := reflect.New(t).Interface().(json.Unmarshaler).UnmarshalJSON(raw); err != nil {
			probs.add(path, err.Error(), nil)
			return false
		}
		return true
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			probs.add(path, "wrong_type", map[string]any{"Expected": "object"})
			return false
		}
		fields := fieldsOf(t)
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			p := path + "/" + escapePointer(k)
			f, ok := fields[k]
			if !ok {
				probs.add(p, "unknown_field", nil)
				delete(obj, k)
				continue
			}
			if !checkBounded(obj[k], f.typ, f.maxItems, p, probs) {
				delete(obj, k)
			}
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			probs.add(path, "wrong_type", map[string]any{"Expected": "array"})
			return false
		}
		if len(arr) > maxItems {
			probs.add(path, "too_many", map[string]any{"Max": maxItems})
			return false
		}
		for i, item := range arr {
			if !checkValue(item, t.Elem(), path+"/"+strconv.Itoa(i), probs) {
				arr[i] = nil
			}
		}
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			probs.add(path, "wrong_type", map[string]any{"Expected": "string"})
			return false
		}
		return checkText(s, path, probs)
	case reflect.Int:
		n, ok := v.(json.Number)
		if _, err := strconv.ParseInt(string(n), 10, 32); !ok || err != nil {
			probs.add(path, "wrong_type", map[string]any{"Expected": "number"})
			return false
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			probs.add(path, "wrong_type", map[string]any{"Expected": "boolean"})
			return false
		}
	default:
		panic(fmt.Sprintf("casedata: field type %s has no check", t))
	}
	return true
}

// checkText refuses over-long text and control characters other than tab and line breaks:
// they cannot be shown in any output format and usually mean a broken paste.
func checkText(s, path string, probs *Problems) bool {
	if utf8.RuneCountInString(s) > MaxTextLength {
		probs.add(path, "too_long", map[string]any{"Max": MaxTextLength})
		return false
	}
	for _, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r < 0xa0) {
			probs.add(path, "control_characters", nil)
			return false
		}
	}
	return true
}

// field is what decoding needs to know of a struct field.
type field struct {
	typ      reflect.Type
	maxItems int // from the `max:"N"` tag, else MaxItems
}

var fieldCache sync.Map // reflect.Type → map[string]field

// fieldsOf maps the JSON names of a struct's fields to their types and limits.
func fieldsOf(t reflect.Type) map[string]field {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]field)
	}
	m := make(map[string]field, t.NumField())
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		maxItems := MaxItems
		if n, err := strconv.Atoi(f.Tag.Get("max")); err == nil {
			maxItems = n
		}
		m[name] = field{typ: f.Type, maxItems: maxItems}
	}
	fieldCache.Store(t, m)
	return m
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// escapePointer escapes one JSON-pointer token (RFC 6901).
func escapePointer(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return pointerEscaper.Replace(s)
}
