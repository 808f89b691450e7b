#!/usr/bin/env bash
# Archive import speed: a folder of generated meetings (BENCH_MEETINGS, 200) in the archive's layouts, half PDF and half
# text, made from the seed minutes with a fixed random seed, imported by the app's reader, parser and importer (one
# transaction per meeting) on SQLite and PostgreSQL, beside plain text extraction of the same files by the same
# libraries. Prints meetings per second and the ratio import ÷ extraction. See bench/README.md.
# Env: RAMMEVAERK_TEST_POSTGRES (reuse that server: a scratch database is created on it and dropped again; otherwise
# a throwaway cluster is started as scripts/test.sh does), BENCH_MEETINGS (200), BENCH_SEED (20261206),
# RAMMEVAERK_SHARED (default: shared/ beside the repo), BENCH_KEEP=1 (keep the temp folder).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${RAMMEVAERK_SHARED:-$(cd "$ROOT/.." && pwd)/shared}
[[ -d $SHARED/seeds ]] || { echo "no seeds in $SHARED (set RAMMEVAERK_SHARED)" >&2; exit 1; }
as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

work=$(mktemp -d /tmp/rammevaerk-import-bench.XXXXXX)
pgbin='' as_pg=() admin_cs='' bench_db=''
cleanup() {
  local rc=$?
  if [[ -n $bench_db && -n $admin_cs ]]; then
    psql "$admin_cs" -qc "DROP DATABASE IF EXISTS \"$bench_db\"" >/dev/null 2>&1 || true
  fi
  if [[ -f $work/pg/postmaster.pid ]]; then
    "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  [[ -n ${BENCH_KEEP:-} ]] && echo "kept $work" || rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bench_prefix=rammevaerk_import_bench
# shellcheck source=bench/postgres.sh
source "$ROOT/bench/postgres.sh"

echo "== building bench/ImportBench (Release)"
dotnet build "$ROOT/bench/ImportBench" -c Release -v q --nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }

echo "== running (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
mkdir -p "$work/files"
set +e
dotnet "$ROOT/bench/ImportBench/bin/Release/net10.0/ImportBench.dll" --seeds "$SHARED/seeds" \
  --sqlite "$work/import-bench.db" --postgres "$pg_cs" --folder "$work/files" \
  --meetings "${BENCH_MEETINGS:-200}" --seed "${BENCH_SEED:-20261206}"
status=$?
set -e
echo "(load average after: $(cut -d' ' -f1-3 /proc/loadavg); this machine has $(nproc) cores)"
exit "$status"
