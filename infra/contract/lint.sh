#!/usr/bin/env bash
# Lints the Memax contract (openapi.yaml at the repo root) with the Redocly CLI pinned in
# package-lock.json. Installs it first (npm ci) when node_modules is missing or was installed
# from another package.json / package-lock.json. Exits non-zero on lint errors.
# Extra arguments go to `redocly lint` (e.g. --format=summary).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
spec="$(cd "$here/../.." && pwd)/openapi.yaml"
stamp="$here/node_modules/.memax-install-stamp"
redocly="$here/node_modules/.bin/redocly"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "lint.sh: $tool is required (Node.js >= 20.19)" >&2
    exit 2
  fi
done
if [[ ! -f "$spec" ]]; then
  echo "lint.sh: no contract at $spec" >&2
  exit 2
fi

wanted="$(cat "$here/package.json" "$here/package-lock.json" | sha256sum | cut -d' ' -f1)"
if [[ ! -x "$redocly" || ! -f "$stamp" || "$(cat "$stamp")" != "$wanted" ]]; then
  echo "lint.sh: installing the pinned Redocly CLI (npm ci)" >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$wanted" > "$stamp"
fi

# No update notices or usage telemetry from a lint run.
export REDOCLY_SUPPRESS_NOTIFICATIONS=true
export REDOCLY_TELEMETRY=off

exec "$redocly" lint --config "$here/redocly.yaml" "$@" "$spec"
