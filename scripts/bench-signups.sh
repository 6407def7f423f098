#!/usr/bin/env bash
# Sign-up benchmark: POSTs per second and latency percentiles through a real Kestrel host on loopback.
#   bash scripts/bench-signups.sh [sqlite|postgres] [concurrency=16] [seconds=20]
# Starts the site (Release, Production environment, a fresh data folder with the seed content), runs
# tests/Buurtplatform.SignUpLoad against it in two scenarios (all sign-ups for one date; spread over four
# dates), stops everything it started. For postgres it starts a throwaway cluster like scripts/test.sh.
# Only the per-IP rate limit is raised (every request comes from 127.0.0.1); antiforgery, the time trap,
# validation, the slot lock and the outbox run as in production. Figures go to docs/performance.md by hand.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BP_SCRIPT_NAME="bench-signups.sh"
# shellcheck source=scripts/lib.sh
. "$REPO_ROOT/scripts/lib.sh"
PROVIDER="${1:-sqlite}"
CONCURRENCY="${2:-16}"
SECONDS_MEASURED="${3:-20}"
PORT=5097

bp_require_dotnet
cd "$REPO_ROOT"
dotnet build src/Buurtplatform.Web -c Release -v q -nologo >/dev/null
dotnet build tests/Buurtplatform.SignUpLoad -c Release -v q -nologo >/dev/null

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bp-bench.XXXXXX")"
SITE_PID=""
PG_BIN=""
cleanup() {
    [ -n "$SITE_PID" ] && kill "$SITE_PID" 2>/dev/null && wait "$SITE_PID" 2>/dev/null || true
    if [ -n "$PG_BIN" ] && [ -f "$WORK/pg/postmaster.pid" ]; then
        if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
        else "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true; fi
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

export ASPNETCORE_ENVIRONMENT=Production
export ASPNETCORE_URLS="http://127.0.0.1:$PORT"
export Site__DataPath="$WORK/data"
export Site__ContentPath="$REPO_ROOT/umbraco-content"
export Site__PublicBaseUrl="http://localhost:$PORT"
export Accounts__LocalhostCountsAsHttps=true   # __Host- cookies and antiforgery on http://localhost
export SignUps__RateLimit=100000000
export SignUps__JobsEnabled=false
export Mail__WorkerEnabled=false
export Logging__LogLevel__Default=Warning

if [ "$PROVIDER" = postgres ]; then
    PG_BIN="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    mkdir -p "$WORK/pg" && chmod 777 "$WORK"
    as_pg() { if [ "$(id -u)" -eq 0 ]; then chown -R postgres "$WORK/pg"; runuser -u postgres -- "$@"; else "$@"; fi; }
    as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U postgres --auth=trust --encoding=UTF8 --no-sync >/dev/null
    as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w -o "-p 54399 -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
    export Database__Provider=Postgres
    export Database__ConnectionString="Host=127.0.0.1;Port=54399;Username=postgres;Database=postgres"
fi

(cd src/Buurtplatform.Web && exec dotnet bin/Release/net10.0/Buurtplatform.Web.dll) >"$WORK/site.log" 2>&1 &
SITE_PID=$!
for _ in $(seq 1 240); do
    curl -fs -o /dev/null "http://localhost:$PORT/" && break
    kill -0 "$SITE_PID" 2>/dev/null || { cat "$WORK/site.log" >&2; bp_die "the site stopped"; }
    sleep 0.5
done
curl -fs -o /dev/null "http://localhost:$PORT/" || bp_die "the site did not answer within 2 minutes"

LOAD="dotnet tests/Buurtplatform.SignUpLoad/bin/Release/net10.0/Buurtplatform.SignUpLoad.dll"
echo "provider=$PROVIDER cores=$(nproc) load=$(cut -d' ' -f1-3 /proc/loadavg)"
echo -n "one date (26 Jan 2027, all on one slot lock): "
$LOAD "http://localhost:$PORT" /den-haag/moerwijk/activiteiten/peutergedrag-avond 2027-01-26 "$CONCURRENCY" "$SECONDS_MEASURED" 5
echo -n "four dates (babybootcamp Schilderswijk):      "
$LOAD "http://localhost:$PORT" /den-haag/schilderswijk/activiteiten/babybootcamp 2026-12-01,2026-12-08,2026-12-15,2026-12-22 "$CONCURRENCY" "$SECONDS_MEASURED" 5
