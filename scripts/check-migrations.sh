#!/usr/bin/env bash
# Fails when the model has changes that either migration set lacks.
# Builds src/Rammevaerk first (configuration $CONFIGURATION, default Debug) unless called with --no-build,
# as scripts/test.sh does after its own Release build.
set -euo pipefail
cd "$(dirname "$0")/.."
config=${CONFIGURATION:-Debug}
dotnet tool restore >/dev/null
if [[ ${1:-} != --no-build ]]; then dotnet build src/Rammevaerk -c "$config" -v q --nologo; fi
for ctx in SqliteAppDb PostgresAppDb; do
  if ! dotnet ef migrations has-pending-model-changes --project src/Rammevaerk --context "$ctx" --configuration "$config" --no-build >/dev/null 2>&1; then
    echo "The model has changes that the $ctx migrations lack: run scripts/add-migration.sh NAME" >&2
    dotnet ef migrations has-pending-model-changes --project src/Rammevaerk --context "$ctx" --configuration "$config" --no-build >&2 || true
    exit 1
  fi
done
echo "Migrations: both sets match the model."
