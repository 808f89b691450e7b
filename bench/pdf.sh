#!/usr/bin/env bash
# The PDF minutes of seed 001 (27 June 2025, 21 items): the app (Release build, Kestrel, SQLite, Production) making
# the PDF cold (first request after start, empty cache) and serving it cached, beside the floor — bare Chromium
# printing the very HTML the app printed (`chromium --headless --print-to-pdf`) — and beside nginx serving the same
# PDF bytes as a static file. See bench/README.md.
# Env: BENCH_COLD_ROUNDS (3), BENCH_CACHED_REQUESTS (50), BENCH_DURATION (15s), BENCH_CONNECTIONS (16),
# BENCH_THREADS (2), BENCH_ROUNDS (2), BENCH_KEEP=1 (keep the temp folder), RAMMEVAERK_SHARED (default: shared/ beside
# the repo), RAMMEVAERK_CHROMIUM (default /usr/bin/chromium).
set -euo pipefail

COLD_ROUNDS=${BENCH_COLD_ROUNDS:-3} CACHED_REQUESTS=${BENCH_CACHED_REQUESTS:-50}
DURATION=${BENCH_DURATION:-15s} CONNECTIONS=${BENCH_CONNECTIONS:-16} THREADS=${BENCH_THREADS:-2} ROUNDS=${BENCH_ROUNDS:-2}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${RAMMEVAERK_SHARED:-$(cd "$ROOT/.." && pwd)/shared}
CHROMIUM=${RAMMEVAERK_CHROMIUM:-/usr/bin/chromium}
[[ -d $SHARED/seeds ]] || { echo "no seeds in $SHARED (set RAMMEVAERK_SHARED)" >&2; exit 1; }
START=$SECONDS

