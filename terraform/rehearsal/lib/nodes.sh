# The namespace hosts' software (sourced by rehearse): renders the configure scripts with terraform, lays down what
# each role's package would have installed, then runs the rendered configure step in the host's namespace.
# Needs: REHEARSAL_DIR (this folder's parent), REPO_DIR, BUILD_DIR, STATE_DIR, PG_VERSION, PG_BIN, namespaces.sh.
# shellcheck shell=bash

readonly RENDER_DIR="$STATE_DIR/rendered"

# render: plans terraform/rehearsal offline (no providers, nothing downloaded) and writes the outputs as files.
render() {
  local data_dir="$STATE_DIR/terraform-data"
  mkdir -p "$RENDER_DIR"
  # A private CLI config and data dir: nothing written into the repo, no ~/.terraformrc needed.
  : >"$STATE_DIR/terraformrc"
  (
    cd "$REHEARSAL_DIR"
    export TF_CLI_CONFIG_FILE="$STATE_DIR/terraformrc" TF_DATA_DIR="$data_dir" TF_IN_AUTOMATION=1 TF_INPUT=0
    export CHECKPOINT_DISABLE=1
    terraform init -backend=false -no-color >"$STATE_DIR/terraform-init.log" 2>&1 &&
      terraform plan -no-color -var "database_engine_version=$PG_VERSION" -out="$STATE_DIR/render.plan" \
        >"$STATE_DIR/terraform-plan.log" 2>&1 &&
      terraform show -json "$STATE_DIR/render.plan" >"$STATE_DIR/render.json"
  ) || die "terraform could not render terraform/rehearsal; see $STATE_DIR/terraform-*.log"
  local outputs=.planned_values.outputs role
  jq -r "$outputs.hosts.value | to_entries[] | \"\(.key) \(.value)\"" "$STATE_DIR/render.json" \
    >"$RENDER_DIR/hosts"
  jq -r "$outputs.prefix_length.value" "$STATE_DIR/render.json" >"$RENDER_DIR/prefix_length"
  for role in app cache db lb; do
    jq -r "$outputs.configure_scripts.value.$role" "$STATE_DIR/render.json" >"$RENDER_DIR/configure-$role.sh"
  done
}

# load_topology: HOST_NAMES, HOST_ADDRESS and PREFIX_LENGTH from the rendered outputs.
load_topology() {
  local name address
  HOST_NAMES=()
  declare -gA HOST_ADDRESS=()
  while read -r name address; do
    HOST_NAMES+=("$name")
    HOST_ADDRESS[$name]=$address
  done <"$RENDER_DIR/hosts"
  PREFIX_LENGTH=$(cat "$RENDER_DIR/prefix_length")
}

hosts_of_role() { printf '%s\n' "${HOST_NAMES[@]}" | grep "^$1[0-9]*$" | sort -V; }
node_root() { echo "$STATE_DIR/hosts/$1"; }

# What the postgresql package's pg_createcluster makes on a Debian node, under the node root: a cluster whose
# config lives in /etc/postgresql/V/main (conf.d included) and data in /var/lib/postgresql/V/main.
provide_postgres_cluster() {
  local root=$1 pg_etc="$1/etc/postgresql/$PG_VERSION/main" pg_data="$1/var/lib/postgresql/$PG_VERSION/main"
  install -d -m 0755 "$pg_etc/conf.d" "$root/var/run/postgresql" "$(dirname "$pg_data")"
  install -d -m 0700 -o postgres -g postgres "$pg_data"
  chown postgres:postgres "$root/var/run/postgresql"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$pg_data" -U postgres --auth-local=peer \
    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$root/initdb.log" 2>&1 ||
    die "initdb failed; see $root/initdb.log"
  cat >"$pg_etc/postgresql.conf" <<CONF
# Cluster config as pg_createcluster lays it out; configure-db.sh adds conf.d/atelier.conf and pg_hba.conf.
data_directory = '$pg_data'
hba_file = '$pg_etc/pg_hba.conf'
ident_file = '$pg_data/pg_ident.conf'
unix_socket_directories = '$root/var/run/postgresql'
shared_buffers = 128MB
include_dir = 'conf.d'
CONF
}

