#!/usr/bin/env bash
# Installs the build into a temporary prefix, builds a C program against it through the
# CMake package, and checks a sample submission through the C API; also checks the
# installed command finds its templates with no flags.
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
echo "install ok"
