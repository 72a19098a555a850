#!/usr/bin/env bash
# CI accuracy check: generates the corpus of tests/eval/ci.recipe.yaml (once per build tree),
# checks it with precheck and fails when a figure falls under tests/eval/ci_thresholds.json.
# Usage: ci_eval.sh PRECHECK SOURCE_DIR WORK_DIR
set -euo pipefail
precheck=$1 source=$2 work=$3
recipe="$source/tests/eval/ci.recipe.yaml"
corpus="$work/corpus"
stamp=$(cat "$recipe" "$source"/samples/generate.py "$source"/samples/gen/*.py | sha1sum | cut -c1-16)
if [ ! -f "$corpus/expected.json" ] || [ "$(cat "$work/stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$corpus"
  mkdir -p "$work"
  /usr/bin/python3 "$source/samples/generate.py" --out "$corpus" --recipe "$recipe" --seed 31 \
    --profile mixed --compact --quiet
  echo "$stamp" > "$work/stamp"
fi
"$precheck" batch "$corpus" --as-of 2025-06-30 -j 2 --json "$work/report.json" >/dev/null 2>&1 ||
  [ $? -le 1 ]
codes=$(/usr/bin/python3 -c 'import json,sys; print(",".join(json.load(open(sys.argv[1]))["codes"]))' \
  "$source/tests/eval/ci_thresholds.json")
exec /usr/bin/python3 "$source/tests/eval/evaluate.py" "$corpus/expected.json" "$work/report.json" \
  --codes "$codes" --thresholds "$source/tests/eval/ci_thresholds.json" --json "$work/figures.json"
