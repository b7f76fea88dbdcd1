package app

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

type recordBody struct{ got string }

func (r *recordBody) RoundTrip(req *http.Request) (*http.Response, error) {
	b, _ := io.ReadAll(req.Body)
	r.got = string(b)
	return &http.Response{StatusCode: 201, Body: io.NopCloser(strings.NewReader("{}")), Header: http.Header{}}, nil
}

func TestDocumentedBodyForInstallationTokens(t *testing.T) {
	for path, want := range map[string]string{
		"/app/installations/7/access_tokens": "{}",
		"/repos/o/r/pulls":                   "null",
	} {
		rec := &recordBody{}
		req, _ := http.NewRequest("POST", "http://127.0.0.1"+path, strings.NewReader("null"))
		if _, err := (documentedBody{rec}).RoundTrip(req); err != nil {
			t.Fatal(err)
		}
		if rec.got != want {
			t.Errorf("%s: sent %q, want %q", path, rec.got, want)
		}
	}
}
