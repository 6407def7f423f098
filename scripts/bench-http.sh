#!/usr/bin/env bash
# HTTP benchmark of the public site against nginx on the same bytes (issue 15's table):
#   bash scripts/bench-http.sh [seconds per run=10] [connections=32]
# Publishes the site as a deployment does (Release, ReadyToRun for linux-x64, framework-dependent: `dotnet publish
# src/Buurtplatform.Web -c Release -r linux-x64 --self-contained false`), starts it in Production on a fresh SQLite
# data folder with the seed content, saves the
# wijk page and the agenda as static files for nginx (Debian), and runs wrk (Debian) with one thread, alternating
# nginx and the site twice per scenario, so a machine whose load moves still gives a fair ratio:
#   - cached wijk page (/den-haag/schilderswijk) and cached agenda (/agenda): req/s and the ratio to nginx;
#   - uncached agenda and uncached filtered feed: a different filter on every request (scripts/bench/random-filter.lua),
#     req/s with p50 and p99;
# then the memory of the site (RSS) after those runs, and the time from a restart on the existing database to the
# first wijk page (three restarts). Every number is printed; docs/performance.md keeps them with the machine's load. It changes nothing
# outside a temporary folder, and stops what it started.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BP_SCRIPT_NAME="bench-http.sh"
# shellcheck source=scripts/lib.sh
. "$REPO_ROOT/scripts/lib.sh"
DURATION="${1:-10}"
CONNECTIONS="${2:-32}"
PORT=5098
NGINX_PORT=5099

bp_require_dotnet
bp_apt_ensure wrk nginx curl || bp_die "the benchmark needs wrk, nginx and curl (see above)."
cd "$REPO_ROOT"
bp_info "publishing (Release, ReadyToRun, linux-x64) as a deployment does…"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bp-bench-http.XXXXXX")"
chmod 755 "$WORK"
PUBLISHED="$WORK/site"
SITE_PID=""
NGINX_PID=""
cleanup() {
    [ -n "$SITE_PID" ] && kill "$SITE_PID" 2>/dev/null && wait "$SITE_PID" 2>/dev/null || true
    [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

dotnet publish src/Buurtplatform.Web -c Release -r linux-x64 --self-contained false -o "$PUBLISHED" -v q -nologo \
    >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log" >&2; bp_die "dotnet publish failed (output above)"; }

export ASPNETCORE_ENVIRONMENT=Production
export ASPNETCORE_URLS="http://127.0.0.1:$PORT"
export Site__DataPath="$WORK/data"
export Site__ContentPath="$REPO_ROOT/umbraco-content"
export Site__PublicBaseUrl="http://localhost:$PORT"
export SignUps__JobsEnabled=false
export Mail__WorkerEnabled=false
export Logging__LogLevel__Default=Warning

WIJK=/den-haag/schilderswijk
start_site() {
    (cd "$PUBLISHED" && exec dotnet Buurtplatform.Web.dll) >>"$WORK/site.log" 2>&1 &
    SITE_PID=$!
    for _ in $(seq 1 2400); do
        curl -fs -o /dev/null "http://127.0.0.1:$PORT$WIJK" && return 0
        kill -0 "$SITE_PID" 2>/dev/null || { cat "$WORK/site.log" >&2; bp_die "the site stopped"; }
        sleep 0.05
    done
    bp_die "the site did not answer within 2 minutes"
}

bp_info "starting the site (first start: migrations and the seed import)…"
start_site

mkdir -p "$WORK/static"
curl -fs "http://127.0.0.1:$PORT$WIJK" -o "$WORK/static/wijk.html"
curl -fs "http://127.0.0.1:$PORT/agenda" -o "$WORK/static/agenda.html"
cat >"$WORK/nginx.conf" <<NGINX
worker_processes auto;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    types { text/html html; }
    server { listen 127.0.0.1:$NGINX_PORT; root $WORK/static; }
}
NGINX
nginx -c "$WORK/nginx.conf" -p "$WORK" &
NGINX_PID=$!
for _ in $(seq 1 100); do curl -fs -o /dev/null "http://127.0.0.1:$NGINX_PORT/wijk.html" && break; sleep 0.05; done

# wrk's "Requests/sec" as a number; its latency percentiles with --latency.
run_wrk() { wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" 2>&1; }
rps() { awk '/^Requests\/sec/ {print $2}'; }
pct() { awk -v p="$1" '$1 == p {print $2}'; }
mean() { awk '{s += $1} END {printf "%.0f", s / NR}'; }

echo "cores=$(nproc) load before=$(cut -d' ' -f1-3 /proc/loadavg) wrk -t1 -c$CONNECTIONS -d${DURATION}s"
printf '%-34s %12s %12s %8s\n' "scenario" "site req/s" "nginx req/s" "ratio"
for scenario in "cached wijk page:$WIJK:wijk.html" "cached agenda:/agenda:agenda.html"; do
    IFS=: read -r name path file <<<"$scenario"
    run_wrk -d2s "http://127.0.0.1:$PORT$path" >/dev/null # warm: JIT and the cache entry
    site=() nginx=()
    for _ in 1 2; do
        nginx+=("$(run_wrk "http://127.0.0.1:$NGINX_PORT/$file" | rps)")
        site+=("$(run_wrk "http://127.0.0.1:$PORT$path" | rps)")
    done
    s=$(printf '%s\n' "${site[@]}" | mean)
    n=$(printf '%s\n' "${nginx[@]}" | mean)
    printf '%-34s %12s %12s %8s\n' "$name" "$s" "$n" "$(awk -v s="$s" -v n="$n" 'BEGIN {printf "%.2f", s / n}')"
done

printf '%-34s %12s %10s %10s %8s\n' "scenario" "req/s" "p50" "p99" "non-200"
for scenario in "uncached agenda, random filter:/agenda" "uncached feed, random filter:/agenda.ics"; do
    IFS=: read -r name path <<<"$scenario"
    out="$(BENCH_PATH="$path" run_wrk -s scripts/bench/random-filter.lua "http://127.0.0.1:$PORT")"
    printf '%-34s %12s %10s %10s %8s\n' "$name" "$(rps <<<"$out")" "$(pct 50% <<<"$out")" "$(pct 99% <<<"$out")" "$(awk '/^non-200/ {print $2}' <<<"$out")"
done

echo "memory after these runs (RSS): $(awk '/^VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$SITE_PID/status")"
restarts=()
for _ in 1 2 3; do
    kill "$SITE_PID" && wait "$SITE_PID" 2>/dev/null || true
    SITE_PID=""
    begin=$(date +%s.%N)
    start_site
    restarts+=("$(awk -v b="$begin" -v e="$(date +%s.%N)" 'BEGIN {printf "%.2f s", e - b}')")
done
echo "restart to first wijk page (existing database), three times: ${restarts[*]}"
echo "load after=$(cut -d' ' -f1-3 /proc/loadavg)"
