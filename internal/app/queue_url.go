package app

import (
	"fmt"
	"net/url"
	"strings"
)

// queueURL is a parsed --queue setting.
type queueURL struct {
	kind string // "memory", "sqlite" or "postgres"
	// path is the SQLite file; dsn the Postgres connection string.
	path, dsn string
}

// ParseQueue checks a queue setting: "memory", "sqlite:PATH" or a
// postgres:// (or postgresql://) URL. The error is one sentence.
func ParseQueue(s string) error {
	_, err := parseQueue(s)
	return err
}

func parseQueue(s string) (queueURL, error) {
	switch {
	case s == "" || s == "memory":
		return queueURL{kind: "memory"}, nil
	case strings.HasPrefix(s, "sqlite:"):
		path := strings.TrimPrefix(strings.TrimPrefix(s, "sqlite:"), "//")
		if path == "" || strings.ContainsAny(path, "?#") {
			return queueURL{}, fmt.Errorf("queue %q: want sqlite:PATH, a file path without ? or #", s)
		}
		return queueURL{kind: "sqlite", path: path}, nil
	case strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://"):
		u, err := url.Parse(s)
		if err != nil || u.Host == "" {
			return queueURL{}, fmt.Errorf("queue %s: not a URL such as postgres://USER:PASSWORD@HOST:5432/DATABASE", redact(s))
		}
		return queueURL{kind: "postgres", dsn: s}, nil
	}
	return queueURL{}, fmt.Errorf("queue %q: want memory, sqlite:PATH or postgres://USER:PASSWORD@HOST/DATABASE", redact(s))
}

// String is the setting with its password hidden, for messages.
func (q queueURL) String() string {
	switch q.kind {
	case "sqlite":
		return "sqlite:" + q.path
	case "postgres":
		return redact(q.dsn)
	}
	return q.kind
}

// redact hides the password of a URL.
func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		if i := strings.Index(s, "@"); i >= 0 {
			return "***" + s[i:]
		}
		return s
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxx")
	}
	return u.String()
}
