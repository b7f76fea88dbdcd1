package release

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// change is the part of a Change these tables compare.
type change struct {
	Type, Scope, Description string
	Breaking                 bool
}

func summarize(changes []Change) []change {
	var out []change
	for _, c := range changes {
		out = append(out, change{c.Type, c.Scope, c.Description, c.Breaking})
	}
	return out
}

// TestParseRealMessages reads commit messages of public histories (see
// testdata/messages/README.md) and expects what their maintainers released.
func TestParseRealMessages(t *testing.T) {
	cases := []struct {
		file   string
		author string
		want   []change
	}{
		// Bullets of the branch's history under a conventional title:
		// released as a patch, not as 14.0.0.
		{"release-please-9e721c08.txt", "sofisl", []change{{"build", "deps", "update gts and ts, delete Node 8 and Node 10 configs", false}}},
		// 38 bullets, one of them `* feat!: ...`: released as 17.5.0.
		{"release-please-8c5e2ae3.txt", "Jeff Ching", []change{{"feat", "", "create Scm abstraction", false}}},
		// A Renovate body quoting the dependency's own notes
		// (`-   feat!: convert to es modules`): released as 6.2.3.
		{"nodejs-storage-cb627213.txt", "WhiteSource Renovate", []change{{"chore", "deps", "update dependency linkinator to v4", false}}},
		// A paragraph of changes after the subject: five Bug Fixes entries.
		{"release-please-71d9b6d5.txt", "Jeff Ching", []change{
			{"fix", "go-yoshi", "allows using go-yoshi with manifest", false},
			{"fix", "", "allow configuring includeComponentInTag and tagSeparator from manifest config", false},
			{"fix", "go-yoshi", "should not always skip modules", false},
			{"fix", "", "correctly fetch full list of files", false},
			{"fix", "", "Manifest should be able to find tagged versions without a release", false},
		}},
		{"release-please-ada9fd6d.txt", "Jeff Ching", []change{
			{"fix", "dart", "throw MissingRequiredFileError if pubspec.yaml is missing", false},
			{"fix", "helm", "throw MissingRequiredFileError if Chart.yaml is missing", false},
		}},
		// CRLF trailers, each a breaking change of its own: 6.0.0.
		{"nodejs-storage-77fa8d9f.txt", "Sameena Shaffeeullah", []change{
			{"build", "", "drop node 10 support", true},
			{"deps", "", "update TypeScript", true},
			{"refactor", "", "remove deprecated fields", true},
			{"refactor", "", "remove configstore", true},
			{"refactor", "", "align resumable upload behavior", true},
			{"refactor", "", "utilize internalized CRC32C utilities", true},
		}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			msg, err := os.ReadFile(filepath.Join("testdata", "messages", c.file))
			if err != nil {
				t.Fatal(err)
			}
			got := summarize(ParseCommit(Commit{Hash: "h", Message: string(msg), Author: c.author}))
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
}

// TestParseSeveralChanges covers the multi-change format on messages made
// for the purpose.
func TestParseSeveralChanges(t *testing.T) {
	cases := []struct {
		name string
		msg  string
		want []change
	}{
		{"documented example",
			"feat: adds v4 UUID to crypto\n\nThis adds support for v4 UUIDs to the library.\n\n" +
				"fix(utils): unicode no longer throws exception\n  PiperOrigin-RevId: 345559154\n  BREAKING-CHANGE: encode method no longer throws.\n  Source-Link: googleapis/googleapis@5e0dcb2\n\n" +
				"feat(utils): update encode to support unicode\n  PiperOrigin-RevId: 345559182\n  Source-Link: googleapis/googleapis@e5eef86",
			[]change{{"feat", "", "adds v4 UUID to crypto", false}, {"fix", "utils", "unicode no longer throws exception", true}, {"feat", "utils", "update encode to support unicode", false}}},
		{"trailer block right after the subject", "fix: a\nfeat(x): b\n  BREAKING CHANGE: gone\nRefs: #12",
			[]change{{"fix", "", "a", false}, {"feat", "x", "b", true}}},
		{"a paragraph change keeps its own footers", "feat: a\n\nfix: b\nRefs: #4\n\nBREAKING CHANGE: b changed",
			[]change{{"feat", "", "a", false}, {"fix", "", "b", true}}},
		{"a typed paragraph above prose is prose", "fix: allow a gax instance (#1617)\n\nPiperOrigin-RevId: 1\n\nfeat: accept google-gax instance as a parameter\nPlease see the documentation.\n\nSource-Link: x",
			[]change{{"fix", "", "allow a gax instance", false}}},
		{"trailers that are not types stay trailers", "fix: a\n\nFixes: #3\nCloses #4\nRefs: abc\nSigned-off-by: A <a@b.c>",
			[]change{{"fix", "", "a", false}}},
		{"capitalised types in a body are prose", "fix: a\n\nFix: this is prose\n\nFeat: so is this",
			[]change{{"fix", "", "a", false}}},
		{"unknown types in a body are prose", "fix: a\n\nnote: remember the milk\n\nwarning: hot",
			[]change{{"fix", "", "a", false}}},
		{"a typed line inside prose is prose", "fix: a\n\nThis paragraph mentions\nfix: inline\nand goes on.",
			[]change{{"fix", "", "a", false}}},
		{"nested blocks", "fix: a\n\nBEGIN_NESTED_COMMIT\nfeat(api): b\nPiperOrigin-RevId: 1\nEND_NESTED_COMMIT\nBEGIN_NESTED_COMMIT\nchore: c\nEND_NESTED_COMMIT\nCo-authored-by: X <x@y.z>",
			[]change{{"fix", "", "a", false}, {"feat", "api", "b", false}, {"chore", "", "c", false}}},
		{"unterminated nested block", "fix: a\n\nBEGIN_NESTED_COMMIT\nfeat: b",
			[]change{{"fix", "", "a", false}, {"feat", "", "b", false}}},
		{"changes after a plain subject", "Sync generated code\n\nfeat(api): new method\n\nfix(api): typo",
			[]change{{"feat", "api", "new method", false}, {"fix", "api", "typo", false}}},
		{"the subject's breaking footer stays with the subject", "feat!: a\n\nBREAKING CHANGE: a moved\n\nSigned-off-by: A <a@b.c>",
			[]change{{"feat", "", "a", true}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := summarize(ParseCommit(Commit{Hash: "h", Message: c.msg}))
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("ParseCommit(%q)\n got  %+v\nwant %+v", c.msg, got, c.want)
			}
		})
	}
}

// TestBotBodiesAreNotSquashBullets: a dependency bot's pull request body
// quotes other projects' notes; under a plain title its bullets are not
// this repository's changes.
func TestBotBodiesAreNotSquashBullets(t *testing.T) {
	msg := "Bump lodash from 4.17.20 to 4.17.21 (#9)\n\n* feat!: a change of lodash's own\n\n* fix: another"
	if got := ParseCommit(Commit{Hash: "h", Message: msg, Author: "dependabot[bot]"}); len(got) != 0 {
		t.Errorf("bot body read as changes: %+v", summarize(got))
	}
	if got := ParseCommit(Commit{Hash: "h", Message: msg, Author: "Ann"}); len(got) != 2 {
		t.Errorf("a person's squash merge: got %+v, want its two bullets", summarize(got))
	}
}
