package backend

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"strings"
	"testing"

	"github.com/gdprdocs/gdprdocs/store"
)

func TestNewIDSortsByCreation(t *testing.T) {
	prev := NewID(CasePrefix)
	for range 10000 {
		id := NewID(CasePrefix)
		if id <= prev || len(id) != len(CasePrefix)+26 {
			t.Fatalf("id %q after %q", id, prev)
		}
		prev = id
	}
}

func TestNewSecret(t *testing.T) {
	secret, shown, hash := NewSecret()
	other, _, _ := NewSecret()
	sum := sha256.Sum256([]byte(secret))
	switch {
	case secret == other:
		t.Error("two secrets are equal")
	case !strings.HasPrefix(secret, SecretPrefix) || len(secret) != len(SecretPrefix)+52:
		t.Errorf("secret %q: want gdp_ and 52 characters (256 bits)", secret)
	case shown != secret[:12]:
		t.Errorf("shown %q of %q", shown, secret)
	case !bytes.Equal(hash, sum[:]) || !bytes.Equal(Hash(secret), hash):
		t.Errorf("hash %x is not the secret's SHA-256", hash)
	}
}

func TestCursor(t *testing.T) {
	for _, key := range []string{"case_01abc", "42"} {
		got, err := ParseCursor(Cursor(key))
		if err != nil || got != key {
			t.Errorf("ParseCursor(Cursor(%q)) = %q, %v", key, got, err)
		}
	}
	if n, ok, err := ParseIntCursor(Cursor("42")); n != 42 || !ok || err != nil {
		t.Errorf("ParseIntCursor = %d %v %v", n, ok, err)
	}
	if _, ok, err := ParseIntCursor(""); ok || err != nil {
		t.Errorf("ParseIntCursor(\"\") = %v, %v", ok, err)
	}
	for _, bad := range []string{"!", Cursor("\xff"), "====", " "} {
		if _, err := ParseCursor(bad); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("ParseCursor(%q): %v", bad, err)
		}
	}
	if _, _, err := ParseIntCursor(Cursor("case_x")); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("ParseIntCursor(text): %v", err)
	}
}

func TestPaginate(t *testing.T) {
	key := func(s string) string { return s }
	if p := Paginate([]string{"c", "b", "a"}, 2, key); len(p.Items) != 2 || p.Next != Cursor("b") {
		t.Errorf("Paginate(3 of 2) = %+v", p)
	}
	if p := Paginate([]string{"c", "b"}, 2, key); len(p.Items) != 2 || p.Next != "" {
		t.Errorf("Paginate(2 of 2) = %+v", p)
	}
	if p := Paginate[string](nil, 2, key); p.Items == nil || len(p.Items) != 0 {
		t.Errorf("Paginate(none) = %#v: want an empty, non-nil list", p)
	}
}
