package action

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strings"

	"github.com/releasebot/releasebot/internal/semver"
)

// output is one step output.
type output struct{ name, value string }

// outputValues are the step's outputs for r, one per name of Outputs, in
// that order, then the outputs of each package path released (see
// pathOutputs). The release outputs follow release-please-action: they
// describe the last release this step published of the root package (the
// only one without packages:), release_created is "true" or "false". The
// pull request and pending-release outputs describe the state after the
// step.
func outputValues(r result) []output {
	v := map[string]string{"release_created": "false", "bump": semver.None.String()}
	rep := r.report
	if plan := rep.Plan; plan != nil && plan.Plan.Releasable {
		v["next_version"] = plan.Plan.Next.String()
		v["bump"] = plan.Plan.Level.String()
		v["body"] = notesOf(*plan)
	}
	if rep.Pull != nil && rep.Pull.Number > 0 {
		v["pr_number"] = fmt.Sprint(rep.Pull.Number)
		v["pr_url"] = rep.Pull.URL
	}
	if p, ok := rootRelease(rep.Published); ok {
		v["release_created"] = "true"
		v["tag_name"], v["version"], v["sha"] = p.Tag, p.Version, p.SHA
		v["html_url"], v["upload_url"], v["body"] = p.Release.URL, p.Release.UploadURL, p.Notes
		if ver, err := semver.Parse(p.Version); err == nil {
			v["major"], v["minor"], v["patch"] = fmt.Sprint(ver.Major), fmt.Sprint(ver.Minor), fmt.Sprint(ver.Patch)
		}
	}
	setReleases(v, rep.Published)
	out := make([]output, len(Outputs))
	for i, name := range Outputs {
		out[i] = output{name, v[name]}
	}
	return append(out, pathOutputs(rep.Published)...)
}

// formatOutputs renders outputs for the file named by GITHUB_OUTPUT:
// "name=value" lines, and for a value holding a line break
// "name<<DELIM", the value, "DELIM", with a delimiter that does not occur
// in the value. newDelim makes candidate delimiters.
func formatOutputs(outs []output, newDelim func() string) string {
	var b strings.Builder
	for _, o := range outs {
		if !strings.ContainsAny(o.value, "\r\n") {
			b.WriteString(o.name + "=" + o.value + "\n")
			continue
		}
		delim := newDelim()
		for strings.Contains(o.value, delim) {
			delim = newDelim()
		}
		b.WriteString(o.name + "<<" + delim + "\n" + o.value + "\n" + delim + "\n")
	}
	return b.String()
}

// randomDelim is a delimiter nobody can predict, so that a value (release
// notes written by anyone who can push a commit) cannot end the value
// early and set other outputs.
func randomDelim() string {
	var b [16]byte
	rand.Read(b[:]) // never fails; see crypto/rand.Read
	return "releasebot_" + hex.EncodeToString(b[:])
}

// appendFile appends text to the file at path, which the runner created.
func appendFile(path, text string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
