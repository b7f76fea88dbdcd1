package fakegithub

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// handler serves one operation. It runs with s.mu held; c.repo is set for
// routes under /repos/{owner}/{repo}.
type handler func(c *call) reply

// route ties a ServeMux pattern to its handler. The pattern is the
// description's path template, with {name...} where GitHub accepts slashes.
type route struct {
	method  string
	pattern string
	handle  handler
}

// template is the path as the description spells it.
func (rt route) template() string { return strings.ReplaceAll(rt.pattern, "...}", "}") }

var routeTable = []route{
	{"GET", "/repos/{owner}/{repo}", getRepo},

	{"GET", "/repos/{owner}/{repo}/pulls", listPulls},
	{"POST", "/repos/{owner}/{repo}/pulls", createPull},
	{"GET", "/repos/{owner}/{repo}/pulls/{pull_number}", getPull},
	{"PATCH", "/repos/{owner}/{repo}/pulls/{pull_number}", updatePull},
	{"GET", "/repos/{owner}/{repo}/pulls/{pull_number}/commits", listPullCommits},
	{"GET", "/repos/{owner}/{repo}/commits/{commit_sha}/pulls", listCommitPulls},

	{"GET", "/repos/{owner}/{repo}/commits", listCommits},
	{"GET", "/repos/{owner}/{repo}/commits/{ref...}", getCommit},
	{"GET", "/repos/{owner}/{repo}/compare/{basehead...}", compare},
	{"GET", "/repos/{owner}/{repo}/tags", listTags},
	{"GET", "/repos/{owner}/{repo}/contents/{path...}", getContents},

	{"GET", "/repos/{owner}/{repo}/issues/{issue_number}/labels", listIssueLabels},
	{"POST", "/repos/{owner}/{repo}/issues/{issue_number}/labels", addIssueLabels},
	{"PUT", "/repos/{owner}/{repo}/issues/{issue_number}/labels", setIssueLabels},
	{"DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name...}", removeIssueLabel},
	{"GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments", listComments},
	{"POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments", createComment},
	{"PATCH", "/repos/{owner}/{repo}/issues/comments/{comment_id}", updateComment},
	{"GET", "/repos/{owner}/{repo}/labels", listRepoLabels},
	{"POST", "/repos/{owner}/{repo}/labels", createRepoLabel},

	{"GET", "/repos/{owner}/{repo}/git/ref/{ref...}", getRef},
	{"GET", "/repos/{owner}/{repo}/git/matching-refs/{ref...}", listMatchingRefs},
	{"POST", "/repos/{owner}/{repo}/git/refs", createRef},
	{"PATCH", "/repos/{owner}/{repo}/git/refs/{ref...}", updateRef},
	{"DELETE", "/repos/{owner}/{repo}/git/refs/{ref...}", deleteRef},
	{"POST", "/repos/{owner}/{repo}/git/blobs", createBlob},
	{"GET", "/repos/{owner}/{repo}/git/blobs/{file_sha}", getBlob},
	{"POST", "/repos/{owner}/{repo}/git/trees", createTree},
	{"GET", "/repos/{owner}/{repo}/git/trees/{tree_sha}", getTree},
	{"POST", "/repos/{owner}/{repo}/git/commits", createGitCommit},
	{"GET", "/repos/{owner}/{repo}/git/commits/{commit_sha}", getGitCommit},
	{"POST", "/repos/{owner}/{repo}/git/tags", createGitTag},
	{"GET", "/repos/{owner}/{repo}/git/tags/{tag_sha}", getGitTag},

	{"GET", "/repos/{owner}/{repo}/releases", listReleases},
	{"POST", "/repos/{owner}/{repo}/releases", createRelease},
	{"GET", "/repos/{owner}/{repo}/releases/latest", getLatestRelease},
	{"GET", "/repos/{owner}/{repo}/releases/tags/{tag...}", getReleaseByTag},
	{"GET", "/repos/{owner}/{repo}/releases/{release_id}", getRelease},
	{"PATCH", "/repos/{owner}/{repo}/releases/{release_id}", updateRelease},

	{"POST", "/app/installations/{installation_id}/access_tokens", createAccessToken},
	{"GET", "/app/installations", listInstallations},
	{"GET", "/installation/repositories", listInstallationRepos},
	{"POST", "/repos/{owner}/{repo}/check-runs", createCheckRun},
	{"PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}", updateCheckRun},
	{"GET", "/repos/{owner}/{repo}/commits/{ref}/check-runs", listCheckRuns},
}

