#!/usr/bin/env bash
# Fault scenarios of docs/reliability.md, each against a server of its own (its own database,
# port, Redis, bucket and a copy of the jar: a running `make run` server is not disturbed).
# Clients push memories and read them back while the fault happens; every acknowledged push is
# read back afterwards. Prints a table.
#   reliability.sh kill9        [--seconds 30] [--clients 8]   kill -9 the server under write load, restart it
#   reliability.sh redis        [--seconds 30] [--clients 8]   kill Redis under load, restart it
#   reliability.sh connections  [--seconds 30] [--clients 8]   terminate the database's backends every 0.5 s
# --jar PATH runs another build (e.g. an older one, to compare); default: server/target/memax-server.jar,
# built when missing or older than the sources.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
scenario="${1:-}"
case "$scenario" in
  kill9|redis|connections) shift ;;
  *) echo "usage: $0 kill9|redis|connections [--seconds N] [--clients N]" >&2; exit 2 ;;
esac
seconds=30
clients=8
jar=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

# shellcheck source=env.sh
. infra/dev/env.sh
if ! (exec 3<>"/dev/tcp/127.0.0.1/$MEMAX_PG_PORT") 2>/dev/null; then
  bash infra/dev/provision.sh >/dev/null
fi
for tool in java psql redis-server redis-cli curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "reliability: $tool is needed (infra/dev/provision.sh installs the services)" >&2; exit 1; }
done
if [[ -z "$jar" ]]; then
  jar=server/target/memax-server.jar
  if [[ ! -f "$jar" || -n "$(find server/src/main -newer "$jar" -print -quit)" ]]; then
    echo "reliability: building $jar" >&2
    mvn -B -ntp -q -DskipTests -pl server -am clean package
  fi
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/memax-reliability.XXXXXX")"
cp "$jar" "$work/memax-server.jar"
suffix="$(date +%s)$$"
db="memax_reliability_$suffix"
db_url="${DATABASE_URL%/*}/$db"
server_pid=""
redis_pid=""
poller_pid=""
terminator_pid=""

free_port() {
  local port
  for port in $(seq "$1" $(($1 + 200))); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port from $1" >&2; exit 1
}