# What the nginx package ships as /etc/nginx/nginx.conf, reduced to what the rendered site needs, under the node root.
provide_nginx_main_config() {
  local root=$1 var="$1/var/lib/nginx"
  install -d -m 0755 "$root/etc/nginx/conf.d" "$root/var/log/nginx" "$root/var/run"
  install -d -o www-data "$var"
  cat >"$root/etc/nginx/nginx.conf" <<CONF
# Main config of the rehearsal lb host (Debian's nginx.conf, minus what the site does not use).
user www-data;
worker_processes auto;
pid $root/var/run/nginx.pid;
error_log $root/var/log/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $var/body;
  proxy_temp_path $var/proxy;
  fastcgi_temp_path $var/fastcgi;
  uwsgi_temp_path $var/uwsgi;
  scgi_temp_path $var/scgi;
  include $root/etc/nginx/conf.d/*.conf;
}
CONF
}

# configure_node HOST ROLE: the rendered configure-ROLE.sh in HOST's namespace, install step skipped, with the
# node-bin stand-ins for systemctl/sudo/nginx first on PATH. Output goes to the node's configure.log so the daemons
# it starts never hold the caller's stdout. PGHOST/PGPORT matter only to the db script's psql (via the sudo stand-in).
configure_node() {
  local host=$1 role=$2 root
  root=$(node_root "$host")
  mkdir -p "$root"
  in_ns "$host" env SKIP_INSTALL=1 SKIP_START=0 CONFIG_ROOT="$root" DATABASE_PASSWORD="$DATABASE_PASSWORD" \
    PATH="$REHEARSAL_DIR/node-bin:$PATH" PGHOST="$root/var/run/postgresql" PGPORT="$DB_PORT" \
    REHEARSAL_REPO_DIR="$REPO_DIR" REHEARSAL_BUILD_DIR="$BUILD_DIR" REHEARSAL_PG_BIN="$PG_BIN" \
    bash "$RENDER_DIR/configure-$role.sh" >"$root/configure.log" 2>&1 ||
    die "configure-$role.sh failed on $host; see $root/configure.log"
  say "$host (${HOST_ADDRESS[$host]}): $(tail -n 1 "$root/configure.log")"
}

# wait_for HOST DESCRIPTION URL: polls URL from HOST's namespace until it answers 2xx.
wait_for() {
  local host=$1 description=$2 url=$3
  for _ in $(seq 150); do
    in_ns "$host" curl -fsS -o /dev/null --max-time 1 "$url" 2>/dev/null && return 0
    sleep 0.2
  done
  die "$description did not answer $url within 30 s"
}

# import_sample_data: generates a sample catalog and imports it from app1 over the network, as the README's
# "load the schema and data with atelier-import from an app node", with the service's role and password.
import_sample_data() {
  local data="$STATE_DIR/data" importer_url
  "$BUILD_DIR/import/generator/atelier-generate" --out "$data" --products "$SAMPLE_PRODUCTS" \
    >"$STATE_DIR/generate.log" 2>&1 || die "atelier-generate failed; see $STATE_DIR/generate.log"
  importer_url="host=${HOST_ADDRESS[db]} port=$DB_PORT dbname=atelier user=atelier password=$DATABASE_PASSWORD"
  in_ns app1 "$BUILD_DIR/import/atelier-import" --data-dir "$data" --database-url "$importer_url" \
    --rejects "$STATE_DIR/import.rejects" >"$STATE_DIR/import.log" 2>&1 ||
    die "atelier-import failed; see $STATE_DIR/import.log"
  say "imported $SAMPLE_PRODUCTS sample products into Postgres on db from app1"
}

# bring_up_nodes: db, cache nodes, data, app nodes, lb; each waits for the previous tier like a real rollout.
bring_up_nodes() {
  local host
  provide_postgres_cluster "$(node_root db)"
  configure_node db db
  for host in $(hosts_of_role cache); do configure_node "$host" cache; done
  import_sample_data
  for host in $(hosts_of_role app); do configure_node "$host" app; done
  for host in $(hosts_of_role app); do
    wait_for client "$host" "http://${HOST_ADDRESS[$host]}:$APP_PORT/readyz"
  done
  provide_nginx_main_config "$(node_root lb)"
  configure_node lb lb
  wait_for client "lb" "http://${HOST_ADDRESS[lb]}/readyz"
}

# stop_postgres_cleanly: a fast shutdown before the namespaces go, so no shared memory or socket is left behind.
stop_postgres_cleanly() {
  local pg_data
  pg_data="$(node_root db)/var/lib/postgresql/$PG_VERSION/main"
  [ -f "$pg_data/postmaster.pid" ] || return 0
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$pg_data" -m fast -w -t 20 stop >/dev/null 2>&1 || true
}
