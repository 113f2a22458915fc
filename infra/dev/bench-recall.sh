#!/usr/bin/env bash
# Recall and ask benchmarks (docs/benchmarks.md), against the local services (or MEMAX_BENCH_URL +
# MEMAX_BENCH_API_KEY for a running server):
#   bench-recall.sh quality [--datasets scifact,locomo,agent] [--db NAME] [--mode hybrid|semantic|keyword] [--tune]
#                           [--agent-sessions true|false] [--dream] [--compare K=V,… [--baseline K=V,…]]
#     (--compare: paired comparison of two memax.recall.* settings, kebab-case keys, e.g.
#      --compare session-context-weight=0,semantic-weight=0.7; docs/benchmarks.md "Comparing two settings")
#     (--dream: LoCoMo dev recall@10 before and after a dream over each conversation's hub, and after its undo)
#   bench-recall.sh speed   [--sizes 10000,100000] [--db NAME] [--clients 8] [--seconds 30]
#   bench-recall.sh ask     [--db NAME] [--questions N] [--limit N] [--model M] [--out FILE]   (LoCoMo QA, token F1)
#   bench-recall.sh mcp     [--db NAME] [--size 2000] [--queries 400] [--limit 10]   (tools/call memax_recall vs POST /v1/recall)
#   bench-recall.sh dreams  (as infra/dev/bench-dreams.sh, which sets a 2 GB heap)
#   bench-recall.sh merges  [--db NAME] [--abstracts 400] [--sweep]   (merge precision/recall on a labelled set)
# The benchmark runs in its own JVM (full JIT) with the server in-process unless MEMAX_BENCH_URL
# is set; --db NAME keeps the ingested data for the next run. Data: ../shared/bench (or MEMAX_BENCH_DATA).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
case "${1:-}" in
  quality) main=dev.memax.bench.QualityBench ;;
  speed) main=dev.memax.bench.SpeedBench ;;
  ask) main=dev.memax.bench.AskBench ;;
  mcp) main=dev.memax.bench.McpBench ;;
  dreams) main=dev.memax.bench.DreamBench ;;
  merges) main=dev.memax.bench.MergeBench ;;
  *) echo "usage: $0 quality|speed|ask|mcp|dreams|merges [options]" >&2; exit 2 ;;
esac
shift
# shellcheck source=env.sh
. infra/dev/env.sh
if [[ -z "${MEMAX_BENCH_URL:-}" ]] && ! (exec 3<>"/dev/tcp/127.0.0.1/$MEMAX_PG_PORT") 2>/dev/null; then
  bash infra/dev/provision.sh >/dev/null
fi
if [[ -z "${MEMAX_BENCH_DATA:-}" && -d "$root/../shared/bench" ]]; then
  export MEMAX_BENCH_DATA="$root/../shared/bench"
fi
export MEMAX_LOG_LEVEL="${MEMAX_LOG_LEVEL:-WARN}"
mvn -B -ntp -q -DskipTests -pl sdk-java -am install
# Each argument quoted, so a value with spaces (--compare "query-instruction=Represent this …") stays one.
args=""
for arg in "$@"; do
  args+=" \"${arg//\"/\\\"}\""
done
mvn -B -ntp -q -Pbench -pl server test-compile exec:exec -Dexec.executable=java \
  -Dexec.args="${BENCH_JAVA_OPTS:--Xmx6g} -classpath %classpath $main$args"
