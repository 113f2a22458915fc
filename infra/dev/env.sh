# shellcheck shell=bash
# Configuration of the local dev/test services started by infra/dev/provision.sh.
# Source it:   . infra/dev/env.sh
# Every variable keeps a value already set by the caller.

_memax_env_dir="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")" && pwd)"
export MEMAX_STATE_DIR="${MEMAX_STATE_DIR:-$(cd "$_memax_env_dir/../.." && pwd)/.local}"
unset _memax_env_dir

export MEMAX_PG_PORT="${MEMAX_PG_PORT:-55432}"
export MEMAX_REDIS_PORT="${MEMAX_REDIS_PORT:-56379}"
export MEMAX_S3_PORT="${MEMAX_S3_PORT:-58090}"

export DATABASE_URL="${DATABASE_URL:-postgres://memax:memax@127.0.0.1:${MEMAX_PG_PORT}/memax}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:${MEMAX_REDIS_PORT}}"
export S3_ENDPOINT="${S3_ENDPOINT:-http://127.0.0.1:${MEMAX_S3_PORT}}"
export S3_BUCKET="${S3_BUCKET:-memax}"
export S3_REGION="${S3_REGION:-us-east-1}"
export S3_ACCESS_KEY_ID="${S3_ACCESS_KEY_ID:-memax-local}"
export S3_SECRET_ACCESS_KEY="${S3_SECRET_ACCESS_KEY:-memax-local-secret}"
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$MEMAX_STATE_DIR/djl}"
# Development-only key for encrypting the JWT signing keys at rest (production: openssl rand -base64 32).
export MEMAX_SECRET_KEY="${MEMAX_SECRET_KEY:-bWVtYXgtbG9jYWwtZGV2ZWxvcG1lbnQta2V5LTMyYmI=}"
