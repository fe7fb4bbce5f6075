#!/usr/bin/env bash
# Fuzzes every target in fuzz/ for SECONDS each, one after another, one job
# each (the machine's cores are shared): JSONL ingest, HTML extraction,
# cleaning, segmentation and the server's request parsing.
#
#   scripts/fuzz.sh SECONDS [TARGET...]
#
# Needs the nightly toolchain and cargo-fuzz (`cargo +nightly install
# cargo-fuzz --version 0.13.2`). Seeds are the hand-written inputs committed in
# fuzz/seeds/TARGET; what libFuzzer finds goes to fuzz/corpus/TARGET and
# crashes to fuzz/artifacts/TARGET (both git-ignored). Prints, per target,
# the executions libFuzzer reports and whether it crashed; exits non-zero if
# any target crashed.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds="${1:?usage: scripts/fuzz.sh SECONDS [TARGET...]}"
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(jsonl_ingest html_extract clean_text segment server_request)
fi
command -v cargo-fuzz >/dev/null 2>&1 || {
  echo "cargo-fuzz not found: cargo +nightly install cargo-fuzz --version 0.13.2" >&2
  exit 2
}
# From fuzz/, so that libFuzzer's per-job log (fuzz-0.log) lands there.
cd fuzz
mkdir -p logs
failed=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  log="logs/$t.log"
  rm -f fuzz-0.log
  # -rss_limit_mb: a 2 GB ceiling turns runaway memory into a reported crash.
  cargo +nightly fuzz run "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$seconds" -jobs=1 -workers=1 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 >"$log" 2>&1
  status=$?
  [ -f fuzz-0.log ] && cat fuzz-0.log >>"$log"
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  if [ $status -ne 0 ]; then
    failed=1
    echo "$t: CRASHED after ${execs:-?} executions (exit $status); see fuzz/$log and fuzz/artifacts/$t"
  else
    echo "$t: ${execs:-?} executions in ${seconds} s, no crash"
  fi
done
exit $failed
