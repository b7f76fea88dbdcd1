package changelog

import "testing"

const mergeBase = `### Features

- **api:** add the rocket endpoint ([aaaaaaa](https://x/commit/aaaaaaa))
- add a --json flag ([bbbbbbb](https://x/commit/bbbbbbb))

### Bug Fixes

- handle empty config ([ccccccc](https://x/commit/ccccccc))
`

func TestMergeSection(t *testing.T) {
	for _, tc := range []struct {
		name, theirs, ours, want string
		conflict                 bool
	}{
		{
			name:   "nobody changed anything",
			theirs: mergeBase, ours: mergeBase, want: mergeBase,
		},
		{
			name:   "a new commit's entry is added to its subsection",
			theirs: mergeBase,
			ours:   mergeBase + "- stop crashing on odd messages ([ddddddd](https://x/commit/ddddddd))\n",
			want:   mergeBase + "- stop crashing on odd messages ([ddddddd](https://x/commit/ddddddd))\n",
		},
		{
			name: "a reworded entry stays reworded and a removed one stays removed",
			theirs: `### Features

- **api:** add the rocket endpoint, with docs ([aaaaaaa](https://x/commit/aaaaaaa))

### Bug Fixes

- handle empty config ([ccccccc](https://x/commit/ccccccc))
`,
			ours: mergeBase,
			want: `### Features

- **api:** add the rocket endpoint, with docs ([aaaaaaa](https://x/commit/aaaaaaa))

### Bug Fixes

- handle empty config ([ccccccc](https://x/commit/ccccccc))
`,
		},
		{
			name:   "added prose stays and new entries still arrive",
			theirs: "This release is about rockets.\n\n" + mergeBase,
			ours: `### Features

- **api:** add the rocket endpoint ([aaaaaaa](https://x/commit/aaaaaaa))
- add a --json flag ([bbbbbbb](https://x/commit/bbbbbbb))
- add a --yaml flag ([eeeeeee](https://x/commit/eeeeeee))

### Bug Fixes

- handle empty config ([ccccccc](https://x/commit/ccccccc))
`,
			want: `This release is about rockets.

### Features

- **api:** add the rocket endpoint ([aaaaaaa](https://x/commit/aaaaaaa))
- add a --json flag ([bbbbbbb](https://x/commit/bbbbbbb))
- add a --yaml flag ([eeeeeee](https://x/commit/eeeeeee))

### Bug Fixes

- handle empty config ([ccccccc](https://x/commit/ccccccc))
`,
		},
		{
			name:   "a subsection people removed comes back for a new entry only",
			theirs: "### Features\n\n- **api:** add the rocket endpoint ([aaaaaaa](https://x/commit/aaaaaaa))\n- add a --json flag ([bbbbbbb](https://x/commit/bbbbbbb))\n",
			ours:   mergeBase + "- stop crashing ([ddddddd](https://x/commit/ddddddd))\n",
			want:   "### Features\n\n- **api:** add the rocket endpoint ([aaaaaaa](https://x/commit/aaaaaaa))\n- add a --json flag ([bbbbbbb](https://x/commit/bbbbbbb))\n\n### Bug Fixes\n\n- stop crashing ([ddddddd](https://x/commit/ddddddd))\n",
		},
		{
			name:   "an untouched entry takes the new generation's words",
			theirs: mergeBase,
			ours:   "### Features\n\n- **api:** add the rocket endpoint (#12) ([aaaaaaa](https://x/commit/aaaaaaa))\n- add a --json flag ([bbbbbbb](https://x/commit/bbbbbbb))\n\n### Bug Fixes\n\n- handle empty config ([ccccccc](https://x/commit/ccccccc))\n",
			want:   "### Features\n\n- **api:** add the rocket endpoint (#12) ([aaaaaaa](https://x/commit/aaaaaaa))\n- add a --json flag ([bbbbbbb](https://x/commit/bbbbbbb))\n\n### Bug Fixes\n\n- handle empty config ([ccccccc](https://x/commit/ccccccc))\n",
		},
		{
			name:   "an entry the generation retracts goes when untouched",
			theirs: mergeBase,
			ours:   "### Features\n\n- **api:** add the rocket endpoint ([aaaaaaa](https://x/commit/aaaaaaa))\n\n### Bug Fixes\n\n- handle empty config ([ccccccc](https://x/commit/ccccccc))\n",
			want:   "### Features\n\n- **api:** add the rocket endpoint ([aaaaaaa](https://x/commit/aaaaaaa))\n\n### Bug Fixes\n\n- handle empty config ([ccccccc](https://x/commit/ccccccc))\n",
		},
		{
			name:     "an entry both sides changed keeps people's words and says so",
			theirs:   "### Features\n\n- **api:** the rocket endpoint, hand-worded ([aaaaaaa](https://x/commit/aaaaaaa))\n- add a --json flag ([bbbbbbb](https://x/commit/bbbbbbb))\n\n### Bug Fixes\n\n- handle empty config ([ccccccc](https://x/commit/ccccccc))\n",
			ours:     "### Features\n\n- **api:** add the rocket endpoint (#12) ([aaaaaaa](https://x/commit/aaaaaaa))\n- add a --json flag ([bbbbbbb](https://x/commit/bbbbbbb))\n\n### Bug Fixes\n\n- handle empty config ([ccccccc](https://x/commit/ccccccc))\n",
			want:     "### Features\n\n- **api:** the rocket endpoint, hand-worded ([aaaaaaa](https://x/commit/aaaaaaa))\n- add a --json flag ([bbbbbbb](https://x/commit/bbbbbbb))\n\n### Bug Fixes\n\n- handle empty config ([ccccccc](https://x/commit/ccccccc))\n",
			conflict: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, conflict := MergeSection(mergeBase, tc.theirs, tc.ours)
			if got != tc.want || conflict != tc.conflict {
				t.Errorf("merged (conflict %v, want %v):\n%s\nwant:\n%s", conflict, tc.conflict, got, tc.want)
			}
		})
	}
}

