package casedata

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
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

// MalformedError is returned by Decode when the input is not JSON at all. It says what
// is wrong and where, for a message in the user's language (catalog.Explain).
type MalformedError struct {
	Reason string // MalformedEnd, MalformedCharacter, MalformedDepth or MalformedSyntax
	Char   string // for MalformedCharacter, the character, quoted as Go quotes a rune: '}'
	Line   int    // the line of the fault, from 1
	Offset int64  // the bytes read up to the fault, a leading byte order mark included
}

// The reasons of a MalformedError.
const (
	MalformedEnd       = "end"       // the input ends before the value does
	MalformedCharacter = "character" // a character where it does not belong
	MalformedDepth     = "depth"     // arrays and objects nested deeper than MaxDepth
	MalformedSyntax    = "syntax"    // any other fault encoding/json finds
)

func (e *MalformedError) Error() string {
	what := map[string]string{
		MalformedEnd: "unexpected end of input", MalformedCharacter: "unexpected character " + e.Char,
		MalformedDepth: fmt.Sprintf("arrays and objects nested deeper than %d levels", MaxDepth),
	}[e.Reason]
	if what == "" {
		what = "not valid JSON"
	}
	return fmt.Sprintf("casedata: malformed JSON: %s (line %d, byte %d)", what, e.Line, e.Offset)
}

// SyntaxError returns the *MalformedError of data that is not one JSON value after an
// optional leading byte order mark, nil for data that is; it builds nothing. Its
// offsets count the bytes of data as given.
func SyntaxError(data []byte) *MalformedError {
	value := bytes.TrimPrefix(data, byteOrderMark)
	if json.Valid(value) {
		return nil
	}
	var syn *json.SyntaxError
	if err := json.Unmarshal(value, new(struct{})); !errors.As(err, &syn) {
		// json.Valid and json.Unmarshal share one scanner: this does not happen.
		return malformedAt(data, MalformedSyntax, "", int64(len(data)))
	}
	at := syn.Offset + int64(len(data)-len(value))
	msg := syn.Error()
	switch {
	case msg == "unexpected end of JSON input":
		return malformedAt(data, MalformedEnd, "", at)
	case strings.HasSuffix(msg, "exceeded max depth"):
		return malformedAt(data, MalformedDepth, "", at)
	case strings.HasPrefix(msg, "invalid character ") && syn.Offset >= 1 && syn.Offset <= int64(len(value)):
		// encoding/json names the byte it stopped at, as if it were a character: the
		// first byte of "ą" as 'Ä'. The character is read from the input instead.
		return malformedAt(data, MalformedCharacter, quoteCharAt(value, syn.Offset-1), at)
	}
	return malformedAt(data, MalformedSyntax, "", at)
}

// quoteCharAt is the character that starts at byte i of data, quoted as strconv.QuoteRune
// quotes it, or as '\xff' when the byte there starts no UTF-8 character.
func quoteCharAt(data []byte, i int64) string {
	r, size := utf8.DecodeRune(data[i:])
	if r == utf8.RuneError && size <= 1 {
		return fmt.Sprintf(`'\x%02x'`, data[i])
	}
	return strconv.QuoteRune(r)
}

func malformedAt(data []byte, reason, char string, at int64) *MalformedError {
	line := 1 + bytes.Count(data[:min(at, int64(len(data)))], []byte("\n"))
	return &MalformedError{Reason: reason, Char: char, Line: line, Offset: at}
}

