package forge

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/google/go-github/v60/github"
	"github.com/releasebot/releasebot/internal/repohost"
)

// classify turns go-github errors into the bot's: 404 is repohost.ErrNotFound,
// a 422 saying the object exists is repohost.ErrExists. what names the call.
func classify(err error, what string) error {
	if err == nil {
		return nil
	}
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		switch er.Response.StatusCode {
		case http.StatusNotFound:
			return fmt.Errorf("%s: %w", what, repohost.ErrNotFound)
		case http.StatusUnprocessableEntity:
			if exists(er) {
				return fmt.Errorf("%s: %w", what, repohost.ErrExists)
			}
		}
		return fmt.Errorf("%s: GitHub answered %d: %s", what, er.Response.StatusCode, message(er))
	}
	return fmt.Errorf("%s: %w", what, err)
}

// exists recognises GitHub's ways of saying "already exists".
func exists(er *github.ErrorResponse) bool {
	text := strings.ToLower(er.Message)
	for _, e := range er.Errors {
		text += " " + strings.ToLower(e.Code+" "+e.Message)
	}
	return strings.Contains(text, "already exists") || strings.Contains(text, "already_exists")
}

func message(er *github.ErrorResponse) string {
	parts := []string{er.Message}
	for _, e := range er.Errors {
		if e.Message != "" {
			parts = append(parts, e.Message)
		} else if e.Code != "" {
			parts = append(parts, e.Field+" "+e.Code)
		}
	}
	return strings.Join(parts, "; ")
}
