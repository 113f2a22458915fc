#!/usr/bin/env bash
# Installs what is missing and starts the local services Memax needs for
# development and tests: PostgreSQL+pgvector, Redis, S3Proxy. Idempotent:
# a few seconds when everything is already installed and running.
# Afterwards:  . infra/dev/env.sh   (DATABASE_URL, REDIS_URL, S3_* …)
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
start=$SECONDS
bash "$dir/postgres.sh"
bash "$dir/redis.sh"
bash "$dir/s3.sh"
echo "provision: all services up in $((SECONDS - start)) s (. infra/dev/env.sh for the settings)"
