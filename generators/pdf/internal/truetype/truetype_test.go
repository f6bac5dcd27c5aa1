package truetype

import (
	"encoding/binary"
	"os"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// A subset draws each of its characters exactly as the whole font does — same
// advance, same outline, composite glyphs (accented letters) included — and no other
// character; the file is a valid TrueType font with a correct checksum.
func TestSubsetKeepsItsCharactersGlyphs(t *testing.T) {
	for _, name := range []string{"NotoSans-Regular", "NotoSans-BoldItalic"} {
		data, err := os.ReadFile("../../fonts/" + name + ".ttf")
		if err != nil {
			t.Fatal(err)
		}
		whole, err := sfnt.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		runes := []rune("Aaą€ėŽ„“…ş 9")
		var chars []Char
		for _, r := range runes {
			g, err := whole.GlyphIndex(&buf, r)
			if err != nil || g == 0 {
				t.Fatalf("%s has no %q", name, r)
			}
			chars = append(chars, Char{Rune: r, Glyph: uint16(g)})
		}
		f, err := Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		cut, err := f.Subset(chars)
		if err != nil {
			t.Fatal(err)
		}
		if len(cut) > len(data)/10 {
			t.Errorf("%s: subset of %d characters is %d bytes of %d", name, len(runes), len(cut), len(data))
		}
		var sum uint32
		for i := 0; i+4 <= len(cut); i += 4 {
			sum += binary.BigEndian.Uint32(cut[i:])
		}
		if sum != 0xB1B0AFBA {
			t.Errorf("%s: file checksum %#x, want 0xB1B0AFBA", name, sum)
		}
		sub, err := sfnt.Parse(cut)
		if err != nil {
			t.Fatalf("%s: the subset does not parse: %v", name, err)
		}
		ppem := fixed.I(1000)
		for _, r := range runes {
			g0, _ := whole.GlyphIndex(&buf, r)
			g1, err := sub.GlyphIndex(&buf, r)
			if err != nil || g1 == 0 {
				t.Errorf("%s: subset has no %q (%v)", name, r, err)
				continue
			}
			a0, _ := whole.GlyphAdvance(&buf, g0, ppem, font.HintingNone)
			a1, _ := sub.GlyphAdvance(&buf, g1, ppem, font.HintingNone)
			if a0 != a1 {
				t.Errorf("%s: %q advance %v, want %v", name, r, a1, a0)
			}
			s0, err0 := whole.LoadGlyph(&buf, g0, ppem, nil)
			want := append(sfnt.Segments(nil), s0...)
			s1, err1 := sub.LoadGlyph(&buf, g1, ppem, nil)
			if err0 != nil || err1 != nil || len(s1) != len(want) {
				t.Errorf("%s: %q outline of %d segments (%v), want %d (%v)", name, r, len(s1), err1, len(want), err0)
				continue
			}
			for i := range want {
				if s1[i] != want[i] {
					t.Errorf("%s: %q outline differs at segment %d", name, r, i)
					break
				}
			}
		}
		for _, r := range "bZ漢" {
			if g, err := sub.GlyphIndex(&buf, r); err != nil || g != 0 {
				t.Errorf("%s: subset maps %q to glyph %d (%v), want none", name, r, g, err)
			}
		}
	}
}

func TestSubsetRefusesWhatItCannotCut(t *testing.T) {
	if _, err := Parse([]byte("not a font at all")); err == nil {
		t.Error("text parsed as a font")
	}
	data, err := os.ReadFile("../../fonts/NotoSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(data[:4000]); err == nil {
		t.Error("a font cut short parsed")
	}
	f, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Subset([]Char{{Rune: '😀', Glyph: 1}}); err == nil {
		t.Error("a character beyond the BMP was accepted")
	}
	if _, err := f.Subset([]Char{{Rune: 'a', Glyph: 60000}}); err == nil {
		t.Error("a glyph beyond the font was accepted")
	}
}
