#!/usr/bin/env bash
# Event delivery under many open streams (docs/benchmarks.md): N concurrent SSE streams on one
# in-process server against the local services; commit → frame latency p50/p99 and memory.
#   bench-events.sh [--streams 5000] [--events 50] [--gap-ms 200] [--warmup 3] [--clients 2]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
# shellcheck source=env.sh
. infra/dev/env.sh
if ! (exec 3<>"/dev/tcp/127.0.0.1/$MEMAX_PG_PORT") 2>/dev/null; then
  bash infra/dev/provision.sh >/dev/null
fi
export MEMAX_LOG_LEVEL="${MEMAX_LOG_LEVEL:-WARN}"
# Each stream is a connection at both ends (client and server share the JVM).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
mvn -B -ntp -q -DskipTests -pl sdk-java -am install
mvn -B -ntp -q -Pbench -pl server test-compile exec:exec -Dexec.executable=java \
  -Dexec.args="${BENCH_JAVA_OPTS:--Xmx2g} -classpath %classpath dev.memax.bench.EventsBench $*"
