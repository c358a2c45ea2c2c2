#!/usr/bin/env bash
# Builds a release of pmlint that needs no Swift toolchain and no libyaml on the machine it runs on:
#
#   scripts/release.sh VERSION
#
# writes, in dist/:
#   pmlint-VERSION-linux-ARCH.tar.gz   the binary, README, LICENSE, docs, examples, completions, man page
#   pmlint_VERSION_DEBARCH.deb         the same as a Debian package (binary in /usr/bin)
#   SHA256SUMS                         checksums of both
#
# VERSION must be the version in Sources/PMLint/Version.swift, and the work tree must be clean,
# so the binary's `pmlint --version` names exactly what it was built from. The Swift standard
# library, Foundation and libyaml are linked statically; the binary needs only the C and C++
# runtimes, which every Linux system has. The development build (swift build, swift test) is not
# touched: it keeps using the system's libyaml and its own .build folder.
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:?usage: scripts/release.sh VERSION}
source_version=$(sed -n 's/.*static let number = "\(.*\)".*/\1/p' Sources/PMLint/Version.swift)
if [ "$version" != "$source_version" ]; then
    echo "release.sh: the sources say version $source_version, not $version: change Sources/PMLint/Version.swift first" >&2
    exit 2
fi
if [ -n "$(git status --porcelain)" ] && [ "${PMLINT_RELEASE_ALLOW_DIRTY:-}" != 1 ]; then
    echo "release.sh: the work tree has changes; commit them first, so the release is exactly a commit" >&2
    exit 2
fi
for tool in pkg-config dpkg-deb dpkg-shlibdeps; do
    command -v "$tool" >/dev/null || { echo "release.sh: $tool is needed (apt-get install pkg-config dpkg-dev)" >&2; exit 2; }
done
libyaml_archive=$(pkg-config --variable=libdir yaml-0.1)/libyaml.a
[ -f "$libyaml_archive" ] || { echo "release.sh: $libyaml_archive is missing (apt-get install libyaml-dev)" >&2; exit 2; }

started=$(date +%s)
arch=$(uname -m)
deb_arch=$(dpkg --print-architecture)
name="pmlint-$version-linux-$arch"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# libyaml, statically: a pkg-config file of our own names the archive in place of -lyaml.
mkdir -p "$work/pkgconfig"
sed "s|^Libs:.*|Libs: -l:libyaml.a|" "$(pkg-config --variable=pcfiledir yaml-0.1)/yaml-0.1.pc" > "$work/pkgconfig/yaml-0.1.pc"

# The man page first: the manual plugin builds every product in its own way, in .build.
echo "== man page (swift-argument-parser's manual plugin)"
scripts/manual.sh
if [ -n "$(git status --porcelain docs/pmlint.1)" ]; then
    echo "release.sh: docs/pmlint.1 was out of date; commit the page scripts/manual.sh wrote" >&2
    exit 1
fi
manual=docs/pmlint.1

echo "== static build"
PKG_CONFIG_PATH="$work/pkgconfig" swift build -c release --product pmlint \
    --static-swift-stdlib --scratch-path .build-release
binary=.build-release/release/pmlint
built=$(date +%s)

if ldd "$binary" | grep -Ei 'swift|yaml|Foundation|icu'; then
    echo "release.sh: the binary still loads the libraries above dynamically" >&2
    exit 1
fi
if ! "$binary" --version | grep -q "^$version (commit [0-9a-f]\{12\})$"; then
    echo "release.sh: pmlint --version says '$("$binary" --version)', not $version with its commit" >&2
    exit 1
fi
"$binary" check examples --as-of 2026-11-20 --color never >/dev/null

# The tarball: one folder, the binary at its top.
stage="$work/$name"
mkdir -p "$stage/completions"
cp "$binary" "$stage/pmlint"
strip "$stage/pmlint"
cp README.md LICENSE "$stage/"
cp -R docs examples "$stage/"
cp "$manual" "$stage/pmlint.1"
"$binary" --generate-completion-script bash > "$stage/completions/pmlint.bash"
"$binary" --generate-completion-script zsh > "$stage/completions/_pmlint"
"$binary" --generate-completion-script fish > "$stage/completions/pmlint.fish"

rm -rf dist
mkdir -p dist
mtime="@$(git log -1 --format=%ct)"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="$mtime" -C "$work" -czf "dist/$name.tar.gz" "$name"

# The Debian package, laid out as Debian lays out a command.
root="$work/deb"
mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/man/man1" "$root/usr/share/doc/pmlint" \
    "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions" \
    "$root/usr/share/fish/vendor_completions.d"
cp "$stage/pmlint" "$root/usr/bin/pmlint"
gzip -9n < "$manual" > "$root/usr/share/man/man1/pmlint.1.gz"
cp "$stage/completions/pmlint.bash" "$root/usr/share/bash-completion/completions/pmlint"
cp "$stage/completions/_pmlint" "$root/usr/share/zsh/vendor-completions/_pmlint"
cp "$stage/completions/pmlint.fish" "$root/usr/share/fish/vendor_completions.d/pmlint.fish"
cp -R README.md docs examples "$root/usr/share/doc/pmlint/"
{
    echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
    echo "Upstream-Name: pmlint"
    echo
    echo "Files: *"
    echo "Copyright: the pmlint maintainers"
    echo "License: Apache-2.0"
    echo " On Debian systems, the full text is in /usr/share/common-licenses/Apache-2.0."
} > "$root/usr/share/doc/pmlint/copyright"
# Depends: what the binary really loads, as dpkg-shlibdeps reads it off the ELF file.
mkdir -p "$work/shlibs/debian"
printf 'Source: pmlint\n\nPackage: pmlint\nArchitecture: any\n' > "$work/shlibs/debian/control"
depends=$(cd "$work/shlibs" && dpkg-shlibdeps -O "$root/usr/bin/pmlint" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "release.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
cat > "$root/DEBIAN/control" <<CONTROL
Package: pmlint
Version: $version
Architecture: $deb_arch
Maintainer: ${PMLINT_MAINTAINER:-the pmlint maintainers <maintainers@pmlint.invalid>}
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $depends
Section: devel
Priority: optional
Description: check how a project is run with its client
 pmlint reads a project's plan (plan.yaml) and communication log (log.yaml)
 and checks them against rules for working well with a client: kickoff
 follow-up, regular status reports, a clear and approved scope, answered
 change requests, conflicts handled face to face, client feedback and a
 retrospective at the end. It prints findings with suggested fixes, in
 English or Chinese, and reports for CI (SARIF, JUnit, GitHub annotations).
CONTROL
find "$root" -type d -exec chmod 755 {} +
find "$root/usr/share" -type f -exec chmod 644 {} +
chmod 755 "$root/usr/bin/pmlint"
dpkg-deb --root-owner-group -Zxz --build "$root" "dist/pmlint_${version}_${deb_arch}.deb" >/dev/null

(cd dist && sha256sum "$name.tar.gz" "pmlint_${version}_${deb_arch}.deb" > SHA256SUMS)
finished=$(date +%s)

echo "== dist/"
ls -l dist
echo "== ldd pmlint"
ldd "$binary"
echo "== Depends: $depends"
echo "== pmlint --version: $("$binary" --version)"
echo "== time: static build $((built - started)) s (man page included), whole release $((finished - started)) s"
