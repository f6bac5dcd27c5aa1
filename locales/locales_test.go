package locales

import (
	"testing"
	"time"
	_ "time/tzdata" // the tests' zones must not depend on the host
)

func mustLocale(t testing.TB, lang string) *Locale {
	t.Helper()
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	l, ok := set.Locale(lang)
	if !ok {
		t.Fatalf("no locale %q", lang)
	}
	return l
}

func TestDates(t *testing.T) {
	vilnius, _ := time.LoadLocation("Europe/Vilnius")
	amsterdam, _ := time.LoadLocation("Europe/Amsterdam")
	at := time.Date(2026, 11, 19, 14, 30, 0, 0, vilnius)
	summer := time.Date(2026, 7, 1, 9, 5, 0, 0, amsterdam)
	tests := []struct {
		lang string
		got  func(*Locale) string
		want string
	}{
		{"lt", func(l *Locale) string { return l.Date(at) }, "2026 m. lapkričio 19 d."},
		{"nl", func(l *Locale) string { return l.Date(at) }, "19 november 2026"},
		{"en", func(l *Locale) string { return l.Date(at) }, "19 November 2026"},
		{"lt", func(l *Locale) string { return l.DateTime(at) }, "2026 m. lapkričio 19 d. 14:30 (EET)"},
		{"nl", func(l *Locale) string { return l.DateTime(summer) }, "1 juli 2026 om 09:05 uur (CEST)"},
		{"en", func(l *Locale) string { return l.DateTime(at) }, "19 November 2026, 14:30 (EET)"},
		{"lt", func(l *Locale) string { return l.ShortDate(summer) }, "2026-07-01"},
		{"nl", func(l *Locale) string { return l.ShortDate(summer) }, "1-7-2026"},
	}
	for _, tt := range tests {
		if got := tt.got(mustLocale(t, tt.lang)); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.lang, got, tt.want)
		}
	}
}

func TestCountsAndPlurals(t *testing.T) {
	tests := []struct {
		lang     string
		noun     string
		min, max int
		want     string
	}{
		{"lt", "person", 1, 1, "1 asmuo"},
		{"lt", "person", 2, 2, "2 asmenys"},
		{"lt", "person", 10, 10, "10 asmenų"},
		{"lt", "person", 11, 11, "11 asmenų"},
		{"lt", "person", 21, 21, "21 asmuo"},
		{"lt", "person", 22, 22, "22 asmenys"},
		{"lt", "person", 120, 300, "120–300 asmenų"},
		{"lt", "person", 120, 0, "ne mažiau kaip 120 asmenų"},
		{"lt", "record", 0, 21, "ne daugiau kaip 21 įrašas"},
		{"lt", "record", 100, 12000, "100–12\u00a0000 įrašų"},
		{"nl", "person", 1, 1, "1 persoon"},
		{"nl", "person", 40, 45, "40–45 personen"},
		{"nl", "record", 1000, 12000, "1000–12.000 records"},
		{"en", "record", 1, 1, "1 record"},
		{"en", "person", 0, 1500, "up to 1,500 persons"},
		{"en", "person", 0, 0, ""},
	}
	for _, tt := range tests {
		if got := mustLocale(t, tt.lang).Range(tt.noun, tt.min, tt.max); got != tt.want {
			t.Errorf("%s Range(%s, %d, %d) = %q, want %q", tt.lang, tt.noun, tt.min, tt.max, got, tt.want)
		}
	}
	for n, want := range map[int]string{1: "1 valandą", 6: "6 valandas", 24: "24 valandas", 48: "48 valandas", 10: "10 valandų", 21: "21 valandą"} {
		if got := mustLocale(t, "lt").CountAccusative("hour", n); got != want {
			t.Errorf("lt per %d: %q, want %q", n, got, want)
		}
	}
	if got := mustLocale(t, "lt").Count("hour", 72); got != "72 valandos" {
		t.Errorf("lt Count(hour, 72) = %q", got)
	}
	if got := mustLocale(t, "nl").List([]string{"a", "b", "c"}); got != "a, b en c" {
		t.Errorf("nl List = %q", got)
	}
}

func TestMissingMessageIsAnError(t *testing.T) {
	l := mustLocale(t, "nl")
	if _, err := l.Text("no.such.message", nil); err == nil {
		t.Fatal("a missing message must be an error, not a fallback")
	}
}

// Every message of one language exists in every other: a key missing from one file is a
// hole in that language's documents.
func TestLanguagesHaveTheSameMessages(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]map[string]bool{}
	for _, lang := range set.Languages() {
		keys[lang] = messageIDs(t, lang)
	}
	for a, ka := range keys {
		for b, kb := range keys {
			for id := range ka {
				if !kb[id] {
					t.Errorf("%s has %q, %s does not", a, id, b)
				}
			}
		}
	}
}

// MustText gives a message that exists and panics on one that does not: a missing
// message is a bug to find, not a text to print.
func TestMustText(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	en, _ := set.Locale("en")
	if got := en.MustText("format.yes"); got != "Yes" {
		t.Errorf("MustText(format.yes) = %q", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("MustText of a missing message did not panic")
		}
	}()
	t.Errorf("MustText of a missing message returned %q", en.MustText("format.no_such_message"))
}
