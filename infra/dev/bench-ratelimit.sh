#!/usr/bin/env bash
# Rate limiter cost per request (docs/benchmarks.md): the same route with limits off, with
# in-process buckets and with buckets in Redis, on in-process servers against the local services.
#   bench-ratelimit.sh [--requests 2000] [--rounds 5] [--path /v1/auth/me]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
# shellcheck source=env.sh
. infra/dev/env.sh
if ! (exec 3<>"/dev/tcp/127.0.0.1/$MEMAX_PG_PORT") 2>/dev/null; then
  bash infra/dev/provision.sh >/dev/null
fi
export MEMAX_LOG_LEVEL="${MEMAX_LOG_LEVEL:-WARN}"
mvn -B -ntp -q -DskipTests -pl sdk-java -am install
mvn -B -ntp -q -Pbench -pl server test-compile exec:exec -Dexec.executable=java \
  -Dexec.args="${BENCH_JAVA_OPTS:--Xmx2g} -classpath %classpath dev.memax.bench.RateLimitBench $*"
