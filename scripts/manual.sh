#!/usr/bin/env bash
# Writes docs/pmlint.1, the man page, with swift-argument-parser's manual plugin, from the
# command line's own definitions. Run it after changing a command or a flag; a test checks that
# the committed page names every command and flag, and scripts/release.sh refuses a stale one.
set -euo pipefail
cd "$(dirname "$0")/.."
# The page's date is that of the last change to the command line, so it changes only with it.
swift package generate-manual --section 1 --authors "the pmlint maintainers" \
    --date "$(git log -1 --format=%cs -- Sources/pmlint)" >/dev/null
cp .build/plugins/GenerateManual/outputs/pmlint/pmlint.1 docs/pmlint.1
