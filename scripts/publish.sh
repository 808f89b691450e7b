#!/usr/bin/env bash
# Publishes the app for production into DIR (default /opt/rammevaerk): Release, framework-dependent (the machine's
# .NET 10 runtime from Debian/Microsoft packages), ReadyToRun for linux-x64. ReadyToRun compiles the app and its
# libraries ahead of time, so a node JIT-compiles little at run time: 10-15 MB less per node under load, a faster
# start, 5-15 % fewer reads per second at saturation (decision docs/decisions/0013-memory-per-node.md).
#
#   scripts/publish.sh /opt/rammevaerk
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/opt/rammevaerk}
dotnet publish src/Rammevaerk -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  --disable-build-servers -v q -o "$out" >/dev/null
echo "published to $out ($(du -sh "$out" | cut -f1))"
