#!/usr/bin/env bash
# Stops the project-local PostgreSQL, Redis and S3Proxy started by provision.sh.
# Data stays in $MEMAX_STATE_DIR; `rm -rf .local` afterwards resets everything.
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

# Sends TERM to $1 and waits up to $2 seconds, then KILL.
terminate() {
  local pid="$1" secs="$2" i
  kill "$pid" 2>/dev/null || return 0
  for ((i = 0; i < secs * 5; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -9 "$pid" 2>/dev/null || true
}

# ------------------------------------------------------------------- s3
S3_PROPS="$STATE/s3proxy/s3proxy.properties"
pid="$(live_pid "$STATE/s3proxy/s3proxy.pid" "$S3_PROPS")"
if [ -n "$pid" ]; then
  terminate "$pid" 15
  rm -f "$STATE/s3proxy/s3proxy.pid"
  say "s3: stopped"
else
  say "s3: not running"
fi

# ---------------------------------------------------------------- redis
REDIS_PID="$STATE/redis/redis.pid"
pid="$(live_pid "$REDIS_PID" redis-server)"
if [ -n "$pid" ]; then
  redis-cli -h 127.0.0.1 -p "$MEMAX_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  terminate "$pid" 10
  rm -f "$REDIS_PID"
  say "redis: stopped"
else
  say "redis: not running"
fi

# ------------------------------------------------------------- postgres
pg_paths
if [ -n "$PG_MAJOR" ] && [ -f "$PG_DATA/postmaster.pid" ] \
   && pid_matches "$(head -n1 "$PG_DATA/postmaster.pid" | tr -dc '0-9')" "$PG_DATA"; then
  pg_run "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >>"$SETUP_LOG" 2>&1 \
    || die "pg_ctl stop failed"
  say "postgres: stopped"
else
  say "postgres: not running"
fi
