// Package truetype cuts a TrueType font down to the glyphs of a few hundred characters,
// renumbered from one, with a cmap of those characters alone: the font file a PDF embeds
// for a simple (single-byte) font. It keeps the tables a PDF viewer draws with — outlines,
// metrics, hinting, names — and drops the rest (layout features, signatures, glyph names).
package truetype

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
)

// Char is a character and the glyph the font draws it with.
type Char struct {
	Rune  rune
	Glyph uint16
}

// Metrics are the font-wide values a PDF font descriptor needs, in the font's units.
type Metrics struct {
	UnitsPerEm         int
	UnderlinePosition  int
	UnderlineThickness int
}

// kept are the tables a subset carries over unchanged, besides those it rewrites.
var kept = []string{"OS/2", "cvt ", "fpgm", "gasp", "hhea", "maxp", "name", "prep"}

// Font is a parsed TrueType font, ready to be cut down any number of times. It is safe
// for concurrent use.
type Font struct {
	tables      map[string][]byte
	numGlyphs   int
	numHMetrics int
	longLoca    bool
}

// Parse reads a TrueType font's tables; the font keeps data.
func Parse(data []byte) (*Font, error) {
	if len(data) < 12 {
		return nil, errors.New("truetype: file too short")
	}
	if v := binary.BigEndian.Uint32(data); v != 0x00010000 && v != 0x74727565 {
		return nil, errors.New("truetype: not a TrueType font")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, errors.New("truetype: table directory cut short")
	}
	f := &Font{tables: make(map[string][]byte, n)}
	for i := range n {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(length) > uint64(len(data)) {
			return nil, fmt.Errorf("truetype: table %q outside the file", tag)
		}
		f.tables[tag] = data[off : off+length]
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "post"} {
		if f.tables[tag] == nil {
			return nil, fmt.Errorf("truetype: no %q table", tag)
		}
	}
	if len(f.tables["head"]) < 54 || len(f.tables["hhea"]) < 36 || len(f.tables["maxp"]) < 6 || len(f.tables["post"]) < 32 {
		return nil, errors.New("truetype: a header table is cut short")
	}
	f.longLoca = binary.BigEndian.Uint16(f.tables["head"][50:]) == 1
	f.numGlyphs = int(binary.BigEndian.Uint16(f.tables["maxp"][4:]))
	f.numHMetrics = int(binary.BigEndian.Uint16(f.tables["hhea"][34:]))
	if f.numHMetrics == 0 || len(f.tables["hmtx"]) < 4*f.numHMetrics+2*(f.numGlyphs-f.numHMetrics) {
		return nil, errors.New("truetype: hmtx table cut short")
	}
	return f, nil
}

// Metrics returns the font's units per em and its underline.
func (f *Font) Metrics() Metrics {
	post := f.tables["post"]
	return Metrics{
		UnitsPerEm:         int(binary.BigEndian.Uint16(f.tables["head"][18:])),
		UnderlinePosition:  int(int16(binary.BigEndian.Uint16(post[8:]))),
		UnderlineThickness: int(int16(binary.BigEndian.Uint16(post[10:]))),
	}
}

// glyph returns glyph g's outline data.
func (f *Font) glyph(g int) ([]byte, error) {
	if g >= f.numGlyphs {
		return nil, fmt.Errorf("truetype: glyph %d of %d", g, f.numGlyphs)
	}
	loca := f.tables["loca"]
	var start, end uint32
	if f.longLoca {
		if len(loca) < 4*(g+2) {
			return nil, errors.New("truetype: loca table cut short")
		}
		start, end = binary.BigEndian.Uint32(loca[4*g:]), binary.BigEndian.Uint32(loca[4*g+4:])
	} else {
		if len(loca) < 2*(g+2) {
			return nil, errors.New("truetype: loca table cut short")
		}
		start, end = 2*uint32(binary.BigEndian.Uint16(loca[2*g:])), 2*uint32(binary.BigEndian.Uint16(loca[2*g+2:]))
	}
	glyf := f.tables["glyf"]
	if start > end || end > uint32(len(glyf)) {
		return nil, fmt.Errorf("truetype: glyph %d outside the glyf table", g)
	}
	return glyf[start:end], nil
}

