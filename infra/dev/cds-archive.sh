#!/usr/bin/env bash
# Builds an AppCDS archive for the server jar (JDK 17: a training run that starts the server
# against the local services, waits for readiness and stops it). Loading classes from the
# archive roughly halves startup-to-ready. Usage: cds-archive.sh JAR ARCHIVE
set -euo pipefail
jar="$1"
archive="$2"
port="${MEMAX_CDS_TRAINING_PORT:-18080}"
rm -f "$archive"
PORT="$port" MEMAX_JOBS_ENABLED=false java -XX:ArchiveClassesAtExit="$archive" -jar "$jar" >"${archive}.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  if curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then
    break
  fi
  kill -0 "$pid" 2>/dev/null || { echo "cds: training run exited early, see ${archive}.log" >&2; exit 1; }
  sleep 0.1
done
# Ready does not wait for the embedding model, which loads in the background. Stopping while
# ONNX Runtime creates its session crashes the JVM (its own shutdown hook frees the runtime under
# it) and then no archive is written; and a loaded model puts its classes in the archive too.
for _ in $(seq 1 600); do
  grep -qE 'Embedding model .* (loaded in|answers|failed to load)' "${archive}.log" && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
# Touch the common request paths so their classes land in the archive too.
curl -s "http://127.0.0.1:$port/health" >/dev/null || true
curl -s -X POST -H 'Content-Type: application/json' -d '{}' "http://127.0.0.1:$port/v1/unknown" >/dev/null || true
kill "$pid"
wait "$pid" 2>/dev/null || true
[[ -s "$archive" ]] || { echo "cds: no archive written, see ${archive}.log" >&2; exit 1; }
