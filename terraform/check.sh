#!/bin/bash
# Offline checks of terraform/: fmt, init from the local mirror, validate, terraform test, rendered cloud-init and nginx.
# Works on a copy in a temp dir (nothing is left in the repo); prints one line per check and "N passed, N failed".
set -uo pipefail

readonly TERRAFORM_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly PLUGIN_DIR="${TF_PLUGIN_DIR:-/opt/tf-plugins}"
WORK_DIR="$(mktemp -d /tmp/atelier-tf-check.XXXXXX)"
readonly WORK_DIR
trap 'rm -rf "$WORK_DIR"' EXIT

passed=0
failed=0

# run_check NAME COMMAND...: runs the command with output in a log; prints PASS/FAIL and the log tail on failure.
run_check() {
  local name=$1 log
  shift
  log="$WORK_DIR/log.$((passed + failed))"
  if "$@" >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "PASS: $name"
  else
    failed=$((failed + 1))
    echo "FAIL: $name"
    tail -n 40 "$log" | sed 's/^/    /'
  fi
}

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}

if ! command -v terraform >/dev/null || [ ! -d "$PLUGIN_DIR/registry.terraform.io/hashicorp/aws" ]; then
  echo "ERROR: terraform/mirror missing (need terraform on PATH and the hashicorp/aws mirror in $PLUGIN_DIR)"
  failed=$((failed + 1))
  finish
fi

# Linters for the rendered files; installed from Debian only when missing (services are not started).
ensure_package() {
  local command_name=$1 package=$2
  command -v "$command_name" >/dev/null && return 0
  [ "$(id -u)" -eq 0 ] || return 1
  DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y --no-install-recommends "$package" \
    || { apt-get update && DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y --no-install-recommends "$package"; }
}
ensure_package cloud-init cloud-init >"$WORK_DIR/apt-cloud-init.log" 2>&1
ensure_package nginx nginx >"$WORK_DIR/apt-nginx.log" 2>&1
NGINX_BIN="$(command -v nginx || echo /usr/sbin/nginx)"
# Debian's python3 has PyYAML (cloud-init depends on it); a pyenv python3 on PATH may not.
SYSTEM_PYTHON="$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || command -v python3)"

# A private CLI config and data dir: no ~/.terraformrc needed, no .terraform/ or lock file in the repo.
export TF_CLI_CONFIG_FILE="$WORK_DIR/terraformrc"
: >"$TF_CLI_CONFIG_FILE"
export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
readonly COPY="$WORK_DIR/terraform"
mkdir -p "$COPY"
(cd "$TERRAFORM_DIR" && tar --exclude=.terraform --exclude=.terraform.lock.hcl -cf - .) | (cd "$COPY" && tar -xf -)

tf_root() { (cd "$COPY" && TF_DATA_DIR="$WORK_DIR/data-root" terraform "$@" -no-color); }
tf_render() { (cd "$COPY/tests/render" && TF_DATA_DIR="$WORK_DIR/data-render" terraform "$@" -no-color); }

run_check "terraform fmt -check -recursive" tf_root fmt -check -recursive -diff
run_check "terraform init (offline mirror)" tf_root init -backend=false -plugin-dir="$PLUGIN_DIR"
run_check "terraform validate" tf_root validate
run_check "terraform test (topology, validations, security policy)" tf_root test

# Render the templates through the same node_config module the stack uses, with loopback sample values.
readonly RENDERED="$WORK_DIR/rendered"
render_templates() {
  tf_render init -backend=false &&
    tf_render plan -out="$WORK_DIR/render.plan" &&
    tf_render show -json "$WORK_DIR/render.plan" >"$WORK_DIR/render.json" &&
    python3 - "$WORK_DIR/render.json" "$RENDERED" <<'PY'
import json, os, sys
plan, out_dir = sys.argv[1], sys.argv[2]
rendered = json.load(open(plan))["planned_values"]["outputs"]["rendered"]["value"]
os.makedirs(out_dir, exist_ok=True)
for name, text in rendered.items():
    with open(os.path.join(out_dir, name), "w") as f:
        f.write(text)
print("\n".join(sorted(rendered)))
PY
}
run_check "render templates (tests/render via terraform plan)" render_templates

for role in app cache db-primary db-replica lb; do
  run_check "cloud-init schema: $role" cloud-init schema --config-file "$RENDERED/$role-cloud-init.yaml"
done

# The cloud-init must carry exactly the rendered configure script.
embedded_script_matches() {
  "$SYSTEM_PYTHON" - "$RENDERED/$1-cloud-init.yaml" "$RENDERED/configure-$1.sh" <<'PY'
import base64, gzip, sys, yaml
config = yaml.safe_load(open(sys.argv[1]))
embedded = gzip.decompress(base64.b64decode(config["write_files"][0]["content"])).decode()
sys.exit(0 if embedded == open(sys.argv[2]).read() else 1)
PY
}
for role in app cache db-primary db-replica lb; do
  run_check "configure script syntax (bash -n): $role" bash -n "$RENDERED/configure-$role.sh"
  run_check "cloud-init embeds configure-$role.sh" embedded_script_matches "$role"
done

# The configure step alone (SKIP_INSTALL, SKIP_START) writes the expected config under a temp root.
configure_app_offline() {
  local root="$WORK_DIR/app-root"
  SKIP_INSTALL=1 SKIP_START=1 CONFIG_ROOT="$root" DATABASE_PASSWORD='p@ss word' bash "$RENDERED/configure-app.sh" &&
    grep -qx 'host = 0.0.0.0' "$root/etc/atelier/service.conf" &&
    grep -qx 'port = 8080' "$root/etc/atelier/service.conf" &&
    grep -qx 'database-url = "postgresql://atelier:p%40ss%20word@127.0.0.31:5432/atelier"' "$root/etc/atelier/service.conf" &&
    grep -qx 'memcached = 127.0.0.21:11211,127.0.0.22:11211' "$root/etc/atelier/service.conf" &&
    grep -qx 'pool-size = 16' "$root/etc/atelier/service.conf"
}
if command -v jq >/dev/null; then
  run_check "configure-app.sh SKIP_INSTALL=1 writes service.conf" configure_app_offline
else
  echo "SKIP: configure-app.sh offline run (jq not installed)"
fi

# nginx -t on the rendered LB config, wrapped in a minimal main config whose pid/logs/temp paths are in the temp dir.
nginx_config_test() {
  local prefix="$WORK_DIR/nginx"
  mkdir -p "$prefix/logs"
  cat >"$prefix/nginx.conf" <<CONF
pid $prefix/nginx.pid;
error_log $prefix/logs/error.log;
events {}
http {
  access_log $prefix/logs/access.log;
  client_body_temp_path $prefix/client_body;
  proxy_temp_path $prefix/proxy;
  fastcgi_temp_path $prefix/fastcgi;
  uwsgi_temp_path $prefix/uwsgi;
  scgi_temp_path $prefix/scgi;
  include $RENDERED/nginx-lb.conf;
}
CONF
  "$NGINX_BIN" -t -p "$prefix" -c "$prefix/nginx.conf"
}
run_check "nginx -t on rendered nginx-lb.conf" nginx_config_test

# The stack must not have left any state behind in the repo.
no_repo_litter() { [ ! -e "$TERRAFORM_DIR/.terraform" ] && [ ! -e "$TERRAFORM_DIR/.terraform.lock.hcl" ]; }
run_check "no .terraform or lock file left in the repo" no_repo_litter

finish
