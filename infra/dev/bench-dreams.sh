#!/usr/bin/env bash
# Dream benchmark (docs/benchmarks.md "Dreams at scale"): run time and peak heap of one dream run
# over a hub of each size, seeded with synthetic vectors and planted near-duplicates, against the
# local services:
#   bench-dreams.sh [--sizes 1000,10000,100000] [--duplicates 0.1] [--phases merge] [--dry-run] [--db NAME]
# The server runs in the benchmark's JVM (heap measured there), BENCH_JAVA_OPTS (default -Xmx2g).
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
args=""
for arg in "$@"; do
  args+=" \"${arg//\"/\\\"}\""
done
mvn -B -ntp -q -Pbench -pl server test-compile exec:exec -Dexec.executable=java \
  -Dexec.args="${BENCH_JAVA_OPTS:--Xmx2g} -classpath %classpath dev.memax.bench.DreamBench$args"
