package pdf

import (
	"strings"
	"testing"
)

// testPieces makes pieces from a description: "aa bb|cc" is three words, the second and third
// parts of "bb|cc" one word in two styles; every letter is 1 mm wide.
func testPieces(desc string) []piece {
	var out []piece
	for i, word := range strings.Fields(desc) {
		if word == "/" {
			out = append(out, piece{brk: true})
			continue
		}
		for j, part := range strings.Split(word, "|") {
			out = append(out, piece{text: part, width: float64(len(part)), gap: i > 0 && j == 0})
		}
	}
	return out
}

func lineTexts(pieces []piece, lines []line) []string {
	var out []string
	for _, ln := range lines {
		var b strings.Builder
		for i, p := range pieces[ln.from:ln.to] {
			if p.gap && i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(p.text)
		}
		out = append(out, b.String())
	}
	return out
}

func TestBreakLines(t *testing.T) {
	for _, tt := range []struct {
		desc  string
		width float64
		want  string
		gaps  []int
	}{
		// 5+1+5 = 11 fits in 11; the third word goes to the next line.
		{"aaaaa bbbbb ccccc", 11, "aaaaa bbbbb/ccccc", []int{1, 0}},
		// A word in two styles is never split between its pieces.
		{"aaaaa bb|ccc ddd", 9, "aaaaa/bbccc ddd", []int{0, 1}},
		// A word wider than the line gets a line of its own.
		{"aa bbbbbbbbbbbb cc", 5, "aa/bbbbbbbbbbbb/cc", []int{0, 0, 0}},
		// A hard break ends its line however much room is left.
		{"aa / bb cc", 20, "aa/bb cc", []int{0, 1}},
	} {
		pieces := testPieces(tt.desc)
		lines := breakLines(pieces, tt.width, 1)
		if got := strings.Join(lineTexts(pieces, lines), "/"); got != tt.want {
			t.Errorf("%q in %.0f mm: lines %q, want %q", tt.desc, tt.width, got, tt.want)
		}
		for i, ln := range lines {
			if i < len(tt.gaps) && ln.gaps != tt.gaps[i] {
				t.Errorf("%q line %d: %d gaps, want %d", tt.desc, i, ln.gaps, tt.gaps[i])
			}
		}
	}
}

// Justified body text keeps its words apart and in order when read back, across
// styles; the paragraph's last line is set as it is.
func TestJustifiedParagraph(t *testing.T) {
	text := strings.Repeat("Duomenys tvarkomi **teisėtai**, sąžiningai ir skaidriai; ", 8)
	_, pages := renderMD(t, text+"\n")
	got := strings.Join(strings.Fields(strings.Split(pages[0], "Testas")[0]), " ")
	want := strings.Join(strings.Fields(strings.ReplaceAll(text, "**", "")), " ")
	if got != want {
		t.Errorf("read back:\n%s\nwant:\n%s", got, want)
	}
}
