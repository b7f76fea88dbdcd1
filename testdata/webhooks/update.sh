#!/bin/sh
# update.sh regenerates the webhook deliveries in this directory from
# GitHub's published examples (npm package @octokit/webhooks-examples): the
# examples releasebot's App handles or must ignore, one file per event and
# action, each payload whole, as GitHub sends it (a pull_request delivery
# weighs about 25 kB; the load benchmark sends them as they are). Values are
# GitHub's own (Codertocat/Hello-World, branch master); tests that need
# others (a merged pull request, a repository on the fake GitHub) change
# them in code. Needs npm, tar and jq.
set -eu
version=7.6.1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "@octokit/webhooks-examples@$version" >/dev/null && tar xzf "octokit-webhooks-examples-$version.tgz")
index=$tmp/package/api.github.com/index.json

# pick FILE EVENT SELECT writes FILE.json: the first example of EVENT for
# which the jq condition SELECT holds.
pick() {
	jq --indent 2 "[.[] | select(.name == \"$2\") | .examples[] | select($3)][0]" "$index" >"$here/$1.json"
	if [ "$(jq -r 'type' "$here/$1.json")" != object ]; then
		echo "update.sh: no $2 example matches $3" >&2
		exit 1
	fi
}

pick push.branch push '.ref == "refs/heads/master" and (.deleted | not) and .installation'
pick push.tag push '(.ref | startswith("refs/tags/")) and (.deleted | not)'
pick push.deleted push '.deleted and .installation'
pick pull_request.opened pull_request '.action == "opened" and .installation'
pick pull_request.opened.repository-hook pull_request '.action == "opened" and (.installation | not)'
pick pull_request.synchronize pull_request '.action == "synchronize"'
pick pull_request.reopened pull_request '.action == "reopened"'
pick pull_request.labeled pull_request '.action == "labeled"'
pick pull_request.unlabeled pull_request '.action == "unlabeled"'
pick pull_request.closed pull_request '.action == "closed"'
pick pull_request.assigned pull_request '.action == "assigned"'
pick installation.created installation '.action == "created"'
pick installation.deleted installation '.action == "deleted"'
pick installation.suspend installation '.action == "suspend"'
pick installation_repositories.added installation_repositories '.action == "added"'
pick installation_repositories.removed installation_repositories '.action == "removed"'
pick ping ping '.hook.type == "Repository"'
pick ping.app ping '.hook.app_id'
