package versionfile

import (
	"strings"
	"testing"
)

const helmChart = `apiVersion: v2
name: widget
description: A Helm chart for widget
type: application
# version: 0.0.1 (commented out)
version: 0.7.3   # chart version
appVersion: "1.16.0"
dependencies:
  - name: postgresql
    version: 12.5.6
    repository: https://charts.bitnami.com/bitnami
annotations:
  version: 0.7.3
`

func TestChartUpdate(t *testing.T) {
	crlf := strings.ReplaceAll(helmChart, "\n", "\r\n")
	runUpdates(t, []updateCase{
		{"realistic with decoys", "charts/widget/Chart.yaml", helmChart, "0.8.0",
			strings.Replace(helmChart, "version: 0.7.3   #", "version: 0.8.0   #", 1)},
		{"crlf", "Chart.yaml", crlf, "1.0.0",
			strings.Replace(crlf, "version: 0.7.3   #", "version: 1.0.0   #", 1)},
		{"double quoted", "Chart.yaml", "name: x\nversion: \"1.2.3\"\nappVersion: \"1.2.3\"\n", "1.3.0",
			"name: x\nversion: \"1.3.0\"\nappVersion: \"1.2.3\"\n"},
		{"single quoted with comment", "Chart.yaml", "version:\t'1.2.3' # c\n", "1.2.4", "version:\t'1.2.4' # c\n"},
		{"quoted key, space before colon", "Chart.yaml", "\"version\" :   1.0.0", "1.0.1", "\"version\" :   1.0.1"},
		{"trailing spaces kept", "Chart.yaml", "version: 1.0.0  \r\nname: x\r\n", "1.0.1", "version: 1.0.1  \r\nname: x\r\n"},
		{"bom", "Chart.yaml", "\ufeffversion: 1.0.0\n", "2.0.0-rc.1", "\ufeffversion: 2.0.0-rc.1\n"},
		{"escaped double quoted", "Chart.yaml", "version: \"1.0.\\x30\"\n", "1.0.1", "version: \"1.0.1\"\n"},
		{"already current", "Chart.yaml", helmChart, "0.7.3", helmChart},
	})
}

func TestChartRead(t *testing.T) {
	runReads(t, []readCase{
		{"realistic", "Chart.yaml", helmChart, "0.7.3"},
		{"single quoted", "Chart.yaml", "version: '1.0.0'\n", "1.0.0"},
	})
	_, err := Read("Chart.yaml", []byte("version: '1.0.0-it''s'\n"))
	checkErr(t, "Read", err, "Chart.yaml", []string{`Chart.yaml:1: the current version is not SemVer`, `"1.0.0-it's"`})
}

func TestChartErrors(t *testing.T) {
	runErrors(t, []errCase{
		{"missing", "charts/w/Chart.yaml", "apiVersion: v2\nname: w\nappVersion: 1.0.0\n  version: 1.0.0\n",
			[]string{"charts/w/Chart.yaml has no top-level version field", "remove the file from version-files"}, true},
		{"value on next line", "Chart.yaml", "version:\n  1.0.0\n", []string{"Chart.yaml:1: ", "no value on its line"}, true},
		{"block scalar", "Chart.yaml", "name: w\nversion: >-\n  1.0.0\n", []string{"Chart.yaml:2: ", "not supported"}, true},
		{"anchor", "Chart.yaml", "version: &v 1.0.0\n", []string{"Chart.yaml:1: ", "anchors"}, true},
		{"unterminated quote", "Chart.yaml", "version: \"1.0.0\n", []string{"Chart.yaml:1: ", "unterminated"}, true},
		{"text after quote", "Chart.yaml", "version: \"1.0.0\" x\n", []string{"Chart.yaml:1: ", "only a comment"}, true},
		{"duplicate", "Chart.yaml", "version: 1.0.0\nname: w\nversion: 1.0.1\n", []string{"Chart.yaml:3: second top-level version", "line 1"}, true},
	})
}
