package locales

import (
	"testing"

	"github.com/BurntSushi/toml"
)

// messageIDs lists the message ids of a language's file, flattened the way go-i18n does.
func messageIDs(t *testing.T, lang string) map[string]bool {
	t.Helper()
	var tree map[string]any
	if _, err := toml.DecodeFS(files, lang+".toml", &tree); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			id := k
			if prefix != "" {
				id = prefix + "." + k
			}
			if sub, ok := v.(map[string]any); ok {
				if _, plural := sub["other"].(string); plural {
					ids[id] = true
					continue
				}
				walk(id, sub)
				continue
			}
			ids[id] = true
		}
	}
	walk("", tree)
	return ids
}
