#!/usr/bin/env bash
# Seed 001's public meeting page: the app (Release build, Kestrel, SQLite, Production) against the same HTML bytes
# served as a static file by Debian's nginx, both loaded with wrk on 127.0.0.1 in one run. See bench/README.md.
# Env: BENCH_DURATION (20s), BENCH_CONNECTIONS (64), BENCH_THREADS (2), BENCH_WARMUP (5s), BENCH_ROUNDS (2),
# BENCH_REF (build that commit instead of the work tree), BENCH_KEEP=1 (keep the temp folder: logs, wrk output),
# RAMMEVAERK_SHARED (default: shared/ beside the repo).
set -euo pipefail

DURATION=${BENCH_DURATION:-20s} CONNECTIONS=${BENCH_CONNECTIONS:-64} THREADS=${BENCH_THREADS:-2}
WARMUP=${BENCH_WARMUP:-5s} ROUNDS=${BENCH_ROUNDS:-2}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${RAMMEVAERK_SHARED:-$(cd "$ROOT/.." && pwd)/shared}
[[ -d $SHARED/seeds ]] || { echo "no seeds in $SHARED (set RAMMEVAERK_SHARED)" >&2; exit 1; }
START=$SECONDS

if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
    echo "== installing nginx-light and wrk"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq nginx-light wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq nginx-light wrk >/dev/null; }
fi

