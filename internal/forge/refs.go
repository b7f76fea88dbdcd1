package forge

import (
	"context"
	"errors"
	"strings"

	"github.com/releasebot/releasebot/internal/repohost"
)

// DeleteRef deletes a ref such as "heads/releasebot/main"
// (DELETE /repos/{owner}/{repo}/git/refs/{ref}); one that does not exist
// (GitHub answers 422 "Reference does not exist") is already deleted.
func (c *Client) DeleteRef(ctx context.Context, ref string) error {
	_, err := c.gh.Git.DeleteRef(ctx, c.owner, c.repo, "refs/"+ref)
	err = classify(err, "deleting "+ref)
	if errors.Is(err, repohost.ErrNotFound) || err != nil && strings.Contains(err.Error(), "does not exist") {
		return nil
	}
	return err
}
