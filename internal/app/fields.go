package app

import (
	"errors"
	"fmt"
	"strings"

	"github.com/releasebot/releasebot/internal/forge"
)

// invalidField is a payload value that releasebot refuses to put into a
// call to GitHub: a repository, branch or commit name GitHub would not
// allow, which could change the path or the query of the request. The
// delivery is answered 400 (outcome invalid_field) and nothing is queued.
type invalidField struct {
	field string
	err   error
}

func (e *invalidField) Error() string {
	return fmt.Sprintf("%s: %v; the delivery is refused", e.field, e.err)
}

// checkFields returns the first of the checks that fails, by field name,
// as an *invalidField; checks with a nil error pass.
func checkFields(checks ...fieldCheck) error {
	for _, c := range checks {
		if c.err != nil {
			return &invalidField{field: c.field, err: c.err}
		}
	}
	return nil
}

type fieldCheck struct {
	field string
	err   error
}

// optionalSHA checks a commit name that the payload may leave empty.
func optionalSHA(sha string) error {
	if sha == "" {
		return nil
	}
	return forge.CheckSHA(sha)
}

// optionalRef checks a reference name that the payload may leave empty.
func optionalRef(ref string) error {
	if ref == "" {
		return nil
	}
	return forge.CheckRef(ref)
}

// installationID checks an installation id: 0 is no installation (the
// delivery is not an App's), a negative one is refused.
func installationID(id int64) error {
	if id < 0 {
		return fmt.Errorf("%d is not an installation id", id)
	}
	return nil
}

// splitRepo returns a repository's owner and name from its full name, or,
// when the payload has no full name, from its owner's login and its name;
// both must be names GitHub allows (forge.CheckRepo), else the error is
// an *invalidField.
func splitRepo(full, login, name string) (string, string, error) {
	field := "repository.full_name"
	owner, repo, ok := strings.Cut(full, "/")
	switch {
	case full == "" && login == "" && name == "":
		return "", "", errors.New("the payload names no repository (repository.full_name is empty)")
	case full == "":
		field, owner, repo = "repository.owner.login and repository.name", login, name
	case !ok:
		return "", "", &invalidField{field: field, err: fmt.Errorf("%q is not OWNER/NAME", full)}
	}
	if err := forge.CheckRepo(owner, repo); err != nil {
		return "", "", &invalidField{field: field, err: err}
	}
	return owner, repo, nil
}
