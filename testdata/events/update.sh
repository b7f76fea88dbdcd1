#!/bin/sh
# update.sh regenerates the webhook payloads in this directory from GitHub's
# published examples (npm package @octokit/webhooks-examples), trimmed to the
# fields releasebot's Action reads plus the few that identify the example.
# The values are GitHub's own (Codertocat/Hello-World, branch master); tests
# that need other values (a merged release pull request) change them in code.
# Needs npm, tar and jq.
set -eu
version=7.6.1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "@octokit/webhooks-examples@$version" >/dev/null && tar xzf "octokit-webhooks-examples-$version.tgz")
index=$tmp/package/api.github.com/index.json

# pick NAME SELECT TRIM writes NAME.json: the first example of event NAME
# for which SELECT holds, passed through TRIM.
pick() {
	jq --indent 2 "
		def repo: {id, name, full_name, owner: {login: .owner.login}, html_url, default_branch};
		def side: {ref, sha, repo: (if .repo then {full_name: .repo.full_name} else null end)};
		[.[] | select(.name == \"$1\") | .examples[] | select($2)][0] | $3
	" "$index" >"$here/$1.json"
}

pick push '.ref == "refs/heads/master" and (.deleted | not)' \
	'{ref, before, after, created, deleted, forced, head_commit: {id: .head_commit.id, message: .head_commit.message}, repository: (.repository | repo)}'
pick pull_request '.action == "closed"' \
	'{action, number, pull_request: (.pull_request | {number, state, title, html_url, merged, merge_commit_sha, head: (.head | side), base: (.base | side)}), repository: (.repository | repo)}'
pick workflow_dispatch 'true' \
	'{ref, inputs, workflow, repository: (.repository | repo)}'
pick issues '.action == "opened"' \
	'{action, issue: {number: .issue.number, title: .issue.title}, repository: (.repository | repo)}'
