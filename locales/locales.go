// Package locales holds the language of gdprdocs: the go-i18n message files for every
// supported language and the helpers that format dates, times, numbers and counted nouns
// the way a native reader expects them.
//
// Adding a language means adding a message file; no code changes. Every lookup is strict:
// a message missing from a language is an error, never a silent fallback to another one.
package locales

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

//go:embed *.toml
var files embed.FS

// Set is every loaded language. It is safe for concurrent use.
type Set struct {
	langs  []string
	byLang map[string]*Locale
}

// Locale formats text in one language.
type Locale struct {
	lang      string
	localizer *i18n.Localizer
	regions   display.Namer // country names from CLDR
	languages display.Namer // language names from CLDR
	// cache holds plain messages (no template data, no plural) once looked up;
	// they are the bulk of the lookups during a render.
	cache sync.Map
}

var (
	loadOnce sync.Once
	loaded   *Set
	loadErr  error
)

// Default returns the languages embedded in the binary, loaded once.
func Default() (*Set, error) {
	loadOnce.Do(func() { loaded, loadErr = Load(files) })
	return loaded, loadErr
}

// Load reads every "<lang>.toml" message file at the root of fsys.
func Load(fsys fs.FS) (*Set, error) {
	names, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return nil, err
	}
	set := &Set{byLang: make(map[string]*Locale)}
	for _, name := range names {
		lang := strings.TrimSuffix(path.Base(name), ".toml")
		tag, err := language.Parse(lang)
		if err != nil {
			return nil, fmt.Errorf("locales: %s: %w", name, err)
		}
		// One bundle per language, so that a message missing in one language can never
		// be answered from another.
		bundle := i18n.NewBundle(tag)
		bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		if _, err := bundle.ParseMessageFileBytes(data, name); err != nil {
			return nil, fmt.Errorf("locales: %w", err)
		}
		set.langs = append(set.langs, lang)
		set.byLang[lang] = &Locale{lang: lang, localizer: i18n.NewLocalizer(bundle, lang), regions: display.Regions(tag),
			languages: display.Languages(tag)}
	}
	if len(set.langs) == 0 {
		return nil, fmt.Errorf("locales: no message files")
	}
	slices.Sort(set.langs)
	return set, nil
}

// Languages lists the language codes, sorted.
func (s *Set) Languages() []string { return slices.Clone(s.langs) }

// Locale returns the locale of lang, or false when the language is not supported.
func (s *Set) Locale(lang string) (*Locale, bool) {
	l, ok := s.byLang[lang]
	return l, ok
}

// Lang is the locale's language code ("lt").
func (l *Locale) Lang() string { return l.lang }

// Text returns the message id, filled with data when given.
func (l *Locale) Text(id string, data map[string]any) (string, error) {
	if data == nil {
		if s, ok := l.cache.Load(id); ok {
			return s.(string), nil
		}
	}
	s, err := l.localizer.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		return "", fmt.Errorf("locales: %s: message %q: %w", l.lang, id, err)
	}
	if data == nil {
		l.cache.Store(id, s)
	}
	return s, nil
}

// Plural returns the plural form of message id that fits n, with {{.Count}} set to n
// formatted for the language.
func (l *Locale) Plural(id string, n int, data map[string]any) (string, error) {
	td := map[string]any{"Count": l.Number(n)}
	for k, v := range data {
		td[k] = v
	}
	s, err := l.localizer.Localize(&i18n.LocalizeConfig{MessageID: id, PluralCount: n, TemplateData: td})
	if err != nil {
		return "", fmt.Errorf("locales: %s: message %q: %w", l.lang, id, err)
	}
	return s, nil
}

// Label names a code of the case format ("cause", "ransomware") in the language. A
// value that is not a known code is free text: it comes back as given, with known false.
func (l *Locale) Label(kind, code string) (s string, known bool) {
	if s, err := l.Text(kind+"."+code, nil); err == nil {
		return s, true
	}
	return code, false
}

// Country names an ISO 3166-1 alpha-2 country in the language ("LV" → "Latvija");
// a code it does not know is returned as given.
func (l *Locale) Country(code string) string {
	region, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if name := l.regions.Name(region); name != "" {
		return name
	}
	return code
}

// Language names a language in this one ("en" → "anglų", "Engels"); a code it does not
// know is returned as given.
func (l *Locale) Language(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	if name := l.languages.Name(tag); name != "" {
		return name
	}
	return code
}

// MustText is Text without data for a message the program itself guarantees: an id it
// spells, or builds from a code it checks. It panics when the message is missing, as
// template.Must does: that is a bug of the program, which the tests rendering every
// document in every language find. An id built from input, which may legitimately be
// missing, is for Text or Label.
func (l *Locale) MustText(id string) string {
	s, err := l.Text(id, nil)
	if err != nil {
		panic(err)
	}
	return s
}
