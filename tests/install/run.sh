#!/usr/bin/env bash
# Installs the build into a temporary prefix, builds a C program against it through the
# CMake package, and checks a sample submission through the C API; also checks the
# installed command finds its templates with no flags, and that the static library writes
# the HTML report.
set -euo pipefail
build=$1
source=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
cmake -S "$source/tests/install" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/consumer" >/dev/null
env -u PRECHECK_DATA_DIR "$tmp/consumer/consumer" "$source/samples/submissions/sub-0001"
env -u PRECHECK_DATA_DIR "$tmp/prefix/bin/precheck" lint | grep -q "share/precheck: 0 error"
pkg-config --exists --print-errors "$tmp/prefix/lib/pkgconfig/precheck.pc" 2>/dev/null ||
  PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig" pkg-config --libs precheck >/dev/null
# The static archive links with what `pkg-config --static` names, and runs.
pc="$tmp/prefix/lib/pkgconfig"
libs=$(PKG_CONFIG_PATH="$pc" pkg-config --static --libs-only-l precheck | sed 's/-lprecheck//')
cc -o "$tmp/static_consumer" "$source/tests/install/consumer.c" \
  $(PKG_CONFIG_PATH="$pc" pkg-config --cflags precheck) -L"$tmp/prefix/lib" \
  -Wl,-Bstatic -lprecheck -Wl,-Bdynamic $libs
if ldd "$tmp/static_consumer" | grep -q libprecheck; then
  echo "the static consumer loads libprecheck.so" >&2
  exit 1
fi
PRECHECK_DATA_DIR="$tmp/prefix/share/precheck" \
  "$tmp/static_consumer" "$source/samples/submissions/sub-0001" "$tmp/html/r.html" >/dev/null
# The HTML report and a picture of every page (sub-0001: six images and a two-page PDF).
grep -q "<svg viewBox" "$tmp/html/r.html"
[ "$(ls "$tmp/html/r_pages" | wc -l)" -eq 8 ]
echo "install ok"
