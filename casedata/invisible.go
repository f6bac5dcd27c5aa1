package casedata

import "unicode"

// invisible returns the first character of s that would show text other than what it
// is: a bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069),
// which reorders what follows it on screen; a zero-width or invisible format character
// (U+200B, U+2060–U+206F, U+FEFF); a non-character (U+FDD0–U+FDEF and U+xFFFE, U+xFFFF
// of every plane), which fonts print as a box. A zero-width joiner or non-joiner
// (U+200D, U+200C) is text where a script or emoji sequence needs it: between two
// emoji, or two letters of a script that is not Latin, Greek or Cyrillic (Persian,
// Indic scripts); elsewhere it only hides inside a word. Right-to-left letters and the
// direction marks U+200E, U+200F and U+061C, which cannot reorder a run, are text.
func invisible(s string) (rune, bool) {
	var prev rune
	for i, r := range s {
		switch {
		case r >= 0x202a && r <= 0x202e, r >= 0x2060 && r <= 0x206f, r == 0x200b, r == 0xfeff,
			r >= 0xfdd0 && r <= 0xfdef, r&0xfffe == 0xfffe:
			return r, true
		case r == 0x200c || r == 0x200d:
			next, _ := firstRune(s[i+len(string(r)):])
			if !joins(prev) || !joins(next) {
				return r, true
			}
		}
		prev = r
	}
	return 0, false
}

// joins reports whether a joiner beside r can change how r is drawn: r is a symbol
// (an emoji), an emoji modifier or variation selector, or a letter or mark of a
// script that shapes its letters by their neighbours.
func joins(r rune) bool {
	switch {
	case unicode.In(r, unicode.So, unicode.Sk), r == 0xfe0f:
		return true
	case unicode.In(r, unicode.L, unicode.M):
		return !unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic)
	}
	return false
}

// firstRune is the first character of s, if any.
func firstRune(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}
