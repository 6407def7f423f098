#!/usr/bin/env bash
# THE run command:  bash scripts/run.sh [extra args for the app]
# Runs the site in Development on http://localhost:5080 with the repo's appsettings.Development.json.
# With a command of the app (create-admin, import, export, reindex) it runs that command instead, on the
# same settings and data; that works while the site runs in another terminal.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BP_SCRIPT_NAME="run.sh"
# shellcheck source=scripts/lib.sh
. "$REPO_ROOT/scripts/lib.sh"

SITE_URL=http://localhost:5080
SETTINGS_FILE="$REPO_ROOT/appsettings.Development.json"

bp_require_dotnet
bp_apt_ensure libvips-tools || bp_warn "libvips-tools is missing: the site runs, but photo processing will be refused until it is installed (see above)."
if ! command -v npm >/dev/null 2>&1; then
    bp_apt_ensure nodejs npm || bp_die "the map needs Leaflet from npm; install nodejs and npm as shown above."
fi
bp_frontend_install "$REPO_ROOT" || bp_die "could not install the front-end packages (Leaflet) in src/frontend (see above)."

[ -f "$SETTINGS_FILE" ] || bp_warn "$SETTINGS_FILE does not exist (yet); starting without it."
export ASPNETCORE_ENVIRONMENT=Development
export BUURTPLATFORM_SETTINGS_FILE="$SETTINGS_FILE"
cd "$REPO_ROOT/src/Buurtplatform.Web"

port_in_use() { (exec 3<>/dev/tcp/127.0.0.1/5080) 2>/dev/null; }

# A command of the app needs no port: it runs and exits. With the site running, its build is used as it is
# (--no-build): building now would replace the files under the running site.
case "${1:-}" in
    create-admin|import|export|reindex)
        if port_in_use; then
            exec dotnet run -c Release --no-launch-profile --no-build -- "$@"
        fi
        bp_info "building…"
        dotnet build -c Release -nologo -v quiet
        exec dotnet run -c Release --no-launch-profile --no-build -- "$@"
        ;;
esac

if port_in_use; then
    bp_die "port 5080 is already in use on localhost (another 'bash scripts/run.sh'?). Stop that first, or run a command of the app (e.g. 'bash scripts/run.sh create-admin you@example.nl') next to it."
fi

export ASPNETCORE_URLS="$SITE_URL"
bp_info "building…"
dotnet build -c Release -nologo -v quiet
# The app says what it does next: migrating…, importing… (a first start takes a minute or two), then ready.
bp_info "starting $SITE_URL; wait for the line 'Ready'…"
exec dotnet run -c Release --no-launch-profile --no-build -- "$@"
