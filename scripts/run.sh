#!/usr/bin/env bash
# THE run command:  bash scripts/run.sh [extra args for the app]
# Runs the site in Development on http://localhost:5080 with the repo's appsettings.Development.json.
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
if (exec 3<>/dev/tcp/127.0.0.1/5080) 2>/dev/null; then
    bp_die "port 5080 is already in use on localhost (another 'bash scripts/run.sh'?). Stop that first."
fi

export ASPNETCORE_ENVIRONMENT=Development
export ASPNETCORE_URLS="$SITE_URL"
export BUURTPLATFORM_SETTINGS_FILE="$SETTINGS_FILE"

cd "$REPO_ROOT/src/Buurtplatform.Web"
echo "Site: $SITE_URL"
exec dotnet run -c Release --no-launch-profile -- "$@"
