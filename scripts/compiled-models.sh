#!/usr/bin/env bash
# Regenerates the compiled EF Core models (src/Rammevaerk/Data/CompiledModels/{Sqlite,Postgres}) from the model's
# configuration. Run it after any change to the model; scripts/add-migration.sh runs it, and the test
# CompiledModelTests fails while a compiled model differs from the configuration. Takes about three minutes.
# Why compiled models: decision docs/decisions/0013-memory-per-node.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for pair in Sqlite:SqliteAppDb Postgres:PostgresAppDb; do
  name=${pair%%:*}; ctx=${pair#*:}
  out=src/Rammevaerk/Data/CompiledModels/$name
  rm -rf "$out"
  dotnet ef dbcontext optimize --project src/Rammevaerk --context "$ctx" --output-dir "Data/CompiledModels/$name" \
    --namespace "Rammevaerk.Data.CompiledModels.$name" >/dev/null
  echo "Compiled model for $ctx: $(ls "$out" | wc -l) files in $out"
done
