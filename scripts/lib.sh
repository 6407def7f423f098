# shellcheck shell=bash
# Shared helpers for scripts/test.sh and scripts/run.sh. Source it, don't run it.
#
#   bp_info / bp_warn / bp_die MSG      messages on stderr, prefixed with the script name
#   bp_require_dotnet                   fail with instructions unless the .NET 10 SDK is on PATH
#   bp_pkg_installed PKG                true when the Debian package PKG is installed
#   bp_apt_ensure PKG...                install the missing ones (root, or sudo -n), else explain
#   bp_phase NAME / bp_phase_end        per-phase timing, printed when CI=true

BP_SCRIPT_NAME="${BP_SCRIPT_NAME:-$(basename "${0:-buurtplatform}")}"

bp_info() { printf '[%s] %s\n' "$BP_SCRIPT_NAME" "$*" >&2; }
bp_warn() { printf '[%s] WARNING: %s\n' "$BP_SCRIPT_NAME" "$*" >&2; }
bp_die() {
    printf '[%s] ERROR: %s\n' "$BP_SCRIPT_NAME" "$*" >&2
    exit 1
}

# The .NET CLI prints banners and phones home on first use unless told not to.
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE="${DOTNET_SKIP_FIRST_TIME_EXPERIENCE:-1}"

bp_require_dotnet() {
    if ! command -v dotnet >/dev/null 2>&1; then
        bp_die "'dotnet' is not on PATH. This project needs the .NET 10 SDK (see global.json).
  Install it (Debian/Ubuntu: the 'dotnet-sdk-10.0' package from Microsoft's package feed,
  or https://learn.microsoft.com/dotnet/core/install/linux) and make sure 'dotnet' is on PATH."
    fi
    if ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
        bp_die "'dotnet' is on PATH ($(command -v dotnet)) but has no .NET 10 SDK.
  Installed SDKs: $(dotnet --list-sdks 2>/dev/null | awk '{print $1}' | tr '\n' ' ')
  Install the .NET 10 SDK (https://learn.microsoft.com/dotnet/core/install/linux)."
    fi
}

bp_pkg_installed() {
    dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed$'
}

BP_APT_UPDATED=0

# bp_apt_ensure PKG... : install those of PKG... that are not installed yet.
# Root: apt-get directly. Otherwise: sudo -n when it works without a password.
# Otherwise: print the exact command to run and return 1.
bp_apt_ensure() {
    local missing=() pkg
    for pkg in "$@"; do
        bp_pkg_installed "$pkg" || missing+=("$pkg")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0

    if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg >/dev/null 2>&1; then
        bp_warn "missing Debian packages: ${missing[*]}"
        bp_warn "this machine has no apt-get/dpkg: install the equivalents of those packages by hand."
        return 1
    fi

    local -a as_root=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            as_root=(sudo -n)
        else
            bp_warn "missing Debian packages: ${missing[*]}"
            bp_warn "not root and no password-less sudo, so they cannot be installed from here. Run:"
            printf '\n    sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends %s\n\n' \
                "${missing[*]}" >&2
            return 1
        fi
    fi

    local -a apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q
                  -o Dpkg::Use-Pty=0 -o DPkg::Lock::Timeout=300)
    bp_info "installing missing Debian packages: ${missing[*]}"
    if [ "$BP_APT_UPDATED" -eq 0 ]; then
        "${apt[@]}" update || { bp_warn "apt-get update failed"; return 1; }
        BP_APT_UPDATED=1
    fi
    if ! "${apt[@]}" install -y --no-install-recommends "${missing[@]}"; then
        bp_warn "apt-get install ${missing[*]} failed (see the output above)"
        return 1
    fi
    for pkg in "${missing[@]}"; do
        bp_pkg_installed "$pkg" || { bp_warn "package $pkg is still not installed"; return 1; }
    done
}

# Per-phase timing. Only printed when CI=true; the totals are printed by bp_timing_report.
BP_TIMINGS=()
BP_PHASE_NAME=""
BP_PHASE_START=""

bp_now() {
    # $EPOCHREALTIME needs bash 5; fall back to date.
    if [ -n "${EPOCHREALTIME:-}" ]; then
        printf '%s' "${EPOCHREALTIME/,/.}"
    else
        date +%s.%N
    fi
}

bp_phase_end() {
    [ -n "$BP_PHASE_NAME" ] || return 0
    local secs
    secs=$(awk -v a="$BP_PHASE_START" -v b="$(bp_now)" 'BEGIN { printf "%.2f", b - a }')
    BP_TIMINGS+=("$BP_PHASE_NAME=$secs")
    [ "${CI:-}" = "true" ] && bp_info "phase '$BP_PHASE_NAME' took ${secs}s"
    BP_PHASE_NAME=""
    return 0
}

bp_phase() {
    bp_phase_end
    BP_PHASE_NAME="$1"
    BP_PHASE_START="$(bp_now)"
}

bp_timing_report() {
    bp_phase_end
    [ "${CI:-}" = "true" ] || return 0
    local t
    for t in "${BP_TIMINGS[@]}"; do
        printf '[%s] timing: %-14s %8ss\n' "$BP_SCRIPT_NAME" "${t%%=*}" "${t#*=}" >&2
    done
}

# bp_frontend_install : the front-end packages the site serves from its own host (Leaflet), installed
# from the npm registry at the versions pinned in src/frontend/package-lock.json and copied into
# src/Buurtplatform.Web/wwwroot/lib (gitignored). Idempotent: npm ci runs only when the lock file is
# newer than the install, the copy only when a file differs. Needs node and npm.
bp_frontend_install() {
    local root="$1" fe="$1/src/frontend" lib="$1/src/Buurtplatform.Web/wwwroot/lib/leaflet"
    local marker="$fe/node_modules/.package-lock.json"
    command -v npm >/dev/null 2>&1 || { bp_warn "npm is missing: cannot install Leaflet (the map)"; return 1; }
    if [ ! -f "$marker" ] || [ "$fe/package-lock.json" -nt "$marker" ] || [ "$fe/package.json" -nt "$marker" ]; then
        bp_info "installing front-end packages in src/frontend (npm ci)"
        (cd "$fe" && npm ci --no-audit --no-fund --ignore-scripts) || { bp_warn "npm ci in src/frontend failed (see above)"; return 1; }
        touch "$marker"
    fi
    local dist="$fe/node_modules/leaflet/dist"
    [ -f "$dist/leaflet.js" ] || { bp_warn "$dist/leaflet.js is missing after npm ci"; return 1; }
    mkdir -p "$lib/images"
    local f
    for f in leaflet.js leaflet.css images/marker-icon.png images/marker-icon-2x.png images/marker-shadow.png images/layers.png images/layers-2x.png; do
        cmp -s "$dist/$f" "$lib/$f" || cp "$dist/$f" "$lib/$f"
    done
    cp -n "$fe/node_modules/leaflet/LICENSE" "$lib/LICENSE" 2>/dev/null || true
}
