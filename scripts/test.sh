#!/usr/bin/env bash
# THE test command:  bash scripts/test.sh [extra dotnet test args, e.g. --filter Name~Calendar]
#
# On a Debian/Ubuntu machine that has only the .NET 10 SDK it installs what the tests need
# (Debian packages, npm checkers in tests/tools), starts a throwaway PostgreSQL cluster on
# loopback, runs the whole solution's tests and prints one line "N passed, N failed, N skipped".
# Everything already present is only checked, so a second run adds a few seconds at most.
#
# Exported to the tests:
#   BUURTPLATFORM_TEST_POSTGRES  Npgsql connection string of the throwaway cluster (superuser postgres)
#   BUURTPLATFORM_TEST_TOOLS     absolute path of tests/tools (node_modules/ical.js, node_modules/vnu-jar)
#   BUURTPLATFORM_CHROMIUM       /usr/bin/chromium
#   BUURTPLATFORM_TEST_STRICT    1: a test whose component is missing fails instead of skipping
# CI=true additionally prints how long each phase took.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
BP_SCRIPT_NAME="test.sh"
# shellcheck source=scripts/lib.sh
. "$REPO_ROOT/scripts/lib.sh"

TOOLS_DIR="$REPO_ROOT/tests/tools"
CHROMIUM=/usr/bin/chromium
RESULTS_DIR="$REPO_ROOT/TestResults"
PG_PORT_FIRST=54329
PG_PORT_LAST=54428

# --- 1. prerequisites ---------------------------------------------------------------------
bp_phase prerequisites
bp_require_dotnet

packages=(chromium fonts-dejavu-core postgresql python3-aiosmtpd libvips-tools nginx poppler-utils zbar-tools)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
bp_apt_ensure "${packages[@]}" || bp_die "cannot run the tests without those Debian packages (see above)."

[ -x "$CHROMIUM" ] || bp_die "$CHROMIUM is missing although the 'chromium' package is installed."
command -v node >/dev/null 2>&1 || bp_die "'node' is still not on PATH after installing nodejs."
command -v npm >/dev/null 2>&1 || bp_die "'npm' is still not on PATH after installing npm."
command -v java >/dev/null 2>&1 || bp_die "'java' is still not on PATH after installing default-jre-headless."

