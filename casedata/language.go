package casedata

import "slices"

// lingua is the language a multilingual text falls back to first when it gives neither
// the document's language nor the case's: the one most readers of the others read.
const lingua = "en"

// supported are the languages of the case format: those document.language and a
// multilingual text may name, and those a case is decoded for. Each has its message
// file in locales and its templates; catalog.New refuses to start when the three do not
// list the same languages.
var supported = []string{"en", "lt", "nl"}

// Languages lists the languages of the case format, sorted.
func Languages() []string {
	out := slices.Clone(supported)
	slices.Sort(out)
	return out
}

// languages lists the supported languages in the order a multilingual text falls back
// in: lingua first, then the others in the order of their codes.
func languages() []string {
	langs := Languages()
	if i := slices.Index(langs, lingua); i > 0 {
		langs = slices.Concat([]string{lingua}, langs[:i], langs[i+1:])
	}
	return langs
}
