package plaintext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRender(t *testing.T) {
	md := "**Subject:** Important \\*news\\*\n\n# A security incident\n\nDear Sir or Madam,\n\n" +
		"## What you can do now\n\n- **Change your password.** Choose a new password for your account with us and use a different password for each service you use.\n- Ask us.\n\n" +
		"Kind regards,\n\nAoife Brennan\\\nChief Executive Officer\n"
	got := string(Render([]byte(md)))
	want := `Subject: Important *news*

A security incident
===================

Dear Sir or Madam,

What you can do now
-------------------

- Change your password. Choose a new password for your account with us
  and use a different password for each service you use.
- Ask us.

Kind regards,

Aoife Brennan
Chief Executive Officer
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	for _, line := range strings.Split(got, "\n") {
		if utf8.RuneCountInString(line) > Width {
			t.Errorf("line longer than %d: %q", Width, line)
		}
	}
}
