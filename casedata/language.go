package casedata

import (
	"fmt"
	"slices"
	"sync"

	"github.com/gdprdocs/gdprdocs/locales"
)

// lingua is the language a multilingual text falls back to first when it gives neither
// the document's language nor the case's: the one most readers of the others read.
const lingua = "en"

// languages lists the supported languages — those the locales hold, so that adding a
// language stays adding its files — in the order a multilingual text falls back in:
// lingua first, then the others in the order of their codes. The locales are embedded
// in the binary: failing to load them is a bug of the build, and panics like a Must.
var languages = sync.OnceValue(func() []string {
	set, err := locales.Default()
	if err != nil {
		panic(fmt.Sprintf("casedata: the supported languages: %v", err))
	}
	langs := set.Languages()
	if i := slices.Index(langs, lingua); i > 0 {
		langs = slices.Concat([]string{lingua}, langs[:i], langs[i+1:])
	}
	return langs
})
