#!/bin/sh
# Builds the gVisor agent from Debian's gVisor sources, offline, in GOPATH mode:
#   sh src/main/go/build.sh OUTPUT
# Needs golang-go and golang-gvisor-gvisor-dev (apt-get install -y --no-install-recommends
# golang-go golang-gvisor-gvisor-dev). The ready line carries the package's version.
set -eu
out=$1
here=$(cd "$(dirname "$0")" && pwd)
version=$(dpkg-query -W -f '${Version}' golang-gvisor-gvisor-dev 2>/dev/null || echo unknown)
if [ -z "${GOCACHE:-}" ] && [ -z "${HOME:-}" ] && [ -z "${XDG_CACHE_HOME:-}" ]; then
  GOCACHE=$(dirname "$out")/.go-build
  export GOCACHE
fi
mkdir -p "$(dirname "$out")"
GOPATH=/usr/share/gocode:$here GO111MODULE=off GOPROXY=off GOFLAGS= \
  go build -ldflags "-X main.gvisorVersion=$version" -o "$out" gvisoragent
