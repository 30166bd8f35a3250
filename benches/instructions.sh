#!/usr/bin/env bash
# Instruction counts (valgrind's callgrind) of `qfill validate --quiet --jobs 1` and of the
# parsing floor on the same 1,000 generated files in each format, and of one file against
# `qfill --version`: repeatable where wall times on a shared machine are not.
#
#   benches/instructions.sh [DIR]     # DIR keeps the generated files (default /tmp/qfill-instructions)
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-/tmp/qfill-instructions}"
command -v valgrind >/dev/null || { echo "needs valgrind (Debian: apt-get install valgrind)" >&2; exit 2; }

cargo build --release --quiet
bench=$(cargo bench --bench batch --no-run --message-format=json 2>/dev/null \
    | grep '"kind":\["bench"\]' | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)
[ -n "$bench" ] || { echo "cannot find the batch bench's executable" >&2; exit 2; }
if [ ! -d "$dir/toml-1000" ] || [ ! -d "$dir/json-1" ]; then
    # Generates (and times, which is not used here) 1 and 1,000 files in each format.
    "$bench" 1 1000 --keep "$dir" >/dev/null
fi

count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null \
        | awk '/Collected/ { print $4 }'
}
qfill="${CARGO_TARGET_DIR:-target}/release/qfill"
printf '| | qfill | floor | qfill / floor |\n| --- | ---: | ---: | ---: |\n'
for format in toml json; do
    q=$(count "$qfill" validate --quiet --jobs 1 "$dir/$format-1000" || true)
    f=$(count "$bench" --floor "$dir/$format-1000")
    printf '| 1,000 %s files | %s | %s | %s |\n' "$format" "$q" "$f" "$(awk "BEGIN { printf \"%.2f\", $q / $f }")"
done
start=$(count "$qfill" --version)
for format in toml json; do
    one=$(count "$qfill" validate --quiet "$dir/$format-1" || true)
    printf '| one %s file / `qfill --version` | %s | %s | %s |\n' "$format" "$one" "$start" "$(awk "BEGIN { printf \"%.2f\", $one / $start }")"
done