func TestMergeSectionGeneratedProseFollowsTheGeneration(t *testing.T) {
	base := "Released as minor: `release:minor` on #4.\n\n" + mergeBase
	ours := "Released as major: `release:major` on #4.\n\n" + mergeBase
	theirs := "Released as minor: `release:minor` on #4.\n\nA word from us.\n\n" + mergeBase
	got, conflict := MergeSection(base, theirs, ours)
	want := "A word from us.\n\nReleased as major: `release:major` on #4.\n\n" + mergeBase
	if got != want || conflict {
		t.Errorf("merged (conflict %v):\n%s\nwant:\n%s", conflict, got, want)
	}
}

func TestMergeSectionWithoutBaseKeepsTheirsAndAddsOurs(t *testing.T) {
	theirs := "### Features\n\n- hand-written ([aaaaaaa](https://x/commit/aaaaaaa))\n"
	got, conflict := MergeSection("", theirs, mergeBase)
	want := "### Features\n\n- hand-written ([aaaaaaa](https://x/commit/aaaaaaa))\n- add a --json flag ([bbbbbbb](https://x/commit/bbbbbbb))\n\n### Bug Fixes\n\n- handle empty config ([ccccccc](https://x/commit/ccccccc))\n"
	if got != want || !conflict {
		t.Errorf("merged (conflict %v):\n%s\nwant:\n%s", conflict, got, want)
	}
}

func TestMergeSectionKeepsMultiLineEntries(t *testing.T) {
	base := "### Breaking Changes\n\n- **api:** remove v1 ([aaaaaaa](https://x/commit/aaaaaaa))\n\n  the v1 endpoints are gone.\n\n      curl /v2\n"
	ours := base + "- drop the launcher ([bbbbbbb](https://x/commit/bbbbbbb))\n"
	got, conflict := MergeSection(base, base, ours)
	want := "### Breaking Changes\n\n- **api:** remove v1 ([aaaaaaa](https://x/commit/aaaaaaa))\n\n  the v1 endpoints are gone.\n\n      curl /v2\n\n- drop the launcher ([bbbbbbb](https://x/commit/bbbbbbb))\n"
	if got != want || conflict {
		t.Errorf("merged (conflict %v):\n%q\nwant:\n%q", conflict, got, want)
	}
}

func TestReplaceSection(t *testing.T) {
	file := "# Changelog\n\n## [1.1.0] - 2026-11-21\n\n### Fixed\n\n- old\n\n## [1.0.0] - 2026-01-01\n\n- first\n"
	got, ok := ReplaceSection([]byte(file), "1.1.0", "### Fixed\n\n- new\n- newer\n")
	want := "# Changelog\n\n## [1.1.0] - 2026-11-21\n\n### Fixed\n\n- new\n- newer\n\n## [1.0.0] - 2026-01-01\n\n- first\n"
	if !ok || string(got) != want {
		t.Errorf("ReplaceSection = %v\n%s\nwant:\n%s", ok, got, want)
	}
	if _, ok := ReplaceSection([]byte(file), "9.9.9", "x"); ok {
		t.Error("a missing section was replaced")
	}
	if rest := WithoutSection([]byte(file), "1.1.0"); rest != "# Changelog\n\n## [1.0.0] - 2026-01-01\n\n- first\n" {
		t.Errorf("WithoutSection = %q", rest)
	}
}

func TestAddEntries(t *testing.T) {
	extra := "### Bug Fixes\n\n- handle empty config ([ccccccc](https://x/commit/ccccccc))\n- late fix ([fffffff](https://x/commit/fffffff))\n"
	got, n := AddEntries(mergeBase, extra)
	want := mergeBase + "- late fix ([fffffff](https://x/commit/fffffff))\n"
	if got != want || n != 1 {
		t.Errorf("AddEntries = %d\n%s\nwant:\n%s", n, got, want)
	}
	if got, n := AddEntries(mergeBase, mergeBase); got != mergeBase || n != 0 {
		t.Errorf("adding what is there changed the section (%d):\n%s", n, got)
	}
}
