#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60) from the corpus kept in fuzz/corpus,
# and fails on the first crash. New inputs go to a scratch folder, so the repository's corpus
# only grows by hand: copy a crash there (and add a regression test) after fixing it.
# cargo-fuzz needs nightly-only flags; RUSTC_BOOTSTRAP lets the stable toolchain accept them.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
export RUSTC_BOOTSTRAP=1
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install --locked cargo-fuzz
fi
cargo fuzz build -O
total=0
for target in $(cargo fuzz list); do
  scratch=$(mktemp -d)
  log="$scratch/log"
  if ! cargo fuzz run -O "$target" "$scratch" "corpus/$target" -- \
      -max_total_time="$seconds" -timeout=120 -rss_limit_mb=4096 -print_final_stats=1 >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "fuzz target $target failed; the input is under fuzz/artifacts/$target" >&2
    exit 1
  fi
  runs=$(grep -a -o '^Done [0-9]*' "$log" | grep -o '[0-9]*')
  echo "fuzz $target: $runs executions in ${seconds}s, no crash"
  total=$((total + runs))
  rm -rf "$scratch"
done
echo "fuzz total: $total executions"