// Flags of a composite glyph's component.
const (
	argsAreWords   = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	haveTwoByTwo   = 0x0080
)

// components calls visit with the offset of each glyph index in composite glyph data.
func components(data []byte, visit func(offset int) error) error {
	if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return nil // empty or simple
	}
	for off := 10; ; {
		if off+4 > len(data) {
			return errors.New("truetype: composite glyph cut short")
		}
		flags := binary.BigEndian.Uint16(data[off:])
		if err := visit(off + 2); err != nil {
			return err
		}
		off += 4
		if flags&argsAreWords != 0 {
			off += 4
		} else {
			off += 2
		}
		switch {
		case flags&haveScale != 0:
			off += 2
		case flags&haveXYScale != 0:
			off += 4
		case flags&haveTwoByTwo != 0:
			off += 8
		}
		if flags&moreComponents == 0 {
			return nil
		}
	}
}

// Subset returns a font of the given characters' glyphs alone, numbered in the order
// given after .notdef (glyph 0), the components of composite glyphs after them, with a
// Windows Unicode cmap of those characters. Characters must be in the Basic
// Multilingual Plane.
func (f *Font) Subset(chars []Char) ([]byte, error) {
	// Old glyph numbers in the new order; newOf maps old to new.
	order := []int{0}
	newOf := map[int]int{0: 0}
	add := func(g int) int {
		if n, ok := newOf[g]; ok {
			return n
		}
		newOf[g] = len(order)
		order = append(order, g)
		return newOf[g]
	}
	cmap := make(map[rune]int, len(chars))
	for _, c := range chars {
		if c.Rune < 0 || c.Rune > 0xFFFF {
			return nil, fmt.Errorf("truetype: character %U outside the Basic Multilingual Plane", c.Rune)
		}
		cmap[c.Rune] = add(int(c.Glyph))
	}
	// Components join the order as they are found; the loop sees them in turn.
	for i := 0; i < len(order); i++ {
		g, err := f.glyph(order[i])
		if err != nil {
			return nil, err
		}
		err = components(g, func(off int) error {
			add(int(binary.BigEndian.Uint16(g[off:])))
			return nil
		})
		if err != nil {
			return nil, err
		}
	}

	glyf := make([]byte, 0, 64*len(order))
	loca := make([]byte, 0, 4*(len(order)+1))
	hmtx := make([]byte, 0, 4*len(order))
	oldHmtx := f.tables["hmtx"]
	for _, old := range order {
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		g, _ := f.glyph(old)
		start := len(glyf)
		glyf = append(glyf, g...)
		copied := glyf[start:]
		_ = components(copied, func(off int) error {
			binary.BigEndian.PutUint16(copied[off:], uint16(newOf[int(binary.BigEndian.Uint16(copied[off:]))]))
			return nil
		})
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		m := min(old, f.numHMetrics-1)
		hmtx = append(hmtx, oldHmtx[4*m:4*m+2]...) // advance width
		if old < f.numHMetrics {
			hmtx = append(hmtx, oldHmtx[4*old+2:4*old+4]...)
		} else {
			at := 4*f.numHMetrics + 2*(old-f.numHMetrics)
			hmtx = append(hmtx, oldHmtx[at:at+2]...)
		}
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))

	tables := map[string][]byte{"glyf": glyf, "loca": loca, "hmtx": hmtx, "cmap": buildCmap(cmap)}
	for _, tag := range kept {
		if t, ok := f.tables[tag]; ok {
			tables[tag] = slices.Clone(t)
		}
	}
	head := slices.Clone(f.tables["head"])
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1) // long loca offsets
	tables["head"] = head
	binary.BigEndian.PutUint16(tables["hhea"][34:], uint16(len(order)))
	binary.BigEndian.PutUint16(tables["maxp"][4:], uint16(len(order)))
	post := slices.Clone(f.tables["post"][:32])
	binary.BigEndian.PutUint32(post, 0x00030000) // no glyph names
	tables["post"] = post
	return assemble(tables), nil
}

