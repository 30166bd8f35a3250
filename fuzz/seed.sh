#!/usr/bin/env bash
# Fills fuzz/corpus/TARGET with seeds taken from the repository's own files, so that they are
# not kept twice in git: the examples, the bad-input corpus (tests/hostile/, without its large
# generated cases), the test data, the questionnaires, and the committed fuzz regressions.
#
#   fuzz/seed.sh [TARGET...]     (default: every target)
set -euo pipefail
cd "$(dirname "$0")/.."

# Larger files only slow libFuzzer down; the large hostile cases are tested by tests/it/hostile.rs.
MAX_SEED_BYTES=32768

seeds() {
    case "$1" in
        answers_toml) ls examples/*.toml tests/hostile/*.toml ;;
        answers_json) ls examples/*.json tests/hostile/*.json ;;
        definition) ls questionnaires/*.toml tests/data/*.toml ;;
        legacy_import) ls tests/data/*.txt tests/hostile/*.txt ;;
        docx_flatten) ls tests/data/docx/*.xml ;;
        definition_from_text) ls tests/data/*.txt tests/data/docx/*.xml ;;
        migrate) ls examples/*.toml examples/*.json tests/data/focal-point.toml tests/hostile/*.toml ;;
        *) echo "seed.sh: unknown target $1" >&2; exit 2 ;;
    esac
    if [ -d "tests/fuzz-regressions/$1" ]; then
        find "tests/fuzz-regressions/$1" -type f ! -name '*.md'
    fi
}

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(answers_toml answers_json definition legacy_import docx_flatten definition_from_text migrate)
fi
for target in "${targets[@]}"; do
    dir="fuzz/corpus/$target"
    mkdir -p "$dir"
    count=0
    while IFS= read -r file; do
        [ -f "$file" ] || continue
        [ "$(wc -c <"$file")" -le "$MAX_SEED_BYTES" ] || continue
        # Named by content, as libFuzzer names its own corpus entries: re-seeding adds nothing twice.
        cp "$file" "$dir/seed-$(sha1sum "$file" | cut -c1-40)"
        count=$((count + 1))
    done < <(seeds "$target" 2>/dev/null)
    echo "$target: $count seeds in $dir"
done
