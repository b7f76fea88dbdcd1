package action

import (
	"fmt"
	"io"
	"strings"
)

// Workflow commands are lines the runner reads from the step's output:
// "::NAME PROP=VALUE,PROP=VALUE::MESSAGE". See
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions.

// escapeData escapes a command's message as the runner expects: %, CR and
// LF would otherwise end or corrupt the command.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a property value: as a message, plus the ":" and
// "," that separate properties.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// property is one NAME=VALUE of a command; empty values are left out.
type property struct{ name, value string }

// command writes one workflow command line to w.
func command(w io.Writer, name string, props []property, msg string) {
	var b strings.Builder
	b.WriteString("::" + name)
	sep := " "
	for _, p := range props {
		if p.value == "" {
			continue
		}
		b.WriteString(sep + p.name + "=" + escapeProperty(p.value))
		sep = ","
	}
	b.WriteString("::" + escapeData(msg) + "\n")
	io.WriteString(w, b.String())
}

// mask asks the runner to hide value in every later line of the log.
func mask(w io.Writer, value string) {
	if value != "" {
		command(w, "add-mask", nil, value)
	}
}

// annotation is an error shown on the run page and, with a file, on that
// file's line in the pull request and commit views.
type annotation struct {
	File  string // repository-relative path, "/"-separated
	Line  int    // 1-based; 0 for none
	Title string
	Msg   string
}

// errorCommand writes a as an ::error command.
func errorCommand(w io.Writer, a annotation) {
	line := ""
	if a.Line > 0 && a.File != "" {
		line = fmt.Sprint(a.Line)
	}
	command(w, "error", []property{{"file", a.File}, {"line", line}, {"title", a.Title}}, a.Msg)
}

// group opens a collapsible section of the log; endGroup closes it.
func group(w io.Writer, title string) { command(w, "group", nil, title) }

func endGroup(w io.Writer) { io.WriteString(w, "::endgroup::\n") }
