#!/bin/sh
# Regenerates testdata/openapi/api.github.com.subset.json from GitHub's
# official OpenAPI description as published on npm by @octokit/openapi.
#
# Run from anywhere (needs npm, tar and go):
#
#   sh testdata/openapi/update.sh            # default version below
#   OCTOKIT_OPENAPI_VERSION=23.0.3 sh testdata/openapi/update.sh
#
# The subset keeps only the operations listed in trim/main.go plus every
# component they reference; edit that list when releasebot calls a new
# endpoint, re-run this script and commit both files.
set -eu

version="${OCTOKIT_OPENAPI_VERSION:-23.0.2}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "@octokit/openapi@$version" >/dev/null)
tar -xzf "$tmp"/octokit-openapi-"$version".tgz -C "$tmp" package/generated/api.github.com.json

cd "$root"
go run ./testdata/openapi/trim \
	-in "$tmp/package/generated/api.github.com.json" \
	-out "$here/api.github.com.subset.json"
echo "wrote $here/api.github.com.subset.json ($(wc -c <"$here/api.github.com.subset.json") bytes) from @octokit/openapi@$version"