// Decode reads one case strictly, for a document in language lang. Input that is not
// JSON gives a *MalformedError; JSON that does not fit the case format gives Problems
// listing every duplicate key, unknown field, wrong type, bad timestamp and over-long
// text at once, each with its JSON-pointer path. With Problems, Decode still returns the
// case without the values it refused, so that Check can add what else is wrong and a
// user learns of everything in one answer. A key given twice in one object is refused
// (code "duplicate_key", at the second copy) and neither copy is read. A leading UTF-8
// byte order mark is skipped.
//
// The JSON is read once, into a tree, and the case is decoded from that tree: what the
// problems speak of is what the case holds. Decode takes time linear in the input and
// stops with ctx's error when ctx is done.
//
// A free-text field (tagged text:"prose") is a string or an object of language → text.
// Decode keeps the text in lang; without it, the text in the case's document.language,
// else the only one given, else the first of English and then the other languages in
// the order of their codes. Each such fallback is recorded among the case's warnings
// (code "language_fallback", Value the language taken), and so is every plain string
// when document.language is given and is not lang. Without document.language a plain
// string is taken as it is. lang must be a supported language.
func Decode(ctx context.Context, data []byte, lang string) (*Case, error) {
	langs := languages()
	if !slices.Contains(langs, lang) {
		return nil, fmt.Errorf("casedata: decoding for unsupported language %q", lang)
	}
	r := reader{ctx: ctx, raw: data, data: bytes.TrimPrefix(data, byteOrderMark)}
	tree, err := r.read()
	if err != nil {
		return nil, err
	}
	d := decoder{ctx: ctx, lang: lang, langs: langs, probs: r.probs}
	d.caseLanguage(tree)
	var c Case
	ok := d.decode(tree, reflect.ValueOf(&c).Elem(), field{maxItems: MaxItems}, "")
	switch {
	case d.err != nil:
		return nil, fmt.Errorf("casedata: decoding: %w", d.err)
	case !ok:
		return nil, d.probs
	}
	for _, w := range d.fallbacks {
		c.warn(w)
	}
	if len(d.probs) > 0 {
		return &c, d.probs
	}
	return &c, nil
}

var byteOrderMark = []byte("\uFEFF")

// MaxDepth bounds the nesting of arrays and objects, as encoding/json bounds its own.
const MaxDepth = 10000

// checkEvery is how many values or array items pass between two looks at the context.
const checkEvery = 1024

// reader reads JSON into a generic tree (objects as map[string]any, numbers as
// json.Number, strings as encoding/json unquotes them), refusing duplicate keys with
// their paths. The input is first checked by encoding/json's scanner, whose errors the
// users see; the tree is then read from input known to be one JSON value, in one pass
// over its bytes.
type reader struct {
	ctx    context.Context
	raw    []byte // the input as given
	data   []byte // the input without its byte order mark
	at     int    // the offset in data of the next byte to read
	values int
	steps  []step   // the path to the value being read, built only for a problem
	probs  Problems // the duplicate keys
	err    error    // the context's error, once done
}

// step is one step of a path: a member's key, or an array item's index when key is
// not given.
type step struct {
	key   string
	index int
	isKey bool
}

// read reads the one JSON value of the data. It returns a *MalformedError for data
// that is not one JSON value, and the context's error, wrapped, when it is done.
func (r *reader) read() (any, error) {
	if m := SyntaxError(r.raw); m != nil {
		return nil, m
	}
	tree := r.value()
	if r.err != nil {
		return nil, fmt.Errorf("casedata: reading: %w", r.err)
	}
	return tree, nil
}

// path is the JSON pointer of the value being read.
func (r *reader) path() string {
	var b strings.Builder
	for _, s := range r.steps {
		b.WriteByte('/')
		if s.isKey {
			b.WriteString(escapePointer(s.key))
		} else {
			b.WriteString(strconv.Itoa(s.index))
		}
	}
	return b.String()
}

func (r *reader) space() {
	for r.at < len(r.data) {
		switch r.data[r.at] {
		case ' ', '\t', '\n', '\r':
			r.at++
		default:
			return
		}
	}
}