TMP=$(mktemp -d /tmp/rammevaerk-bench.XXXXXX)
APP_PID='' NGINX_PID=''
stop() { [[ -n $1 ]] && kill "$1" 2>/dev/null && wait "$1" 2>/dev/null || true; }
cleanup() { stop "$APP_PID"; stop "$NGINX_PID"; [[ -n ${BENCH_KEEP:-} ]] && echo "kept $TMP" || rm -rf "$TMP"; }
trap cleanup EXIT
fail() { echo "FAILED: $*" >&2; for f in "$TMP"/*.log; do echo "--- $f" >&2; tail -20 "$f" >&2; done; exit 1; }

free_port() {  # a port nothing on 127.0.0.1 answers on
    local p
    for p in $(shuf -i 20000-45000 -n 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
    done
    return 1
}
wait_for() {  # URL seconds pid: until the URL answers, the time is up or the process has exited
    for ((i = 0; i < $2 * 5; i++)); do
        curl -fso /dev/null "$1" && return
        kill -0 "$3" 2>/dev/null || fail "the server for $1 exited"
        sleep 0.2
    done
    fail "no answer from $1 within $2 s"
}
start_app() {  # extra environment, e.g. Database__MigrateOnStartup=true; content root = the publish folder
    # Production wants a public address, a certificate for the key ring and (on SQLite) to know it is one node.
    [[ -f $TMP/dp.crt ]] || openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=bench" -keyout "$TMP/dp.key" -out "$TMP/dp.crt" >/dev/null 2>&1
    (cd "$TMP/app" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$APP_PORT" \
        Database__SingleNode=true Rammevaerk__PublicBaseUrl="https://127.0.0.1:$APP_PORT" \
        DataProtection__CertificatePath="$TMP/dp.crt" DataProtection__KeyPath="$TMP/dp.key" \
        ConnectionStrings__Default="Data Source=$TMP/bench.db" Rammevaerk__SharedPath="$SHARED" \
        Logging__LogLevel__Default=Warning "$@" dotnet Rammevaerk.dll) >>"$TMP/app.log" 2>&1 &
    APP_PID=$!
    wait_for "http://127.0.0.1:$APP_PORT/" 60 "$APP_PID"
}

SRC=$ROOT
if [[ -n ${BENCH_REF:-} ]]; then  # a committed tree instead of the work tree
    SRC=$TMP/src; mkdir -p "$SRC"
    git -C "$ROOT" archive "$BENCH_REF" | tar -x -C "$SRC"
    echo "== building $BENCH_REF ($(git -C "$ROOT" rev-parse --short "$BENCH_REF")) instead of the work tree"
fi
echo "== publishing src/Rammevaerk (Release)"
dotnet publish "$SRC/src/Rammevaerk" -c Release -o "$TMP/app" --nologo -v q >"$TMP/publish.log" 2>&1 || fail "dotnet publish"

echo "== preparing the SQLite database (migrations + demo data, Production)"
APP_PORT=$(free_port)
start_app Database__MigrateOnStartup=true DemoData__Load=true
stop "$APP_PID"; APP_PID=''
start_app   # the measured process: a plain production start on the prepared database
APP="http://127.0.0.1:$APP_PORT"

path=$(curl -fs "$APP/udvalg/socialdirektoerforum?aar=2025" | grep -o 'href="/moeder/[0-9]*"' | head -1 | cut -d'"' -f2) || true
[[ -n $path ]] || fail "no meeting link on /udvalg/socialdirektoerforum?aar=2025"
mkdir -p "$TMP/www"
curl -fs "$APP$path" -o "$TMP/www/meeting.html" || fail "GET $path"
grep -q '27. juni 2025' "$TMP/www/meeting.html" || fail "$path is not seed 001's meeting of 27 June 2025"
echo "   seed 001 meeting: $path ($(wc -c <"$TMP/www/meeting.html") bytes)"

echo "== starting nginx $(nginx -v 2>&1 | cut -d/ -f2)"
NGINX_PORT=$(free_port)
mkdir -p "$TMP/nginx"
cat >"$TMP/nginx.conf" <<EOF
user root;
worker_processes auto;
daemon off;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log warn;
events { worker_connections 4096; }
http {
    default_type text/html;
    charset utf-8;
    access_log off;
    sendfile on;
    tcp_nopush on;
    gzip off;
    keepalive_requests 10000000;  # like Kestrel: no forced reconnects during the run
    client_body_temp_path $TMP/nginx/body;
    proxy_temp_path $TMP/nginx/proxy;
    fastcgi_temp_path $TMP/nginx/fastcgi;
    uwsgi_temp_path $TMP/nginx/uwsgi;
    scgi_temp_path $TMP/nginx/scgi;
    server { listen 127.0.0.1:$NGINX_PORT; root $TMP/www; }
}
EOF
nginx -p "$TMP/nginx" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf" >"$TMP/nginx.log" 2>&1 &
NGINX_PID=$!
NGINX="http://127.0.0.1:$NGINX_PORT"
wait_for "$NGINX/meeting.html" 10 "$NGINX_PID"

# Same bytes from both, and both are 200s. The app should now answer from its output cache: a response that sets
# a cookie is never stored there (PublishingModule), so say so if it does.
code=$(curl -s "$APP$path" -o "$TMP/app-body.html" -D "$TMP/app-headers.txt" -w '%{http_code}')
[[ $code == 200 ]] || fail "GET $path answered $code"
code=$(curl -s "$NGINX/meeting.html" -o "$TMP/nginx-body.html" -D "$TMP/nginx-headers.txt" -w '%{http_code}')
[[ $code == 200 ]] || fail "nginx answered $code"
cmp -s "$TMP/app-body.html" "$TMP/nginx-body.html" && same=yes || same=NO
echo "   identical bodies: $same"
if grep -qi '^set-cookie:' "$TMP/app-headers.txt"; then
    cache="NOT engaged (the app's response sets a cookie: $(grep -i '^set-cookie:' "$TMP/app-headers.txt" | cut -d= -f1 | tr -d '\r'))"
elif grep -qi '^age:' "$TMP/app-headers.txt"; then cache="engaged (Age header)"; else cache="unknown (no Age header)"; fi
echo "   output cache: $cache"

run_wrk() {  # label URL duration -> prints "req/s p99_ms requests errors"
    local out="$TMP/wrk-$1.txt"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --timeout 10s --latency "$2" >"$out" 2>&1 || fail "wrk $2"
    awk '/Requests\/sec:/ { rps = $2 }
         $1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
                       p99 = v * (u == "us" ? 0.001 : u == "s" ? 1000 : u == "m" ? 60000 : 1) }
         / requests in / { n = $1 }
         /Non-2xx/ { err += $NF }
         /Socket errors/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
         END { printf "%.0f %.2f %d %d\n", rps, p99, n, err }' "$out"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== warm-up ($WARMUP each)"
run_wrk warm-app "$APP$path" "$WARMUP" >/dev/null
run_wrk warm-nginx "$NGINX/meeting.html" "$WARMUP" >/dev/null

echo "== measuring: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS rounds, app and nginx alternately"
declare -A best_rps=([app]=0 [nginx]=0) best_p99=([app]=0 [nginx]=0)
problems=''

for ((r = 1; r <= ROUNDS; r++)); do
    for target in app nginx; do
        [[ $target == app ]] && url="$APP$path" || url="$NGINX/meeting.html"
        sleep 3  # let the previous target finish what it still had in flight: the two share the CPU
        res=$(run_wrk "$target-$r" "$url" "$DURATION")
        read -r rps p99 n err <<<"$res"
        printf '   round %d %-5s %8s req/s  p99 %7s ms  (%s requests, %s errors)\n' "$r" "$target" "$rps" "$p99" "$n" "$err"
        ((n > 0 && err * 1000 <= n)) || problems+="$target round $r: $err non-2xx/socket errors in $n requests; "
        if ((rps > best_rps[$target])); then best_rps[$target]=$rps best_p99[$target]=$p99; fi
    done
done

echo
echo "== results: best round of $ROUNDS for each (highest req/s, with that round's p99)"
printf '%-7s %10s %10s %12s %12s\n' target req/s "p99 ms" "body bytes" "header bytes"
printf '%-7s %10s %10s %12s %12s\n' app "${best_rps[app]}" "${best_p99[app]}" "$(wc -c <"$TMP/app-body.html")" "$(wc -c <"$TMP/app-headers.txt")"
printf '%-7s %10s %10s %12s %12s\n' nginx "${best_rps[nginx]}" "${best_p99[nginx]}" "$(wc -c <"$TMP/nginx-body.html")" "$(wc -c <"$TMP/nginx-headers.txt")"
ratio=$(awk -v a="${best_rps[app]}" -v b="${best_rps[nginx]}" 'BEGIN { printf "%.3f", a / b }')
met=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.5 ? "MET" : "NOT MET") }')
echo "throughput app/nginx: $ratio   goal >= 0.50: $met"
echo "p99 app/nginx: $(awk -v a="${best_p99[app]}" -v b="${best_p99[nginx]}" 'BEGIN { printf "%.2f", a / b }')"
echo "same bytes: $same (app body vs nginx file, cmp); output cache: $cache"
echo "versions: $(nginx -v 2>&1 | cut -d' ' -f3), wrk $(wrk -v 2>&1 | head -1 | cut -d' ' -f2), .NET $(dotnet --version), $(nproc) cores"
echo "load average before measuring: $LOAD_BEFORE; now: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews both)"
echo "took $((SECONDS - START)) s"
[[ $same == yes ]] || problems+="the app's body differs from the nginx file; "
[[ -z $problems ]] || { echo "FAILED: $problems" >&2; exit 1; }
