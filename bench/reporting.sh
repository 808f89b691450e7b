#!/usr/bin/env bash
# Annual-report workbook import against plain OpenXml reading: 23 pre-filled workbooks (Region Syddanmark's 22
# municipalities and the region) with 500 offers in all, written by ReportWorkbook.Write with a fixed random seed;
# times (a) opening them and reading every cell with OpenXml only and (b) ReportWorkbook.Read of all 23 plus
# ReportValidator.Validate of the whole round, and prints medians and the ratio ours/reference. See bench/README.md.
# Env: BENCH_RUNS (15), BENCH_WARMUP (3), BENCH_OFFERS (500), BENCH_SEED (20261123),
# RAMMEVAERK_SHARED (default: shared/ beside the repo).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${RAMMEVAERK_SHARED:-$(cd "$ROOT/.." && pwd)/shared}
[[ -f $SHARED/data/municipalities.csv ]] || { echo "no data/municipalities.csv in $SHARED (set RAMMEVAERK_SHARED)" >&2; exit 1; }

log=$(mktemp /tmp/rammevaerk-reporting-bench.XXXXXX.log)
trap 'rm -f "$log"' EXIT
echo "== building bench/ReportingBench (Release)"
dotnet build "$ROOT/bench/ReportingBench" -c Release -v q --nologo >"$log" 2>&1 || { cat "$log" >&2; exit 1; }

echo "== running (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
dotnet "$ROOT/bench/ReportingBench/bin/Release/net10.0/ReportingBench.dll" --shared "$SHARED" \
  --runs "${BENCH_RUNS:-15}" --warmup "${BENCH_WARMUP:-3}" --offers "${BENCH_OFFERS:-500}" --seed "${BENCH_SEED:-20261123}"
echo "(load average after: $(cut -d' ' -f1-3 /proc/loadavg); this machine has $(nproc) cores)"