// value reads the value at r.at, looking at the context every checkEvery values.
func (r *reader) value() any {
	r.values++
	if r.values%checkEvery == 0 {
		if r.err = r.ctx.Err(); r.err != nil {
			return nil
		}
	}
	if r.err != nil {
		return nil
	}
	r.space()
	switch r.data[r.at] {
	case '{':
		return r.object()
	case '[':
		r.at++
		arr := []any{}
		for r.space(); r.data[r.at] != ']'; r.space() {
			if r.data[r.at] == ',' {
				r.at++
			}
			r.steps = append(r.steps, step{index: len(arr)})
			v := r.value()
			r.steps = r.steps[:len(r.steps)-1]
			if r.err != nil {
				return nil
			}
			arr = append(arr, v)
		}
		r.at++
		return arr
	case '"':
		return r.text()
	case 't':
		r.at += len("true")
		return true
	case 'f':
		r.at += len("false")
		return false
	case 'n':
		r.at += len("null")
		return nil
	}
	start := r.at
	for r.at < len(r.data) && strings.IndexByte("+-.0123456789Ee", r.data[r.at]) >= 0 {
		r.at++
	}
	return json.Number(r.data[start:r.at])
}

// object reads the object at r.at; a key given twice is a problem, and neither copy is
// kept.
func (r *reader) object() any {
	r.at++
	obj := map[string]any{}
	var dropped map[string]bool // the keys given more than once
	for r.space(); r.data[r.at] != '}'; r.space() {
		if r.data[r.at] == ',' {
			r.at++
			r.space()
		}
		key := r.text()
		r.space()
		r.at++ // :
		r.steps = append(r.steps, step{key: key, isKey: true})
		v := r.value()
		if r.err != nil {
			return nil
		}
		_, seen := obj[key]
		switch {
		case dropped[key]:
			// A third copy or more: reported with the second.
		case seen:
			r.probs.add(r.path(), "duplicate_key", nil)
			delete(obj, key)
			if dropped == nil {
				dropped = map[string]bool{}
			}
			dropped[key] = true
		default:
			obj[key] = v
		}
		r.steps = r.steps[:len(r.steps)-1]
	}
	r.at++
	return obj
}

// text reads the string at r.at. A string without escapes in valid UTF-8 is taken as
// it is; any other is unquoted by encoding/json, which replaces invalid UTF-8.
func (r *reader) text() string {
	start := r.at
	r.at++
	plain := true
	for c := r.data[r.at]; c != '"'; c = r.data[r.at] {
		if c == '\\' {
			plain = false
			r.at++
		}
		r.at++
	}
	r.at++
	quoted := r.data[start:r.at]
	if plain && utf8.Valid(quoted) {
		return string(quoted[1 : len(quoted)-1])
	}
	var s string
	_ = json.Unmarshal(quoted, &s) // the scanner has accepted it
	return s
}

var (
	unmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	unmarshalers    sync.Map // reflect.Type → whether its pointer is a json.Unmarshaler
)

// unmarshals reports whether a value of type t decodes itself (a *t is a
// json.Unmarshaler).
func unmarshals(t reflect.Type) bool {
	if is, ok := unmarshalers.Load(t); ok {
		return is.(bool)
	}
	is := reflect.PointerTo(t).Implements(unmarshalerType)
	unmarshalers.Store(t, is)
	return is
}

// expected holds the arguments of a wrong_type problem by the type expected. A body of
// many wrong items makes as many problems, and they share these maps: nothing changes
// a problem's arguments (Problem.Message copies them).
var expected = map[string]map[string]any{
	"object": {"Expected": "object"}, "array": {"Expected": "array"}, "text": {"Expected": "text"},
	"string": {"Expected": "string"}, "number": {"Expected": "number"}, "boolean": {"Expected": "boolean"},
}

