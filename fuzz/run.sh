#!/usr/bin/env bash
# Fuzzes one target on the stable toolchain, without a sanitizer, one job at a time, until a
# million executions or SECONDS have passed (default 600), whichever comes first. One process:
# no -jobs or -fork, which would start more (and write fuzz-N.log files into the work tree).
#
#   fuzz/run.sh TARGET [SECONDS] [-- LIBFUZZER_FLAGS...]
#
# TARGET: answers_toml, answers_json, definition, legacy_import, docx_flatten,
# definition_from_text, migrate. A crash is saved under fuzz/artifacts/TARGET/; see "Fuzz" in
# CONTRIBUTING.md for what to do with it.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:?usage: fuzz/run.sh TARGET [SECONDS] [-- LIBFUZZER_FLAGS...]}"
shift
seconds=600
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
    seconds="$1"
    shift
fi
[ "${1:-}" = "--" ] && shift

fuzz/seed.sh "$target"
exec cargo fuzz run --sanitizer none "$target" "fuzz/corpus/$target" -- \
    -runs=1000000 -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 "$@"
