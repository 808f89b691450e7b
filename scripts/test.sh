#!/usr/bin/env bash
# Runs every test: builds (Release), checks both migration sets, then runs the test project against SQLite,
# a throwaway PostgreSQL cluster and the system's Chromium. Installs missing Debian packages first.
# Extra arguments go to `dotnet test`, e.g. scripts/test.sh --filter "FullyQualifiedName~Smoke".
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s  [%ss]\n' "$*" "$SECONDS"; }
as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# --- 1. Debian packages ---------------------------------------------------------------------------------------
missing=()
for pkg in postgresql chromium fonts-dejavu-core; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  step "Installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
command -v dotnet >/dev/null || { echo "dotnet (the .NET 10 SDK) is not on PATH." >&2; exit 1; }

# --- 2. A throwaway PostgreSQL cluster, removed again on exit -------------------------------------------------
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[[ -x $pgbin/initdb ]] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql." >&2; exit 1; }
work=$(mktemp -d /tmp/rammevaerk-test.XXXXXX)   # under /tmp, so the postgres user can reach it
as_pg=()
if [[ $EUID -eq 0 ]]; then as_pg=(runuser -u postgres --); fi   # postgres refuses to run as root

cleanup() {
  local rc=$?
  if [[ -f $work/pg/postmaster.pid ]]; then
    "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$password" >"$work/pwfile"
if [[ $EUID -eq 0 ]]; then chown -R postgres: "$work"; fi

step "Starting PostgreSQL ($("$pgbin/postgres" --version))"
"${as_pg[@]}" "$pgbin/initdb" -D "$work/pg" -U postgres --pwfile="$work/pwfile" --auth-local=trust \
  --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; exit 1; }
port=
for _ in 1 2 3 4 5 6 7 8; do
  candidate=$((20000 + RANDOM % 40000))
  if (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then continue; fi   # something listens there
  if "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -l "$work/postgres.log" -w -t 60 start -o \
      "-c listen_addresses=127.0.0.1 -p $candidate -k $work -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      >/dev/null; then
    port=$candidate
    break
  fi
done
[[ -n $port ]] || { echo "PostgreSQL did not start:" >&2; cat "$work/postgres.log" >&2; exit 1; }
echo "PostgreSQL listens on 127.0.0.1:$port (data in $work/pg)"

export RAMMEVAERK_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres"
export RAMMEVAERK_CHROMIUM=${RAMMEVAERK_CHROMIUM:-/usr/bin/chromium}
# Every test app (and the test OpenID Connect provider) would watch its config and static files with inotify, whose
# instances are limited per user (often 128): poll instead, and do not reload configuration during a test.
export DOTNET_hostBuilder__reloadConfigOnChange=false DOTNET_USE_POLLING_FILE_WATCHER=true

# --- 3. Build, migrations check, tests ------------------------------------------------------------------------
step "Building"
dotnet tool restore
dotnet build Rammevaerk.slnx -c Release --disable-build-servers

step "Checking migrations"
CONFIGURATION=Release scripts/check-migrations.sh --no-build

step "Running tests"
mkdir -p "$work/tmp"   # the tests' temporary files (SQLite databases) go here and vanish with the cluster
set +e
TMPDIR="$work/tmp" dotnet test Rammevaerk.slnx -c Release --no-build --logger "console;verbosity=normal" \
  --logger trx --results-directory "$work/results" "$@"
status=$?
set -e
if ! compgen -G "$work/results/*.trx" >/dev/null; then
  echo "dotnet test wrote no results (was the test host killed?)" >&2
  ((status != 0)) || status=1
fi

# Sum the counters of every .trx file.
count() { cat "$work"/results/*.trx 2>/dev/null | grep -o '<Counters [^>]*' | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{ n += $1 } END { print n + 0 }'; }
step "Summary"
echo "$(count passed) passed, $(count failed) failed"
((status == 0)) || echo "dotnet test exited with status $status"
exit "$status"