// buildCmap writes a cmap with one format 4 subtable (Windows, Unicode BMP): one segment
// per run of consecutive characters with consecutive glyphs.
func buildCmap(cmap map[rune]int) []byte {
	runes := make([]rune, 0, len(cmap))
	for r := range cmap {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	type segment struct {
		start, end rune
		delta      int
	}
	var segs []segment
	for _, r := range runes {
		if n := len(segs); n > 0 && segs[n-1].end == r-1 && int(r)+segs[n-1].delta == cmap[r] {
			segs[n-1].end = r
			continue
		}
		segs = append(segs, segment{r, r, cmap[r] - int(r)})
	}
	segs = append(segs, segment{0xFFFF, 0xFFFF, 1}) // the closing segment maps to .notdef
	n := len(segs)
	searchRange, selector := 1, 0
	for searchRange*2 <= n {
		searchRange *= 2
		selector++
	}
	searchRange *= 2
	length := 16 + 8*n
	out := make([]byte, 0, 12+length)
	out = binary.BigEndian.AppendUint16(out, 0) // version
	out = binary.BigEndian.AppendUint16(out, 1) // one subtable
	out = binary.BigEndian.AppendUint16(out, 3) // Windows
	out = binary.BigEndian.AppendUint16(out, 1) // Unicode BMP
	out = binary.BigEndian.AppendUint32(out, 12)
	for _, v := range []int{4, length, 0, 2 * n, searchRange, selector, 2*n - searchRange} {
		out = binary.BigEndian.AppendUint16(out, uint16(v))
	}
	for _, s := range segs {
		out = binary.BigEndian.AppendUint16(out, uint16(s.end))
	}
	out = binary.BigEndian.AppendUint16(out, 0) // reserved pad
	for _, s := range segs {
		out = binary.BigEndian.AppendUint16(out, uint16(s.start))
	}
	for _, s := range segs {
		out = binary.BigEndian.AppendUint16(out, uint16(s.delta))
	}
	for range segs {
		out = binary.BigEndian.AppendUint16(out, 0) // idRangeOffset
	}
	return out
}

// assemble writes the tables as a font file: the directory sorted by tag, every table
// on a four-byte boundary with its checksum, and head's checksum adjustment.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for tag := range tables {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	n := len(tags)
	searchRange, selector := 1, 0
	for searchRange*2 <= n {
		searchRange *= 2
		selector++
	}
	searchRange *= 16
	out := make([]byte, 0, 1<<16)
	out = binary.BigEndian.AppendUint32(out, 0x00010000)
	for _, v := range []int{n, searchRange, selector, 16*n - searchRange} {
		out = binary.BigEndian.AppendUint16(out, uint16(v))
	}
	offset := 12 + 16*n
	for _, tag := range tags {
		t := tables[tag]
		out = append(out, tag...)
		out = binary.BigEndian.AppendUint32(out, checksum(t))
		out = binary.BigEndian.AppendUint32(out, uint32(offset))
		out = binary.BigEndian.AppendUint32(out, uint32(len(t)))
		offset += (len(t) + 3) &^ 3
	}
	headAt := 0
	for _, tag := range tags {
		if tag == "head" {
			headAt = len(out)
		}
		out = append(out, tables[tag]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

// checksum is the sum of a table's big-endian 32-bit words, zero-padded.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	var last [4]byte
	copy(last[:], b)
	return sum + binary.BigEndian.Uint32(last[:])
}
