package casedata

import "testing"

func TestInvisible(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     rune // 0: the text is accepted
	}{
		{"Latin with diacritics", "Žemaitė, „kabutės“ – brūkšnys", 0},
		{"Arabic", "حماية البيانات الشخصية", 0},
		{"Hebrew with a digit", "הגנת פרטיות 2026", 0},
		{"direction marks", "שלום\u200f (IL)\u200e, عربي\u061c", 0},
		{"emoji family", "👨\u200d👩\u200d👧", 0},
		{"emoji with skin tone", "👍🏽\u200d🔥", 0},
		{"emoji with variation selector", "🏳\ufe0f\u200d🌈", 0},
		{"flag of England (tags)", "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", 0},
		{"Persian non-joiner", "می\u200cخواهم", 0},
		{"Devanagari joiner", "क्\u200dष", 0},
		{"right-to-left override", "invoice\u202Efdp.exe", 0x202e},
		{"left-to-right embedding", "a\u202Ab", 0x202a},
		{"pop directional formatting", "a\u202Cb", 0x202c},
		{"isolate", "a\u2067b\u2069", 0x2067},
		{"pop isolate", "a\u2069", 0x2069},
		{"zero-width space", "pass\u200bword", 0x200b},
		{"word joiner", "a\u2060b", 0x2060},
		{"byte order mark inside", "a\ufeffb", 0xfeff},
		{"byte order mark first", "\ufeffab", 0xfeff},
		{"joiner inside a Latin word", "ad\u200dmin", 0x200d},
		{"non-joiner inside a Latin word", "ad\u200cmin", 0x200c},
		{"joiner at the end of an emoji", "👍\u200d", 0x200d},
		{"joiner at the start", "\u200d👍", 0x200d},
		{"joiner before a space", "👍\u200d 👍", 0x200d},
		{"U+FFFF", "a\uffffb", 0xffff},
		{"U+FFFE", "a\ufffe", 0xfffe},
		{"U+FDD0", "\ufdd0", 0xfdd0},
		{"U+FDEF", "\ufdef", 0xfdef},
		{"plane 1 non-character", "\U0001FFFF", 0x1ffff},
		{"replacement character is text", "a\ufffdb", 0},
	} {
		got, found := invisible(tt.in)
		if found != (tt.want != 0) || got != tt.want {
			t.Errorf("%s: invisible(%q) = %U, %v; want %U", tt.name, tt.in, got, found, tt.want)
		}
	}
}
