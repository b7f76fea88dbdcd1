package fakegithub

import (
	"fmt"
	"time"
)

// checkRun is a check run created through the API.
type checkRun struct {
	id                     int64
	name, headSHA          string
	status, conclusion     string
	started, completed     time.Time
	detailsURL, externalID string
	title, summary, text   string
}

type checkRunIn struct {
	Name        *string
	HeadSHA     string  `json:"head_sha"`
	DetailsURL  *string `json:"details_url"`
	ExternalID  *string `json:"external_id"`
	Status      *string
	Conclusion  *string
	StartedAt   *string `json:"started_at"`
	CompletedAt *string `json:"completed_at"`
	Output      *struct {
		Title, Summary string
		Text           *string
	}
}

// apply sets the fields present in a create or update request. A
// conclusion completes the run, as on GitHub.
func (cr *checkRun) apply(c *call, in checkRunIn) error {
	if in.Name != nil {
		cr.name = *in.Name
	}
	if in.DetailsURL != nil {
		cr.detailsURL = *in.DetailsURL
	}
	if in.ExternalID != nil {
		cr.externalID = *in.ExternalID
	}
	if in.Status != nil {
		cr.status = *in.Status
	}
	if in.StartedAt != nil {
		t, err := time.Parse(time.RFC3339, *in.StartedAt)
		if err != nil {
			return err
		}
		cr.started = t
	}
	if in.Conclusion != nil {
		cr.conclusion, cr.status = *in.Conclusion, "completed"
	}
	if in.CompletedAt != nil {
		t, err := time.Parse(time.RFC3339, *in.CompletedAt)
		if err != nil {
			return err
		}
		cr.completed = t
	}
	if cr.status == "completed" && cr.completed.IsZero() {
		cr.completed = c.s.now()
	}
	if in.Output != nil {
		cr.title, cr.summary = in.Output.Title, in.Output.Summary
		if in.Output.Text != nil {
			cr.text = *in.Output.Text
		}
	}
	return nil
}

func (r *Repo) checkRunJSON(cr *checkRun) obj {
	id := fmt.Sprint(cr.id)
	var pulls []any
	for _, p := range r.pulls {
		if p.state == "open" && r.headSHA(p).String() == cr.headSHA {
			repo := obj{"id": r.id, "url": r.api(), "name": r.name}
			pulls = append(pulls, obj{
				"id": p.id, "number": p.number, "url": r.api("pulls", fmt.Sprint(p.number)),
				"head": obj{"ref": p.head, "sha": cr.headSHA, "repo": repo},
				"base": obj{"ref": p.base, "sha": r.baseSHA(p).String(), "repo": repo},
			})
		}
	}
	if pulls == nil {
		pulls = []any{}
	}
	return obj{
		"id": cr.id, "node_id": nodeID("CR", cr.id), "name": cr.name, "head_sha": cr.headSHA,
		"url": r.api("check-runs", id), "html_url": r.web("runs", id),
		"details_url": nullable(cr.detailsURL), "external_id": nullable(cr.externalID),
		"status": cr.status, "conclusion": nullable(cr.conclusion),
		"started_at": nullableTime(cr.started), "completed_at": nullableTime(cr.completed),
		"output": obj{
			"title": nullable(cr.title), "summary": nullable(cr.summary), "text": nullable(cr.text),
			"annotations_count": 0, "annotations_url": r.api("check-runs", id, "annotations"),
		},
		"check_suite": obj{"id": cr.id + 1}, "app": r.s.appJSON(), "pull_requests": pulls,
	}
}

// POST /repos/{owner}/{repo}/check-runs: 422 when head_sha is unknown.
func createCheckRun(c *call) reply {
	var in checkRunIn
	if err := c.decode(&in); err != nil {
		return invalid("Problems parsing JSON")
	}
	sha, ok := c.repo.git().resolve(in.HeadSHA)
	if !ok || sha.String() != in.HeadSHA {
		return invalid("Validation Failed", fieldError{Resource: "CheckRun", Field: "head_sha", Code: "invalid"})
	}
	cr := &checkRun{id: c.s.newID(), headSHA: in.HeadSHA, status: "queued", started: c.s.now()}
	if err := cr.apply(c, in); err != nil {
		return invalid("Invalid timestamp: " + err.Error())
	}
	c.repo.checkRuns = append(c.repo.checkRuns, cr)
	return created(c.repo.checkRunJSON(cr), c.repo.api("check-runs", fmt.Sprint(cr.id)))
}

// PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}.
func updateCheckRun(c *call) reply {
	id := c.intParam("check_run_id")
	for _, cr := range c.repo.checkRuns {
		if cr.id == id {
			var in checkRunIn
			if err := c.decode(&in); err != nil {
				return invalid("Problems parsing JSON")
			}
			if err := cr.apply(c, in); err != nil {
				return invalid("Invalid timestamp: " + err.Error())
			}
			return okJSON(c.repo.checkRunJSON(cr))
		}
	}
	return notFound()
}

// GET /repos/{owner}/{repo}/commits/{ref}/check-runs: filters check_name
// and status; newest first.
func listCheckRuns(c *call) reply {
	sha, ok := c.repo.git().resolve(c.param("ref"))
	if !ok {
		return notFound()
	}
	q := c.req.URL.Query()
	var runs []obj
	for i := len(c.repo.checkRuns) - 1; i >= 0; i-- {
		cr := c.repo.checkRuns[i]
		if cr.headSHA != sha.String() {
			continue
		}
		if n := q.Get("check_name"); n != "" && n != cr.name {
			continue
		}
		if st := q.Get("status"); st != "" && st != cr.status {
			continue
		}
		runs = append(runs, c.repo.checkRunJSON(cr))
	}
	page, header := paginate(c, runs, 30)
	if page == nil {
		page = []obj{}
	}
	return reply{status: 200, header: header, body: obj{"total_count": len(runs), "check_runs": page}}
}
