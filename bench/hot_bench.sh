#!/usr/bin/env bash
# Hot-cache benchmark: the zipf page-view mix (product, styles, related, then the related products and their
# styles) against the service with its memcached cache on, side by side in the same run with Debian nginx
# (one worker, loopback) serving the same bodies as static files prepared from the service's responses.
# Then an open-loop-ish run at a fixed offered rate (default 5,000 RPS; see bench/paced_page_view_mix.lua:
# wrk2 is not in Debian, so wrk paces each connection with delay(); coordinated omission is not corrected).
# Needs a loaded data set: run bench/import_bench.sh first (it leaves Postgres data in $BENCH_DIR/pg).
# Usage: bench/hot_bench.sh [seconds per run]
#   env: BENCH_DIR, BUILD_DIR, HOT_IDS (ids 1..N in the mix, default 10000), ZIPF (default 1.1),
#        CONNECTIONS (default 32), RATE (default 5000), POOL_SIZE, CACHE_SHARDS,
#        SERVICE_ARGS (extra atelier-service options, e.g. "--io-threads 1")
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
bench_dir=${BENCH_DIR:-/tmp/atelier-bench}
seconds=${1:-10}
connections=${CONNECTIONS:-32}
hot_ids=${HOT_IDS:-10000}
zipf=${ZIPF:-1.1}
rate=${RATE:-5000}
pg_port=${BENCH_PG_PORT:-57432}
service_port=${BENCH_SERVICE_PORT:-18182}
nginx_port=${BENCH_NGINX_PORT:-18183}
memcached_port=${BENCH_MEMCACHED_PORT:-18184}
source "$root/bench/private_postgres.sh"
url="host=127.0.0.1 port=$pg_port user=postgres dbname=postgres"
static_dir=$bench_dir/static
nginx_dir=$bench_dir/nginx

start_private_postgres "$bench_dir" "$pg_port"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  stop_private_postgres "$bench_dir"
}
trap cleanup EXIT

memcached -l 127.0.0.1 -p "$memcached_port" -U 0 -m 512 -c 4096 -u nobody &
pids+=($!)
"$build_dir/service/atelier-service" --host 127.0.0.1 --port "$service_port" --database-url "$url" \
  --pool-size "${POOL_SIZE:-4}" --memcached "127.0.0.1:$memcached_port" \
  --cache-shards "${CACHE_SHARDS:-2}" ${SERVICE_ARGS:-} 2>"$bench_dir/hot-service.log" &
pids+=($!)
base="http://127.0.0.1:$service_port"
for _ in $(seq 1 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done

# Static copies of every body the mix can ask for: ids 1..HOT_IDS and the products they relate to.
prepare_static() {
  rm -rf "$static_dir"
  mkdir -p "$static_dir"
  local paths=$bench_dir/static-paths.txt
  seq 1 "$hot_ids" | awk '{print "/products/"$1"/related"}' >"$paths"
  fetch <"$paths"
  { seq 1 "$hot_ids"
    cat "$static_dir"/products/*/related/_doc | tr -c '0-9' '\n' | grep -v '^$'
  } | sort -un | awk '{print "/products/"$1; print "/products/"$1"/styles"}' | fetch
}
fetch() {  # reads paths on stdin, stores each body as $static_dir/<path>/_doc (one curl, keep-alive)
  awk -v base="$base" -v dir="$static_dir" '{print "url = \"" base $1 "\""; print "output = \"" dir $1 "/_doc\""}' \
    >"$bench_dir/static-curl.conf"
  curl -sf --no-progress-meter --create-dirs --parallel --parallel-max 8 -K "$bench_dir/static-curl.conf" || true
  # 404s (ids the data set lacks) leave no file, so nginx answers 404 for them too; curl creates its
  # directories 0750, which nginx's unprivileged worker cannot read.
  find "$static_dir" -type f -empty -delete
  chmod -R a+rX "$static_dir"
}
echo "== preparing static bodies for ids 1..$hot_ids (and their related products)"
prepare_static

mkdir -p "$nginx_dir"
cat >"$nginx_dir/nginx.conf" <<CONF
worker_processes 1;
pid $nginx_dir/nginx.pid;
error_log $nginx_dir/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$nginx_port;
    location /products/ { default_type application/json; try_files \$uri/_doc =404; root $static_dir; }
  }
}
CONF
nginx -c "$nginx_dir/nginx.conf" -p "$nginx_dir" -g 'daemon off;' &
pids+=($!)
sleep 0.5

results=()
run() {  # run NAME wrk-args...
  local name=$1; shift
  local out rps p50 p99 non2xx errors
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" 2>&1)
  echo "$out" >"$bench_dir/wrk-$name.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  # Non-2xx is mostly 404 (ids missing from the generated data set), the same on both sides.
  non2xx=$(awk '/Non-2xx/ {n+=$5} END {print n+0}' <<<"$out")
  errors=$(awk '/Socket errors/ {gsub(",", ""); n+=$4+$6+$8+$10} END {print n+0}' <<<"$out")
  results+=("$(printf '%-28s %10s %10s %10s %8s %8s' "$name" "$rps" "$p50" "$p99" "$non2xx" "$errors")")
}

mix=("$root/bench/page_view_mix.lua")
echo "== warm-up (fills memcached and L1)"
wrk -t2 -c"$connections" -d"${seconds}s" -s "${mix[0]}" "$base" -- "$hot_ids" "$zipf" >/dev/null
run service_hot_mix -s "${mix[0]}" "$base" -- "$hot_ids" "$zipf"
run nginx_static_mix -s "${mix[0]}" "http://127.0.0.1:$nginx_port" -- "$hot_ids" "$zipf"
export PACE_RATE=$rate PACE_CONNECTIONS=$connections
run "service_paced_${rate}rps" -s "$root/bench/paced_page_view_mix.lua" "$base" -- "$hot_ids" "$zipf"
run "nginx_paced_${rate}rps" -s "$root/bench/paced_page_view_mix.lua" \
  "http://127.0.0.1:$nginx_port" -- "$hot_ids" "$zipf"

printf '\nHot benchmark: zipf %s over ids 1..%s, %s connections, %ss per run\n' "$zipf" "$hot_ids" \
  "$connections" "$seconds"
printf '%-28s %10s %10s %10s %8s %8s\n' run RPS p50 p99 non-2xx sock_err
printf '%s\n' "${results[@]}"
