#!/usr/bin/env bash
# Downloads S3Proxy (from Maven Central) if missing and starts it on
# 127.0.0.1:$MEMAX_S3_PORT (default 58090) with the filesystem backend under
# $MEMAX_STATE_DIR/s3 and the bucket "memax".
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

S3PROXY_VERSION="4.1.0"
S3PROXY_ARTIFACT="org.gaul:s3proxy:${S3PROXY_VERSION}:jar:jar-with-dependencies"
BIN_DIR="$STATE/bin"
JAR="$BIN_DIR/s3proxy-${S3PROXY_VERSION}-jar-with-dependencies.jar"
S3_DIR="$STATE/s3proxy"
S3_DATA="$STATE/s3"
S3_PROPS="$S3_DIR/s3proxy.properties"
S3_PID="$S3_DIR/s3proxy.pid"
S3_LOG="$STATE/log/s3proxy.log"
URL="http://127.0.0.1:${MEMAX_S3_PORT}"

http_code() { curl -s -o /dev/null -m 3 -w '%{http_code}' "$@" 2>/dev/null || true; }
answering() { local c; c="$(http_code "$URL/")"; [ -n "$c" ] && [ "$c" != "000" ]; }
bucket_ok() {
  # curl (7.x) does not send x-amz-content-sha256 itself; S3 requires it.
  [ "$(http_code -I --aws-sigv4 "aws:amz:${S3_REGION}:s3" \
        --user "${S3_ACCESS_KEY_ID}:${S3_SECRET_ACCESS_KEY}" \
        -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" "$URL/$S3_BUCKET")" = "200" ]
}

# ----------------------------------------------------------------- tools
missing=()
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
[ -f "$JAR" ] || command -v mvn >/dev/null 2>&1 || missing+=(maven)
if [ "${#missing[@]}" -gt 0 ]; then
  say "s3: installing ${missing[*]} …"
  apt_install "${missing[@]}"
fi

# ------------------------------------------------------ already running?
mkdir -p "$S3_DIR" "$S3_DATA/$S3_BUCKET" "$BIN_DIR"
pid="$(live_pid "$S3_PID" "$S3_PROPS")"
if [ -n "$pid" ] && wait_for 20 answering; then
  bucket_ok || die "s3proxy (pid $pid) answers on $URL but bucket '$S3_BUCKET' is not reachable with the configured credentials"
  say "s3: already running on $URL (bucket $S3_BUCKET)"
  exit 0
fi
if [ -n "$pid" ]; then
  kill "$pid" 2>/dev/null || true
  sleep 1
  rm -f "$S3_PID"
fi
if port_open "$MEMAX_S3_PORT"; then
  die "port $MEMAX_S3_PORT is already taken by another process (set MEMAX_S3_PORT)"
fi

# --------------------------------------------------------------- download
if [ ! -f "$JAR" ]; then
  say "s3: downloading S3Proxy $S3PROXY_VERSION from Maven Central …"
  tmp="$(mktemp -d "$BIN_DIR/.dl.XXXXXX")"
  # Run outside the repo so that Maven does not read the project's POMs.
  (cd "$tmp" && quiet mvn -q -B \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="$S3PROXY_ARTIFACT" -DoutputDirectory="$tmp")
  mv "$tmp/$(basename "$JAR")" "$JAR"
  rm -rf "$tmp"
fi

# ------------------------------------------------------------------ start
cat >"$S3_PROPS" <<PROPS
# Written by infra/dev/s3.sh on each start: edit that script instead.
s3proxy.endpoint=$URL
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS_KEY_ID
s3proxy.credential=$S3_SECRET_ACCESS_KEY
s3proxy.cors-allow-all=true
s3proxy.ignore-unknown-headers=true
jclouds.provider=filesystem
jclouds.filesystem.basedir=$S3_DATA
PROPS

say "s3: starting S3Proxy on $URL …"
# A directory under the filesystem backend's basedir is a bucket: "memax"
# exists from the mkdir above.
launcher=(nohup)
command -v setsid >/dev/null 2>&1 && launcher=(setsid nohup)
(cd "$S3_DIR" && exec "${launcher[@]}" java -Xmx256m -XX:+UseSerialGC \
    -jar "$JAR" --properties "$S3_PROPS" >>"$S3_LOG" 2>&1 </dev/null 9>&-) &
echo $! >"$S3_PID"

if ! wait_for 60 answering; then
  tail -n 30 "$S3_LOG" >&2 || true
  die "S3Proxy did not answer on $URL"
fi
# $! is the java process unless setsid had to fork: look it up if so.
if ! pid_matches "$(cat "$S3_PID")" "$S3_PROPS"; then
  pid_by_cmdline "$S3_PROPS" >"$S3_PID" || true
fi
bucket_ok || { tail -n 30 "$S3_LOG" >&2 || true; die "bucket '$S3_BUCKET' not reachable on $URL"; }
say "s3: running on $URL (bucket $S3_BUCKET)"
