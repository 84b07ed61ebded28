#!/usr/bin/env bash
# Fails when the checked-in generated contracts differ from what the protos generate.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent proto:generate
if ! git diff --exit-code --stat -- libs/contracts/src/gen || [ -n "$(git status --porcelain -- libs/contracts/src/gen)" ]; then
  echo "generated contracts are out of date: run 'npm run proto:generate' and commit the result" >&2
  git status --porcelain -- libs/contracts/src/gen >&2
  exit 1
fi
