#!/usr/bin/env bash
# Runs every test of every module against real services: Testcontainers where a Docker
# engine answers, otherwise the local services this script provisions first.
# Also lints openapi.yaml. Used by `make test` and CI (.ci/run).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
start=$SECONDS

if [[ -z "${MEMAX_TEST_SERVICES:-}" ]]; then
  if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    export MEMAX_TEST_SERVICES=docker
  else
    export MEMAX_TEST_SERVICES=local
  fi
fi
if [[ "$MEMAX_TEST_SERVICES" == local ]]; then
  bash infra/dev/provision.sh
fi
bash infra/dev/browser.sh
# shellcheck source=env.sh
. infra/dev/env.sh

echo "test: linting openapi.yaml"
bash infra/contract/lint.sh --format=summary

echo "test: maven verify (services: $MEMAX_TEST_SERVICES)"
mvn -B -ntp verify "$@"
# The benchmark harness (server/src/bench) compiles only under -Pbench; compiling it here keeps a
# change that breaks it from passing unseen.
echo "test: compiling the benchmark harness"
mvn -B -ntp -q -pl server -am -Pbench test-compile -DskipTests
echo "test: finished in $((SECONDS - start)) s"
