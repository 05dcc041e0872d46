# Sourced by bench scripts: start_private_postgres DIR PORT starts a throw-away Postgres cluster on loopback.
# Settings are the import-friendly ones the README recommends (no WAL for same-transaction COPY).
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
as_pg=()
[[ $(id -u) -eq 0 ]] && as_pg=(runuser -u postgres --)

start_private_postgres() {
  local dir=$1 port=$2
  mkdir -p "$dir"
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
  if [[ ! -f "$dir/pg/PG_VERSION" ]]; then
    "${as_pg[@]}" "$pg_bin/initdb" -D "$dir/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
      >"$dir/initdb.log" 2>&1 || { echo "initdb failed: see $dir/initdb.log" >&2; return 1; }
  fi
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/pg" -l "$dir/postgres.log" -w start -o \
    "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c wal_level=minimal \
     -c max_wal_senders=0 -c max_connections=200 -c shared_buffers=1GB -c maintenance_work_mem=1GB \
     -c max_wal_size=16GB -c checkpoint_timeout=30min -c shared_preload_libraries=pg_stat_statements" \
    >/dev/null
}

stop_private_postgres() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$1/pg" -m fast stop >/dev/null 2>&1 || true
}
