package gitlog

// WorkTree returns the root directory of the work tree, "" for a bare
// repository.
func (r *Repo) WorkTree() string { return r.workTree }
