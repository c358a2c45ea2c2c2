#!/usr/bin/env bash
# Runs a fuzz target: Fuzz/run.sh yaml|check|rule|editor [SECONDS]   (default 900 s)
# The corpus starts from the bundled examples, the rule files' own examples and Fuzz/seeds (for
# the rule target: the rule files, configurations and baselines of Fuzz/seeds/team);
# crashes land in .build-fuzz/crashes-TARGET (copy them to Tests/PMLintTests/Fixtures/fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: Fuzz/run.sh yaml|check|rule|editor [seconds]}
seconds=${2:-900}
# Built every time: a binary left from older sources would fuzz code that is gone.
Fuzz/build.sh "$target"
corpus=".build-fuzz/corpus-$target"
crashes=".build-fuzz/crashes-$target"
mkdir -p "$corpus" "$crashes"
seeds="examples/*/plan.yaml examples/*/log.yaml Fuzz/seeds/* Tests/PMLintTests/Fixtures/fuzz/*"
[ "$target" = rule ] && seeds="rules/*.yaml examples/team-rules/*.yaml Fuzz/seeds/team/*"
for file in $seeds; do
  [ -f "$file" ] && cp "$file" "$corpus/seed-$(echo "$file" | tr '/' '_')"
done
ASAN_OPTIONS=detect_leaks=0 ".build-fuzz/fuzz-$target" "$corpus" -max_total_time="$seconds" -max_len=65536 \
  -timeout=10 -rss_limit_mb=4096 -artifact_prefix="$crashes/" -print_final_stats=1