stop_pid() {
  if [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; then kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; fi
}

cleanup() {
  stop_pid "$terminator_pid"
  stop_pid "$poller_pid"
  stop_pid "$server_pid"
  stop_pid "$redis_pid"
  psql "$DATABASE_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  if [[ -n "${KEEP_WORK:-}" ]]; then echo "reliability: logs kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

psql "$DATABASE_URL" -qc "CREATE DATABASE $db" >/dev/null
port="$(free_port 18300)"
redis_port="$(free_port 18600)"

start_redis() {
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >>"$work/redis.log" 2>&1 &
  redis_pid=$!
  until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do sleep 0.05; done
}

start_server() {
  DATABASE_URL="$db_url" REDIS_URL="redis://127.0.0.1:$redis_port" PORT="$port" MEMAX_BIND_HOST=127.0.0.1 \
    S3_BUCKET="memax-rel-$suffix" MEMAX_API_KEY_FILE="$work/api-key" MEMAX_BOOTSTRAP_ADMIN=true \
    MEMAX_RATE_LIMITS_ENABLED="$([[ $scenario == redis ]] && echo true || echo false)" MEMAX_LOG_LEVEL=INFO \
    java ${JAVA_OPTS:-} -jar "$work/memax-server.jar" >>"$work/server.log" 2>&1 &
  server_pid=$!
}

# Milliseconds until /health/ready answers 200.
wait_ready() {
  local start
  start=$(date +%s%N)
  for _ in $(seq 1 1200); do
    if curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then
      echo $(( ($(date +%s%N) - start) / 1000000 )); return
    fi
    sleep 0.1
  done
  echo "reliability: the server did not become ready (log: $work/server.log)" >&2; KEEP_WORK=1; exit 1
}

phase() { echo "$1" >"$work/phase"; }

# The first "NAME":"value" of a JSON file (readiness: data.status comes before the checks' own).
json_field() { { grep -o "\"$1\":\"[a-z_]*\"" "$2" 2>/dev/null || true; } | head -1 | cut -d'"' -f4; }

start_redis
start_server
wait_ready >/dev/null
key="$(cat "$work/api-key")"
phase before
java server/src/bench/java/dev/memax/bench/ReliabilityLoad.java "http://127.0.0.1:$port" "$key" "$seconds" "$clients" \
  "$work/phase" >"$work/load.txt" &
load_pid=$!
third=$((seconds / 3))

echo "scenario: $scenario, $clients clients, ${seconds}s (own server on :$port, database $db, Redis :$redis_port)"
case "$scenario" in
  kill9)
    sleep "$third"
    phase down
    kill -9 "$server_pid"; wait "$server_pid" 2>/dev/null || true
    start_server
    restart_ms="$(wait_ready)"
    phase after
    wait "$load_pid"
    cat "$work/load.txt"
    echo "kill -9 to ready again: ${restart_ms} ms"
    ;;
  redis)
    ( while true; do
        code=$(curl -s -o "$work/ready.json" -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || echo 000)
        status=$(json_field code "$work/ready.json"); [[ -n "$status" ]] || status=$(json_field status "$work/ready.json")
        echo "$(cat "$work/phase") $code $status" >>"$work/ready.log"
        sleep 0.5
      done ) &
    poller_pid=$!
    sleep "$third"
    phase redis-down
    kill -9 "$redis_pid"; wait "$redis_pid" 2>/dev/null || true
    sleep "$third"
    start_redis
    phase after
    wait "$load_pid"
    for _ in $(seq 1 100); do
      curl -s "http://127.0.0.1:$port/health/ready" >"$work/ready.json" || true
      [[ "$(json_field status "$work/ready.json")" == ok ]] && break
      sleep 0.2
    done
    stop_pid "$poller_pid"; poller_pid=""
    cat "$work/load.txt"
    echo
    echo "readiness polls (every 0.5 s):"
    printf '%-14s %s\n' "phase" "answers (HTTP status, data.status)"
    for p in before redis-down after; do
      printf '%-14s %s\n' "$p" "$(grep "^$p " "$work/ready.log" | cut -d' ' -f2- | sort | uniq -c | awk '{printf "%s x %s %s; ", $1, $2, $3}')"
    done
    curl -s "http://127.0.0.1:$port/health/ready" >"$work/ready.json" || true
    echo "final readiness: $(json_field status "$work/ready.json"), redis $({ grep -o '"redis":{"status":"[a-z_]*"' "$work/ready.json" || true; } | cut -d'"' -f6)"
    echo
    echo "server log lines at WARN about Redis, by logger (one outage):"
    grep '"level":"WARN"' "$work/server.log" | grep -i -E 'redis|lettuce' | grep -o '"loggerName":"[^"]*"' | cut -d'"' -f4 \
      | sort | uniq -c || true
    echo "recovery logged: $(grep -c 'Redis answers again' "$work/server.log" || true) line(s)"
    ;;
  connections)
    quarter=$((seconds / 4))
    sleep "$quarter"
    phase faults
    ( total=0
      end=$(( $(date +%s) + seconds / 2 ))
      while [[ $(date +%s) -lt $end ]]; do
        n=$(psql "$db_url" -Atc "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()" 2>/dev/null || echo 0)
        total=$((total + n)); echo "$total" >"$work/terminated"
        sleep 0.5
      done ) &
    terminator_pid=$!
    wait "$terminator_pid" || true
    terminator_pid=""
    phase after
    wait "$load_pid"
    cat "$work/load.txt"
    echo "backends terminated: $(cat "$work/terminated" 2>/dev/null || echo 0)"
    echo "$(curl -s -H "Authorization: Bearer $key" "http://127.0.0.1:$port/metrics" | grep '^memax_db_connection_failures_total' || echo 'memax_db_connection_failures_total: not readable')"
    echo "HTTP 500 in the server log: $(grep -c '"memax.access".* 500 ' "$work/server.log" || true)"
    ;;
esac
