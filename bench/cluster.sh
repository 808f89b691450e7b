#!/usr/bin/env bash
# Two nodes against one: the same load through nginx on a cluster of one node and on a cluster of two
# (scripts/cluster.sh), in one run. 200 anonymous readers (front page, seed 001's meeting page, search, the offer
# list) and 23 reporters (the region's 22 municipalities and the region) saving their report draft, for 60 s each.
# The app is published as for production (scripts/publish.sh), and each cluster has its PDF worker (node p, which prints;
# the nodes do not). Prints, per cluster: reads and their errors, the readers' p50 and p99, saves per second and their
# errors, each node's RSS (now and its peak) and the PDF worker's. On a 2-core machine two nodes are not faster; the figures show what the second
# node costs. See bench/README.md.
#
#   bench/cluster.sh                         # about 10 minutes
#   BENCH_DURATION=30 BENCH_READERS=100 bench/cluster.sh
#   BENCH_NODES=1 CLUSTER_NODE_ENV='DOTNET_GCgen0size=0x2000000' bench/cluster.sh   # one cluster, a node setting tried
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${BENCH_DURATION:-60}
readers=${BENCH_READERS:-200}
node_counts=${BENCH_NODES:-1 2}
work=$(mktemp -d /tmp/rammevaerk-bench-cluster.XXXXXX)
chmod 755 "$work"   # the PostgreSQL server (user postgres) keeps its data below it
current=
cleanup() { [[ -n $current ]] && scripts/cluster.sh stop --dir "$current" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

echo "=== publishing as for production (scripts/publish.sh: ReadyToRun)"
scripts/publish.sh "$work/app" >/dev/null
export RAMMEVAERK_APP_DLL=$work/app/Rammevaerk.dll
dotnet build bench/ClusterBench -c Release -v q --disable-build-servers >/dev/null
bench=bench/ClusterBench/bin/Release/net10.0/ClusterBench.dll

status=0
results=()
for nodes in $node_counts; do
  current=$work/cluster-$nodes
  echo "=== cluster with $nodes node(s); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  scripts/cluster.sh start --dir "$current" --nodes "$nodes" >"$work/start-$nodes.log" 2>&1 || { cat "$work/start-$nodes.log" >&2; exit 1; }
  # Warm up both nodes (JIT, caches) with a short run, then measure.
  dotnet "$bench" --cluster "$current" --duration 10 --readers 50 --label warmup >/dev/null 2>&1 || true
  set +e
  line=$(dotnet "$bench" --cluster "$current" --duration "$duration" --readers "$readers" --label "$nodes node$([[ $nodes == 2 ]] && echo s)")
  ((status |= $?))
  set -e
  echo "$line"
  results+=("$line")
  scripts/cluster.sh stop --dir "$current" >/dev/null
  current=
done

echo
echo "=== $readers readers and 23 reporters for ${duration} s through nginx, $(nproc) cores"
printf '%s\n' "${results[@]}" | grep -v '^ '
exit "$status"
