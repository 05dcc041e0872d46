# The failure drill (sourced by rehearse): bounded paced traffic from the client host through the LB while one app
# node and one memcached node are SIGKILLed, then the < 0.1 % error assertion.
# Needs: STATE_DIR, DB_PORT, DRILL_* settings, nodes.sh and namespaces.sh.
# shellcheck shell=bash

# sample_ids: product ids that exist (the generator leaves gaps), so a 404 in the drill is a real error.
sample_ids() {
  in_ns db runuser -u postgres -- psql -h "$(node_root db)/var/run/postgresql" -p "$DB_PORT" -d atelier -Atq \
    -c "SELECT id FROM atelier.product ORDER BY id" >"$STATE_DIR/ids" ||
    die "could not read product ids from Postgres"
  [ -s "$STATE_DIR/ids" ] || die "the imported data set has no products"
}

daemon_pid() { cat "$(node_root "$1")/var/run/$2.pid"; }

# memcached_items HOST: curr_items of HOST's memcached, read from the app tier's side.
memcached_items() {
  in_ns app1 memcstat --servers="${HOST_ADDRESS[$1]}:$CACHE_PORT" 2>/dev/null | awk '$1 == "curr_items:" {print $2}'
}

# served_requests HOST: requests HOST's atelier-service has answered so far (its Prometheus counter).
served_requests() {
  in_ns client curl -fsS --max-time 2 "http://${HOST_ADDRESS[$1]}:$APP_PORT/metrics" |
    awk '/^atelier_http_requests_total/ {sum += $NF} END {printf "%d\n", sum}'
}

# is_running PID: alive and not a zombie (the daemons were reparented; PID 1 of a container may never reap them).
is_running() { [ -e "/proc/$1" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }

# kill_daemon HOST UNIT: SIGKILL (no drain, like a node dying) and check it is gone.
kill_daemon() {
  local host=$1 unit=$2 pid
  pid=$(daemon_pid "$host" "$unit")
  is_running "$pid" || die "$unit on $host was not running before the kill"
  kill -KILL "$pid"
  for _ in $(seq 20); do is_running "$pid" || break; sleep 0.05; done
  ! is_running "$pid" || die "$unit on $host survived SIGKILL"
  say "t=$(($(date +%s) - drill_started))s: SIGKILL $unit on $host (pid $pid)"
}

run_drill() {
  local pages wrk_log="$STATE_DIR/wrk.log" wrk_pid victim_app victim_cache items summary served_before served
  sample_ids
  pages=$((($(wc -l <"$STATE_DIR/ids") + 4) / 5))
  victim_app=$(hosts_of_role app | sed -n 2p)
  victim_cache=$(hosts_of_role cache | sed -n 2p)
  say "drill: ${DRILL_SECONDS}s at ~${DRILL_RATE} req/s over ${DRILL_CONNECTIONS} connections through lb;" \
    "SIGKILL $victim_app at ${DRILL_KILL_APP_AT}s and $victim_cache at ${DRILL_KILL_CACHE_AT}s"
  served_before=$(served_requests "$victim_app")
  drill_started=$(date +%s)
  in_ns client env TRAFFIC_IDS_FILE="$STATE_DIR/ids" TRAFFIC_PAGES="$pages" TRAFFIC_RATE="$DRILL_RATE" \
    TRAFFIC_CONNECTIONS="$DRILL_CONNECTIONS" \
    wrk -t 2 -c "$DRILL_CONNECTIONS" -d "${DRILL_SECONDS}s" --timeout 5s -s "$REHEARSAL_DIR/traffic.lua" \
    "http://${HOST_ADDRESS[lb]}/" >"$wrk_log" 2>&1 &
  wrk_pid=$!

  sleep "$DRILL_KILL_APP_AT"
  # The app kill only proves something if the LB was sending that node its share.
  served=$(($(served_requests "$victim_app") - served_before))
  ((served > 0)) || die "$victim_app served no drill traffic before its kill: the LB is not balancing"
  say "$victim_app served $served drill requests"
  kill_daemon "$victim_app" atelier-service
  sleep $((DRILL_KILL_CACHE_AT - DRILL_KILL_APP_AT))
  # The cache kill only proves something if that node holds part of the working set.
  items=$(memcached_items "$victim_cache")
  [ "${items:-0}" -gt 0 ] || die "$victim_cache held no items before its kill: the cache tier is not in use"
  say "$victim_cache holds $items items"
  kill_daemon "$victim_cache" memcached
  wait "$wrk_pid" || die "wrk failed; see $wrk_log"

  summary=$(grep '^TRAFFIC ' "$wrk_log") || die "wrk printed no summary; see $wrk_log"
  report_drill "$summary"
}

# report_drill SUMMARY: prints the figures and fails unless errors < DRILL_MAX_ERROR_PCT and enough traffic ran.
report_drill() {
  local summary=$1 requests errors pct min_requests
  requests=$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$summary")
  errors=$(sed -E 's/.* errors=([0-9]+).*/\1/' <<<"$summary")
  pct=$(sed -E 's/.* error_pct=([0-9.]+).*/\1/' <<<"$summary")
  echo "rehearsal: ${summary#TRAFFIC }"
  say "app nodes serving after the drill: $(upstreams_alive)"
  # At least half the offered load must have been served, or a stalled LB would pass with few requests.
  min_requests=$((DRILL_RATE * DRILL_SECONDS / 2))
  ((requests >= min_requests)) || die "only $requests requests in ${DRILL_SECONDS}s (expected >= $min_requests)"
  # errors / requests < DRILL_MAX_ERROR_PCT %, in integer arithmetic: errors * 100 * 1000 < pct * 1000 * requests.
  ((errors * 100000 < DRILL_MAX_ERROR_MILLIPCT * requests)) ||
    die "error rate $pct % is not below $(awk "BEGIN {print $DRILL_MAX_ERROR_MILLIPCT / 1000}") %"
  say "PASS: $errors errors in $requests requests ($pct %) with one app node and one memcached node killed"
}

upstreams_alive() {
  local host alive=()
  for host in $(hosts_of_role app); do
    in_ns client curl -fsS -o /dev/null --max-time 1 "http://${HOST_ADDRESS[$host]}:$APP_PORT/healthz" 2>/dev/null &&
      alive+=("$host")
  done
  echo "${alive[*]:-none}"
}
