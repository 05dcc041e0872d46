# Network namespaces of the rehearsal (sourced by rehearse): one per host, all on one bridge that itself lives in
# its own namespace, so nothing is added to the machine's own network stack and no traffic leaves the namespaces.
# Needs: NS_PREFIX, HOST_NAMES (array), HOST_ADDRESS (assoc array name => IPv4), PREFIX_LENGTH.
# shellcheck shell=bash

readonly BRIDGE_NS="${NS_PREFIX}net"

ns_of() { echo "${NS_PREFIX}$1"; }

# in_ns HOST COMMAND...: runs COMMAND inside HOST's namespace.
in_ns() {
  local host=$1
  shift
  ip netns exec "$(ns_of "$host")" "$@"
}

create_namespaces() {
  ip netns add "$BRIDGE_NS"
  ip -n "$BRIDGE_NS" link add br0 type bridge
  ip -n "$BRIDGE_NS" link set br0 up
  local host ns
  for host in "${HOST_NAMES[@]}"; do
    ns=$(ns_of "$host")
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    # eth0 in the host, its peer (named after the host) on the bridge.
    ip -n "$ns" link add eth0 type veth peer name "$host" netns "$BRIDGE_NS"
    ip -n "$BRIDGE_NS" link set "$host" master br0 up
    ip -n "$ns" addr add "${HOST_ADDRESS[$host]}/$PREFIX_LENGTH" dev eth0
    ip -n "$ns" link set eth0 up
  done
}

# Every namespace whose name starts with NS_PREFIX, whether from this run or a previous one.
rehearsal_namespaces() { ip netns list | awk '{print $1}' | grep "^${NS_PREFIX}" || true; }

# namespace_pids: every process inside a rehearsal namespace (only this rehearsal starts processes there).
namespace_pids() {
  local ns
  for ns in $(rehearsal_namespaces); do ip netns pids "$ns" 2>/dev/null || true; done
}

# delete_namespaces: TERM every process in every namespace at once (the LB's keepalive connections must not hold an
# app node's drain), KILL what is left after 5 s, then delete the namespaces.
delete_namespaces() {
  local pids ns
  mapfile -t pids < <(namespace_pids)
  if ((${#pids[@]} > 0)); then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 50); do
      mapfile -t pids < <(namespace_pids)
      ((${#pids[@]} > 0)) || break
      sleep 0.1
    done
    ((${#pids[@]} == 0)) || kill -KILL "${pids[@]}" 2>/dev/null || true
  fi
  for ns in $(rehearsal_namespaces); do
    ip netns delete "$ns" 2>/dev/null || echo "rehearse: warning: could not delete namespace $ns" >&2
  done
}
