#!/usr/bin/env bash
# Search latency on a synthetic archive (10 years × 5 bodies × 10 meetings × 20 items = 10,000 items, text made from
# the seed minutes with a fixed random seed), on SQLite and PostgreSQL, beside a plain LIKE '%term%' scan of the same
# rows. Goals: p95 < 50 ms and at least 10× faster than the scan. See bench/README.md.
# Env: RAMMEVAERK_TEST_POSTGRES (reuse that server: a scratch database is created on it and dropped again; otherwise
# a throwaway cluster is started as scripts/test.sh does), BENCH_QUERIES (200), BENCH_SEED (20261123),
# RAMMEVAERK_SHARED (default: shared/ beside the repo), BENCH_KEEP=1 (keep the temp folder).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${RAMMEVAERK_SHARED:-$(cd "$ROOT/.." && pwd)/shared}
[[ -d $SHARED/seeds ]] || { echo "no seeds in $SHARED (set RAMMEVAERK_SHARED)" >&2; exit 1; }
as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

work=$(mktemp -d /tmp/rammevaerk-search-bench.XXXXXX)
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

bench_prefix=rammevaerk_search_bench
# shellcheck source=bench/postgres.sh
source "$ROOT/bench/postgres.sh"

echo "== building bench/SearchBench (Release)"
dotnet build "$ROOT/bench/SearchBench" -c Release -v q --nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }

echo "== running (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
set +e
dotnet "$ROOT/bench/SearchBench/bin/Release/net10.0/SearchBench.dll" --seeds "$SHARED/seeds" \
  --sqlite "$work/search-bench.db" --postgres "$pg_cs" \
  --queries "${BENCH_QUERIES:-200}" --seed "${BENCH_SEED:-20261123}"
status=$?
set -e
echo "(load average after: $(cut -d' ' -f1-3 /proc/loadavg); this machine has $(nproc) cores)"
((status == 2)) && echo "(a goal was missed)"
exit "$status"
