#!/usr/bin/env bash
# Adds a migration with the same name to both migration sets (SQLite and PostgreSQL).
# Usage: scripts/add-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh NAME}
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --project src/Rammevaerk --context SqliteAppDb --output-dir Data/Migrations/Sqlite
dotnet ef migrations add "$name" --project src/Rammevaerk --context PostgresAppDb --output-dir Data/Migrations/Postgres
scripts/compiled-models.sh
