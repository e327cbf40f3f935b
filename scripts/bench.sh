#!/usr/bin/env bash
# Whole-process benchmark of `styrlint check --format json` on generated
# corpora, beside `rg -i -F -f <abolished names>` as the floor (it finds
# literal names only: no inflection, no rules; a lower bound, not a peer).
#
#   scripts/bench.sh [SIZES...]      default: 1000 10000 100000
#
# Needs hyperfine, rg and GNU time (apt-get install -y hyperfine ripgrep
# time). Corpora go to $CORPORA (default /work/bench-corpora), outside the
# repository; results (hyperfine JSON, /usr/bin/time -v) to $CORPORA/results.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPORA=${CORPORA:-/work/bench-corpora}
BODIES=${BODIES:-5000}
TODAY=2025-06-01
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000 100000)

cargo build --release --manifest-path "$ROOT/Cargo.toml" -p styrlint-cli -p styrlint-gen
BIN=$CARGO_TARGET_DIR/release
mkdir -p "$CORPORA/results"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

for n in "${sizes[@]}"; do
  dir=$CORPORA/n$n-b$BODIES
  [ -d "$dir" ] || "$BIN/styrlint-gen" --out "$dir" --docs "$n" --bodies "$BODIES"
  bytes=$(find "$dir" -name '*.md' -print0 | xargs -0 cat | wc -c)
  runs=$([ "$n" -ge 100000 ] && echo 2 || echo 5)
  echo "== $n documents, $BODIES bodies, $((bytes / 1000000)) MB"
  hyperfine --warmup 1 --runs "$runs" -i \
    --export-json "$CORPORA/results/n$n-b$BODIES.json" \
    -n styrlint "$BIN/styrlint check $dir --format json --today $TODAY" \
    -n rg "rg -i -F -c -f $dir.abolished.txt $dir"
  /usr/bin/time -v "$BIN/styrlint" check "$dir" --format json --today "$TODAY" \
    >/dev/null 2>"$CORPORA/results/n$n-b$BODIES.time" || true
  grep -E 'Elapsed|Maximum resident' "$CORPORA/results/n$n-b$BODIES.time"
done

# Register size: the same kind of text (bodies drawn from the first 500),
# with a register of 500 and of 5,000 bodies.
if [ "${REGISTER_BENCH:-1}" = 1 ]; then
  for b in 500 5000; do
    dir=$CORPORA/r$b
    [ -d "$dir" ] || "$BIN/styrlint-gen" --out "$dir" --docs 10000 --bodies "$b" --mentioned 500
  done
  echo "== register size: 10,000 documents, 500 vs 5,000 bodies"
  hyperfine --warmup 1 --runs 7 -i -N \
    --export-json "$CORPORA/results/register.json" \
    -n b500 "$BIN/styrlint check $CORPORA/r500 --format json --today $TODAY" \
    -n b5000 "$BIN/styrlint check $CORPORA/r5000 --format json --today $TODAY"
fi
