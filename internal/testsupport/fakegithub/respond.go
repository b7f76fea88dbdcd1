package fakegithub

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// reply is what a handler answers; the pipeline encodes, validates and
// writes it.
type reply struct {
	status int
	body   any // encoded as JSON; nil means no body
	header http.Header
}

// obj is a JSON object under construction.
type obj = map[string]any

const docsURL = "https://docs.github.com/rest"

func okJSON(body any) reply { return reply{status: http.StatusOK, body: body} }

// created answers 201 with a Location header naming the new resource.
func created(body any, location string) reply {
	return reply{status: http.StatusCreated, body: body, header: http.Header{"Location": {location}}}
}

func noContent() reply { return reply{status: http.StatusNoContent} }

// fail answers an error in GitHub's basic-error shape.
func fail(status int, message string) reply {
	return reply{status: status, body: obj{
		"message":           message,
		"documentation_url": docsURL,
		"status":            strconv.Itoa(status),
	}}
}

func notFound() reply { return fail(http.StatusNotFound, "Not Found") }

// fieldError is one entry of a 422 validation-error's "errors".
type fieldError struct {
	Resource, Field, Code, Message string
}

// invalid answers 422 the way GitHub does: a message, and optionally the
// field errors GitHub reports ("already_exists", "invalid", "missing_field", "custom").
func invalid(message string, errs ...fieldError) reply {
	r := fail(http.StatusUnprocessableEntity, message)
	if len(errs) > 0 {
		list := make([]any, 0, len(errs))
		for _, e := range errs {
			item := obj{"code": e.Code}
			if e.Resource != "" {
				item["resource"] = e.Resource
			}
			if e.Field != "" {
				item["field"] = e.Field
			}
			if e.Message != "" {
				item["message"] = e.Message
			}
			list = append(list, item)
		}
		r.body.(obj)["errors"] = list
	}
	return r
}

// timestamp formats t as GitHub does (RFC 3339, UTC, whole seconds).
func timestamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// nullableTime is a timestamp, or JSON null for the zero time.
func nullableTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return timestamp(t)
}

// nullable returns s, or JSON null for "".
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// paginate cuts items to the page asked for by per_page/page (per_page
// defaults to def and is capped at 100, unless def is larger) and returns
// the Link header GitHub would send, with first/prev/next/last relations.
func paginate[T any](c *call, items []T, def int) ([]T, http.Header) {
	q := c.req.URL.Query()
	perPage, err := strconv.Atoi(q.Get("per_page"))
	if err != nil || perPage <= 0 {
		perPage = def
	}
	if perPage > max(100, def) {
		perPage = max(100, def)
	}
	page, err := strconv.Atoi(q.Get("page"))
	if err != nil || page <= 0 {
		page = 1
	}
	last := max(1, (len(items)+perPage-1)/perPage)
	start := min(len(items), (page-1)*perPage)
	end := min(len(items), start+perPage)
	out := items[start:end]

	var links []string
	link := func(p int, rel string) {
		q.Set("page", strconv.Itoa(p))
		u := url.URL{Scheme: "http", Host: c.req.Host, Path: c.req.URL.Path, RawQuery: q.Encode()}
		links = append(links, fmt.Sprintf("<%s>; rel=%q", u.String(), rel))
	}
	if page > 1 {
		link(min(page-1, last), "prev")
	}
	if page < last {
		link(page+1, "next")
		link(last, "last")
	}
	if page > 1 {
		link(1, "first")
	}
	if len(links) == 0 {
		return out, nil
	}
	return out, http.Header{"Link": {strings.Join(links, ", ")}}
}

// list answers 200 with one page of items.
func list[T any](c *call, items []T) reply {
	page, header := paginate(c, items, 30)
	body := make([]any, len(page))
	for i, v := range page {
		body[i] = v
	}
	return reply{status: http.StatusOK, body: body, header: header}
}
