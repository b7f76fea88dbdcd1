package release

import (
	"fmt"
	"testing"
)

// BenchmarkParseCommit parses a mix of messages shaped like a busy
// repository's: subjects alone, bodies with trailers, squash merges.
func BenchmarkParseCommit(b *testing.B) {
	msgs := []string{
		"fix(api): handle empty responses (#1234)",
		"feat: add the launch endpoint\n\nIt takes a rocket id and returns its state.\n\nRefs: #12\nSigned-off-by: Ann <ann@example.com>",
		"chore(deps): bump lodash from 4.17.20 to 4.17.21 (#77)\n\nBumps lodash.\n\n---\nupdated-dependencies:\n- dependency-name: lodash\n\nSigned-off-by: dependabot[bot] <support@github.com>",
		"Add login page (#7)\n\n* feat: login form\n\n* fix(auth): token refresh\n\n* wip\n\n---------\n\nCo-authored-by: X <x@y.z>",
		"refactor: split the parser\n\nfix: a paragraph change\n\nBREAKING CHANGE: the old entry point is gone",
		"Merge branch 'main' into feature",
	}
	commits := make([]Commit, len(msgs))
	for i, m := range msgs {
		commits[i] = Commit{Hash: fmt.Sprint(i), Message: m}
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ParseCommit(commits[i%len(commits)])
	}
}