// decoder decodes a generic JSON tree into the Go value it must fill, adding a problem
// for every mismatch instead of stopping at the first, and takes the text of one
// language of every multilingual text.
type decoder struct {
	ctx      context.Context
	lang     string   // the language of the document the case is read for
	caseLang string   // document.language, when the case gives a supported one
	langs    []string // the supported languages, in the order of fallback
	probs    Problems
	// fallbacks are the texts taken from another language than lang.
	fallbacks []Warning
	err       error // the context's error, once done
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

// decode decodes v, the value at path, into dst, of field f, and reports whether v
// was acceptable. A value refused is left out: dst keeps its zero value, and a struct
// keeps the members that were acceptable.
func (d *decoder) decode(v any, dst reflect.Value, f field, path string) bool {
	if v == nil || d.err != nil {
		return true // null is "not given", for every field
	}
	t := dst.Type()
	if t.Kind() == reflect.Pointer {
		p := reflect.New(t.Elem())
		if !d.decode(v, p.Elem(), f, path) {
			return false
		}
		dst.Set(p)
		return true
	}
	if unmarshals(t) {
		raw, _ := json.Marshal(v)
		if err := dst.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(raw); err != nil {
			d.probs.add(path, err.Error(), nil)
			return false
		}
		return true
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			d.probs.add(path, "wrong_type", expected["object"])
			return false
		}
		fields := fieldsOf(t)
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			p := path + "/" + escapePointer(k)
			sub, ok := fields[k]
			if !ok {
				d.probs.add(p, "unknown_field", nil)
				continue
			}
			d.decode(obj[k], dst.Field(sub.index), sub, p)
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			d.probs.add(path, "wrong_type", expected["array"])
			return false
		}
		if len(arr) > f.maxItems {
			d.probs.add(path, "too_many", map[string]any{"Max": f.maxItems})
			return false
		}
		// The items of a prose list are prose; their own lists are unbounded by the tag.
		item := field{maxItems: MaxItems, prose: f.prose}
		s := reflect.MakeSlice(t, len(arr), len(arr))
		for i, x := range arr {
			if i%checkEvery == checkEvery-1 {
				if d.err = d.ctx.Err(); d.err != nil {
					return false
				}
			}
			d.decode(x, s.Index(i), item, path+"/"+strconv.Itoa(i))
		}
		dst.Set(s)
	case reflect.String:
		if obj, ok := v.(map[string]any); ok && f.prose {
			s, ok := d.text(obj, path)
			if ok {
				dst.SetString(s)
			}
			return ok
		}
		s, ok := v.(string)
		if !ok {
			want := "string"
			if f.prose {
				want = "text"
			}
			d.probs.add(path, "wrong_type", expected[want])
			return false
		}
		if !checkText(s, path, &d.probs) {
			return false
		}
		if f.prose && d.caseLang != "" && d.caseLang != d.lang && strings.TrimSpace(s) != "" {
			d.fallback(path, d.caseLang, s)
		}
		dst.SetString(s)
	case reflect.Int:
		num, ok := v.(json.Number)
		n, err := strconv.ParseInt(string(num), 10, 32)
		if !ok || err != nil {
			d.probs.add(path, "wrong_type", expected["number"])
			return false
		}
		dst.SetInt(n)
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			d.probs.add(path, "wrong_type", expected["boolean"])
			return false
		}
		dst.SetBool(b)
	default:
		panic(fmt.Sprintf("casedata: field type %s has no decoder", t))
	}
	return true
}

// text checks a multilingual text — an object of language → text — and returns the
// text of the language the document is read in, or of the fallback.
func (d *decoder) text(obj map[string]any, path string) (string, bool) {
	if len(obj) == 0 {
		d.probs.add(path, "no_text", map[string]any{"Allowed": strings.Join(d.langs, ", ")})
		return "", false
	}
	ok := true
	for _, lang := range slices.Sorted(maps.Keys(obj)) {
		p := path + "/" + escapePointer(lang)
		switch s, isText := obj[lang].(string); {
		case !slices.Contains(d.langs, lang):
			d.probs.add(p, "unknown_language", map[string]any{"Lang": lang, "Allowed": strings.Join(d.langs, ", ")})
			ok = false
		case !isText:
			d.probs.add(p, "wrong_type", expected["string"])
			ok = false
		case !checkText(s, p, &d.probs):
			ok = false
		}
	}
	if !ok {
		return "", false
	}
	if s, given := obj[d.lang]; given {
		return s.(string), true
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
	s := obj[lang].(string)
	d.fallback(path, lang, s)
	return s, true
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
	index    int  // its index in the struct
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
		m[name] = field{index: f.Index[0], maxItems: maxItems, prose: f.Tag.Get("text") == "prose"}
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
