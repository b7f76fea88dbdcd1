package main

import (
	"fmt"

	"github.com/releasebot/releasebot/internal/bot"
)

// reportOutput is the `--json` report of pr, publish and run.
type reportOutput struct {
	Published []publishedOutput `json:"published"`
	Pull      *pullOutput       `json:"pull_request"`
	Next      *string           `json:"next_version"`
	Bump      string            `json:"bump"`
	Held      bool              `json:"held"`
}

type publishedOutput struct {
	Version   string `json:"version"`
	Tag       string `json:"tag"`
	SHA       string `json:"sha"`
	URL       string `json:"html_url"`
	UploadURL string `json:"upload_url"`
	Pull      int    `json:"pull_request"`
}

type pullOutput struct {
	Number int    `json:"number"`
	URL    string `json:"url"`
}

func reportJSON(rep bot.Report) reportOutput {
	out := reportOutput{Published: []publishedOutput{}, Bump: "none", Held: rep.Held}
	for _, p := range rep.Published {
		out.Published = append(out.Published, publishedOutput{
			Version: p.Version, Tag: p.Tag, SHA: p.SHA, URL: p.Release.URL, UploadURL: p.Release.UploadURL, Pull: p.Pull,
		})
	}
	if rep.Pull != nil {
		out.Pull = &pullOutput{Number: rep.Pull.Number, URL: rep.Pull.URL}
	}
	if rep.Plan != nil && rep.Plan.Plan.Releasable {
		v := rep.Plan.Plan.Next.String()
		out.Next, out.Bump = &v, rep.Plan.Plan.Level.String()
	}
	return out
}

// printReport sums up a run in a few lines.
func printReport(e *env, rep bot.Report) {
	for _, p := range rep.Published {
		fmt.Fprintf(e.stdout, "released %s: %s\n", p.Tag, p.Release.URL)
	}
	switch {
	case rep.Pull != nil && rep.Plan != nil:
		fmt.Fprintf(e.stdout, "release pull request #%d proposes %s (%s): %s\n", rep.Pull.Number, rep.Plan.Plan.Next, rep.Plan.Plan.Level, rep.Pull.URL)
	case rep.Plan != nil && !rep.Plan.Plan.Releasable:
		fmt.Fprintln(e.stdout, "nothing to release")
	}
}
