package numbering

import (
	"strings"
	"testing"
)

const rules = `# Asmens duomenų tvarkymo taisyklės

## Bendrosios nuostatos {#general}

#. {#purpose} Taisyklės nustato duomenų tvarkymo tvarką.

#. Taisyklės taikomos visiems darbuotojams; prieigos tvarka nustatyta Taisyklių [](#access) punkte.

## Duomenų saugumas {#security}

### Prieigos kontrolė {#access}

#. {#passwords} Slaptažodį sudaro ne mažiau kaip 8 simboliai.

#. Dėl tikslų žr. [](#purpose) punktą, o duomenų tvarkymo veiklos įrašai pateikti [](#records) priede.

# Duomenų tvarkymo veiklos įrašai {#records .annex}

Įrašų lentelė.
`

func TestApply(t *testing.T) {
	out, err := Apply([]byte(rules), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, want := range []string{
		"# Asmens duomenų tvarkymo taisyklės\n",
		"## 1. Bendrosios nuostatos {#general}",
		"1.1. Taisyklės nustato",
		"1.2. Taisyklės taikomos visiems darbuotojams; prieigos tvarka nustatyta Taisyklių 2.1 punkte.",
		"## 2. Duomenų saugumas {#security}",
		"### 2.1. Prieigos kontrolė {#access}",
		"2.1.1. Slaptažodį sudaro",
		"2.1.2. Dėl tikslų žr. 1.1 punktą, o duomenų tvarkymo veiklos įrašai pateikti 1 priede.",
		"# Duomenų tvarkymo veiklos įrašai {#records .annex}",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "#.") || strings.Contains(got, "](#") {
		t.Errorf("markers left in the output:\n%s", got)
	}
}

// Leaving a section out renumbers everything after it, and references follow.
func TestRemovingASectionRenumbers(t *testing.T) {
	without := strings.Replace(rules, "## Bendrosios nuostatos {#general}\n\n#. {#purpose} Taisyklės nustato duomenų tvarkymo tvarką.\n\n#. Taisyklės taikomos visiems darbuotojams; prieigos tvarka nustatyta Taisyklių [](#access) punkte.\n\n", "", 1)
	without = strings.Replace(without, "Dėl tikslų žr. [](#purpose) punktą, o d", "D", 1)
	out, err := Apply([]byte(without), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## 1. Duomenų saugumas", "### 1.1. Prieigos kontrolė", "1.1.1. Slaptažodį", "1.1.2. Duomenų tvarkymo veiklos įrašai pateikti 1 priede."} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestBrokenReferencesAreErrors(t *testing.T) {
	for _, src := range []string{
		"## A {#a}\n\nSee [](#missing).\n",
		"## A {#a}\n\n## B {#a}\n",
	} {
		if _, err := Apply([]byte(src), Options{}); err == nil {
			t.Errorf("%q: no error", src)
		}
	}
}

// User text is escaped by the templates, so it can neither define nor cite a label.
func TestEscapedMarkersAreText(t *testing.T) {
	out, err := Apply([]byte("## A\n\n\\#. not a clause \\[\\](#a)\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "\\#. not a clause \\[\\](#a)") {
		t.Errorf("escaped text changed: %q", out)
	}
}

// A procedure annexed to rules keeps its own numbering and its own labels: its
// references mean its clauses, even where the rules use the same label, and a
// reference it does not define itself means the rules'.
func TestAnnexHasItsOwnLabels(t *testing.T) {
	src := `# Rules

## General {#general}

#. {#purpose} The rules. The procedure is Annex [](#annex-procedure).

#. As clause [](#purpose) says.

# Annex [](#annex-procedure). Procedure {#annex-procedure .annex}

## General {#general}

#. {#purpose} The procedure.

## Steps {#steps}

#. As clause [](#purpose) and section [](#general) say, under the rules' clause [](#rules-only).

# Annex [](#annex-form). Form {#annex-form .annex}

#. {#purpose} A clause of the form; see Annex [](#annex-procedure).
`
	src = strings.Replace(src, "#. As clause [](#purpose) says.", "#. {#rules-only} As clause [](#purpose) says.", 1)
	out, err := Apply([]byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, want := range []string{
		"1.1. The rules. The procedure is Annex 1.",
		"1.2. As clause 1.1 says.",
		"# Annex 1. Procedure {#annex-procedure .annex}",
		"## 1. General {#general}\n\n1.1. The rules.",
		"## 1. General {#annex-procedure-general}\n\n1.1. The procedure.",
		"## 2. Steps {#annex-procedure-steps}\n\n2.1. As clause 1.1 and section 1 say, under the rules' clause 1.2.",
		"# Annex 2. Form {#annex-form .annex}\n\n1. A clause of the form; see Annex 1.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	// A label is defined once within its annex.
	twice := src + "\n#. {#purpose} Again.\n"
	if _, err := Apply([]byte(twice), Options{}); err == nil {
		t.Error("a label defined twice in one annex is not an error")
	}
	// The labels of an annex are not the document's.
	outside := strings.Replace(src, "As clause [](#purpose) says.", "As clause [](#steps) says.", 1)
	if _, err := Apply([]byte(outside), Options{}); err == nil {
		t.Error("the body refers to a label only an annex defines, without an error")
	}
}
