# shellcheck shell=bash
# Shared helpers for the infra/dev scripts. Sourced, never run.
# Expects the caller to have `set -euo pipefail`.

MEMAX_DEV_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# shellcheck source=env.sh
. "$MEMAX_DEV_DIR/env.sh"

case "$MEMAX_STATE_DIR" in
  /*) ;;
  *) MEMAX_STATE_DIR="$PWD/$MEMAX_STATE_DIR"; export MEMAX_STATE_DIR ;;
esac
STATE="$MEMAX_STATE_DIR"
mkdir -p "$STATE/log"
chmod 755 "$STATE" "$STATE/log"
SETUP_LOG="$STATE/log/setup.log"

# One script at a time per state dir (e.g. two test runs provisioning at once).
# Every daemon started under the lock gets `9>&-`: one that inherited fd 9
# would hold the lock for as long as it runs.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$STATE/log/.lock"
  flock -w 900 9 || { echo "ERROR: another infra/dev script holds $STATE/log/.lock" >&2; exit 1; }
fi

export DEBIAN_FRONTEND=noninteractive

say() { printf '%s\n' "$*"; }

die() {
  printf '%s\n' "ERROR: $*" >&2
  if [ -s "$SETUP_LOG" ]; then
    printf '%s\n' "--- last lines of $SETUP_LOG ---" >&2
    tail -n 40 "$SETUP_LOG" >&2
  fi
  exit 1
}

# Runs a command with its output appended to the setup log; on failure prints
# the log tail and exits.
quiet() {
  printf '\n### %s: %s\n' "$(date '+%F %T')" "$*" >>"$SETUP_LOG"
  "$@" >>"$SETUP_LOG" 2>&1 || die "command failed: $*"
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# Prefix for commands that need root: nothing when root, sudo when available.
as_root() {
  if is_root; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@" 2>/dev/null || sudo "$@"
  else
    die "need root for: $* (not root and no sudo)"
  fi
}

# apt-get update at most once per 6 hours (per state dir), then install.
APT_STAMP="$STATE/log/.apt-updated"
apt_update_once() {
  if [ -z "$(find "$APT_STAMP" -mmin -360 2>/dev/null)" ]; then
    quiet as_root apt-get update
    touch "$APT_STAMP"
  fi
}
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install $* by hand"
  apt_update_once
  quiet as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
}

# True when pid $1 is alive and its command line contains $2.
pid_matches() {
  local pid="$1" pattern="$2"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$pattern"
}

# Reads a pid file; prints the pid if the process is alive and matches $2,
# otherwise removes the stale pid file and prints nothing.
live_pid() {
  local file="$1" pattern="$2" pid
  [ -f "$file" ] || return 0
  pid="$(head -n1 "$file" 2>/dev/null | tr -dc '0-9')"
  if pid_matches "$pid" "$pattern"; then
    printf '%s\n' "$pid"
  else
    rm -f "$file"
  fi
}

# Prints the pid of the first process whose command line contains $1.
pid_by_cmdline() {
  local p
  for p in /proc/[0-9]*; do
    if tr '\0' ' ' <"$p/cmdline" 2>/dev/null | grep -q -- "$1"; then
      [ "${p#/proc/}" = "$$" ] && continue
      printf '%s\n' "${p#/proc/}"
      return 0
    fi
  done
  return 1
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Waits up to $1 seconds for command "${@:2}" to succeed.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  while :; do
    "$@" >/dev/null 2>&1 && return 0
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

# ---------------------------------------------------------------- PostgreSQL
# The OS user that owns and runs the local cluster when the scripts run as
# root (PostgreSQL refuses to run as root). Non-root: the invoking user.
PG_OS_USER="${MEMAX_PG_OS_USER:-memax}"

# Newest installed PostgreSQL major (Debian/Ubuntu layout), or empty.
pg_detect_major() {
  if [ -n "${MEMAX_PG_MAJOR:-}" ]; then
    printf '%s\n' "$MEMAX_PG_MAJOR"
    return
  fi
  local d
  for d in /usr/lib/postgresql/*/bin/postgres; do
    [ -x "$d" ] || continue
    d="${d#/usr/lib/postgresql/}"
    printf '%s\n' "${d%%/*}"
  done | sort -n | tail -n1
}

# Sets PG_MAJOR, PG_BIN, PG_DIR, PG_DATA, PG_RUN, PG_LOG.
pg_paths() {
  PG_MAJOR="$(pg_detect_major)"
  PG_BIN="/usr/lib/postgresql/${PG_MAJOR}/bin"
  PG_DIR="$STATE/pg"
  PG_LOG="$STATE/log/postgres.log"
  # As root the cluster is owned by $PG_OS_USER, which must be able to reach
  # the state dir; when it cannot (e.g. a checkout under /root), keep the
  # cluster under /var/lib/memax-dev instead.
  if is_root && id -u "$PG_OS_USER" >/dev/null 2>&1 \
     && ! runuser -u "$PG_OS_USER" -- test -x "$STATE" 2>/dev/null; then
    PG_DIR="/var/lib/memax-dev/$(printf '%s' "$STATE" | sha1sum | cut -c1-12)/pg"
    PG_LOG="$PG_DIR/postgres.log"
  fi
  PG_DATA="$PG_DIR/data"
  PG_RUN="$PG_DIR/run"
}

# Runs a command as the cluster owner, from a directory it can read.
pg_run() {
  if is_root; then
    (cd "$PG_DIR" && runuser -u "$PG_OS_USER" -- "$@")
  else
    (cd "$PG_DIR" && "$@")
  fi
}

pg_ready() {
  [ -x "$PG_BIN/pg_isready" ] && "$PG_BIN/pg_isready" -q -h "$PG_RUN" -p "$MEMAX_PG_PORT" -t 2
}

# psql as the superuser over the project's unix socket (trust auth there; the
# socket dir is private to the cluster owner).
pg_psql() {
  "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$PG_RUN" -p "$MEMAX_PG_PORT" -U memax "$@"
}
