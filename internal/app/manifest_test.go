package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestAppManifest keeps .github/app-manifest.json in step with the App:
// the permissions its calls need, and the events it handles (installation
// and installation_repositories are sent to every App without asking).
func TestAppManifest(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", ".github", "app-manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Name           string `json:"name"`
		URL            string `json:"url"`
		HookAttributes struct {
			URL    string `json:"url"`
			Active bool   `json:"active"`
		} `json:"hook_attributes"`
		Public      bool              `json:"public"`
		Permissions map[string]string `json:"default_permissions"`
		Events      []string          `json:"default_events"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	var keys map[string]any
	json.Unmarshal(data, &keys)
	for k := range keys {
		if !slices.Contains([]string{"name", "description", "url", "hook_attributes", "redirect_url", "public", "default_permissions", "default_events"}, k) {
			t.Errorf("%q is not a key of GitHub's App manifest", k)
		}
	}
	want := map[string]string{"contents": "write", "pull_requests": "write", "checks": "write", "metadata": "read"}
	if len(m.Permissions) != len(want) {
		t.Errorf("permissions %v, want exactly %v", m.Permissions, want)
	}
	for k, v := range want {
		if m.Permissions[k] != v {
			t.Errorf("permission %s: %q, want %q", k, m.Permissions[k], v)
		}
	}
	s := newServer(t, Options{})
	var handled []string
	for event := range s.handlers {
		if event != "installation" && event != "installation_repositories" && event != "ping" {
			handled = append(handled, event)
		}
	}
	slices.Sort(handled)
	if !slices.Equal(m.Events, handled) {
		t.Errorf("events %v, want the handled ones %v", m.Events, handled)
	}
	if m.Name == "" || !m.HookAttributes.Active || m.HookAttributes.URL == "" || m.Public {
		t.Errorf("manifest %+v", m)
	}
}
