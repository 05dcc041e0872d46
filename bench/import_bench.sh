#!/usr/bin/env bash
# Import benchmark: generates the full-scale data set (1,000,011 products, ~26M rows) once, then in ONE run
# times a plain psql \copy of already-clean files (no validation, no keys, no documents) and the full
# atelier-import (validation, rejects, keys, indexes, documents, ANALYZE, swap), and prints the ratio.
# Targets (issue 2): full import <= 240 s on 2 cores, and <= 1.5x the plain \copy.
# Usage: bench/import_bench.sh [products]   (env: BENCH_DIR, default /tmp/atelier-bench; BUILD_DIR)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
bench_dir=${BENCH_DIR:-/tmp/atelier-bench}
products=${1:-1000011}
port=${BENCH_PG_PORT:-57432}
source "$root/bench/private_postgres.sh"
url="host=127.0.0.1 port=$port user=postgres dbname=postgres"
psql_cmd=(psql -X -q -v ON_ERROR_STOP=1 "$url")

mkdir -p "$bench_dir"
if [[ ! -f "$bench_dir/data-$products/manifest.json" ]]; then
  echo "== generating $products products into $bench_dir/data-$products"
  "$build_dir/import/generator/atelier-generate" --out "$bench_dir/data-$products" --products "$products"
fi
rm -rf "$bench_dir/pg"
start_private_postgres "$bench_dir" "$port"
trap 'stop_private_postgres "$bench_dir"' EXIT

echo "== atelier-import (full pipeline)"
start=$(date +%s.%N)
"$build_dir/import/atelier-import" --no-progress --data-dir "$bench_dir/data-$products" \
  --database-url "$url" --rejects "$bench_dir/import.rejects"
import_seconds=$(echo "$(date +%s.%N) - $start" | bc)

# Clean files for the baseline: exactly the rows the importer accepted, dumped in CSV.
clean_dir="$bench_dir/clean-$products"
mkdir -p "$clean_dir"
[[ $(id -u) -eq 0 ]] && chmod 777 "$clean_dir"
for table in product feature style photo sku related; do
  "${psql_cmd[@]}" -c "\\copy atelier.$table TO '$clean_dir/$table.csv' CSV HEADER"
done

echo "== plain psql \\copy of the clean files (tables only, no keys or documents)"
"${psql_cmd[@]}" -c "DROP SCHEMA IF EXISTS bench_plain CASCADE"
start=$(date +%s.%N)
{
  echo "BEGIN; CREATE SCHEMA bench_plain; SET search_path TO bench_plain;"
  sed -n '/CREATE TABLE product_document/q;p' "$root/sql/dataset/01_tables.sql"
  for table in product feature style photo sku related; do
    echo "\\copy bench_plain.$table FROM '$clean_dir/$table.csv' CSV HEADER"
  done
  echo "COMMIT;"
} | "${psql_cmd[@]}"
copy_seconds=$(echo "$(date +%s.%N) - $start" | bc)
"${psql_cmd[@]}" -c "DROP SCHEMA bench_plain CASCADE"

rows=$("${psql_cmd[@]}" -At -c "SELECT sum((value)::bigint) FROM atelier_meta.dataset, jsonb_each_text(row_counts)")
ratio=$(echo "scale=2; $import_seconds / $copy_seconds" | bc)
printf '\nimport benchmark (%s products, %s rows loaded)\n' "$products" "$rows"
printf '  atelier-import total     %8.1f s\n' "$import_seconds"
printf '  plain psql \\copy (clean) %8.1f s\n' "$copy_seconds"
printf '  ratio                    %8.2fx   (target <= 1.5x; import target <= 240 s)\n' "$ratio"
