#!/usr/bin/env bash
# Builds the libFuzzer targets: Fuzz/build.sh yaml|check|rule|editor  ->  .build-fuzz/fuzz-TARGET
# SwiftPM cannot link an executable with -sanitize=fuzzer (it passes --defsym main=...), so the
# PMLint sources are compiled here with swiftc into one instrumented binary with libFuzzer's main.
# With --typecheck, the target is only type-checked against the sources (CI does this, so the
# targets keep up with the code they fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: Fuzz/build.sh yaml|check|rule|editor [--typecheck]}
case "$target" in
  yaml) entry=Fuzz/YAMLTarget.swift ;;
  check) entry=Fuzz/CheckTarget.swift ;;
  rule) entry=Fuzz/RuleTarget.swift ;;
  editor) entry=Fuzz/EditorTarget.swift ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac
mkdir -p .build-fuzz
swift build -q --product embed-rules
"$(swift build --show-bin-path)/embed-rules" .build-fuzz/EmbeddedRules.swift rules/*.yaml
"$(swift build --show-bin-path)/embed-rules" --commit "" .build-fuzz/EmbeddedCommit.swift
if [ "${2:-}" = --typecheck ]; then
  swiftc -typecheck -parse-as-library -module-name PMLintFuzz -I Sources/CYAML \
    $(find Sources/PMLint -name '*.swift' | sort) .build-fuzz/EmbeddedRules.swift .build-fuzz/EmbeddedCommit.swift "$entry"
  exit 0
fi
swiftc -O -g -sanitize=fuzzer,address -parse-as-library -module-name PMLintFuzz -I Sources/CYAML \
  $(find Sources/PMLint -name '*.swift' | sort) .build-fuzz/EmbeddedRules.swift .build-fuzz/EmbeddedCommit.swift "$entry" \
  -lyaml -o ".build-fuzz/fuzz-$target"
echo ".build-fuzz/fuzz-$target"
