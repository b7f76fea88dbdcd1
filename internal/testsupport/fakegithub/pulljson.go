package fakegithub

import (
	"fmt"
)

// pullJSON returns a pull-request object (full) or a pull-request-simple
// one (lists). Callers hold s.mu.
func (r *Repo) pullJSON(p *pull, full bool) obj {
	n := fmt.Sprint(p.number)
	api := r.api("pulls", n)
	head, base := r.headSHA(p), r.baseSHA(p)
	o := obj{
		"url": api, "id": p.id, "node_id": nodeID("PR", p.id), "number": p.number,
		"html_url":            r.web("pull", n),
		"diff_url":            r.web("pull", n) + ".diff",
		"patch_url":           r.web("pull", n) + ".patch",
		"issue_url":           r.api("issues", n),
		"commits_url":         api + "/commits",
		"review_comments_url": api + "/comments",
		"review_comment_url":  r.api("pulls", "comments{/number}"),
		"comments_url":        r.api("issues", n, "comments"),
		"statuses_url":        r.api("statuses", head.String()),
		"state":               p.state, "locked": false, "title": p.title, "body": nullable(p.body),
		"user":      r.s.user(p.user),
		"labels":    r.issueLabelsJSON(p.number),
		"milestone": nil, "active_lock_reason": nil,
		"created_at": timestamp(p.created), "updated_at": timestamp(p.updated),
		"closed_at": nullableTime(p.closed), "merged_at": nullableTime(p.merged),
		"merge_commit_sha": nullable(p.mergeSHA),
		"assignee":         nil, "assignees": []any{}, "requested_reviewers": []any{}, "requested_teams": []any{},
		"head": r.branchJSON(p.head, head.String()),
		"base": r.branchJSON(p.base, base.String()),
		"_links": obj{
			"self":            obj{"href": api},
			"html":            obj{"href": r.web("pull", n)},
			"issue":           obj{"href": r.api("issues", n)},
			"comments":        obj{"href": r.api("issues", n, "comments")},
			"review_comments": obj{"href": api + "/comments"},
			"review_comment":  obj{"href": r.api("pulls", "comments{/number}")},
			"commits":         obj{"href": api + "/commits"},
			"statuses":        obj{"href": r.api("statuses", head.String())},
		},
		"author_association": r.association(p.user),
		"auto_merge":         nil,
		"draft":              p.draft,
	}
	if !full {
		// pull-request-simple documents label descriptions as non-nullable
		// strings (GitHub sends null): send "" to stay within the schema.
		for _, l := range o["labels"].([]any) {
			if l.(obj)["description"] == nil {
				l.(obj)["description"] = ""
			}
		}
		return o
	}
	commits, _ := r.pullCommits(p)
	stats := r.pullStats(p)
	o["merged"] = !p.merged.IsZero()
	o["merged_by"] = nil
	if p.mergedBy != "" {
		o["merged_by"] = r.s.user(p.mergedBy)
	}
	o["comments"] = r.commentCount(p.number)
	o["review_comments"] = 0
	o["maintainer_can_modify"] = p.canModify
	o["commits"] = len(commits)
	o["additions"], o["deletions"], o["changed_files"] = stats.additions, stats.deletions, stats.files
	if p.state == "open" {
		clean := r.mergeable(p)
		o["mergeable"], o["rebaseable"] = clean, clean
		o["mergeable_state"] = "clean"
		if !clean {
			o["mergeable_state"] = "dirty"
		} else if p.draft {
			o["mergeable_state"] = "draft"
		}
	} else {
		o["mergeable"], o["rebaseable"] = nil, nil
		o["mergeable_state"] = "unknown"
	}
	return o
}

// branchJSON is the head or base of a pull request.
func (r *Repo) branchJSON(branch, sha string) obj {
	return obj{
		"label": r.owner + ":" + branch, "ref": branch, "sha": sha,
		"user": r.s.user(r.owner), "repo": r.json(),
	}
}

// association is the author_association of a login on this repository.
func (r *Repo) association(login string) string {
	switch login {
	case r.owner:
		return "OWNER"
	case mergeActor:
		return "MEMBER"
	}
	return "CONTRIBUTOR"
}

type diffStats struct{ additions, deletions, files int }

// pullStats counts the lines and files the PR changes (merge base to head).
func (r *Repo) pullStats(p *pull) diffStats {
	g := r.git()
	head, base := r.headSHA(p), r.baseSHA(p)
	mb, ok, err := g.mergeBase(base, head)
	if err != nil || !ok {
		return diffStats{}
	}
	files, err := r.diffFiles(g, mb, head)
	if err != nil {
		return diffStats{}
	}
	var s diffStats
	for _, f := range files {
		s.additions += f.additions
		s.deletions += f.deletions
		s.files++
	}
	return s
}

// mergeable reports whether the PR merges without a file-level conflict.
func (r *Repo) mergeable(p *pull) bool {
	g := r.git()
	head, base := r.headSHA(p), r.baseSHA(p)
	mb, ok, err := g.mergeBase(base, head)
	if err != nil || !ok {
		return false
	}
	_, err = threeWay(g, mb, base, head)
	return err == nil
}
