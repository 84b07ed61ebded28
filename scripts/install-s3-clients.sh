#!/usr/bin/env bash
# Installs the real S3 clients that apps/strongroom/test/clients drives, from
# Debian's packages: aws-cli v2 (awscli), boto3 (python3-boto3), s3cmd and
# rclone. Idempotent: when Debian's /usr/bin/aws (v2), /usr/bin/s3cmd,
# /usr/bin/rclone and boto3 under /usr/bin/python3 are all there it does
# nothing. The Debian paths are checked rather than PATH because a pyenv or pip
# install (aws-cli v1, another Python's boto3) may shadow them there, and those
# are not the clients the tests are meant to exercise. Needs root. Quiet on
# success; on failure it prints apt's output and exits non-zero.
set -euo pipefail

packages=(awscli python3-boto3 s3cmd rclone)

missing() {
  [[ -x /usr/bin/aws ]] && /usr/bin/aws --version 2>&1 | grep -q '^aws-cli/2\.' || return 0
  [[ -x /usr/bin/s3cmd ]] || return 0
  [[ -x /usr/bin/rclone ]] || return 0
  /usr/bin/python3 -c 'import boto3' >/dev/null 2>&1 || return 0
  return 1
}

if ! missing; then
  exit 0
fi

if [[ "$(id -u)" != "0" ]]; then
  echo "install-s3-clients: ${packages[*]} are missing and installing them needs root" >&2
  exit 1
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive

run() {
  if ! "$@" >"$log" 2>&1; then
    echo "install-s3-clients: '$*' failed:" >&2
    cat "$log" >&2
    exit 1
  fi
}

run apt-get update -q
run apt-get install -y -q --no-install-recommends "${packages[@]}"

if missing; then
  echo "install-s3-clients: installed ${packages[*]} but a client is still missing or is not aws-cli v2" >&2
  exit 1
fi
echo "install-s3-clients: installed ${packages[*]}"
