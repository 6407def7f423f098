#!/usr/bin/env bash
# Two nodes of the site behind nginx on one PostgreSQL, on this machine, to see a cluster work:
#   bash scripts/run-cluster.sh          start (or, when it runs already, say where it is)
#   bash scripts/run-cluster.sh stop     stop everything it started and remove its state
#   bash scripts/run-cluster.sh status   what runs
#
# What it starts, all on loopback, all from this repository:
#   PostgreSQL  127.0.0.1:$BP_CLUSTER_PG_PORT (default 55433), a throwaway cluster, database buurtplatform
#   node 1      http://127.0.0.1:$BP_CLUSTER_NODE1_PORT (default 5081)   \ Production settings, the shared database,
#   node 2      http://127.0.0.1:$BP_CLUSTER_NODE2_PORT (default 5082)   / Media:Store=Database, a data folder each
#   nginx       https://localhost:$BP_CLUSTER_PORT (default 8443): TLS with a self-signed certificate,
#               round robin over both nodes, X-Forwarded-For/-Proto to nodes that trust 127.0.0.1 only;
#               every answer says which node gave it (header X-Buurtplatform-Node).
# State (databases, data folders, logs, certificate) lives in $BP_CLUSTER_DIR (default /tmp/buurtplatform-cluster).
#
# Not here (see docs/operations.md): real certificates, mail (the nodes write mail to their pickup folders),
# Redis, more than two nodes. Both nodes start at once on the empty database: one migrates and imports
# the seed content under an advisory lock, the other waits for it.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BP_SCRIPT_NAME="run-cluster.sh"
# shellcheck source=scripts/lib.sh
. "$REPO_ROOT/scripts/lib.sh"

STATE="${BP_CLUSTER_DIR:-${TMPDIR:-/tmp}/buurtplatform-cluster}"
PG_PORT="${BP_CLUSTER_PG_PORT:-55433}"
NODE_PORTS=("${BP_CLUSTER_NODE1_PORT:-5081}" "${BP_CLUSTER_NODE2_PORT:-5082}")
NGINX_PORT="${BP_CLUSTER_PORT:-8443}"
URL="https://localhost:$NGINX_PORT"
NGINX=/usr/sbin/nginx

if [ "$(id -u)" -eq 0 ]; then
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi
pg_bin() { printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stop_pid() {
    local file="$1" name="$2" pid i
    alive "$file" || { rm -f "$file"; return 0; }
    pid="$(cat "$file")"
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    rm -f "$file"
    bp_info "stopped $name (pid $pid)"
}

stop_all() {
    [ -d "$STATE" ] || { bp_info "nothing runs (no $STATE)"; return 0; }
    stop_pid "$STATE/nginx.pid.run" nginx
    stop_pid "$STATE/node2.pid" "node 2"
    stop_pid "$STATE/node1.pid" "node 1"
    if [ -f "$STATE/pg/data/postmaster.pid" ]; then
        as_pg "$(pg_bin)/pg_ctl" -D "$STATE/pg/data" -m fast stop >/dev/null 2>&1 || bp_warn "could not stop PostgreSQL in $STATE/pg"
        bp_info "stopped PostgreSQL"
    fi
    rm -rf "$STATE"
}

status() {
    local any=0
    alive "$STATE/node1.pid" && { echo "node 1: http://127.0.0.1:${NODE_PORTS[0]} (pid $(cat "$STATE/node1.pid"))"; any=1; }
    alive "$STATE/node2.pid" && { echo "node 2: http://127.0.0.1:${NODE_PORTS[1]} (pid $(cat "$STATE/node2.pid"))"; any=1; }
    alive "$STATE/nginx.pid.run" && { echo "nginx:  $URL (pid $(cat "$STATE/nginx.pid.run"))"; any=1; }
    [ -f "$STATE/pg/data/postmaster.pid" ] && { echo "PostgreSQL: 127.0.0.1:$PG_PORT"; any=1; }
    [ "$any" -eq 1 ] || echo "nothing runs"
}

wait_ready() {
    local port="$1" log="$2" pidfile="$3" i
    for i in $(seq 1 600); do
        curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null && return 0
        alive "$pidfile" || { tail -n 40 "$log" >&2; bp_die "the node on port $port stopped (log above, whole log in $log)."; }
        sleep 0.5
    done
    bp_die "the node on port $port was not ready after 5 minutes (log: $log)."
}

case "${1:-start}" in
    stop) stop_all; exit 0 ;;
    status) status; exit 0 ;;
    start) ;;
    *) bp_die "usage: bash scripts/run-cluster.sh [start|stop|status]" ;;
