// Package fakegithub is a stateful fake of GitHub's REST API for tests.
//
// New starts an httptest.Server that serves the operations releasebot uses,
// exactly those of testdata/openapi/api.github.com.subset.json (regenerate
// it with testdata/openapi/update.sh). Repositories are real bare git
// repositories on disk: what the API writes (blobs, trees, commits, tags,
// refs) can be cloned with the git CLI from Repo.Dir, and what a test pushes
// with the git CLI is visible through the API.
//
//	s := fakegithub.New(t, fakegithub.Options{})
//	repo := s.CreateRepo("acme", "widget", "main")
//	repo.Push("main", fakegithub.CommitSpec{Message: "feat: x", Files: map[string]string{"x.go": "package x\n"}})
//	gh := github.NewClient(nil)
//	gh.BaseURL, _ = url.Parse(s.URL())
//
// # Contract checking
//
// Every request is validated against GitHub's OpenAPI description
// (kin-openapi, with the route built from the http.ServeMux match). A request
// GitHub would reject is answered 422 without being executed and fails the
// test with t.Errorf (Options.RecordViolations only records it). Every
// response the fake sends is validated too, including its status: a success
// status must be documented; error statuses the description omits for an
// operation (GitHub documents few of its 401/404/409/422 answers) are allowed.
// Calls to operations outside the subset answer 404 and are violations.
//
// # Known differences from GitHub
//
//   - Issues exist only as pull requests: labels and comments on a number
//     that is not a pull request answer 404.
//   - No forks: a head "OWNER:BRANCH" must name the repository's owner.
//   - One GitHub App, installed on every repository owner with access to all
//     its repositories; installation tokens never expire in the fake (the
//     expires_at sent is an hour ahead; RevokeTokens revokes them) and are not limited by permissions.
//     /app endpoints accept any JWT-shaped bearer credential.
//   - Merges (the merge button, mergeable) are file-level: a path changed on
//     both sides differently is a conflict, even if the lines would merge.
//   - A pull request whose head branch is deleted stays open with its last
//     head; pushing its head into the base with git does not mark it merged;
//     refs/pull/N/head is not maintained.
//   - Contents of a directory answer the listing (without content); the
//     repository root is served for an empty path.
//   - Releases have no assets; generate_release_notes is ignored; latest is
//     the release made latest explicitly, else the newest published
//     non-prerelease (by creation date, not semantic version).
//   - Tags are listed newest version first (digit runs compared as numbers).
//   - Commits list in git rev-list --date-order; the path filter keeps a
//     commit that changes the path relative to every parent.
//   - Rate-limit headers count down one per call from 5000 (an hour window
//     from the start) but are never enforced; use FailCall to simulate a
//     rate limit. Keep-alive is off, so a dropped connection is never
//     retried transparently by net/http.
//   - Responses follow the description where it disagrees with GitHub:
//     pull-request-simple label descriptions are "" rather than null, and
//     App installation accounts carry the enterprise fields the description
//     asks for.
package fakegithub
