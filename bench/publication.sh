#!/usr/bin/env bash
# The publication workflow (issue 12): the check before publication on seed 001's meeting and on a generated meeting of
# 200 items and 100 PDF attachments, against reading the same text from the database once (ratio); the check page over
# HTTP (goal < 3 s); and the first PDF request after a publication, made in the background, against a cached one
# (goal: ratio ≤ 1.2). The app runs as in production (Release, Kestrel, SQLite). See bench/README.md.
# Env: BENCH_ROUNDS (15), BENCH_PDF_ROUNDS (4), BENCH_CACHED (20), BENCH_KEEP=1 (keep the temp folder),
# RAMMEVAERK_SHARED (default: shared/ beside the repo), RAMMEVAERK_CHROMIUM (default /usr/bin/chromium).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${RAMMEVAERK_SHARED:-$(cd "$ROOT/.." && pwd)/shared}
CHROMIUM=${RAMMEVAERK_CHROMIUM:-/usr/bin/chromium}
[[ -d $SHARED/seeds ]] || { echo "no seeds in $SHARED (set RAMMEVAERK_SHARED)" >&2; exit 1; }
[[ -x $CHROMIUM ]] || { echo "Chromium not found at $CHROMIUM (install Debian's chromium or set RAMMEVAERK_CHROMIUM)" >&2; exit 1; }

TMP=$(mktemp -d /tmp/rammevaerk-bench-publication.XXXXXX)
APP_PID=''
cleanup() {
  [[ -n $APP_PID ]] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [[ -n ${BENCH_KEEP:-} ]] && echo "kept $TMP" || rm -rf "$TMP"
}
trap cleanup EXIT
fail() { echo "FAILED: $*" >&2; tail -30 "$TMP/app.log" >&2 || true; exit 1; }

free_port() {
  local p
  for p in $(shuf -i 20000-45000 -n 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  return 1
}

echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== publishing the app (Release)"
dotnet publish "$ROOT/src/Rammevaerk" -c Release -o "$TMP/app" >"$TMP/publish.log" 2>&1 || { tail -20 "$TMP/publish.log"; fail "dotnet publish"; }
dotnet build "$ROOT/bench/PublicationBench" -c Release >"$TMP/bench-build.log" 2>&1 || { tail -20 "$TMP/bench-build.log"; fail "building bench/PublicationBench"; }

PORT=$(free_port)
DB="$TMP/rammevaerk.db"
URL="http://127.0.0.1:$PORT"
echo "== starting the app on $URL (Production, demo data: both seed minutes imported)"
# Production wants a public address, a certificate for the key ring and (on SQLite) to know it is one node.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=bench" -keyout "$TMP/dp.key" -out "$TMP/dp.crt" >/dev/null 2>&1 || fail "openssl"
PRODUCTION=(ASPNETCORE_ENVIRONMENT=Production Database__SingleNode=true Rammevaerk__PublicBaseUrl="https://127.0.0.1:$PORT"
  DataProtection__CertificatePath="$TMP/dp.crt" DataProtection__KeyPath="$TMP/dp.key")
(cd "$TMP/app" && exec env "${PRODUCTION[@]}" ASPNETCORE_URLS="$URL" ConnectionStrings__Default="Data Source=$DB" \
  Database__MigrateOnStartup=true DemoData__Load=true Rammevaerk__SharedPath="$SHARED" Pdf__Chromium="$CHROMIUM" \
  Pdf__FilesPath="$TMP/pdf" Logging__LogLevel__Default=Warning dotnet Rammevaerk.dll) >>"$TMP/app.log" 2>&1 &
APP_PID=$!
for ((i = 0; i < 1200; i++)); do
  curl -fso /dev/null "$URL/" && break
  kill -0 "$APP_PID" 2>/dev/null || fail "the app exited"
  sleep 0.1
done
curl -fso /dev/null "$URL/" || fail "no answer from $URL within 120 s"

EMAIL=bench@example.dk
PASSWORD="bench-publication-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
(cd "$TMP/app" && env RAMMEVAERK_PASSWORD="$PASSWORD" "${PRODUCTION[@]}" ConnectionStrings__Default="Data Source=$DB" \
  Rammevaerk__SharedPath="$SHARED" dotnet Rammevaerk.dll create-secretariat --email "$EMAIL" --name "Bench") >"$TMP/account.log" 2>&1 \
  || { cat "$TMP/account.log"; fail "create-secretariat"; }

echo "== measuring"
dotnet "$ROOT/bench/PublicationBench/bin/Release/net10.0/PublicationBench.dll" --sqlite "$DB" --seeds "$SHARED/seeds" --url "$URL" \
  --email "$EMAIL" --password "$PASSWORD" --rounds "${BENCH_ROUNDS:-15}" --pdf-rounds "${BENCH_PDF_ROUNDS:-4}" --cached "${BENCH_CACHED:-20}"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
