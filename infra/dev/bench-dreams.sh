#!/usr/bin/env bash
# Dream benchmark (docs/benchmarks.md "Dreams at scale"): run time and peak heap of one dream run
# over a hub of each size, seeded with synthetic vectors and planted near-duplicates, against the
# local services:
#   bench-dreams.sh [--sizes 1000,10000,100000] [--duplicates 0.1] [--phases merge] [--dry-run] [--db NAME]
# The server runs in the benchmark's JVM, whose heap is measured: 2 GB unless BENCH_JAVA_OPTS says.
set -euo pipefail
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx2g}" exec bash "$(dirname "${BASH_SOURCE[0]}")/bench-recall.sh" dreams "$@"
