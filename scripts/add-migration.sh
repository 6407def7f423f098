#!/usr/bin/env bash
# Adds an EF Core migration for both database providers (SQLite and PostgreSQL), then regenerates the compiled models
# the site starts with (Data/CompiledModels; CompiledModelTests fail while they differ from the configurations).
# Usage: bash scripts/add-migration.sh NameOfTheChange
#        bash scripts/add-migration.sh --compiled-models    (only the compiled models, for a change without a migration)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "Usage: bash scripts/add-migration.sh NameOfTheChange" >&2; exit 2; }
dotnet run --project tools/Buurtplatform.Migrations -v q -- "$1" src/Buurtplatform.Web
if [ "$1" != "--compiled-models" ]; then
    dotnet run --project tools/Buurtplatform.Migrations -v q --no-build -- --compiled-models src/Buurtplatform.Web
fi
