#!/usr/bin/env bash
# Installs redis-server if missing and starts a project-local instance on
# 127.0.0.1:$MEMAX_REDIS_PORT (default 56379), no persistence. The
# distribution's own redis service is stopped and disabled after installing.
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

REDIS_DIR="$STATE/redis"
REDIS_CONF="$REDIS_DIR/redis.conf"
REDIS_PID="$REDIS_DIR/redis.pid"
REDIS_LOG="$STATE/log/redis.log"

stop_system_redis() {
  # disable: also works offline (no running systemd), it only edits symlinks
  if command -v systemctl >/dev/null 2>&1; then
    as_root systemctl disable redis-server >>"$SETUP_LOG" 2>&1 || true
  fi
  if command -v update-rc.d >/dev/null 2>&1; then
    as_root update-rc.d redis-server disable >>"$SETUP_LOG" 2>&1 || true
  fi
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    as_root systemctl stop redis-server >>"$SETUP_LOG" 2>&1 || true
  elif command -v service >/dev/null 2>&1; then
    as_root service redis-server stop >>"$SETUP_LOG" 2>&1 || true
  fi
  local pid f
  for f in /run/redis/redis-server.pid /var/run/redis/redis-server.pid; do
    pid="$(tr -dc "0-9" <"$f" 2>/dev/null)" || true
    if pid_matches "$pid" "redis-server"; then as_root kill "$pid" || true; fi
  done
}

if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
  say "redis: installing redis-server …"
  # Keep apt from starting the distribution's service (it would take 6379):
  # a temporary policy-rc.d, unless the machine already has one.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
    trap 'as_root rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt_install redis-server
  stop_system_redis
fi

rcli() { redis-cli -h 127.0.0.1 -p "$MEMAX_REDIS_PORT" "$@"; }

if [ "$(rcli ping 2>/dev/null)" = "PONG" ]; then
  dir="$(rcli config get dir 2>/dev/null | sed -n 2p)"
  if [ "$dir" != "$REDIS_DIR" ] && [ "$(cd "$dir" 2>/dev/null && pwd -P)" != "$(cd "$REDIS_DIR" 2>/dev/null && pwd -P)" ]; then
    die "port $MEMAX_REDIS_PORT is taken by another redis (dir '$dir'); set MEMAX_REDIS_PORT"
  fi
  say "redis: already running on 127.0.0.1:$MEMAX_REDIS_PORT"
  exit 0
fi

mkdir -p "$REDIS_DIR"
pid="$(live_pid "$REDIS_PID" redis-server)"
if [ -n "$pid" ]; then
  # Ours but not answering (still loading?): give it a moment, then replace it.
  if wait_for 10 sh -c "[ \"\$(redis-cli -h 127.0.0.1 -p $MEMAX_REDIS_PORT ping)\" = PONG ]"; then
    say "redis: already running on 127.0.0.1:$MEMAX_REDIS_PORT"
    exit 0
  fi
  kill "$pid" 2>/dev/null || true
  sleep 1
  rm -f "$REDIS_PID"
fi
if port_open "$MEMAX_REDIS_PORT"; then
  die "port $MEMAX_REDIS_PORT is already taken by another process (set MEMAX_REDIS_PORT)"
fi

cat >"$REDIS_CONF" <<CONF
# Written by infra/dev/redis.sh on each start: edit that script instead.
bind 127.0.0.1
port $MEMAX_REDIS_PORT
protected-mode yes
daemonize yes
pidfile $REDIS_PID
logfile $REDIS_LOG
dir $REDIS_DIR
save ""
appendonly no
CONF

say "redis: starting on 127.0.0.1:$MEMAX_REDIS_PORT …"
redis-server "$REDIS_CONF" >>"$SETUP_LOG" 2>&1 9>&- || { tail -n 20 "$REDIS_LOG" >&2 || true; die "redis-server failed to start"; }
if ! wait_for 20 sh -c "[ \"\$(redis-cli -h 127.0.0.1 -p $MEMAX_REDIS_PORT ping)\" = PONG ]"; then
  tail -n 20 "$REDIS_LOG" >&2 || true
  die "redis did not answer on 127.0.0.1:$MEMAX_REDIS_PORT"
fi
say "redis: running on 127.0.0.1:$MEMAX_REDIS_PORT"
