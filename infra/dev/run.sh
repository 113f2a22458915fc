#!/usr/bin/env bash
# Provisions the local services, builds the server and runs it on http://127.0.0.1:8080
# (PORT overrides). Used by `make run`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
bash infra/dev/provision.sh
# shellcheck source=env.sh
. infra/dev/env.sh
export MEMAX_BIND_HOST="${MEMAX_BIND_HOST:-127.0.0.1}"
jar=server/target/memax-server.jar
archive=server/target/memax-server.jsa
echo "run: building the server"
# clean: re-packaging without it can shade an earlier jar's stale classes into the new one.
mvn -B -ntp -q -DskipTests -pl server -am clean package
echo "run: recording the class-data-sharing archive (faster starts)"
bash infra/dev/cds-archive.sh "$jar" "$archive"
echo "run: starting on http://${MEMAX_BIND_HOST}:${PORT:-8080}"
exec java -XX:SharedArchiveFile="$archive" ${JAVA_OPTS:-} -jar "$jar"