var paramName = regexp.MustCompile(`\{(\w+)(?:\.\.\.)?\}`)

// call is one API request being served.
type call struct {
	s            *Server
	req          *http.Request
	body         []byte
	repo         *Repo
	actor        string // login the credential acts as
	installation int64  // installation of the token, 0 if none
}

// param returns a path parameter.
func (c *call) param(name string) string { return c.req.PathValue(name) }

// intParam returns a numeric path parameter, or 0.
func (c *call) intParam(name string) int64 {
	n, _ := strconv.ParseInt(c.param(name), 10, 64)
	return n
}

// decode unmarshals the (validated) JSON body into v; an empty body leaves v as is.
func (c *call) decode(v any) error {
	if len(bytes.TrimSpace(c.body)) == 0 {
		return nil
	}
	return json.Unmarshal(c.body, v)
}

// routes builds the mux: one pattern per operation plus a catch-all that
// reports calls to operations outside the subset.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range routeTable {
		kr, err := specRoute(rt.method, rt.template())
		if err != nil {
			s.t.Fatalf("fakegithub: %v", err)
		}
		mux.HandleFunc(rt.method+" "+s.prefix()+rt.pattern, func(w http.ResponseWriter, r *http.Request) {
			s.serve(w, r, rt, kr)
		})
	}
	mux.HandleFunc("/", s.serveUnknown)
	return mux
}

// serve runs the pipeline for one operation: faults, credentials, request
// validation, the handler (under s.mu), response validation.
func (s *Server) serve(w http.ResponseWriter, r *http.Request, rt route, kr *routers.Route) {
	template := rt.template()
	n, f := s.beginCall()
	if f.delay > 0 {
		time.Sleep(f.delay)
	}
	if f.inject {
		s.inject(w, r, n, template, f)
		return
	}
	body, _ := io.ReadAll(r.Body)
	body = normalizeBody(kr.Operation.OperationID, body)
	c := &call{s: s, req: r, body: body}

	rep, validated := s.admit(c, rt, kr)
	if validated != nil {
		rep = s.run(c, rt)
	}
	data := encodeBody(rep.body)
	header := s.headers(n, rep)
	if validated != nil {
		if err := validateResponse(r.Context(), validated, rep.status, header, data); err != nil {
			s.violation("fakegithub answered %s %s with %d not matching the OpenAPI description: %v", r.Method, r.URL.Path, rep.status, err)
		}
	}
	// Record before answering, so that Calls() includes a call as soon as
	// the client has its response.
	s.record(Call{Method: r.Method, Path: template, URL: strings.TrimPrefix(r.URL.RequestURI(), s.prefix()), Status: rep.status, Write: r.Method != http.MethodGet})
	write(w, rep.status, header, data)
}

// admit checks the credential and validates the request. It returns the
// validation input to check the response with, or the error reply.
func (s *Server) admit(c *call, rt route, kr *routers.Route) (reply, *openapi3filter.RequestValidationInput) {
	if !s.authorize(c, strings.HasPrefix(rt.pattern, "/app/")) {
		return fail(http.StatusUnauthorized, "Bad credentials"), nil
	}
	params := map[string]string{}
	for _, m := range paramName.FindAllStringSubmatch(rt.pattern, -1) {
		params[m[1]] = c.param(m[1])
	}
	if kr.Operation.OperationID == "repos/get-content" && params["path"] == "" {
		// GitHub lists the root for contents/ (empty path); the description
		// marks path as required, so validate as if a path were given.
		params["path"] = "."
	}
	in, err := validateRequest(c.req.Context(), kr, c.req, params, c.body)
	if err != nil {
		s.violation("request %s %s violates the OpenAPI description: %v", c.req.Method, c.req.URL.RequestURI(), err)
		return invalid("Invalid request.\n\n" + err.Error()), nil
	}
	return reply{}, in
}

