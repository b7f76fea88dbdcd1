package fakegithub

import (
	"net/http"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// GET /repos/{owner}/{repo}/compare/{basehead}: "BASE...HEAD" where each
// side is a branch, tag or sha, optionally "OWNER:REF" for this owner.
// commits are the ones reachable from HEAD and not from BASE, oldest first,
// paginated 250 a page by default like GitHub; files are those changed
// from the merge base to HEAD.
func compare(c *call) reply {
	baseRev, headRev, ok := strings.Cut(c.param("basehead"), "...")
	if !ok {
		return notFound()
	}
	g := c.repo.git()
	base, okBase := g.resolve(c.repo.stripOwner(baseRev))
	head, okHead := g.resolve(c.repo.stripOwner(headRev))
	if !okBase || !okHead {
		return notFound()
	}
	mb, found, err := g.mergeBase(base, head)
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	if !found {
		return fail(http.StatusNotFound, "No common ancestor between "+baseRev+" and "+headRev+".")
	}
	inBase, err := g.ancestors(base)
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	inHead, err := g.ancestors(head)
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	ahead, err := g.revList([]plumbing.Hash{head}, inBase)
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	reverse(ahead)
	behind, err := g.revList([]plumbing.Hash{base}, inHead)
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	status := "identical"
	switch {
	case len(ahead) > 0 && len(behind) > 0:
		status = "diverged"
	case len(ahead) > 0:
		status = "ahead"
	case len(behind) > 0:
		status = "behind"
	}
	commits := make([]obj, 0, len(ahead))
	for _, commit := range ahead {
		commits = append(commits, c.repo.commitJSON(commit))
	}
	page, header := paginate(c, commits, 250)
	if page == nil {
		page = []obj{}
	}
	files, err := c.repo.diffFiles(g, mb, head)
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	fileList := make([]any, 0, len(files))
	for _, f := range files {
		fileList = append(fileList, c.repo.fileJSON(f, head.String()))
	}
	baseCommit, err := g.commit(base)
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	mbCommit, err := g.commit(mb)
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	basehead := c.param("basehead")
	return reply{status: http.StatusOK, header: header, body: obj{
		"url":               c.repo.api("compare", basehead),
		"html_url":          c.repo.web("compare", basehead),
		"permalink_url":     c.repo.web("compare", c.repo.owner+":"+base.String()[:7]+"..."+c.repo.owner+":"+head.String()[:7]),
		"diff_url":          c.repo.web("compare", basehead) + ".diff",
		"patch_url":         c.repo.web("compare", basehead) + ".patch",
		"base_commit":       c.repo.commitJSON(baseCommit),
		"merge_base_commit": c.repo.commitJSON(mbCommit),
		"status":            status,
		"ahead_by":          len(ahead),
		"behind_by":         len(behind),
		"total_commits":     len(ahead),
		"commits":           page,
		"files":             fileList,
	}}
}

// stripOwner removes an "OWNER:" prefix naming this repository's owner.
func (r *Repo) stripOwner(rev string) string {
	if owner, ref, ok := strings.Cut(rev, ":"); ok && strings.EqualFold(owner, r.owner) {
		return ref
	}
	return rev
}
