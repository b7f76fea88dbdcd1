package changelog

import "testing"

func TestSection(t *testing.T) {
	tests := []struct {
		name, content, version string
		want                   string
		ok                     bool
	}{
		{"kac", kacFile, "1.2.3", "### Fixed\n\n- Retry uploads when the host returns 502.\n", true},
		{"kac last before refs", kacFile, "1.2.0", "### Added\n\n- `--dry-run` flag.\n", true},
		{"kac v prefix", kacFile, "v1.2.0", "### Added\n\n- `--dry-run` flag.\n", true},
		{"kac crlf", crlf(kacFile), "1.2.3", "### Fixed\n\n- Retry uploads when the host returns 502.\n", true},
		{"kac absent", kacFile, "1.2.4", "", false},
		{"not a version", kacFile, "Unreleased", "", false},
		{"please h1 major", pleaseFile, "2.0.0",
			"### ⚠ BREAKING CHANGES\n\n* drop Go 1.22 support\n\n### Features\n\n" +
				"* new plan output ([#88](https://github.com/o/r/issues/88)) ([abc1234](https://github.com/o/r/commit/abc1234))\n", true},
		{"please linked h2", pleaseFile, "1.9.1",
			"### Bug Fixes\n\n* quote tag names ([def5678](https://github.com/o/r/commit/def5678))\n", true},
		{"please plain", pleaseFile, "1.9.0", "### Features\n\n* first public release\n", true},
		{"fenced ignores code", fencedFile, "1.3.0", "", false},
		{"fenced body keeps code", fencedFile, "1.2.0", "```sh\nreleasebot plan\n```\n", true},
		{"empty section", "## 1.0.0\n## 0.9.0\n- a", "1.0.0", "", true},
		{"rc is distinct", "## 1.0.0-rc.1\n\n- rc\n\n## 1.0.0\n\n- final\n", "1.0.0", "- final\n", true},
		{"h3 patch ends section", "## 1.1.0\n- a\n### [1.0.1](u)\n- b\n", "1.1.0", "- a\n", true},
		{"invalid utf8", "## 1.0.0\n\xff\xfe\n", "1.0.0", "\xff\xfe\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Section([]byte(tt.content), tt.version)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Section(%s) = %q, %v; want %q, %v", tt.version, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestSectionRoundTrip(t *testing.T) {
	for _, existing := range seeds {
		if Unreleased([]byte(existing)) != "" {
			continue // folded; covered by the golden tests
		}
		out := mustInsert(t, existing, pleaseRel)
		got, _ := Section([]byte(out), "2.1.0")
		if want := "### Features\n\n* sign tags ([1a2b3c4](https://github.com/o/r/commit/1a2b3c4))\n"; got != want {
			t.Errorf("Section after Insert into %.20q = %q, want %q", existing, got, want)
		}
	}
}

func TestUnreleased(t *testing.T) {
	tests := []struct{ name, content, want string }{
		{"kac empty", kacFile, ""},
		{"hand", handFile, "Heads-up: the config file moved to `.releasebot.yml`.\n\n### Added\n\n" +
			"- Hand-written: support for GitLab.\n  Needs a token with api scope.\n\n### Removed\n\n" +
			"- The deprecated `--legacy` flag.\n\n### Fixed\n\n- Hand-written: crash on empty tags.\n\n### Security\n"},
		{"plain heading", "# C\n\n## Unreleased\n- x\r\n", "- x\n"},
		{"lower case before refs", "## unreleased\n\n- y\n\n[unreleased]: u\n", "- y\n"},
		{"none", pleaseFile, ""},
		{"in code only", "```\n## Unreleased\n- x\n```\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Unreleased([]byte(tt.content)); got != tt.want {
				t.Errorf("Unreleased = %q, want %q", got, tt.want)
			}
		})
	}
}
