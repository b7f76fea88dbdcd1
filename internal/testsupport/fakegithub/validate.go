package fakegithub

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// specFile is the trimmed description, relative to the module root.
const specFile = "testdata/openapi/api.github.com.subset.json"

var spec struct {
	once sync.Once
	doc  *openapi3.T
	err  error
}

// loadSpec loads the OpenAPI subset once per test binary. The file is found
// relative to this source file, so tests of any package can use the fake.
func loadSpec() (*openapi3.T, error) {
	spec.once.Do(func() {
		_, self, _, ok := runtime.Caller(0)
		if !ok {
			spec.err = fmt.Errorf("cannot locate %s", specFile)
			return
		}
		path := filepath.Join(filepath.Dir(self), "..", "..", "..", filepath.FromSlash(specFile))
		doc, err := openapi3.NewLoader().LoadFromFile(path)
		if err != nil {
			spec.err = fmt.Errorf("loading %s: %w", path, err)
			return
		}
		// The servers name api.github.com; without them any host matches.
		// doc.Validate is not called: some of GitHub's own examples fail it.
		doc.Servers = nil
		spec.doc = doc
	})
	return spec.doc, spec.err
}

// specRoute builds the kin-openapi route for an operation of the subset.
// Routing itself is done by http.ServeMux, whose {name...} wildcards accept
// the slashes GitHub allows in refs, paths and tags.
func specRoute(method, template string) (*routers.Route, error) {
	doc, err := loadSpec()
	if err != nil {
		return nil, err
	}
	item := doc.Paths.Value(template)
	if item == nil {
		return nil, fmt.Errorf("path %s is not in %s", template, specFile)
	}
	op := item.GetOperation(method)
	if op == nil {
		return nil, fmt.Errorf("operation %s %s is not in %s", method, template, specFile)
	}
	return &routers.Route{Spec: doc, Path: template, PathItem: item, Method: method, Operation: op}, nil
}

func validationOptions() *openapi3filter.Options {
	return &openapi3filter.Options{
		SkipSettingDefaults:   true,
		MultiError:            true,
		IncludeResponseStatus: true,
		AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
	}
}

// validateRequest checks r (whose body has already been read into body)
// against the operation. It returns the input for validateResponse.
func validateRequest(ctx context.Context, rt *routers.Route, r *http.Request, params map[string]string, body []byte) (*openapi3filter.RequestValidationInput, error) {
	opts := validationOptions()
	opts.ExcludeRequestBody = skipBodyValidation(rt.Operation.OperationID, body)
	r.Body = http.NoBody
	if len(body) > 0 {
		r.Body = readCloser{bytes.NewReader(body)}
		r.ContentLength = int64(len(body))
	}
	in := &openapi3filter.RequestValidationInput{
		Request:    r,
		PathParams: params,
		Route:      rt,
		Options:    opts,
	}
	err := openapi3filter.ValidateRequest(ctx, in)
	in.Options = validationOptions()
	return in, err
}

// validateResponse checks a response the fake is about to send. Error
// statuses the description does not list for the operation are accepted:
// GitHub documents only some of the 401/403/404/409/422 answers every
// endpoint can give; a success status must be documented.
func validateResponse(ctx context.Context, in *openapi3filter.RequestValidationInput, status int, header http.Header, body []byte) error {
	if status >= 400 && in.Route.Operation.Responses.Status(status) == nil {
		return nil
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 status,
		Header:                 header,
		Options:                validationOptions(),
	}
	out.SetBodyBytes(body)
	return openapi3filter.ValidateResponse(ctx, out)
}

// normalizeBody adapts request bodies that GitHub accepts but its
// description does not document, as sent by go-github v60:
//   - POST /app/installations/{id}/access_tokens with a literal `null` body
//     (ghinstallation sends it when no options are given) means no body;
//   - Issues.AddLabelsToIssue and ReplaceLabelsForIssue send a bare JSON
//     array of names; GitHub accepts it (the description says so in prose)
//     while the schema documents {"labels": [...]}. The fake accepts both,
//     and validates and handles the bare form as the documented object.
func normalizeBody(operationID string, body []byte) []byte {
	trimmed := bytes.TrimSpace(body)
	switch operationID {
	case "apps/create-installation-access-token":
		if string(trimmed) == "null" {
			return nil
		}
	case "issues/add-labels", "issues/set-labels":
		if len(trimmed) > 0 && trimmed[0] == '[' {
			return append(append([]byte(`{"labels":`), trimmed...), '}')
		}
	}
	return body
}

// skipBodyValidation reports requests the description rejects although it
// documents them as valid: set-labels with an empty list ("You can pass an
// empty array to remove all labels") fails the schema's minItems: 1.
func skipBodyValidation(operationID string, body []byte) bool {
	if operationID != "issues/set-labels" {
		return false
	}
	compact := bytes.Join(bytes.Fields(body), nil)
	return bytes.Equal(compact, []byte(`{"labels":[]}`))
}

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }
