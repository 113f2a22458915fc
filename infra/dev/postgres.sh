#!/usr/bin/env bash
# Installs PostgreSQL (the distribution's) and pgvector 0.8.x if missing, then
# starts a project-local cluster on 127.0.0.1:$MEMAX_PG_PORT (default 55432)
# with database "memax" and the vector extension in "memax" and "template1".
# Idempotent; quick when everything is already in place.
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

PGVECTOR_SERIES="0.8"
DEBIAN_SRC_SUITE="${MEMAX_PGVECTOR_SUITE:-trixie}"

# ------------------------------------------------------------- server package
if [ -z "$(pg_detect_major)" ]; then
  say "postgres: installing PostgreSQL server …"
  apt_install postgresql postgresql-contrib
fi
pg_paths
{ [ -n "$PG_MAJOR" ] && [ -x "$PG_BIN/postgres" ]; } || die "no PostgreSQL server found under /usr/lib/postgresql"
PG_CONFIG="$PG_BIN/pg_config"

# ----------------------------------------------------------------- pgvector
pgvector_installed_version() {
  local control
  [ -x "$PG_CONFIG" ] || return 0
  control="$("$PG_CONFIG" --sharedir)/extension/vector.control"
  [ -f "$control" ] && [ -f "$("$PG_CONFIG" --pkglibdir)/vector.so" ] || return 0
  sed -n "s/^[[:space:]]*default_version[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" "$control"
}

build_pgvector() {
  local pkgs=() p
  for p in "postgresql-server-dev-$PG_MAJOR" make gcc dpkg-dev debian-archive-keyring; do
    dpkg -s "$p" >/dev/null 2>&1 || pkgs+=("$p")
  done
  if [ "${#pkgs[@]}" -gt 0 ]; then
    say "postgres: installing build dependencies (${pkgs[*]}) …"
    apt_install "${pkgs[@]}"
  fi
  PG_CONFIG="$PG_BIN/pg_config"
  [ -x "$PG_CONFIG" ] || die "$PG_CONFIG not found"

  # pgvector 0.8 is not packaged for Debian 12: take Debian's source package
  # from a newer suite through a private, deb-src-only apt configuration (own
  # source list, lists and cache under the state dir), so the system's apt
  # sources are left untouched and no binary package of that suite can ever
  # be installed.
  local build="$STATE/build" apt="$STATE/build/apt"
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/sources.list.d"
  printf 'deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian %s main\n' \
    "$DEBIAN_SRC_SUITE" >"$apt/sources.list"
  local apt_opts=(
    -o "Dir::Etc::SourceList=$apt/sources.list"
    -o "Dir::Etc::SourceParts=$apt/sources.list.d"
    -o "Dir::State::Lists=$apt/lists"
    -o "Dir::Cache=$apt/cache"
    -o "APT::Get::List-Cleanup=0"
  )
  is_root && apt_opts+=(-o "APT::Sandbox::User=root")

  say "postgres: fetching pgvector source ($DEBIAN_SRC_SUITE) …"
  quiet apt-get "${apt_opts[@]}" update
  rm -rf "$build"/pgvector[-_]*
  (cd "$build" && quiet apt-get "${apt_opts[@]}" source pgvector)
  local src
  src="$(find "$build" -maxdepth 1 -type d -name 'pgvector-*' | sort -V | tail -n1)"
  [ -n "$src" ] || die "apt-get source pgvector produced no source tree"
  local ver="${src##*/pgvector-}"
  case "$ver" in
    "$PGVECTOR_SERIES".*) ;;
    *) die "pgvector source is $ver, expected $PGVECTOR_SERIES.x" ;;
  esac

  say "postgres: building pgvector $ver for PostgreSQL $PG_MAJOR …"
  # OPTFLAGS= : portable build (no -march=native), as Debian does.
  # with_llvm=no : no JIT bitcode, so no clang needed.
  local make_args=(PG_CONFIG="$PG_CONFIG" OPTFLAGS= with_llvm=no)
  quiet make -C "$src" -j"$(nproc)" "${make_args[@]}"
  quiet as_root make -C "$src" "${make_args[@]}" install
}

vver="$(pgvector_installed_version)"
case "$vver" in
  "$PGVECTOR_SERIES".*) ;;
  *) build_pgvector
     vver="$(pgvector_installed_version)"
     case "$vver" in "$PGVECTOR_SERIES".*) ;; *) die "pgvector install failed (found '${vver}')" ;; esac ;;
esac

# ------------------------------------------------------------ cluster owner
if is_root; then
  if ! id -u "$PG_OS_USER" >/dev/null 2>&1; then
    say "postgres: creating system user $PG_OS_USER …"
    nologin="$(command -v nologin || echo /usr/sbin/nologin)"
    quiet useradd --system --user-group --home-dir /nonexistent --no-create-home \
      --shell "$nologin" "$PG_OS_USER"
  fi
  pg_paths   # the data dir location depends on what that user can reach
fi

# ------------------------------------------------------------------ cluster
mkdir -p "$PG_DIR"
if is_root; then
  chown "$PG_OS_USER:" "$PG_DIR"
fi
chmod 700 "$PG_DIR"

if [ ! -f "$PG_DATA/PG_VERSION" ]; then
  say "postgres: initialising cluster in $PG_DATA …"
  rm -rf "$PG_DATA" "$PG_DATA.tmp"
  pg_run bash -c 'umask 077; printf "%s\n" memax > pwfile'
  locale_arg=(--no-locale)
  if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
    locale_arg=(--locale=C.UTF-8)
  fi
  quiet pg_run "$PG_BIN/initdb" -D "$PG_DATA.tmp" -U memax --pwfile="$PG_DIR/pwfile" \
    -E UTF8 "${locale_arg[@]}" --auth-local=trust --auth-host=scram-sha-256
  rm -f "$PG_DIR/pwfile"
  pg_run mv "$PG_DATA.tmp" "$PG_DATA"
  printf "\n# Memax dev settings\ninclude_if_exists = 'memax.conf'\n" | pg_run tee -a "$PG_DATA/postgresql.conf" >/dev/null
fi

if [ "$PG_MAJOR" != "$(cat "$PG_DATA/PG_VERSION")" ]; then
  die "cluster in $PG_DATA is PostgreSQL $(cat "$PG_DATA/PG_VERSION"), server is $PG_MAJOR: stop.sh, then remove $PG_DIR to recreate it"
fi

if pg_ready; then
  say "postgres: already running on 127.0.0.1:$MEMAX_PG_PORT (pgvector $vver)"
else
  # A postmaster.pid left by a crash or a machine restart: remove it unless it
  # names a live postgres of this data dir.
  if [ -f "$PG_DATA/postmaster.pid" ]; then
    pid="$(head -n1 "$PG_DATA/postmaster.pid" | tr -dc '0-9')"
    if pid_matches "$pid" "$PG_DATA"; then
      wait_for 30 pg_ready || die "postgres (pid $pid) runs but does not answer on $PG_RUN:$MEMAX_PG_PORT"
    else
      rm -f "$PG_DATA/postmaster.pid" "$PG_RUN/.s.PGSQL.$MEMAX_PG_PORT" "$PG_RUN/.s.PGSQL.$MEMAX_PG_PORT.lock"
    fi
  fi
fi

if ! pg_ready; then
  if port_open "$MEMAX_PG_PORT"; then
    die "port $MEMAX_PG_PORT is already taken by another process (set MEMAX_PG_PORT)"
  fi
  pg_run mkdir -p "$PG_RUN"
  pg_run chmod 700 "$PG_RUN"
  pg_run tee "$PG_DATA/memax.conf" >/dev/null <<CONF
# Written by infra/dev/postgres.sh on each start: edit that script instead.
listen_addresses = '127.0.0.1'
port = $MEMAX_PG_PORT
unix_socket_directories = '$PG_RUN'
max_connections = 300
shared_buffers = 256MB
CONF
  touch "$PG_LOG"
  is_root && chown "$PG_OS_USER:" "$PG_LOG"
  say "postgres: starting on 127.0.0.1:$MEMAX_PG_PORT …"
  if ! pg_run "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >>"$SETUP_LOG" 2>&1 9>&-; then
    tail -n 20 "$PG_LOG" >&2 || true
    die "pg_ctl start failed"
  fi
  started=1
fi

# --------------------------------------------------- database and extension
pg_psql -d postgres >>"$SETUP_LOG" 2>&1 <<'SQL' || die "creating database memax / extension vector failed"
SET client_min_messages = warning;
SELECT 'CREATE DATABASE memax OWNER memax' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'memax') \gexec
\c template1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS vector;
ALTER EXTENSION vector UPDATE;
\c memax
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS vector;
ALTER EXTENSION vector UPDATE;
SQL

if [ -n "${started:-}" ]; then
  say "postgres: running on 127.0.0.1:$MEMAX_PG_PORT (pgvector $vver, data $PG_DATA)"
fi
