#!/usr/bin/env bash
# Renders every kustomize overlay under deploy/overlays with `kubectl kustomize`
# and fails if any does not render. CI must run it, so a missing kubectl is a
# failure unless SKIP_KUBECTL=1 says to skip on purpose.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v kubectl >/dev/null 2>&1; then
  if [[ "${SKIP_KUBECTL:-}" == "1" ]]; then
    echo "check-deploy: kubectl not found; skipped (SKIP_KUBECTL=1)" >&2
    exit 0
  fi
  echo "check-deploy: kubectl not found; install it, or set SKIP_KUBECTL=1 to skip" >&2
  exit 1
fi

shopt -s nullglob
overlays=("$root"/deploy/overlays/*/)
if (( ${#overlays[@]} == 0 )); then
  echo "check-deploy: no overlays under deploy/overlays" >&2
  exit 1
fi

failed=0
for overlay in "${overlays[@]}"; do
  name="deploy/overlays/$(basename "$overlay")"
  if output="$(kubectl kustomize "$overlay" 2>&1)"; then
    echo "check-deploy: $name renders ($(grep -c '^kind:' <<<"$output") resources)"
  else
    echo "check-deploy: $name FAILED:" >&2
    echo "$output" >&2
    failed=1
  fi
done
exit "$failed"
