package csvfile

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	var buf bytes.Buffer
	err := Write(&buf, Separator("lt"), []string{"Nr.", "Duomenų subjektas"}, slices.Values([][]string{
		{"1", "Žemaitė; „kabutės“"}, {"2", "=1+1"}, {"3", "-2"}, {"4", "@SUM(A1)"}, {"5", "line\nbreak"},
	}))
	if err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\uFEFFNr.;Duomenų subjektas\r\n") {
		t.Errorf("head %q", out[:40])
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF")))
	r.Comma = ';'
	records, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Žemaitė; „kabutės“", "'=1+1", "'-2", "'@SUM(A1)", "line\nbreak"}
	for i, w := range want {
		if records[i+1][1] != w {
			t.Errorf("row %d: %q, want %q", i+1, records[i+1][1], w)
		}
	}
	if Separator("en") != ',' || Separator("nl") != ';' {
		t.Error("separators")
	}
}

func TestInert(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"a=b", "a=b"},
		{"2026-11-21", "2026-11-21"},
		{"Žemaitė", "Žemaitė"},
		{"=1+1", "'=1+1"},
		{"+370 600 00000", "'+370 600 00000"},
		{"-2", "'-2"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t1", "'\t1"},
		{"\r1", "'\r1"},
		{"\n1", "'\n1"},
		{"\nplain", "'\nplain"},
		{" =1+1", "' =1+1"},
		{"\u00a0=1+1", "'\u00a0=1+1"},
		{"\u200b=1+1", "'\u200b=1+1"},
		{"\ufeff=1+1", "'\ufeff=1+1"},
		{"\u2003\u200b +1", "'\u2003\u200b +1"},
		{"\x1f@x", "'\x1f@x"},
		{"\n\n-1", "'\n\n-1"},
		{"  plain", "  plain"},
		{"\u200bplain", "\u200bplain"},
		{"   ", "   "},
	} {
		if got := Inert(tc.in); got != tc.want {
			t.Errorf("Inert(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
