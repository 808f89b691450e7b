#!/usr/bin/env bash
# Regenerates the compiled EF Core models (src/Rammevaerk/Data/CompiledModels/{Sqlite,Postgres}) from the model's
# configuration. Run it after any change to the model; scripts/add-migration.sh runs it, and the test
# CompiledModelTests fails while a compiled model differs from the configuration. Takes two to three minutes.
# Why compiled models, and how query filters are kept: docs/decisions/0013-memory-per-node.md.
#
# The models are generated into a folder outside the project and swapped in afterwards: the project must still build
# with the old ones while EF builds it (Data/CompiledModels/QueryFilters.cs fills hooks of the generated classes).
# EF writes a new random model id on every run; it is replaced by one derived from the generated code, so that running
# the script twice on the same model changes nothing (and two branches that both add migrations do not conflict there).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for pair in Sqlite:SqliteAppDb Postgres:PostgresAppDb; do
  name=${pair%%:*}; ctx=${pair#*:}
  out=src/Rammevaerk/Data/CompiledModels/$name
  if ! dotnet ef dbcontext optimize --project src/Rammevaerk --context "$ctx" --output-dir "$work/$name" \
      --namespace "Rammevaerk.Data.CompiledModels.$name" >"$work/$name.log" 2>&1; then
    cat "$work/$name.log" >&2
    echo "The compiled model for $ctx was not generated; the old one is kept. (A new query filter must be left out when" >&2
    echo "EF.IsDesignTime and added in src/Rammevaerk/Data/CompiledModels/QueryFilters.cs, as PublicationConfiguration's are.)" >&2
    exit 1
  fi
  builder=$(ls "$work/$name"/*ModelBuilder.cs)
  sed -i -E 's/modelId: new Guid\("[0-9a-f-]{36}"\)/modelId: new Guid("MODEL-ID")/' "$builder"
  hash=$(cat "$work/$name"/*.cs | sha256sum | cut -c1-32)
  id="${hash:0:8}-${hash:8:4}-${hash:12:4}-${hash:16:4}-${hash:20:12}"
  sed -i "s/new Guid(\"MODEL-ID\")/new Guid(\"$id\")/" "$builder"
  rm -rf "$out"
  mkdir -p "$(dirname "$out")"
  cp -r "$work/$name" "$out"
  echo "Compiled model for $ctx: $(ls "$out" | wc -l) files in $out"
done
