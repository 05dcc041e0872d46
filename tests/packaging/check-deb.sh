#!/usr/bin/env bash
# Builds the .deb with CPack in a temp dir and checks what operators rely on: binaries, hardened unit,
# conffile, postinst user creation and shared-library dependencies. Prints "N passed, N failed".
set -uo pipefail
build_dir=$1
work=$(mktemp -d /tmp/atelier-deb.XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
check() {  # check DESCRIPTION COMMAND...
  local description=$1; shift
  if "$@" >/dev/null 2>&1; then echo "PASS $description"; passed=$((passed + 1))
  else echo "FAIL $description"; failed=$((failed + 1)); fi
}
(cd "$build_dir" && cpack -G DEB -B "$work" >"$work/cpack.log" 2>&1)
deb=$(ls "$work"/atelier-product-service_*.deb 2>/dev/null | head -n 1)
check "cpack builds the .deb" test -f "$deb"
dpkg-deb -x "$deb" "$work/root" 2>/dev/null
dpkg-deb -e "$deb" "$work/control" 2>/dev/null
unit="$work/root/usr/lib/systemd/system/atelier-service.service"
for binary in atelier-service atelier-import atelier-generate; do
  check "ships /usr/bin/$binary and it runs --help" "$work/root/usr/bin/$binary" --help
done
check "unit runs as the atelier user" grep -qx 'User=atelier' "$unit"
check "unit never gains privileges" grep -qx 'NoNewPrivileges=yes' "$unit"
check "unit sees a read-only system" grep -qx 'ProtectSystem=strict' "$unit"
check "unit has no capabilities" grep -qx 'CapabilityBoundingSet=' "$unit"
check "unit reads /etc/atelier/service.conf" grep -q -- '--config /etc/atelier/service.conf' "$unit"
check "service.conf is a conffile" grep -qx '/etc/atelier/service.conf' "$work/control/conffiles"
check "postinst creates the system user" grep -q 'adduser --system' "$work/control/postinst"
check "depends on the CAF runtime" grep -q 'libcaf-core0.17' "$work/control/control"
check "depends on the libpqxx runtime" grep -q 'libpqxx-6.4' "$work/control/control"
check "the packaged config parses" "$work/root/usr/bin/atelier-service" --config "$work/root/etc/atelier/service.conf" --print-config
echo "$passed passed, $failed failed"
((failed == 0))
