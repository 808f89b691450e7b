#!/usr/bin/env bash
# Where a node allocates under bench/cluster.sh's load: one node of scripts/cluster.sh (Production settings of
# deploy/production.env.example), a 10 s warm-up, then BENCH_DURATION (20) seconds of the cluster bench's readers and
# reporters while dotnet-trace records the runtime's allocation ticks (one event per ~100 KB, with its stack).
# Prints the load line and, per kind (small objects, large object heap, pinned), the stacks that allocated most.
# How the held public answers' 20 MB/s of large arrays were found (bench/README.md, "Where a node allocates").
#
#   bench/alloc-trace.sh                                       # about 2 minutes
#   BENCH_READERS=0 bench/alloc-trace.sh                       # the reporters only (BENCH_REPORTERS=0: readers only)
#   CLUSTER_NODE_ENV='Pdf__RenderAtPublication=false' bench/alloc-trace.sh
#   BENCH_KEEP=/tmp/trace.nettrace bench/alloc-trace.sh        # keep the trace for a second look (--top, --frames)
#
# Installs dotnet-trace (the .NET diagnostics tool) into bench/.tools when it is missing. The trace starts with the
# load run, so its window also holds the reporters' sign-ins (a second or two) at the start.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${BENCH_DURATION:-20}
readers=${BENCH_READERS:-200}
reporters=${BENCH_REPORTERS:-23}
work=$(mktemp -d /tmp/rammevaerk-alloc-trace.XXXXXX)
chmod 755 "$work"
cluster=$work/cluster
cleanup() { scripts/cluster.sh stop --dir "$cluster" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

tools=bench/.tools
if [[ ! -x $tools/dotnet-trace ]]; then
  echo "=== installing dotnet-trace into $tools"
  dotnet tool install --tool-path "$tools" dotnet-trace --version 10.0.750501 >/dev/null
fi
echo "=== building (Release)"
dotnet build src/Rammevaerk -c Release -v q --disable-build-servers >/dev/null
dotnet build bench/ClusterBench -c Release -v q --disable-build-servers >/dev/null
dotnet build bench/AllocTrace -c Release -v q --disable-build-servers >/dev/null
bench=bench/ClusterBench/bin/Release/net10.0/ClusterBench.dll

scripts/cluster.sh start --dir "$cluster" --nodes 1 >"$work/start.log" 2>&1 || { cat "$work/start.log" >&2; exit 1; }
pid=$(cat "$cluster/node-a.pid")
dotnet "$bench" --cluster "$cluster" --duration 10 --readers 50 --label warmup >/dev/null 2>&1 || true
trace=$work/node.nettrace
"$tools/dotnet-trace" collect -p "$pid" --providers 'Microsoft-Windows-DotNETRuntime:0x1:5' \
  --duration "$(printf '00:%02d:%02d:%02d' $((duration / 3600)) $((duration % 3600 / 60)) $((duration % 60)))" \
  -o "$trace" >"$work/trace.log" 2>&1 &
tracer=$!
dotnet "$bench" --cluster "$cluster" --duration "$duration" --readers "$readers" --reporters "$reporters" --label traced | grep -v '^ ' || true
wait "$tracer" || { cat "$work/trace.log" >&2; exit 1; }
scripts/cluster.sh stop --dir "$cluster" >/dev/null
if [[ -n ${BENCH_KEEP:-} ]]; then cp "$trace" "$BENCH_KEEP"; echo "=== trace kept in $BENCH_KEEP"; fi
dotnet bench/AllocTrace/bin/Release/net10.0/AllocTrace.dll "$trace" --top "${BENCH_TOP:-8}" --frames "${BENCH_FRAMES:-12}"
