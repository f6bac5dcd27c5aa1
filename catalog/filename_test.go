package catalog

import (
	"strings"
	"testing"
)

// A file name keeps its extension and its stem whatever the length of the reference.
func TestFileNameBounded(t *testing.T) {
	stem := "pranesimas-apie-pazeidima"
	long := strings.Repeat("x", 20000)
	tests := []struct {
		name, stem, reference string
		format                Format
		want                  string
	}{
		{"reference", stem, "PAŽ-2026/03", PDF, stem + "-PAZ-2026-03.pdf"},
		{"no reference", stem, "", XLSX, stem + ".xlsx"},
		{"nothing safe in the reference", stem, "«»", Markdown, stem + ".md"},
		{"20,000-character reference", stem, long, PDF, stem + "-" + strings.Repeat("x", maxFileName-len(stem)-1-len(".pdf")) + ".pdf"},
		{"cut after a hyphen", "s", strings.Repeat("ab ", 100), PDF, "s-" + strings.Repeat("ab-", 37) + "ab.pdf"},
		{"exactly the limit", "s", strings.Repeat("y", maxFileName-len("s-.md")), Markdown, "s-" + strings.Repeat("y", maxFileName-len("s-.md")) + ".md"},
	}
	for _, tt := range tests {
		got := fileName(tt.stem, tt.reference, tt.format)
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
		if len(got) > maxFileName || !strings.HasSuffix(got, "."+string(tt.format)) {
			t.Errorf("%s: %d bytes, %q", tt.name, len(got), got)
		}
	}
}
