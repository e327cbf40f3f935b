#!/usr/bin/env bash
# Runs styrlint's cargo-fuzz targets (fuzz/), each for a bounded time.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default 600); TARGETs among parse, register, corpus
# (default: all three, one after the other). Needs a nightly toolchain and
# cargo-fuzz (`rustup toolchain install nightly`, `cargo install
# cargo-fuzz`). The seed corpus is made from fixtures/ on first run; what
# the fuzzer learns stays in fuzz/corpus/TARGET (not committed). A crash is
# saved under fuzz/artifacts/TARGET/ and the script exits non-zero: turn it
# into a regression test (tests/robustness.rs or the crate's own tests).
# Not run by CI: it takes minutes per target. See docs/robustness.md.
set -euo pipefail
cd "$(dirname "$0")/.."

secs="${1:-600}"
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(parse register corpus)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/fuzz}"

seed() {
  local dir="fuzz/corpus/$1"
  [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ] && return
  mkdir -p "$dir"
  case "$1" in
    parse | register)
      # Every fixture document, one seed each.
      find fixtures -name '*.md' -print0 | while IFS= read -r -d '' f; do
        cp "$f" "$dir/$(echo "$f" | tr '/' '_')"
      done
      ;;
    corpus)
      # Every fixture corpus as one input, split by `<!-- file: -->` lines.
      for c in fixtures/*/; do
        out="$dir/$(basename "$c")"
        : >"$out"
        (cd "$c" && find . -name '*.md' | sort) | while IFS= read -r f; do
          printf '<!-- file: %s -->\n' "${f#./}" >>"$out"
          cat "$c/$f" >>"$out"
        done
      done
      ;;
  esac
}

for t in "${targets[@]}"; do
  seed "$t"
  echo "fuzz: $t for ${secs}s, $(ls "fuzz/corpus/$t" | wc -l) inputs in fuzz/corpus/$t" >&2
  # -timeout: an input that takes over 10 s counts as a hang.
  (cd fuzz && cargo +nightly fuzz run -O "$t" -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 -max_len=131072 -print_final_stats=1)
done