# The newest installed major version's server binaries.
PG_BIN="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
if [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
    bp_die "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (Debian package 'postgresql')."
fi

# --- 2. npm checkers in tests/tools ---------------------------------------------------------
bp_phase npm-tools
# npm writes node_modules/.package-lock.json on every install: it is the install's timestamp.
npm_marker="$TOOLS_DIR/node_modules/.package-lock.json"
if [ ! -f "$npm_marker" ] || [ "$TOOLS_DIR/package-lock.json" -nt "$npm_marker" ] \
        || [ "$TOOLS_DIR/package.json" -nt "$npm_marker" ]; then
    bp_info "installing npm test tools in tests/tools (npm ci)"
    # --ignore-scripts: vnu-jar's postinstall would fetch a Java runtime; we use the machine's.
    (cd "$TOOLS_DIR" && npm ci --no-audit --no-fund --ignore-scripts) \
        || bp_die "npm ci in tests/tools failed (see above). It needs the npm registry."
    touch "$npm_marker"
fi
for f in node_modules/ical.js/package.json node_modules/vnu-jar/build/dist/vnu.jar; do
    [ -f "$TOOLS_DIR/$f" ] || bp_die "tests/tools/$f is missing after npm ci; delete tests/tools/node_modules and retry."
done

# Leaflet for the map, served from wwwroot/lib (the browser tests open the map).
bp_frontend_install "$REPO_ROOT" || bp_die "could not install the front-end packages (see above)."

# --- 3. throwaway PostgreSQL cluster ---------------------------------------------------------
bp_phase postgres

# Run a command as the cluster's owner: 'postgres' when we are root (initdb refuses root),
# ourselves otherwise.
if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || bp_die "user 'postgres' does not exist (it comes with the 'postgresql' package)."
    PG_OWNER=postgres
    as_pg() { runuser -u postgres -- "$@"; }
else
    PG_OWNER="$(id -un)"
    as_pg() { "$@"; }
fi

# Clusters left behind by a run that was killed (SIGKILL skips the trap): stop and remove
# those whose owning test.sh is gone. Live runs from other work trees are left alone.
for stale in "${TMPDIR:-/tmp}"/buurtplatform-pg.*; do
    [ -d "$stale" ] && [ -f "$stale/owner.pid" ] || continue
    owner="$(cat "$stale/owner.pid" 2>/dev/null || true)"
    owner_state="$(sed 's/.*) //' "/proc/$owner/stat" 2>/dev/null | cut -d' ' -f1 || true)"
    if [ -n "$owner" ] && { [ -z "$owner_state" ] || [ "$owner_state" = Z ]; }; then
        bp_info "removing cluster left behind by an earlier run: $stale"
        [ -f "$stale/data/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$stale/data" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$stale"
    fi
done

PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/buurtplatform-pg.XXXXXX")"
PG_STARTED=0
pg_stop() {
    if [ "$PG_STARTED" -eq 1 ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 \
            || bp_warn "could not stop the PostgreSQL cluster in $PG_DIR"
        PG_STARTED=0
    fi
    rm -rf "$PG_DIR"
}
test_pids=()
# A process and all its descendants, children first.
process_tree() {
    local child
    for child in $(pgrep -P "$1" 2>/dev/null); do
        process_tree "$child"
    done
    echo "$1"
}
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    # Test runs still going when the script is stopped: ours, by their ids, with what they started
    # (vstest.console, the test host, Chromium), which a stopped `dotnet test` leaves running.
    local pid
    for pid in "${test_pids[@]}"; do
        kill $(process_tree "$pid") 2>/dev/null || true
    done
    pg_stop
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo $$ > "$PG_DIR/owner.pid"
chmod 755 "$PG_DIR"
chown "$PG_OWNER" "$PG_DIR"

pg_locale=C
if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then pg_locale=C.UTF-8; fi
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 \
    --locale="$pg_locale" --no-sync --no-instructions >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; bp_die "initdb failed (output above)."; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

PG_PORT=""
for port in $(seq "$PG_PORT_FIRST" "$PG_PORT_LAST"); do
    port_in_use "$port" && continue
    if as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 -o \
        "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >/dev/null 2>&1; then
        PG_PORT="$port"
        PG_STARTED=1
        break
    fi
    # Another process may have taken the port between the check and the start: try the next.
    if grep -q 'could not bind\|Address already in use' "$PG_DIR/postgres.log" 2>/dev/null; then
        : > "$PG_DIR/postgres.log"
        continue
    fi
    cat "$PG_DIR/postgres.log" >&2 || true
    bp_die "PostgreSQL did not start (log above)."
done
[ -n "$PG_PORT" ] || bp_die "no free loopback port in $PG_PORT_FIRST-$PG_PORT_LAST for PostgreSQL."
bp_info "PostgreSQL $(basename "$(dirname "$PG_BIN")") on 127.0.0.1:$PG_PORT (data in $PG_DIR, locale $pg_locale)"

export BUURTPLATFORM_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=true"
export BUURTPLATFORM_TEST_TOOLS="$TOOLS_DIR"
export BUURTPLATFORM_CHROMIUM="$CHROMIUM"
export BUURTPLATFORM_TEST_STRICT="${BUURTPLATFORM_TEST_STRICT:-1}"
# Test hosts never need to watch files; polling watchers keep hundreds of hosts clear of the inotify limit.
export DOTNET_USE_POLLING_FILE_WATCHER=true

# --- 4. the tests ------------------------------------------------------------------------------
# One build of the whole solution (warnings are errors), then every test project at the same time,
# each from that build. `dotnet test Buurtplatform.sln` ran the projects one after the other: the
# browser tests (mostly waiting on Chromium) only started when the main project's 7-8 minutes were over.
bp_phase build
rm -rf "$RESULTS_DIR"
set +e
dotnet build Buurtplatform.sln -c Release
build_rc=$?
set -e
[ "$build_rc" -eq 0 ] || bp_die "the build failed (see above)."

bp_phase "dotnet test"
# The test projects are those that reference the test SDK, so a new one is never left out.
mapfile -t test_projects < <(grep -l 'Include="Microsoft.NET.Test.Sdk"' tests/*/*.csproj | sort)
[ "${#test_projects[@]}" -gt 0 ] || bp_die "no test projects under tests/."
for project in "${test_projects[@]}"; do
    name="$(basename "$project" .csproj)"
    # A TRX per project with its name, in TestResults. Extra arguments (--filter ...) go to every project;
    # one whose tests the filter leaves out finishes in seconds.
    dotnet test "$project" -c Release --no-build \
        --logger "trx;LogFileName=$name.trx" \
        --logger "console;verbosity=normal" \
        --results-directory "$RESULTS_DIR" \
        "$@" &
    test_pids+=("$!")
done
test_rc=0
for pid in "${test_pids[@]}"; do
    wait "$pid" || test_rc=$?
done

# --- 5. stop the cluster, summary ----------------------------------------------------------------
bp_phase cleanup
pg_stop
shopt -s nullglob
trx_files=("$RESULTS_DIR"/*.trx "$RESULTS_DIR"/*/*.trx)
shopt -u nullglob
# Passed and failed come from each file's <Counters total=".." executed=".." passed=".."
# failed=".." error=".." timeout=".." aborted=".." inconclusive=".." .../> element. Skipped xunit
# tests are <UnitTestResult ... outcome="NotExecuted"> (the counters leave them out of
# notExecuted), so those are counted one by one.
counts="0 0 0"
if [ "${#trx_files[@]}" -gt 0 ]; then
    counts="$({ grep -ho '<Counters [^>]*>\|<UnitTestResult [^>]*>' "${trx_files[@]}" || true; } | awk '
        function attr(s, name,   re) {
            re = " " name "=\"[0-9]+\""
            if (match(s, re)) return substr(s, RSTART + length(name) + 3, RLENGTH - length(name) - 4) + 0
            return 0
        }
        /^<Counters / {
            p += attr($0, "passed")
            f += attr($0, "failed") + attr($0, "error") + attr($0, "timeout") + attr($0, "aborted")
            s += attr($0, "inconclusive")
        }
        /^<UnitTestResult / && / outcome="NotExecuted"/ { s++ }
        END { printf "%d %d %d", p, f, s }')"
fi
read -r n_passed n_failed n_skipped <<<"$counts"

bp_timing_report
if [ "$test_rc" -ne 0 ]; then
    bp_warn "dotnet test exited with $test_rc"
elif [ $((n_passed + n_failed + n_skipped)) -eq 0 ]; then
    bp_warn "no tests ran (${#trx_files[@]} result files in $RESULTS_DIR)"
    test_rc=1
elif [ "$n_failed" -ne 0 ]; then
    test_rc=1
fi
echo "$n_passed passed, $n_failed failed, $n_skipped skipped"
exit "$test_rc"
