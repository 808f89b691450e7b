#!/usr/bin/env bash
# A throwaway Rammeværk cluster on this machine, as production runs it: one PostgreSQL, two app nodes in Production,
# nginx in front with TLS (deploy/nginx/rammevaerk.conf), and the PDF worker (node p: the same app, the only one that
# prints; nginx does not send readers to it), everything on 127.0.0.1 and free ports.
#
#   scripts/cluster.sh start [--dir DIR] [--nodes 1|2] [--no-demo]   start it; DIR/cluster.env says where everything is
#   scripts/cluster.sh stop [--dir DIR]                               stop everything and remove DIR
#   scripts/cluster.sh kill-node a|b|p [--dir DIR]                    SIGKILL a node (a crash)
#   scripts/cluster.sh stop-node a|b|p [--dir DIR]                    SIGTERM a node (graceful) and wait for it
#   scripts/cluster.sh start-node a|b|p [--dir DIR]                   start a node again and wait until it is ready
#   scripts/cluster.sh restart-db [--dir DIR]                         restart PostgreSQL (fast shutdown)
#   scripts/cluster.sh status [--dir DIR]
#
# Installs postgresql, nginx-light and openssl from Debian packages when missing (as root, like scripts/test.sh).
# Uses the Release build in src/Rammevaerk/bin (building it when missing); RAMMEVAERK_APP_DLL names another.
# The secretariat account is cluster@rammevaerk.test with the password in DIR/cluster.env.
# CLUSTER_NODE_ENV: extra lines (NAME=value, one a line) appended to the nodes' node.env at start, after the defaults
# below, so they override them; e.g. CLUSTER_NODE_ENV='DOTNET_GCgen0size=0x2000000' to try a runtime setting.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

command=${1:-}
shift || true
dir=${RAMMEVAERK_CLUSTER_DIR:-/tmp/rammevaerk-cluster}
nodes=2
demo=1
node_arg=
while (($#)); do
  case $1 in
    --dir) dir=$2; shift 2 ;;
    --nodes) nodes=$2; shift 2 ;;
    --no-demo) demo=0; shift ;;
    a|b|p) node_arg=$1; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
as_pg() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
log() { printf '[cluster %s] %s\n' "$(date +%T)" "$*" >&2; }
# A port nobody listens on, and not one this script already chose (a chosen port stays free until its server starts).
# Called as `free_port VAR` (not in a subshell) so that the choice is remembered. The port lies below the kernel's
# range for outgoing connections (ip_local_port_range, usually from 32768): a port in that range can be held by any
# client's connection at the moment a server binds it, which made a start fail now and then under load.
chosen_ports=" "
ephemeral_low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
((ephemeral_low > 21000)) || ephemeral_low=32768
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % (ephemeral_low - 20000)))
    [[ $chosen_ports == *" $p "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then chosen_ports+="$p "; printf -v "$1" '%s' "$p"; return; fi
  done
  echo "no free port found" >&2; exit 1
}
pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1; }

# Waits until URL answers 200 (up to $2 seconds).
wait_ready() {
  local url=$1 seconds=${2:-90}
  for _ in $(seq 1 $((seconds * 4))); do
    if curl -fsk -o /dev/null --max-time 2 "$url"; then return 0; fi
    sleep 0.25
  done
  return 1
}

start_node() {  # name port
  local name=$1 port=$2
  # shellcheck disable=SC1091
  (
    set -a; source "$dir/node.env"; set +a
    export Rammevaerk__NodeName="node-$name" ASPNETCORE_URLS="http://127.0.0.1:$port"
    # The PDF worker: its own settings (deploy/pdf-worker.env.example) over the shared ones, as systemd reads them.
    if [[ $name == p ]]; then set -a; source "$dir/pdf-worker.env"; set +a; fi
    exec setsid dotnet "$app_dll" >>"$dir/node-$name.log" 2>&1
  ) &
  echo $! >"$dir/node-$name.pid"
  if ! wait_ready "http://127.0.0.1:$port/healthz/ready" 120; then
    log "node $name did not become ready; its log:"; tail -n 40 "$dir/node-$name.log" >&2; exit 1
  fi
  log "node $name ready on 127.0.0.1:$port (pid $(cat "$dir/node-$name.pid"))"
}

