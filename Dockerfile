# An image of the releasebot GitHub Action for those who build their own
# (point action.yml's runs.image at this file): one static binary, the CA
# certificates it needs to reach GitHub over TLS, and nothing else. The
# published image (ghcr.io/releasebot/releasebot, what action.yml runs) is
# the same, built without a Docker daemon by .ci/build-image.
#
# The build image is pinned to an exact version tag, the Go release go.mod
# asks for. Where a registry is reachable, pin it to its digest as well
# (FROM golang:1.26.8@sha256:...): a tag can be moved, a digest cannot. It
# is not pinned here because these files were written on machines with no
# Docker engine to resolve one.
FROM golang:1.26.8 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=""
# The same command cmd/releasebot's TestDockerBuildIsStatic runs: no cgo,
# no local paths, no symbol table; the result has no dynamic loader.
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w -X main.version=${VERSION}" -o /out/releasebot ./cmd/releasebot

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/releasebot /usr/local/bin/releasebot
# Docker actions must run as root: the runner mounts the workspace and the
# files of GITHUB_OUTPUT and GITHUB_STEP_SUMMARY owned by its own user, and
# only root in the container may write them. The checkout belongs to that
# other user; releasebot reads it with go-git, which does not apply git's
# safe.directory check, and never runs git.
USER 0:0
ENTRYPOINT ["/usr/local/bin/releasebot"]
CMD ["action"]
