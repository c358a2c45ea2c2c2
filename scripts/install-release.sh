#!/usr/bin/env bash
# Installs a released pmlint binary, verified against the checksum this repository pins for it:
#
#   scripts/install-release.sh VERSION DEST_DIR
#
# downloads pmlint-VERSION-linux-ARCH.tar.gz from the repository's GitHub releases (or from
# $PMLINT_RELEASE_BASE_URL), checks its SHA-256 against release-checksums.txt next to this
# script's folder, unpacks it into DEST_DIR, checks that the binary runs here, and prints its
# path. Exit codes:
#   0  installed (the binary's path on standard output)
#   3  no release fits this machine: none is pinned for VERSION, the system or processor is one
#      no release is built for, or the binary does not run here (an older C library). Build
#      from source instead.
#   1  the download does not match its pinned checksum, or it failed: never installed.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
version=${1:?usage: install-release.sh VERSION DEST_DIR}
dest=${2:?usage: install-release.sh VERSION DEST_DIR}
repository=${PMLINT_REPOSITORY:-${GITHUB_ACTION_REPOSITORY:-}}

no_fit() { echo "install-release.sh: $*" >&2; exit 3; }

[ "$(uname -s)" = Linux ] || no_fit "no release binary is built for $(uname -s)"
arch=$(uname -m)
[ "$arch" = x86_64 ] || no_fit "no release binary is built for $arch"
name="pmlint-$version-linux-$arch"
pinned=$(awk -v file="$name.tar.gz" '$2 == file || $2 == "*" file { print $1 }' "$here/release-checksums.txt")
[ -n "$pinned" ] || no_fit "release-checksums.txt pins no checksum for $name.tar.gz"
case "$pinned" in
    *[!0-9a-f]*|"") echo "install-release.sh: the pinned checksum for $name.tar.gz is malformed" >&2; exit 1 ;;
esac
[ "${#pinned}" = 64 ] || { echo "install-release.sh: the pinned checksum for $name.tar.gz is malformed" >&2; exit 1; }

if [ -n "${PMLINT_RELEASE_BASE_URL:-}" ]; then
    base=$PMLINT_RELEASE_BASE_URL
elif [ -n "$repository" ]; then
    base="https://github.com/$repository/releases/download/v$version"
else
    no_fit "no place to download from: set PMLINT_REPOSITORY (owner/name) or PMLINT_RELEASE_BASE_URL"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! curl --fail --silent --show-error --location --proto '=https,file' --retry 3 \
        --output "$work/$name.tar.gz" "$base/$name.tar.gz"; then
    echo "install-release.sh: could not download $base/$name.tar.gz" >&2
    exit 1
fi
if command -v sha256sum >/dev/null 2>&1; then
    actual=$(sha256sum "$work/$name.tar.gz" | cut -d' ' -f1)
else
    actual=$(shasum -a 256 "$work/$name.tar.gz" | cut -d' ' -f1)
fi
if [ "$actual" != "$pinned" ]; then
    echo "install-release.sh: $name.tar.gz has SHA-256 $actual, not the pinned $pinned: not installed" >&2
    exit 1
fi
tar -xzf "$work/$name.tar.gz" -C "$work" --no-same-owner "$name/pmlint"
binary="$work/$name/pmlint"
if ! "$binary" --version >/dev/null 2>"$work/run-error"; then
    no_fit "the release binary does not run here: $(head -n 1 "$work/run-error")"
fi
mkdir -p "$dest"
tar -xzf "$work/$name.tar.gz" -C "$dest" --no-same-owner
echo "$(cd "$dest/$name" && pwd)/pmlint"
