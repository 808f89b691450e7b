#!/usr/bin/env bash
# Does the sign-in form's answer time tell which addresses have accounts? The published app (Release, Production,
# SQLite) on 127.0.0.1 gets, interleaved, a wrong password for an existing account and the same password for
# addresses that have no account, each request with its own antiforgery token, and prints the medians and the ratio
# (unknown ÷ existing; 1.00 tells nothing). A third series, the same existing address while locked, for comparison.
# Env: BENCH_REQUESTS (200 of each), BENCH_KEEP=1 (keep the temp folder), RAMMEVAERK_SHARED (default: shared/ beside the repo).
set -euo pipefail

REQUESTS=${BENCH_REQUESTS:-200}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${RAMMEVAERK_SHARED:-$(cd "$ROOT/.." && pwd)/shared}
TMP=$(mktemp -d /tmp/rammevaerk-signin.XXXXXX)
APP_PID=''
cleanup() { [[ -n $APP_PID ]] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true; [[ -n ${BENCH_KEEP:-} ]] && echo "kept $TMP" || rm -rf "$TMP"; }
trap cleanup EXIT
fail() { echo "FAILED: $*" >&2; tail -20 "$TMP/app.log" >&2 || true; exit 1; }

PORT=$(for p in $(shuf -i 20000-45000 -n 50); do (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; break; }; done)
echo "== publishing src/Rammevaerk (Release)"
dotnet publish "$ROOT/src/Rammevaerk" -c Release -o "$TMP/app" --nologo -v q >"$TMP/publish.log" 2>&1 || fail "dotnet publish"
export ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Default="Data Source=$TMP/bench.db" Rammevaerk__SharedPath="$SHARED" \
    Logging__LogLevel__Default=Warning Accounts__FreeAttempts=1000000 Accounts__RateLimits__SignInPerIpPerMinute=1000000 \
    Accounts__RateLimits__SignInPerAccountPerMinute=1000000
(cd "$TMP/app" && dotnet Rammevaerk.dll migrate >>"$TMP/app.log" 2>&1) || fail "migrate"
(cd "$TMP/app" && RAMMEVAERK_PASSWORD='en-lang-adgangskode-til-maaling' dotnet Rammevaerk.dll create-secretariat --email maaling@bench.test --name Måling >>"$TMP/app.log" 2>&1) || fail "create-secretariat"
(cd "$TMP/app" && exec env ASPNETCORE_URLS="http://127.0.0.1:$PORT" dotnet Rammevaerk.dll >>"$TMP/app.log" 2>&1) &
APP_PID=$!
for _ in $(seq 1 150); do curl -fso /dev/null "http://127.0.0.1:$PORT/konto/log-ind" && break; sleep 0.2; done

attempt() {  # email: the POST's total time in ms, after a GET for a fresh form
    local jar=$TMP/jar token
    rm -f "$jar"
    token=$(curl -s -c "$jar" "http://127.0.0.1:$PORT/konto/log-ind" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
    curl -s -o /dev/null -b "$jar" -w '%{time_total}\n' --data-urlencode "__RequestVerificationToken=$token" \
        --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=ikke-den-rigtige" "http://127.0.0.1:$PORT/konto/log-ind" \
        | awk '{ printf "%.2f\n", $1 * 1000 }'
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

echo "== warming up"
for i in $(seq 1 20); do attempt maaling@bench.test >/dev/null; attempt "varm-$i@bench.test" >/dev/null; done
echo "== $REQUESTS attempts of each, interleaved"
: >"$TMP/existing"; : >"$TMP/unknown"
for i in $(seq 1 "$REQUESTS"); do
    attempt maaling@bench.test >>"$TMP/existing"
    attempt "findes-ikke-$i@bench.test" >>"$TMP/unknown"
done
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
(cd "$TMP/app" && exec env ASPNETCORE_URLS="http://127.0.0.1:$PORT" Accounts__FreeAttempts=1 Accounts__MaxLockMinutes=60 dotnet Rammevaerk.dll >>"$TMP/app.log" 2>&1) &
APP_PID=$!
for _ in $(seq 1 150); do curl -fso /dev/null "http://127.0.0.1:$PORT/konto/log-ind" && break; sleep 0.2; done
for _ in $(seq 1 20); do attempt maaling@bench.test >/dev/null; done   # locks the address, and warms the new process
: >"$TMP/locked"
for i in $(seq 1 "$REQUESTS"); do attempt maaling@bench.test >>"$TMP/locked"; done

E=$(median <"$TMP/existing") U=$(median <"$TMP/unknown") L=$(median <"$TMP/locked")
printf '\n%-46s %10s\n' "series (POST /konto/log-ind, $REQUESTS each)" "median ms"
printf '%-46s %10s\n' "existing account, wrong password" "$E" "address without an account" "$U" "existing account, locked" "$L"
awk -v e="$E" -v u="$U" -v l="$L" 'BEGIN { printf "\nratio unknown / existing: %.2f   locked / existing: %.2f   (1.00 = indistinguishable)\n", u / e, l / e }'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