stop_node() {  # name signal
  local name=$1 signal=${2:-TERM} pid
  [[ -f $dir/node-$name.pid ]] || return 0
  pid=$(cat "$dir/node-$name.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "-$signal" "$pid" 2>/dev/null || true
    for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/node-$name.pid"
}

load_env() {
  [[ -f $dir/cluster.env ]] || { echo "no cluster in $dir (start one first)" >&2; exit 1; }
  # shellcheck disable=SC1091
  source "$dir/cluster.env"
  app_dll=$APP_DLL
}

case $command in
start)
  [[ -e $dir/cluster.env ]] && { echo "a cluster already runs in $dir (stop it first)" >&2; exit 1; }
  missing=()
  for pkg in postgresql nginx-light openssl curl; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    # nginx (full) serves as well as nginx-light.
    if [[ " ${missing[*]} " == *" nginx-light "* ]] && command -v nginx >/dev/null; then missing=("${missing[@]/nginx-light}"); fi
    read -ra missing <<<"${missing[*]}"
    if ((${#missing[@]})); then
      log "installing ${missing[*]}"
      as_root apt-get update -qq
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
  fi
  app_dll=${RAMMEVAERK_APP_DLL:-$root/src/Rammevaerk/bin/Release/net10.0/Rammevaerk.dll}
  if [[ ! -f $app_dll ]]; then
    log "building the app (Release)"
    dotnet build src/Rammevaerk -c Release --disable-build-servers -v q >/dev/null
  fi
  shared=${RAMMEVAERK_SHARED:-$(cd "$root/.." && pwd)/shared}
  [[ -d $shared/seeds ]] || { echo "shared/ not found beside the repository (set RAMMEVAERK_SHARED)" >&2; exit 1; }

  mkdir -p "$dir"
  chmod 755 "$dir"
  log "cluster in $dir"

  # --- PostgreSQL ---------------------------------------------------------------------------------------------
  bin=$(pgbin)
  [[ -x $bin/initdb ]] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; exit 1; }
  pg_password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  mkdir -p "$dir/pg-run" "$dir/pg"
  printf '%s\n' "$pg_password" >"$dir/pwfile"
  if [[ $EUID -eq 0 ]]; then chown postgres: "$dir/pwfile" "$dir/pg-run" "$dir/pg"; fi
  as_pg "$bin/initdb" -D "$dir/pg" -U postgres --pwfile="$dir/pwfile" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  free_port pg_port
  pg_opts="-c listen_addresses=127.0.0.1 -p $pg_port -k $dir/pg-run -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
  echo "$pg_opts" >"$dir/pg.opts"
  as_pg "$bin/pg_ctl" -D "$dir/pg" -l "$dir/pg-run/postgres.log" -w -t 60 start -o "$pg_opts" >/dev/null
  as_pg "$bin/psql" -h "$dir/pg-run" -p "$pg_port" -U postgres -qc "CREATE DATABASE rammevaerk" >/dev/null
  log "PostgreSQL on 127.0.0.1:$pg_port"

  # --- Certificates: nginx's TLS, and the one the data-protection keys are encrypted with ------------------------
  openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$dir/tls.key" -out "$dir/tls.crt" >/dev/null 2>&1
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=Rammevaerk data protection (cluster)" \
    -keyout "$dir/dataprotection.key" -out "$dir/dataprotection.crt" >/dev/null 2>&1

  # --- The nodes' shared settings (as deploy/production.env.example: its runtime lines, and the nodes do not print) ---
  free_port lb_port
  free_port port_a
  free_port port_b
  free_port port_p
  connection="Host=127.0.0.1;Port=$pg_port;Database=rammevaerk;Username=postgres;Password=$pg_password"
  # Quoted: the file is read by bash here (and by systemd, which drops the quotes, in production).
  cat >"$dir/node.env" <<ENV
ASPNETCORE_ENVIRONMENT=Production
ASPNETCORE_CONTENTROOT='$root/src/Rammevaerk'
ConnectionStrings__Default='$connection'
Rammevaerk__PublicBaseUrl=https://127.0.0.1:$lb_port
Rammevaerk__SharedPath='$shared'
Rammevaerk__Proxies=127.0.0.1
Rammevaerk__ShutdownSeconds=20
DataProtection__CertificatePath='$dir/dataprotection.crt'
DataProtection__KeyPath='$dir/dataprotection.key'
Pdf__Chromium='${RAMMEVAERK_CHROMIUM:-/usr/bin/chromium}'
Pdf__FilesPath='$dir/pdf'
Jobs__CheckSeconds=5
Logging__LogLevel__Default=Warning
Logging__LogLevel__Rammevaerk=Information
$(grep -E '^(DOTNET_|Pdf__PrintOnThisNode=)' deploy/production.env.example)
ENV
  if [[ -n ${CLUSTER_NODE_ENV:-} ]]; then printf '%s\n' "$CLUSTER_NODE_ENV" >>"$dir/node.env"; fi
  grep -E '^Pdf__' deploy/pdf-worker.env.example >"$dir/pdf-worker.env"
  password="cluster-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  (
    set -a; source "$dir/node.env"; set +a
    cd "$root/src/Rammevaerk"
    dotnet "$app_dll" migrate >"$dir/migrate.log" 2>&1 || { cat "$dir/migrate.log" >&2; exit 1; }
    if ((demo)); then dotnet "$app_dll" load-demo-data >>"$dir/migrate.log" 2>&1 || { cat "$dir/migrate.log" >&2; exit 1; }; fi
    RAMMEVAERK_PASSWORD=$password dotnet "$app_dll" create-secretariat --email cluster@rammevaerk.test --name "Klyngetest" >>"$dir/migrate.log" 2>&1 \
      || { cat "$dir/migrate.log" >&2; exit 1; }
  )
  log "database migrated$( ((demo)) && echo ', demo data loaded')"

  # --- nginx with the deployment's own configuration -------------------------------------------------------------
  node_b_addr=127.0.0.1:$port_b
  ((nodes == 1)) && node_b_addr=127.0.0.1:$port_a
  mkdir -p "$dir/nginx"/{body,proxy,fastcgi,uwsgi,scgi}
  chmod 1777 "$dir/nginx"/{body,proxy,fastcgi,uwsgi,scgi}   # nginx's workers run as nobody when started by root
  NODE_A=127.0.0.1:$port_a NODE_B=$node_b_addr LISTEN=127.0.0.1:$lb_port SERVER_NAME=localhost \
    TLS_CERT=$dir/tls.crt TLS_KEY=$dir/tls.key \
    envsubst '$NODE_A $NODE_B $LISTEN $SERVER_NAME $TLS_CERT $TLS_KEY' <deploy/nginx/rammevaerk.conf >"$dir/nginx/rammevaerk.conf"
  cat >"$dir/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $dir/nginx/body;
    proxy_temp_path $dir/nginx/proxy;
    fastcgi_temp_path $dir/nginx/fastcgi;
    uwsgi_temp_path $dir/nginx/uwsgi;
    scgi_temp_path $dir/nginx/scgi;
    include $dir/nginx/rammevaerk.conf;
}
CONF
  cat >"$dir/cluster.env" <<ENV