esac

if alive "$STATE/nginx.pid.run" && alive "$STATE/node1.pid" && alive "$STATE/node2.pid"; then
    bp_info "the cluster runs already:"
    status
    echo "$URL"
    exit 0
fi
# Half a cluster (one part died, or a run was interrupted): start from nothing.
[ -d "$STATE" ] && { bp_info "removing what an earlier, incomplete start left"; stop_all; }

bp_require_dotnet
bp_apt_ensure postgresql nginx libvips-tools curl openssl \
    || bp_die "the cluster needs those Debian packages (see above)."
[ -x "$NGINX" ] || bp_die "$NGINX is missing although the 'nginx' package is installed."
PG_BIN="$(pg_bin)"
[ -x "$PG_BIN/initdb" ] || bp_die "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (Debian package 'postgresql')."
if [ "$(id -u)" -eq 0 ]; then id postgres >/dev/null 2>&1 || bp_die "user 'postgres' does not exist (it comes with the 'postgresql' package)."; fi
for port in "$PG_PORT" "${NODE_PORTS[@]}" "$NGINX_PORT"; do
    port_in_use "$port" && bp_die "port $port on 127.0.0.1 is in use; choose others with BP_CLUSTER_PG_PORT, BP_CLUSTER_NODE1_PORT, BP_CLUSTER_NODE2_PORT, BP_CLUSTER_PORT."
done
bp_frontend_install "$REPO_ROOT" || bp_warn "Leaflet could not be installed: the map stays empty (see above)."

mkdir -p "$STATE/pg"
chmod 755 "$STATE"
[ "$(id -u)" -eq 0 ] && chown postgres "$STATE/pg"

# --- PostgreSQL --------------------------------------------------------------------------------
bp_info "starting PostgreSQL on 127.0.0.1:$PG_PORT"
as_pg "$PG_BIN/initdb" -D "$STATE/pg/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    --no-instructions >"$STATE/initdb.log" 2>&1 || { cat "$STATE/initdb.log" >&2; bp_die "initdb failed (output above)."; }
as_pg "$PG_BIN/pg_ctl" -D "$STATE/pg/data" -l "$STATE/pg/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -k $STATE/pg -c listen_addresses=127.0.0.1" start >/dev/null \
    || { cat "$STATE/pg/postgres.log" >&2; bp_die "PostgreSQL did not start (log above)."; }
as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE buurtplatform" >/dev/null
CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=buurtplatform"

# --- the two nodes -------------------------------------------------------------------------------
bp_info "building…"
(cd "$REPO_ROOT" && dotnet build src/Buurtplatform.Web/Buurtplatform.Web.csproj -c Release -nologo -v quiet) \
    || bp_die "the build failed (see above)."

