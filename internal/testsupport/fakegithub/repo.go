package fakegithub

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

// Repo is a repository of the fake, backed by a bare git repository.
// Its methods act as a user or maintainer would on github.com and fail the
// test on error; they are safe to call while the server serves requests.
type Repo struct {
	s             *Server
	owner, name   string
	id            int64
	dir           string
	defaultBranch string
	created       time.Time

	nextNumber  int
	pulls       []*pull
	labels      []*label
	issueLabels map[int][]string // issue number -> label names, in order added
	comments    []*comment
	releases    []*release
	latestID    int64 // release made latest explicitly, 0 for none
	checkRuns   []*checkRun
	// actionsMayNotOpenPulls is the repository setting "Allow GitHub
	// Actions to create and approve pull requests" turned off.
	actionsMayNotOpenPulls bool
}

// PR is a pull request as a test sees it.
type PR struct {
	Number         int
	Title, Body    string
	Head, Base     string // branch names
	HeadSHA        string // follows the head branch while the PR is open
	User           string
	State          string // "open" or "closed"
	Draft          bool
	Merged         bool
	MergeCommitSHA string
	Labels         []string
}

// Release is a release as a test sees it.
type Release struct {
	ID                          int64
	TagName, TargetCommitish    string
	Name, Body                  string
	Draft, Prerelease, IsLatest bool
}

// CreateRepo creates an empty repository (no commits) whose default branch
// will be defaultBranch; Push creates the first commit. The owner gets an
// App installation (see Repo.InstallationID).
func (s *Server) CreateRepo(owner, name, defaultBranch string) *Repo {
	s.t.Helper()
	dir := filepath.Join(s.t.TempDir(), owner, name+".git")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		s.t.Fatalf("fakegithub: %v", err)
	}
	if _, err := git.PlainInit(dir, true); err != nil {
		s.t.Fatalf("fakegithub: creating %s/%s: %v", owner, name, err)
	}
	head := plumbing.NewSymbolicReference(plumbing.HEAD, plumbing.NewBranchReferenceName(defaultBranch))
	if err := openGit(dir).st.SetReference(head); err != nil {
		s.t.Fatalf("fakegithub: creating %s/%s: %v", owner, name, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key := repoKey(owner, name)
	if s.repos[key] != nil {
		s.t.Fatalf("fakegithub: repository %s/%s already exists", owner, name)
	}
	r := &Repo{
		s: s, owner: owner, name: name, id: s.newID(), dir: dir,
		defaultBranch: defaultBranch, created: s.now(),
		issueLabels: map[int][]string{},
	}
	s.userID(owner)
	s.repos[key] = r
	s.order = append(s.order, r)
	return r
}

func repoKey(owner, name string) string { return strings.ToLower(owner + "/" + name) }

// Dir returns the path of the bare git repository backing r, so tests can
// `git clone file://DIR`, fetch and push with the git CLI.
func (r *Repo) Dir() string { return r.dir }

// FullName returns "owner/name".
func (r *Repo) FullName() string { return r.owner + "/" + r.name }

// git opens the repository's storage.
func (r *Repo) git() *gitRepo { return openGit(r.dir) }

// fatal fails the test from a test-side method.
func (r *Repo) fatal(format string, args ...any) {
	r.s.t.Helper()
	r.s.t.Fatalf("fakegithub: %s: "+format, append([]any{r.FullName()}, args...)...)
}

// PRs returns the pull requests, by number.
func (r *Repo) PRs() []PR {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	out := make([]PR, 0, len(r.pulls))
	for _, p := range r.pulls {
		out = append(out, PR{
			Number: p.number, Title: p.title, Body: p.body,
			Head: p.head, Base: p.base, HeadSHA: r.headSHA(p).String(),
			User: p.user, State: p.state, Draft: p.draft,
			Merged: !p.merged.IsZero(), MergeCommitSHA: p.mergeSHA,
			Labels: append([]string{}, r.issueLabels[p.number]...),
		})
	}
	return out
}

// Releases returns the releases, newest first (as the API lists them).
func (r *Repo) Releases() []Release {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	latest := r.latestRelease()
	var out []Release
	for _, rel := range r.sortedReleases() {
		out = append(out, Release{
			ID: rel.id, TagName: rel.tag, TargetCommitish: rel.target,
			Name: rel.name, Body: rel.body, Draft: rel.draft, Prerelease: rel.prerelease,
			IsLatest: rel == latest,
		})
	}
	return out
}

// Tags returns every tag name with the commit it points at (annotated tags
// are peeled).
func (r *Repo) Tags() map[string]string {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	g := r.git()
	refs, err := g.refs("refs/tags/")
	if err != nil {
		r.fatal("listing tags: %v", err)
	}
	out := map[string]string{}
	for _, ref := range refs {
		h, _, _ := g.peel(ref.Hash())
		out[strings.TrimPrefix(ref.Name().String(), "refs/tags/")] = h.String()
	}
	return out
}

// Comments returns the bodies of an issue's or pull request's comments, oldest first.
func (r *Repo) Comments(issue int) []string {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	var out []string
	for _, c := range r.comments {
		if c.issue == issue {
			out = append(out, c.body)
		}
	}
	return out
}

// Ref returns the sha a ref points at (for annotated tags, the tag object).
// name is a full ref ("refs/heads/main"), one relative to refs/
// ("heads/main", "tags/v1.0.0"), or a bare branch or tag name.
func (r *Repo) Ref(name string) (string, bool) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	g := r.git()
	for _, full := range []string{name, "refs/" + name, "refs/heads/" + name, "refs/tags/" + name} {
		if strings.HasPrefix(full, "refs/") {
			if h, ok := g.ref(full); ok {
				return h.String(), true
			}
		}
	}
	return "", false
}

// File returns the content of path at ref (a branch, tag or commit sha).
func (r *Repo) File(ref, path string) (string, bool) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	g := r.git()
	h, ok := g.resolve(ref)
	if !ok {
		return "", false
	}
	tree, err := g.commitTree(h)
	if err != nil {
		return "", false
	}
	flat, err := g.flatten(tree)
	if err != nil {
		return "", false
	}
	e, ok := flat[strings.Trim(path, "/")]
	if !ok {
		return "", false
	}
	data, err := g.blob(e.hash)
	return string(data), err == nil
}

// InstallationID returns the id of the App installation on the repository's
// owner, for POST /app/installations/{installation_id}/access_tokens.
func (r *Repo) InstallationID() int64 {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	return r.s.installationID(r.owner)
}

// sortedReleases returns the releases newest first.
func (r *Repo) sortedReleases() []*release {
	out := append([]*release(nil), r.releases...)
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].created.Equal(out[j].created) {
			return out[i].created.After(out[j].created)
		}
		return out[i].id > out[j].id
	})
	return out
}