// run dispatches under s.mu; a panicking handler (a bug of the fake) fails
// the test and answers 500.
func (s *Server) run(c *call, rt route) (rep reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer func() {
		if v := recover(); v != nil {
			s.t.Errorf("fakegithub: %s %s panicked: %v\n%s", c.req.Method, c.req.URL.Path, v, debug.Stack())
			rep = fail(http.StatusInternalServerError, "fakegithub panicked")
		}
	}()
	return s.dispatch(c, rt)
}

// dispatch finds the repository, if any, and runs the handler.
func (s *Server) dispatch(c *call, rt route) reply {
	if owner := c.param("owner"); owner != "" {
		c.repo = s.repos[repoKey(owner, c.param("repo"))]
		if c.repo == nil {
			return notFound()
		}
	}
	return rt.handle(c)
}

// serveUnknown answers requests outside the subset with 404 and reports
// them: the bot calls an endpoint the contract does not cover.
func (s *Server) serveUnknown(w http.ResponseWriter, r *http.Request) {
	n, f := s.beginCall()
	if f.delay > 0 {
		time.Sleep(f.delay)
	}
	if f.inject {
		s.inject(w, r, n, r.URL.Path, f)
		return
	}
	s.violation("%s %s is not an operation of %s (or not served by fakegithub)", r.Method, r.URL.Path, specFile)
	rep := notFound()
	data := encodeBody(rep.body)
	s.record(Call{Method: r.Method, Path: strings.TrimPrefix(r.URL.Path, s.prefix()), URL: strings.TrimPrefix(r.URL.RequestURI(), s.prefix()), Status: rep.status, Write: r.Method != http.MethodGet})
	write(w, rep.status, s.headers(n, rep), data)
}

// authorize checks the Authorization header against Options.Token and the
// installation tokens issued, and sets the actor.
func (s *Server) authorize(c *call, appRoute bool) bool {
	credential := c.req.Header.Get("Authorization")
	if v, ok := strings.CutPrefix(credential, "Bearer "); ok {
		credential = v
	} else if v, ok := strings.CutPrefix(credential, "token "); ok {
		credential = v
	}
	s.mu.Lock()
	inst, isInstallationToken := s.tokens[credential]
	revoked := s.revoked[credential]
	s.mu.Unlock()
	switch {
	case revoked:
		return false
	case isInstallationToken && credential != "":
		c.actor, c.installation = appSlug+"[bot]", inst
	case appRoute && strings.Count(credential, ".") == 2:
		c.actor = appSlug + "[bot]"
	case s.opts.Token == "" || credential == s.opts.Token:
		c.actor = tokenActor
	default:
		return false
	}
	return true
}

// headers returns the response headers: content type, the rate limit as
// seen after call n, and the reply's own headers.
func (s *Server) headers(n int, rep reply) http.Header {
	h := http.Header{}
	if rep.body != nil {
		h.Set("Content-Type", "application/json; charset=utf-8")
	}
	s.rateLimit(h, n)
	for k, v := range rep.header {
		h[k] = v
	}
	return h
}

// rateLimit sets GitHub's rate-limit headers: 5000 calls an hour, one used
// per call, reset an hour after the server started.
func (s *Server) rateLimit(h http.Header, n int) {
	const limit = 5000
	h.Set("X-RateLimit-Limit", strconv.Itoa(limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(max(0, limit-n)))
	h.Set("X-RateLimit-Used", strconv.Itoa(min(n, limit)))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(s.started.Add(time.Hour).Unix(), 10))
	h.Set("X-RateLimit-Resource", "core")
}

func encodeBody(v any) []byte {
	if v == nil {
		return nil
	}
	data, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("fakegithub: encoding a response: %v", err))
	}
	return data
}

func write(w http.ResponseWriter, status int, header http.Header, data []byte) {
	for k, v := range header {
		w.Header()[k] = v
	}
	w.WriteHeader(status)
	_, _ = w.Write(data)
}
