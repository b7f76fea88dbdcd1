package usererr

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"
)

func TestErrorFormat(t *testing.T) {
	for _, tc := range []struct {
		err  Error
		want string
	}{
		{Error{Msg: "no command given"}, "no command given"},
		{Error{File: ".github/releasebot.yml", Line: 3, Field: "bump.feat", Msg: "not a level"}, ".github/releasebot.yml:3: bump.feat: not a level"},
		{Error{File: "x.yml", Msg: "cannot read"}, "x.yml: cannot read"},
		{Error{Field: "packages[0].path", Msg: "missing"}, "packages[0].path: missing"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("%#v.Error() = %q, want %q", tc.err, got, tc.want)
		}
	}
}

func TestIsAndAs(t *testing.T) {
	wrapped := fmt.Errorf("loading: %w", &Error{File: "f", Msg: "m", Err: fs.ErrNotExist})
	if !Is(wrapped) || As(wrapped).File != "f" {
		t.Errorf("a wrapped user error is not found: %v", wrapped)
	}
	if !errors.Is(wrapped, fs.ErrNotExist) {
		t.Error("the cause of a user error is not visible to errors.Is")
	}
	if Is(errors.New("network down")) || As(nil) != nil {
		t.Error("a plain error counts as a user error")
	}
	if !Is(Errorf("--workers %d: want at least 1", 0)) {
		t.Error("Errorf does not make a user error")
	}
}
