#!/usr/bin/env bash
# API benchmark with caching off: wrk on each route and on the page-view mix over random ids of the imported
# data set, and pgbench -S (primary-key SELECTs) on the same Postgres in the same run as the reference.
# Run bench/import_bench.sh first (it leaves the full data set in $BENCH_DIR/pg).
# Target (issue 3): cold styles route >= 5,000 RPS with p99 <= 20 ms on this 2-core machine.
# Usage: bench/api_bench.sh [seconds per run]   (env: BENCH_DIR, BUILD_DIR, POOL_SIZE, CONNECTIONS)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
bench_dir=${BENCH_DIR:-/tmp/atelier-bench}
seconds=${1:-10}
connections=${CONNECTIONS:-32}
pg_port=${BENCH_PG_PORT:-57432}
service_port=${BENCH_SERVICE_PORT:-18181}
source "$root/bench/private_postgres.sh"
url="host=127.0.0.1 port=$pg_port user=postgres dbname=postgres"

start_private_postgres "$bench_dir" "$pg_port"
cleanup() {
  [[ -n "${service_pid:-}" ]] && kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null
  stop_private_postgres "$bench_dir"
}
trap cleanup EXIT
max_id=$(psql -X -At "$url" -c "SELECT max(product_id) FROM atelier.product_document")
products=$(psql -X -At "$url" -c "SELECT count(*) FROM atelier.product_document")

"$build_dir/service/atelier-service" --host 127.0.0.1 --port "$service_port" --database-url "$url" \
  --pool-size "${POOL_SIZE:-4}" 2>"$bench_dir/service.log" &
service_pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$service_port/healthz" >/dev/null && break; sleep 0.1; done

base="http://127.0.0.1:$service_port"
results=()
run() {  # run NAME wrk-args...
  local name=$1; shift
  local out
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" 2>&1)
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  results+=("$(printf '%-22s %10s %10s %10s %8s' "$name" "$rps" "$p50" "$p99" "${errors:-0}")")
  echo "$out" >"$bench_dir/wrk-$name.txt"
}

echo "== warming nothing: every id is random over $products products (max id $max_id), cache off"
run styles -s "$root/bench/random_route.lua" "$base" -- styles "$max_id"
run product -s "$root/bench/random_route.lua" "$base" -- "" "$max_id"
run related -s "$root/bench/random_route.lua" "$base" -- related "$max_id"
run products_page -s "$root/bench/random_page.lua" "$base" -- "$products" 5
# Keyset by rank: the last full page must cost what the first does.
run products_first_page "$base/products?page=1&count=5"
run products_last_page "$base/products?page=$((products / 5))&count=5"
run page_view_mix -s "$root/bench/page_view_mix.lua" "$base" -- "$max_id"
kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; service_pid=

echo "== pgbench -S on the same server"
psql -X -q "$url" -c "DROP DATABASE IF EXISTS pgbench" -c "CREATE DATABASE pgbench"
pgbench_url="host=127.0.0.1 port=$pg_port user=postgres dbname=pgbench"
"$pg_bin/pgbench" -i -q -s 10 "$pgbench_url" >/dev/null 2>&1
pgbench_tps=$("$pg_bin/pgbench" -S -M prepared -c "$connections" -j 2 -T "$seconds" "$pgbench_url" 2>/dev/null |
  awk '/^tps/ {print $3; exit}')

styles_rps=$(awk '{print $2; exit}' <<<"${results[0]}")
printf '\nAPI benchmark, cache off, %s connections, %ss per run, pool %s\n' "$connections" "$seconds" "${POOL_SIZE:-4}"
printf '%-22s %10s %10s %10s %8s\n' route RPS p50 p99 non-2xx
printf '%s\n' "${results[@]}"
printf '%-22s %10s\n' "pgbench -S (tps)" "$pgbench_tps"
printf 'styles route / pgbench -S = %.2f\n' "$(echo "$styles_rps / $pgbench_tps" | bc -l)"
