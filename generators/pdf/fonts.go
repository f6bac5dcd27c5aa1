package pdf

import (
	"embed"
	"fmt"
	"strings"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
)

// The embedded typeface: Noto Sans, SIL Open Font License 1.1 (fonts/OFL.txt).
//
//go:embed fonts/*.ttf
var fontFiles embed.FS

// Style is a font style as fpdf names it: "", "B", "I", "BI".
type Style string

// The four styles of the typeface.
const (
	Regular    Style = ""
	Bold       Style = "B"
	Italic     Style = "I"
	BoldItalic Style = "BI"
)

var fontFileOf = map[Style]string{
	Regular:    "fonts/NotoSans-Regular.ttf",
	Bold:       "fonts/NotoSans-Bold.ttf",
	Italic:     "fonts/NotoSans-Italic.ttf",
	BoldItalic: "fonts/NotoSans-BoldItalic.ttf",
}

// Fonts is the typeface read once: the TrueType bytes of each style and the set of
// runes every style can draw.
type Fonts struct {
	family   string
	ttf      map[Style][]byte
	covered  []uint64 // bit r is set when every style has a glyph for rune r (BMP only)
	fallback rune     // drawn in place of a rune the fonts lack
	// widths are fpdf's own advance widths of each style, in thousandths of the font
	// size, indexed by rune: text is measured without setting a font in a document.
	widths map[Style][]uint16
}

// LoadFonts reads the embedded typeface and maps its coverage.
func LoadFonts() (*Fonts, error) {
	f := &Fonts{family: "noto", ttf: make(map[Style][]byte), covered: make([]uint64, 0x10000/64)}
	for i := range f.covered {
		f.covered[i] = ^uint64(0)
	}
	var buf sfnt.Buffer
	for style, name := range fontFileOf {
		data, err := fontFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("pdf: %w", err)
		}
		font, err := sfnt.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("pdf: %s: %w", name, err)
		}
		for r := rune(0); r < 0x10000; r++ {
			if f.covered[r/64]&(1<<(r%64)) == 0 {
				continue
			}
			if gi, err := font.GlyphIndex(&buf, r); err != nil || gi == 0 {
				f.covered[r/64] &^= 1 << (r % 64)
			}
		}
		f.ttf[style] = data
	}
	if err := f.measureWidths(); err != nil {
		return nil, err
	}
	f.fallback = '?'
	for _, r := range []rune{'\uFFFD', '\u25A1'} {
		if f.Covers(r) {
			f.fallback = r
			break
		}
	}
	return f, nil
}

// measureWidths reads each style's advance widths from fpdf, so that the layout's
// measurements are exactly those fpdf draws with.
func (f *Fonts) measureWidths() error {
	f.widths = make(map[Style][]uint16, len(f.ttf))
	p := fpdf.New("P", "mm", "A4", "")
	var one [utf8.UTFMax]byte
	for style, data := range f.ttf {
		p.AddUTF8FontFromBytes(f.family, string(style), data)
		p.SetFont(f.family, string(style), 10)
		widths := make([]uint16, 0x10000)
		for r := rune(0); r < 0x10000; r++ {
			if f.Covers(r) {
				n := utf8.EncodeRune(one[:], r)
				widths[r] = uint16(p.GetStringSymbolWidth(string(one[:n])))
			}
		}
		f.widths[style] = widths
	}
	if err := p.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// width is the width of s in the style at size points, in millimetres.
func (f *Fonts) width(s string, style Style, size float64) float64 {
	widths := f.widths[style]
	units := 0
	for _, r := range s {
		if r < 0x10000 {
			units += int(widths[r])
		}
	}
	return float64(units) * size / 1000 * ptToMM
}

// Covers reports whether every style of the typeface can draw r.
func (f *Fonts) Covers(r rune) bool {
	return r >= 0 && r < 0x10000 && f.covered[r/64]&(1<<(r%64)) != 0
}

// Sanitize replaces what the fonts cannot draw — emoji, scripts the typeface lacks,
// anything outside the Basic Multilingual Plane — with a visible fallback glyph, so that
// one unusual character never costs the whole document. Whitespace becomes a space.
func (f *Fonts) Sanitize(s string) string {
	clean := true
	for _, r := range s {
		if !f.Covers(r) || r < ' ' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r >= 0xFE00 && r <= 0xFE0F, r == 0x200D:
			// Variation selectors and zero-width joiners belong to the emoji they modify.
		case f.Covers(r) && r >= ' ':
			b.WriteRune(r)
		default:
			b.WriteRune(f.fallback)
		}
	}
	return b.String()
}
