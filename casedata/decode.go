package casedata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
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

// Decode reads one case strictly, for a document in language lang. Input that is not
// JSON gives a *MalformedError; JSON that does not fit the case format gives Problems
// listing every unknown field, wrong type, bad timestamp and over-long text at once, each
// with its JSON-pointer path. With Problems, Decode still returns the case without the
// values it refused, so that Check can add what else is wrong and a user learns of
// everything in one answer.
//
// A free-text field (tagged text:"prose") is a string or an object of language → text.
// Decode keeps the text in lang; without it, the text in the case's document.language,
// else the only one given, else the first of English and then the other languages in
// the order of their codes. Each such fallback is recorded among the case's warnings
// (code "language_fallback", Value the language taken), and so is every plain string
// when document.language is given and is not lang. Without document.language a plain
// string is taken as it is. lang must be a supported language.
func Decode(data []byte, lang string) (*Case, error) {
	langs := languages()
	if !slices.Contains(langs, lang) {
		return nil, fmt.Errorf("casedata: decoding for unsupported language %q", lang)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, &MalformedError{Detail: jsonErrorDetail(err, data)}
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &MalformedError{Detail: "data after the end of the JSON value"}
	}
	d := decoder{lang: lang, langs: langs}
	d.caseLanguage(tree)
	if _, ok := d.check(tree, reflect.TypeFor[Case](), field{maxItems: MaxItems}, ""); !ok {
		return nil, d.probs
	}
	if len(d.probs) > 0 || d.resolved {
		// The tree has lost the values it refused, or its multilingual texts are now
		// the chosen language's: decode what it holds.
		var err error
		if data, err = json.Marshal(tree); err != nil {
			return nil, fmt.Errorf("casedata: re-encoding a checked case: %w", err)
		}
	}
	var c Case
	if err := json.Unmarshal(data, &c); err != nil {
		// check accepts exactly what Unmarshal accepts; reaching this is a bug.
		return nil, fmt.Errorf("casedata: decoding a checked case: %w", err)
	}
	for _, w := range d.fallbacks {
		c.warn(w)
	}
	if len(d.probs) > 0 {
		return &c, d.probs
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

// decoder compares a generic JSON tree with the Go type it must decode into, adding a
// problem for every mismatch instead of stopping at the first, and replaces every
// multilingual text in the tree by the text of one language.
type decoder struct {
	lang     string   // the language of the document the case is read for
	caseLang string   // document.language, when the case gives a supported one
	langs    []string // the supported languages, in the order of fallback
	probs    Problems
	// fallbacks are the texts taken from another language than lang.
	fallbacks []Warning
	// resolved says that a multilingual text was replaced in the tree.
	resolved bool
}

// caseLanguage reads document.language ahead of the rest, which it decides the texts
// of; a language that is not supported is a problem and is removed from the tree.
func (d *decoder) caseLanguage(tree any) {
	root, _ := tree.(map[string]any)
	doc, _ := root["document"].(map[string]any)
	lang, ok := doc["language"].(string)
	switch {
	case !ok:
		// Absent, or of the wrong type, which check reports.
	case slices.Contains(d.langs, lang):
		d.caseLang = lang
	default:
		d.probs.add("/document/language", "unknown_language",
			map[string]any{"Lang": lang, "Allowed": strings.Join(d.langs, ", ")})
		delete(doc, "language")
	}
}

// check checks v against type t of field f at path. It returns the value the tree is to
// hold instead of v — v itself, or the chosen text of a multilingual one — and whether
// that value is acceptable; refused object members are removed from the tree.
func (d *decoder) check(v any, t reflect.Type, f field, path string) (any, bool) {
	if v == nil {
		return nil, true // null is "not given", for every field
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		raw, _ := json.Marshal(v)
		if err := reflect.New(t).Interface().(json.Unmarshaler).UnmarshalJSON(raw); err != nil {
			d.probs.add(path, err.Error(), nil)
			return v, false
		}
		return v, true
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			d.probs.add(path, "wrong_type", map[string]any{"Expected": "object"})
			return v, false
		}
		fields := fieldsOf(t)
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			p := path + "/" + escapePointer(k)
			sub, ok := fields[k]
			if !ok {
				d.probs.add(p, "unknown_field", nil)
				delete(obj, k)
				continue
			}
			if obj[k], ok = d.check(obj[k], sub.typ, sub, p); !ok {
				delete(obj, k)
			}
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			d.probs.add(path, "wrong_type", map[string]any{"Expected": "array"})
			return v, false
		}
		if len(arr) > f.maxItems {
			d.probs.add(path, "too_many", map[string]any{"Max": f.maxItems})
			return v, false
		}
		// The items of a prose list are prose; their own lists are unbounded by the tag.
		item := field{typ: t.Elem(), maxItems: MaxItems, prose: f.prose}
		for i := range arr {
			if arr[i], ok = d.check(arr[i], t.Elem(), item, path+"/"+strconv.Itoa(i)); !ok {
				arr[i] = nil
			}
		}
	case reflect.String:
		if obj, ok := v.(map[string]any); ok && f.prose {
			return d.text(obj, path)
		}
		s, ok := v.(string)
		if !ok {
			expected := "string"
			if f.prose {
				expected = "text"
			}
			d.probs.add(path, "wrong_type", map[string]any{"Expected": expected})
			return v, false
		}
		if !checkText(s, path, &d.probs) {
			return v, false
		}
		if f.prose && d.caseLang != "" && d.caseLang != d.lang && strings.TrimSpace(s) != "" {
			d.fallback(path, d.caseLang, s)
		}
	case reflect.Int:
		n, ok := v.(json.Number)
		if _, err := strconv.ParseInt(string(n), 10, 32); !ok || err != nil {
			d.probs.add(path, "wrong_type", map[string]any{"Expected": "number"})
			return v, false
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			d.probs.add(path, "wrong_type", map[string]any{"Expected": "boolean"})
			return v, false
		}
	default:
		panic(fmt.Sprintf("casedata: field type %s has no check", t))
	}
	return v, true
}