start_node() {
    local n="$1" port="$2" dir="$STATE/node$1"
    mkdir -p "$dir"
    (
        cd "$REPO_ROOT/src/Buurtplatform.Web"
        export ASPNETCORE_ENVIRONMENT=Production
        export ASPNETCORE_URLS="http://127.0.0.1:$port"
        export Database__Provider=Postgres
        export Database__ConnectionString="$CONNECTION"
        export Database__Nodes=2
        export Site__DataPath="$dir"
        export Site__ContentPath="$REPO_ROOT/umbraco-content"
        export Site__PublicBaseUrl="$URL"
        export Site__TrustedProxies__0=127.0.0.1
        export Media__Store=Database
        exec setsid dotnet bin/Release/net10.0/Buurtplatform.Web.dll
    ) >"$dir/node.log" 2>&1 &
    echo $! >"$STATE/node$n.pid"
    bp_info "node $n: http://127.0.0.1:$port (log $dir/node.log)"
}

# Together, as a deploy would: migrations and the first import run under an advisory lock, once.
start_node 1 "${NODE_PORTS[0]}"
start_node 2 "${NODE_PORTS[1]}"
wait_ready "${NODE_PORTS[0]}" "$STATE/node1/node.log" "$STATE/node1.pid"
wait_ready "${NODE_PORTS[1]}" "$STATE/node2/node.log" "$STATE/node2.pid"

# --- nginx ---------------------------------------------------------------------------------------
bp_info "starting nginx on $URL"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost" -keyout "$STATE/key.pem" -out "$STATE/cert.pem" >/dev/null 2>&1 \
    || bp_die "openssl could not make the self-signed certificate."
mkdir -p "$STATE/nginx"
cat >"$STATE/nginx.conf" <<EOF
daemon off;
master_process off;
pid $STATE/nginx.pid;
error_log $STATE/nginx/error.log warn;
events { worker_connections 512; }
http {
    access_log $STATE/nginx/access.log;
    client_body_temp_path $STATE/nginx/body;
    proxy_temp_path $STATE/nginx/proxy;
    fastcgi_temp_path $STATE/nginx/fastcgi;
    uwsgi_temp_path $STATE/nginx/uwsgi;
    scgi_temp_path $STATE/nginx/scgi;
    client_max_body_size 30m;  # Media:MaxBytes is 25 MB; the site itself answers a larger photo kindly
    upstream buurtplatform {
        server 127.0.0.1:${NODE_PORTS[0]} max_fails=1 fail_timeout=5s;
        server 127.0.0.1:${NODE_PORTS[1]} max_fails=1 fail_timeout=5s;
        keepalive 16;
    }
    server {
        listen 127.0.0.1:$NGINX_PORT ssl;
        server_name localhost;
        ssl_certificate $STATE/cert.pem;
        ssl_certificate_key $STATE/key.pem;
        location / {
            proxy_pass http://buurtplatform;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            add_header X-Buurtplatform-Node \$upstream_addr always;
        }
    }
}
EOF
setsid "$NGINX" -p "$STATE/nginx/" -c "$STATE/nginx.conf" -e "$STATE/nginx/error.log" >"$STATE/nginx/stdout.log" 2>&1 &
echo $! >"$STATE/nginx.pid.run"
for _ in $(seq 1 50); do
    curl -ksf -o /dev/null "$URL/health" && break
    alive "$STATE/nginx.pid.run" || { cat "$STATE/nginx/error.log" >&2; bp_die "nginx stopped (log above)."; }
    sleep 0.2
done
curl -ksf -o /dev/null "$URL/health" || bp_die "nginx does not answer on $URL (log: $STATE/nginx/error.log)."

bp_info "ready: two nodes behind nginx on one PostgreSQL. The certificate is self-signed: your browser will warn."
bp_info "an administrator: bash scripts/run-cluster.sh does not make one; run, with the cluster up:"
bp_info "  cd src/Buurtplatform.Web && Database__Provider=Postgres Database__ConnectionString='$CONNECTION' Site__DataPath=$STATE/node1 Site__PublicBaseUrl=$URL dotnet bin/Release/net10.0/Buurtplatform.Web.dll create-admin you@example.nl"
bp_info "stop it all with: bash scripts/run-cluster.sh stop"
echo "$URL"
