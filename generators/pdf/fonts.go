package pdf

import (
	"bytes"
	"embed"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"github.com/klauspost/compress/zlib"
	"golang.org/x/image/font/sfnt"

	"github.com/gdprdocs/gdprdocs/generators/pdf/internal/truetype"
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

var fontNameOf = map[Style]string{
	Regular:    "NotoSans-Regular",
	Bold:       "NotoSans-Bold",
	Italic:     "NotoSans-Italic",
	BoldItalic: "NotoSans-BoldItalic",
}

// Fonts is the typeface read once: each style prepared as a single-byte font
// (encoding.go), the TrueType bytes each style's UTF-8 font is made from when a
// document needs a character outside the encoding, and the set of runes every style
// can draw.
type Fonts struct {
	family   string // the single-byte fonts' family in fpdf
	utf8     string // the UTF-8 fonts' family
	ttf      map[Style][]byte
	prepared map[Style]preparedFont
	enc      *encoding
	covered  []uint64 // bit r is set when every style has a glyph for rune r (BMP only)
	fallback rune     // drawn in place of a rune the fonts lack
	// widths are fpdf's own advance widths of each style, in thousandths of the font
	// size, indexed by rune: text is measured without setting a font in a document.
	widths map[Style][]uint16
	// embeddings are the subsets made so far, for documents of the same characters.
	embeddings struct {
		sync.Mutex
		m map[embeddingKey]embedding
	}
}

// embeddingKey names a subset: a style cut to a set of codes.
type embeddingKey struct {
	style Style
	codes codeSet
}

// embedding is a subset as fpdf's AddFontFromBytes takes it.
type embedding struct{ definition, file []byte }

// maxEmbeddings bounds the subsets kept: documents of one kind in one language share
// theirs, and a subset is some ten kilobytes.
const maxEmbeddings = 256

// preparedFont is a style made ready for single-byte embedding: its parsed TrueType
// font, the glyph of each code of the encoding, and its font definition in fpdf's
// JSON format (the format of fpdf's makefont tool) up to the embedded file's size,
// which each document's subset sets.
type preparedFont struct {
	font       *truetype.Font
	glyphs     [256]uint16
	definition []byte
	tagAt      int // where the subset tag goes in definition
}

// fontDefinition is fpdf's font definition, in the order it is written: OriginalSize
// last.
type fontDefinition struct {
	Tp           string
	Name         string
	Desc         fpdf.FontDescType
	Up, Ut       int
	Cw           []int
	Enc, Diff    string
	File         string
	OriginalSize int
}

// LoadFonts reads the embedded typeface, maps its coverage and prepares each style's
// single-byte font.
func LoadFonts() (*Fonts, error) {
	f := &Fonts{family: "noto", utf8: "notou", ttf: make(map[Style][]byte), covered: make([]uint64, 0x10000/64)}
	for i := range f.covered {
		f.covered[i] = ^uint64(0)
	}
	var buf sfnt.Buffer
	parsed := make(map[Style]*sfnt.Font, len(fontNameOf))
	for style, name := range fontNameOf {
		path := "fonts/" + name + ".ttf"
		data, err := fontFiles.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("pdf: %w", err)
		}
		font, err := sfnt.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("pdf: %s: %w", path, err)
		}
		for r := rune(0); r < 0x10000; r++ {
			if f.covered[r/64]&(1<<(r%64)) == 0 {
				continue
			}
			if gi, err := font.GlyphIndex(&buf, r); err != nil || gi == 0 {
				f.covered[r/64] &^= 1 << (r % 64)
			}
		}
		f.ttf[style], parsed[style] = data, font
	}
	f.fallback = '?'
	for _, r := range []rune{'\uFFFD', '\u25A1'} {
		if f.Covers(r) {
			f.fallback = r
			break
		}
	}
	f.enc = newEncoding(f.Covers)
	descs, err := f.measureWidths()
	if err != nil {
		return nil, err
	}
	f.prepared = make(map[Style]preparedFont, len(f.ttf))
	for style := range f.ttf {
		if f.prepared[style], err = f.prepare(style, parsed[style], descs[style]); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// prepare parses style's font for subsetting and writes its fpdf definition: the
// descriptor fpdf computes for the UTF-8 font (non-symbolic now: the encoding names its
// glyphs), the widths the layout measures with, the encoding's differences from
// WinAnsiEncoding. outlines is the font as sfnt parsed it, for its cmap.
func (f *Fonts) prepare(style Style, outlines *sfnt.Font, desc fpdf.FontDescType) (preparedFont, error) {
	name := fontNameOf[style]
	font, err := truetype.Parse(f.ttf[style])
	if err != nil {
		return preparedFont{}, fmt.Errorf("pdf: %s: %w", name, err)
	}
	prepared := preparedFont{font: font}
	var buf sfnt.Buffer
	widths := make([]int, 256)
	for c, r := range f.enc.runes {
		if r == 0 {
			widths[c] = desc.MissingWidth
			continue
		}
		gi, err := outlines.GlyphIndex(&buf, r)
		if err != nil {
			return preparedFont{}, fmt.Errorf("pdf: %s: %w", name, err)
		}
		prepared.glyphs[c] = uint16(gi)
		widths[c] = int(f.widths[style][r])
	}
	m := font.Metrics()
	scale := func(v int) int { return (v*1000 + m.UnitsPerEm/2) / m.UnitsPerEm }
	desc.Flags = desc.Flags&^fpdf.FontFlagSymbolic | fpdf.FontFlagNonsymbolic
	def, err := json.Marshal(fontDefinition{
		Tp: "TrueType",
		// A subset's name starts with a tag of six capitals, which each subset sets to
		// its own (subsetTag).
		Name: tagPlaceholder + "+" + name,
		Desc: desc,
		Up:   scale(m.UnderlinePosition),
		Ut:   scale(m.UnderlineThickness),
		Cw:   widths,
		Enc:  "gdprdocs",
		Diff: f.enc.differences,
		// fpdf takes the file for compressed by its extension.
		File: name + ".z",
	})
	if err != nil {
		return preparedFont{}, fmt.Errorf("pdf: %w", err)
	}
	head, ok := bytes.CutSuffix(def, []byte(`"OriginalSize":0}`))
	prepared.tagAt = bytes.Index(def, []byte(tagPlaceholder+"+"))
	if !ok || prepared.tagAt < 0 {
		return preparedFont{}, fmt.Errorf("pdf: %s: unexpected font definition %s", name, def)
	}
	prepared.definition = append(head, `"OriginalSize":`...)
	return prepared, nil
}

// embedding returns style's font definition and compressed font file for a document
// whose text uses the codes in used: the font cut down to their glyphs. The result is
// kept for the next document of the same characters; it must not be changed.
func (f *Fonts) embedding(style Style, used *codeSet) (definition, file []byte, err error) {
	key := embeddingKey{style, *used}
	f.embeddings.Lock()
	e, ok := f.embeddings.m[key]
	f.embeddings.Unlock()
	if ok {
		return e.definition, e.file, nil
	}
	if definition, file, err = f.subset(style, used); err != nil {
		return nil, nil, err
	}
	f.embeddings.Lock()
	defer f.embeddings.Unlock()
	if f.embeddings.m == nil {
		f.embeddings.m = make(map[embeddingKey]embedding)
	}
	if len(f.embeddings.m) >= maxEmbeddings {
		for k := range f.embeddings.m { // one out, whichever the map gives first
			delete(f.embeddings.m, k)
			break
		}
	}
	f.embeddings.m[key] = embedding{definition, file}
	return definition, file, nil
}

// subset cuts style's font down to the glyphs of used and compresses it.
func (f *Fonts) subset(style Style, used *codeSet) (definition, file []byte, err error) {
	prepared := f.prepared[style]
	chars := make([]truetype.Char, 0, 128)
	for c, r := range f.enc.runes {
		if r != 0 && used.has(byte(c)) {
			chars = append(chars, truetype.Char{Rune: r, Glyph: prepared.glyphs[c]})
		}
	}
	cut, err := prepared.font.Subset(chars)
	if err != nil {
		return nil, nil, fmt.Errorf("pdf: %s: %w", fontNameOf[style], err)
	}
	var z bytes.Buffer
	z.Grow(len(cut) / 2)
	if err := deflate(&z, cut, zlib.DefaultCompression); err != nil {
		return nil, nil, fmt.Errorf("pdf: %w", err)
	}
	definition = strconv.AppendInt(slices.Clip(prepared.definition), int64(len(cut)), 10)
	copy(definition[prepared.tagAt:], subsetTag(style, used))
	return append(definition, '}'), z.Bytes(), nil
}

// tagPlaceholder stands for the subset tag in a prepared font's definition.
const tagPlaceholder = "TAGTAG"

// subsetTag is the six capitals that start the name of style's subset of used: the same
// for the same subset, and different for others, as PDF's convention for subsets asks.
func subsetTag(style Style, used *codeSet) string {
	h := fnv.New64a()
	h.Write([]byte(style))
	for _, word := range used {
		h.Write(binary.BigEndian.AppendUint64(nil, word))
	}
	sum := h.Sum64()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + byte(sum%26)
		sum /= 26
	}
	return string(tag)
}