// text checks a multilingual text — an object of language → text — and returns the
// text of the language the document is read in, or of the fallback.
func (d *decoder) text(obj map[string]any, path string) (any, bool) {
	if len(obj) == 0 {
		d.probs.add(path, "no_text", map[string]any{"Allowed": strings.Join(d.langs, ", ")})
		return obj, false
	}
	ok := true
	for _, lang := range slices.Sorted(maps.Keys(obj)) {
		p := path + "/" + escapePointer(lang)
		switch s, isText := obj[lang].(string); {
		case !slices.Contains(d.langs, lang):
			d.probs.add(p, "unknown_language", map[string]any{"Lang": lang, "Allowed": strings.Join(d.langs, ", ")})
			ok = false
		case !isText:
			d.probs.add(p, "wrong_type", map[string]any{"Expected": "string"})
			ok = false
		case !checkText(s, p, &d.probs):
			ok = false
		}
	}
	if !ok {
		return obj, false
	}
	d.resolved = true
	if s, given := obj[d.lang]; given {
		return s, true
	}
	lang := d.caseLang
	if _, given := obj[lang]; !given {
		for _, l := range d.langs {
			if _, given := obj[l]; given {
				lang = l
				break
			}
		}
	}
	d.fallback(path, lang, obj[lang].(string))
	return obj[lang], true
}

// fallback records that the text at path is taken in lang, not in the document's
// language — unless the text is a code of the field, which the document renders as a
// word in its own language.
func (d *decoder) fallback(path, lang, text string) {
	if slices.Contains(codesOf(path), text) {
		return
	}
	d.fallbacks = append(d.fallbacks, Warning{Path: path, Code: "language_fallback", Value: lang, text: text})
}

// checkText refuses over-long text, control characters other than tab and line breaks —
// they cannot be shown in any output format and usually mean a broken paste — and
// characters that would make a document show other text than it holds (invisible).
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
	if r, found := invisible(s); found {
		probs.add(path, "invisible_characters", map[string]any{"Char": fmt.Sprintf("U+%04X", r)})
		return false
	}
	return true
}

// field is what decoding needs to know of a struct field.
type field struct {
	typ      reflect.Type
	maxItems int  // from the `max:"N"` tag, else MaxItems
	prose    bool // from the `text:"prose"` tag: a string or a multilingual text
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
		m[name] = field{typ: f.Type, maxItems: maxItems, prose: f.Tag.Get("text") == "prose"}
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
