#!/usr/bin/env bash
# Instructions per hot request: runs atelier-service under callgrind, warms its L1 with the hot ids, then
# counts the instructions the whole process executes for a fixed number of L1-hit requests. Instruction
# counts do not depend on what else the shared 2-core machine is doing, so before/after comparisons of a
# hot-path change are exact where wall-clock RPS is noise. Prints Ir/request and the biggest inclusive costs.
# Usage: DATABASE_URL='host=... dbname=...' bench/hot_path_instructions.sh [requests]
#   needs a loaded data set at DATABASE_URL (scripts/run-local's, or bench/import_bench.sh's)
#   env: BUILD_DIR, BENCH_SERVICE_PORT (default 18190), BENCH_MEMCACHED_PORT (default 18191)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
requests=${1:-4000}
service_port=${BENCH_SERVICE_PORT:-18190}
memcached_port=${BENCH_MEMCACHED_PORT:-18191}
: "${DATABASE_URL:?set DATABASE_URL to a database holding an imported data set}"
command -v valgrind >/dev/null || { echo "hot_path_instructions: valgrind is not installed" >&2; exit 1; }
work=$(mktemp -d /tmp/atelier-callgrind.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

memcached -l 127.0.0.1 -p "$memcached_port" -U 0 -m 64 -u nobody &
pids+=($!)
# One IO thread and two actor threads: the shape of a 2-core node, and fewer threads polling idle.
valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
  "$build_dir/service/atelier-service" --host 127.0.0.1 --port "$service_port" \
  --database-url "$DATABASE_URL" --memcached "127.0.0.1:$memcached_port" --io-threads 1 \
  --actor-threads 2 >"$work/service.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$service_port/readyz" && break
  sleep 1
done
curl -sf -o /dev/null "http://127.0.0.1:$service_port/readyz" || { cat "$work/service.log"; exit 1; }

wrk -t1 -c8 -d120s -s "$root/bench/hot_requests.lua" "http://127.0.0.1:$service_port" -- 500 >/dev/null
callgrind_control -z >/dev/null
started=$(date +%s)
wrk -t1 -c8 -d600s -s "$root/bench/hot_requests.lua" "http://127.0.0.1:$service_port" -- "$requests" \
  >/dev/null
echo "$requests requests answered under callgrind in $(($(date +%s) - started)) s"
callgrind_control -d >/dev/null
dump=$(ls "$work"/callgrind.out.* | tail -n 1)
total=$(callgrind_annotate "$dump" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
echo "instructions: $total for $requests requests = $((total / requests)) per request"
echo "largest inclusive costs (per request):"
callgrind_annotate --inclusive=yes "$dump" 2>/dev/null \
  | awk -v n="$requests" '/^ *[0-9,]+ \(/ {c=$1; gsub(",", "", c); $1=""; $2=""; printf "%8d %s\n", c/n, substr($0, 1, 150)}' \
  | grep -E "atelier::|caf::scheduled_actor::resume|__dynamic_cast|malloc|serializer" | head -25