// allCodes is the set of every code of the encoding.
func (f *Fonts) allCodes() *codeSet {
	var set codeSet
	for c, r := range f.enc.runes {
		if r != 0 {
			set.add(byte(c))
		}
	}
	return &set
}

// codeSet is a set of the encoding's codes.
type codeSet [4]uint64

func (s *codeSet) add(c byte)      { s[c/64] |= 1 << (c % 64) }
func (s *codeSet) has(c byte) bool { return s[c/64]&(1<<(c%64)) != 0 }

// addText adds the codes of the characters text draws once sanitized (Sanitize).
func (f *Fonts) addText(s *codeSet, text string) {
	for _, r := range text {
		if r >= ' ' && r < 0x7F {
			s.add(byte(r))
			continue
		}
		if d, ok := f.drawn(r); ok {
			if c, in := f.enc.codes[d]; in {
				s.add(c)
			}
		}
	}
}

// measureWidths reads each style's advance widths and descriptor from fpdf's UTF-8
// font, so that the layout's measurements are exactly those fpdf draws with.
func (f *Fonts) measureWidths() (map[Style]fpdf.FontDescType, error) {
	f.widths = make(map[Style][]uint16, len(f.ttf))
	descs := make(map[Style]fpdf.FontDescType, len(f.ttf))
	p := fpdf.New("P", "mm", "A4", "")
	var one [utf8.UTFMax]byte
	for style, data := range f.ttf {
		p.AddUTF8FontFromBytes(f.utf8, string(style), data)
		p.SetFont(f.utf8, string(style), 10)
		descs[style] = p.GetFontDesc(f.utf8, string(style))
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
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return descs, nil
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
		if d, ok := f.drawn(r); ok {
			b.WriteRune(d)
		}
	}
	return b.String()
}

// drawn is the character Sanitize draws for r, or false when it leaves r out.
func (f *Fonts) drawn(r rune) (rune, bool) {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return ' ', true
	case r >= 0xFE00 && r <= 0xFE0F, r == 0x200D:
		// Variation selectors and zero-width joiners belong to the emoji they modify.
		return 0, false
	case f.Covers(r) && r >= ' ':
		return r, true
	}
	return f.fallback, true
}
