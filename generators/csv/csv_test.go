package csv

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
