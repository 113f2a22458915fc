#!/usr/bin/env bash
# Benchmark: process start to the first 200 from /health/ready, with and without the AppCDS
# archive, against the local services. Prints a table. Usage: bench-startup.sh [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
runs="${1:-5}"
bash infra/dev/provision.sh >/dev/null
# shellcheck source=env.sh
. infra/dev/env.sh
jar=server/target/memax-server.jar
archive=server/target/memax-server.jsa
port=18081
[[ -f "$jar" ]] || mvn -B -ntp -q -DskipTests -pl server -am clean package
[[ -f "$archive" && "$archive" -nt "$jar" ]] || bash infra/dev/cds-archive.sh "$jar" "$archive"

measure() {
  local start end pid
  start=$(date +%s%N)
  PORT=$port java "$@" -jar "$jar" >/dev/null 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do sleep 0.01; done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

printf '%-22s %8s %8s %8s\n' "variant" "min ms" "median" "max ms"
for variant in plain cds; do
  flags=()
  [[ $variant == cds ]] && flags=(-XX:SharedArchiveFile="$archive")
  samples=()
  for _ in $(seq 1 "$runs"); do samples+=("$(measure "${flags[@]}")"); done
  sorted=($(printf '%s\n' "${samples[@]}" | sort -n))
  printf '%-22s %8s %8s %8s\n' "start→ready ($variant)" "${sorted[0]}" "${sorted[$((runs / 2))]}" "${sorted[$((runs - 1))]}"
done