CLUSTER_DIR=$dir
APP_DLL=$app_dll
BALANCER_URL=https://127.0.0.1:$lb_port
NODE_A_URL=http://127.0.0.1:$port_a
NODE_B_URL=http://127.0.0.1:$port_b
NODE_P_URL=http://127.0.0.1:$port_p
NODES=$nodes
PG_PORT=$pg_port
PG_CONNECTION='$connection'
SECRETARIAT_EMAIL=cluster@rammevaerk.test
SECRETARIAT_PASSWORD=$password
ENV

  start_node p "$port_p"
  start_node a "$port_a"
  if ((nodes == 2)); then start_node b "$port_b"; fi
  nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx"
  wait_ready "https://127.0.0.1:$lb_port/healthz/ready" 30 || { echo "nginx does not answer" >&2; cat "$dir/nginx/error.log" >&2; exit 1; }
  log "nginx on https://127.0.0.1:$lb_port → $nodes node(s)"
  cat "$dir/cluster.env"
  ;;

stop)
  [[ -d $dir ]] || exit 0
  if [[ -f $dir/nginx/nginx.pid ]]; then nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx" -s stop 2>/dev/null || true; fi
  stop_node a TERM
  stop_node b TERM
  stop_node p TERM
  bin=$(pgbin)
  if [[ -f $dir/pg/postmaster.pid ]]; then as_pg "$bin/pg_ctl" -D "$dir/pg" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
  log "stopped"
  ;;

kill-node|stop-node|start-node)
  load_env
  [[ -n $node_arg ]] || { echo "name the node: a, b or p" >&2; exit 2; }
  url_var=NODE_${node_arg^^}_URL
  port=${!url_var##*:}
  case $command in
    kill-node) stop_node "$node_arg" KILL; log "node $node_arg killed" ;;
    stop-node) stop_node "$node_arg" TERM; log "node $node_arg stopped" ;;
    start-node) start_node "$node_arg" "$port" ;;
  esac
  ;;

restart-db)
  load_env
  bin=$(pgbin)
  as_pg "$bin/pg_ctl" -D "$dir/pg" -l "$dir/pg-run/postgres.log" -m fast -w -t 60 restart -o "$(cat "$dir/pg.opts")" >/dev/null
  log "PostgreSQL restarted"
  ;;

status)
  load_env
  cat "$dir/cluster.env"
  for n in a b p; do
    url_var=NODE_${n^^}_URL
    printf 'node %s: %s\n' "$n" "$(curl -fsk --max-time 2 "${!url_var}/healthz/ready" || echo down)"
  done
  ;;

*)
  sed -n '2,16p' "$0" >&2
  exit 2
  ;;
esac