missing=()
command -v nginx >/dev/null || missing+=(nginx-light)
command -v wrk >/dev/null || missing+=(wrk)
[[ -x $CHROMIUM ]] || missing+=(chromium)
dpkg-query -W -f='${Status}' fonts-dejavu-core 2>/dev/null | grep -q 'install ok installed' || missing+=(fonts-dejavu-core)
if ((${#missing[@]})); then
    echo "== installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
        || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
fi

TMP=$(mktemp -d /tmp/rammevaerk-bench-pdf.XXXXXX)
APP_PID='' NGINX_PID=''
stop() { [[ -n $1 ]] && kill "$1" 2>/dev/null && wait "$1" 2>/dev/null || true; }
cleanup() { stop "$APP_PID"; stop "$NGINX_PID"; [[ -n ${BENCH_KEEP:-} ]] && echo "kept $TMP" || rm -rf "$TMP"; }
trap cleanup EXIT
fail() { echo "FAILED: $*" >&2; for f in "$TMP"/*.log; do echo "--- $f" >&2; tail -20 "$f" >&2; done; exit 1; }

free_port() {
    local p
    for p in $(shuf -i 20000-45000 -n 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
    done
    return 1
}
wait_for() {  # URL seconds pid
    for ((i = 0; i < $2 * 10; i++)); do
        curl -fso /dev/null "$1" && return
        kill -0 "$3" 2>/dev/null || fail "the server for $1 exited"
        sleep 0.1
    done
    fail "no answer from $1 within $2 s"
}
start_app() {  # database file, extra environment
    local db=$1; shift
    # Production wants a public address, a certificate for the key ring and (on SQLite) to know it is one node.
    [[ -f $TMP/dp.crt ]] || openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=bench" -keyout "$TMP/dp.key" -out "$TMP/dp.crt" >/dev/null 2>&1
    (cd "$TMP/app" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$APP_PORT" \
        Database__SingleNode=true Rammevaerk__PublicBaseUrl="https://127.0.0.1:$APP_PORT" \
        DataProtection__CertificatePath="$TMP/dp.crt" DataProtection__KeyPath="$TMP/dp.key" \
        ConnectionStrings__Default="Data Source=$db" Rammevaerk__SharedPath="$SHARED" Pdf__Chromium="$CHROMIUM" \
        Pdf__SaveHtmlTo="$TMP/html" Logging__LogLevel__Default=Warning \
        Logging__LogLevel__Rammevaerk.Publishing.Pdf=Information "$@" dotnet Rammevaerk.dll) >>"$TMP/app.log" 2>&1 &
    APP_PID=$!
    wait_for "http://127.0.0.1:$APP_PORT/" 60 "$APP_PID"
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
seconds() { curl -s -o "$2" -w '%{http_code} %{time_total}\n' "$1"; }  # URL file -> "code seconds"

echo "== publishing src/Rammevaerk (Release)"
dotnet publish "$ROOT/src/Rammevaerk" -c Release -o "$TMP/app" --nologo -v q >"$TMP/publish.log" 2>&1 || fail "dotnet publish"

echo "== preparing the SQLite database (migrations + demo data, Production)"
APP_PORT=$(free_port)
start_app "$TMP/prepared.db" Database__MigrateOnStartup=true DemoData__Load=true
APP="http://127.0.0.1:$APP_PORT"
path=$(curl -fs "$APP/udvalg/socialdirektoerforum?aar=2025" | grep -o 'href="/moeder/[0-9]*"' | head -1 | cut -d'"' -f2) || true
[[ -n $path ]] || fail "no meeting link on /udvalg/socialdirektoerforum?aar=2025"
page=$(curl -fs "$APP$path") || fail "GET $path"
[[ $page == *"27. juni 2025"* ]] || fail "$path is not seed 001's meeting of 27 June 2025"
stop "$APP_PID"; APP_PID=''
echo "   seed 001 meeting: $path; PDF: $path/pdf"

# --- cold: a fresh process on a fresh copy of the prepared database (no PDF cached), first request -------------------
echo "== cold: $COLD_ROUNDS fresh starts, each timing its first GET $path/pdf"
: >"$TMP/cold.txt"
for ((r = 1; r <= COLD_ROUNDS; r++)); do
    cp "$TMP/prepared.db" "$TMP/cold-$r.db"
    rm -rf "$TMP/html"
    start_app "$TMP/cold-$r.db"
    read -r code t < <(seconds "$APP$path/pdf" "$TMP/cold-$r.pdf")
    [[ $code == 200 ]] || fail "GET $path/pdf answered $code"
    printf '   round %d: %.2f s (%s bytes, %s pages)\n' "$r" "$t" "$(wc -c <"$TMP/cold-$r.pdf")" "$(pdfinfo "$TMP/cold-$r.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')"
    echo "$t" >>"$TMP/cold.txt"
    if ((r < COLD_ROUNDS)); then stop "$APP_PID"; APP_PID=''; fi
done
COLD=$(median <"$TMP/cold.txt")
grep -h "built in" "$TMP/app.log" | sed 's/^ */   app log: /' | tail -n "$COLD_ROUNDS"
HTML=$(ls "$TMP"/html/*uden-bilag.html 2>/dev/null | head -1)
[[ -f $HTML ]] || fail "the app did not save the printed HTML (Pdf:SaveHtmlTo)"

# --- cached: the same process, the PDF now in its cache ----------------------------------------------------------------
echo "== cached: $CACHED_REQUESTS sequential GETs of $path/pdf from the running app"
: >"$TMP/cached.txt"
for ((i = 1; i <= CACHED_REQUESTS; i++)); do
    read -r code t < <(seconds "$APP$path/pdf" "$TMP/cached.pdf")
    [[ $code == 200 ]] || fail "cached GET answered $code"
    echo "$t" >>"$TMP/cached.txt"
done
CACHED_FIRST=$(median <"$TMP/cached.txt")
cmp -s "$TMP/cached.pdf" "$TMP/cold-$COLD_ROUNDS.pdf" && same_cached=yes || same_cached=NO
curl -s -D "$TMP/cached-headers.txt" -o /dev/null "$APP$path/pdf"
if grep -qiE '^etag: "[0-9a-f]{64}"' "$TMP/cached-headers.txt"; then cache="content-addressed file (SHA-256 ETag)"
elif grep -qi '^age:' "$TMP/cached-headers.txt"; then cache="output cache (Age header)"; else cache="database cache (no Age header)"; fi
echo "   served from: $cache; ETag $(grep -i '^etag:' "$TMP/cached-headers.txt" | cut -d' ' -f2 | tr -d '\r')"

# --- the floor: bare Chromium printing the same HTML -----------------------------------------------------------------
echo "== floor: bare Chromium, $COLD_ROUNDS runs of --print-to-pdf on the printed HTML ($(wc -c <"$HTML") bytes)"
: >"$TMP/bare.txt"
for ((r = 1; r <= COLD_ROUNDS; r++)); do
    s=$(date +%s.%N)
    "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking \
        --disable-component-update --no-first-run --disable-sync --no-pdf-header-footer --generate-pdf-document-outline \
        --user-data-dir="$TMP/chromium-$r" --print-to-pdf="$TMP/bare-$r.pdf" "file://$HTML" >>"$TMP/chromium.log" 2>&1 \
        || fail "chromium --print-to-pdf"
    e=$(date +%s.%N)
    t=$(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.4f", e - s }')
    printf '   run %d: %.2f s (%s pages)\n' "$r" "$t" "$(pdfinfo "$TMP/bare-$r.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')"
    echo "$t" >>"$TMP/bare.txt"
done
BARE=$(median <"$TMP/bare.txt")

# --- cached PDF vs the same bytes as a static file from nginx ----------------------------------------------------------
echo "== starting nginx $(nginx -v 2>&1 | cut -d/ -f2) with the same PDF as a static file"
mkdir -p "$TMP/www" "$TMP/nginx"
cp "$TMP/cached.pdf" "$TMP/www/minutes.pdf"
NGINX_PORT=$(free_port)
cat >"$TMP/nginx.conf" <<EOF
user root;
worker_processes auto;
daemon off;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log warn;
events { worker_connections 4096; }
http {
    types { application/pdf pdf; }
    access_log off;
    sendfile on;
    tcp_nopush on;
    gzip off;
    keepalive_requests 10000000;
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
wait_for "$NGINX/minutes.pdf" 10 "$NGINX_PID"
curl -s "$NGINX/minutes.pdf" -o "$TMP/nginx.pdf"
cmp -s "$TMP/nginx.pdf" "$TMP/cached.pdf" && same=yes || same=NO


# The same bytes as a static file of the app itself (wwwroot, ASP.NET Core's static-file middleware on Kestrel): what
# "a static file" costs on this server, beside nginx's sendfile.
cp "$TMP/cached.pdf" "$TMP/app/wwwroot/bench-minutes.pdf"
curl -s "$APP/bench-minutes.pdf" -o "$TMP/kestrel.pdf"
cmp -s "$TMP/kestrel.pdf" "$TMP/cached.pdf" || fail "the app's static copy differs"
# One request at a time, the three targets interleaved (so drifting load hits all three alike), each warmed up first
# with 100 requests (the app's code paths past tiered JIT).
for url in "$APP$path/pdf" "$NGINX/minutes.pdf" "$APP/bench-minutes.pdf"; do
    for ((i = 1; i <= 100; i++)); do curl -s -o /dev/null "$url"; done
done
: >"$TMP/cached.txt"; : >"$TMP/static.txt"; : >"$TMP/kestrel.txt"
for ((i = 1; i <= CACHED_REQUESTS; i++)); do
    read -r code t < <(seconds "$APP$path/pdf" /dev/null); echo "$t" >>"$TMP/cached.txt"
    read -r code t < <(seconds "$NGINX/minutes.pdf" /dev/null); echo "$t" >>"$TMP/static.txt"
    read -r code t < <(seconds "$APP/bench-minutes.pdf" /dev/null); echo "$t" >>"$TMP/kestrel.txt"
done
CACHED=$(median <"$TMP/cached.txt")
STATIC=$(median <"$TMP/static.txt")
KESTREL=$(median <"$TMP/kestrel.txt")

run_wrk() {  # label URL -> "req/s p50_ms p99_ms requests errors"
    local out="$TMP/wrk-$1.txt"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "$2" >"$out" 2>&1 || fail "wrk $2"
    awk '/Requests\/sec:/ { rps = $2 }
         $1 == "50%" || $1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
                       ms = v * (u == "us" ? 0.001 : u == "s" ? 1000 : u == "m" ? 60000 : 1)
                       if ($1 == "50%") p50 = ms; else p99 = ms }
         / requests in / { n = $1 }
         /Non-2xx/ { err += $NF }
         /Socket errors/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
         END { printf "%.0f %.2f %.2f %d %d\n", rps, p50, p99, n, err }' "$out"
}
echo "== throughput: wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS rounds, app and nginx alternately"
declare -A best_rps=([app]=0 [nginx]=0 [kestrel]=0) best_p50=([app]=0 [nginx]=0 [kestrel]=0) best_p99=([app]=0 [nginx]=0 [kestrel]=0)
problems=''
for ((r = 1; r <= ROUNDS; r++)); do
    for target in app nginx kestrel; do
        case $target in app) url="$APP$path/pdf" ;; nginx) url="$NGINX/minutes.pdf" ;; kestrel) url="$APP/bench-minutes.pdf" ;; esac
        sleep 2
        read -r rps p50 p99 n err < <(run_wrk "$target-$r" "$url")
        printf '   round %d %-5s %8s req/s  p50 %7s ms  p99 %7s ms  (%s requests, %s errors)\n' "$r" "$target" "$rps" "$p50" "$p99" "$n" "$err"
        ((n > 0 && err * 1000 <= n)) || problems+="$target round $r: $err errors in $n requests; "
        if ((rps > best_rps[$target])); then best_rps[$target]=$rps best_p50[$target]=$p50 best_p99[$target]=$p99; fi
    done
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
COLD_RATIO=$(ratio "$COLD" "$BARE")
CACHED_RATIO=$(ratio "$CACHED" "$STATIC")
KESTREL_RATIO=$(ratio "$CACHED" "$KESTREL")
KESTREL_RPS_RATIO=$(ratio "${best_rps[app]}" "${best_rps[kestrel]}")
RPS_RATIO=$(ratio "${best_rps[app]}" "${best_rps[nginx]}")
echo
echo "== results (medians)"
printf '%-44s %10s\n' "cold PDF (first request after start)" "$(printf '%.2f s' "$COLD")"
printf '%-44s %10s\n' "bare chromium --print-to-pdf, same HTML" "$(printf '%.2f s' "$BARE")"
printf '%-44s %10s\n' "cached PDF, first requests after the cold one" "$(awk -v t="$CACHED_FIRST" 'BEGIN { printf "%.1f ms", t * 1000 }')"
printf '%-44s %10s\n' "cached PDF, one request (warm, interleaved)" "$(awk -v t="$CACHED" 'BEGIN { printf "%.1f ms", t * 1000 }')"
printf '%-44s %10s\n' "static file from nginx, one request" "$(awk -v t="$STATIC" 'BEGIN { printf "%.1f ms", t * 1000 }')"
printf '%-44s %10s\n' "static file from the app (Kestrel), one request" "$(awk -v t="$KESTREL" 'BEGIN { printf "%.1f ms", t * 1000 }')"
printf '%-44s %10s\n' "cached PDF under load (best round)" "${best_rps[app]} req/s, p50 ${best_p50[app]} ms, p99 ${best_p99[app]} ms"
printf '%-44s %10s\n' "static file under load (best round)" "${best_rps[nginx]} req/s, p50 ${best_p50[nginx]} ms, p99 ${best_p99[nginx]} ms"
printf '%-44s %10s\n' "app's static file under load (best round)" "${best_rps[kestrel]} req/s, p50 ${best_p50[kestrel]} ms, p99 ${best_p99[kestrel]} ms"
echo "cold / bare chromium: $COLD_RATIO   goal <= 1.5: $(awk -v r="$COLD_RATIO" 'BEGIN { print (r <= 1.5 ? "MET" : "NOT MET") }')"
echo "cached / static (one request): $CACHED_RATIO; throughput cached/static: $RPS_RATIO   goal 'as fast as static' (latency ratio <= 1.5): $(awk -v r="$CACHED_RATIO" 'BEGIN { print (r <= 1.5 ? "MET" : "NOT MET") }')"
echo "cached / the app's own static file (one request): $KESTREL_RATIO; throughput: $KESTREL_RPS_RATIO   (the same server, so what the cache path adds over static serving)"
echo "same bytes: cached vs cold $same_cached, nginx vs app $same; PDF $(wc -c <"$TMP/cached.pdf") bytes; cached PDF served from the $cache"
echo "versions: $("$CHROMIUM" --version 2>/dev/null | grep -o 'Chromium [0-9.]*'), $(nginx -v 2>&1 | cut -d' ' -f3), .NET $(dotnet --version), $(nproc) cores"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews every figure)"
echo "took $((SECONDS - START)) s"
[[ $same == yes && $same_cached == yes ]] || problems+="bytes differ; "
[[ -z $problems ]] || { echo "FAILED: $problems" >&2; exit 1; }
