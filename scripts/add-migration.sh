#!/usr/bin/env bash
# Adds an EF Core migration for both database providers (SQLite and PostgreSQL).
# Usage: bash scripts/add-migration.sh NameOfTheChange
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "Usage: bash scripts/add-migration.sh NameOfTheChange" >&2; exit 2; }
dotnet run --project tools/Buurtplatform.Migrations -v q -- "$1" src/Buurtplatform.Web
