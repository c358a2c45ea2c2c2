#!/usr/bin/env bash
# Shows that the Debian package works on a machine without Swift and without libyaml:
#
#   sudo scripts/try-deb-in-chroot.sh [dist/pmlint_VERSION_ARCH.deb] [SUITE]
#
# makes a minimal Debian root with debootstrap (SUITE, default bookworm: nothing but the base
# system), installs the package into it with dpkg, and runs `pmlint check` on the bundled
# examples and `pmlint explain` inside it with chroot. It takes a few minutes and needs root and
# a Debian mirror, so it is run by hand, not in CI.
set -euo pipefail
cd "$(dirname "$0")/.."

deb=${1:-$(ls dist/pmlint_*.deb 2>/dev/null | head -n 1)}
suite=${2:-bookworm}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
[ -f "$deb" ] || { echo "no package: run scripts/release.sh VERSION first" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "debootstrap is needed: apt-get install debootstrap" >&2; exit 2; }

root=$(mktemp -d /tmp/pmlint-chroot.XXXXXX)
cleanup() {
    mountpoint -q "$root/proc" && umount "$root/proc"
    rm -rf "$root"
}
trap cleanup EXIT

echo "== debootstrap --variant=minbase $suite"
debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$root.log" 2>&1 || { tail -20 "$root.log"; exit 1; }
rm -f "$root.log"
mount -t proc proc "$root/proc"

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

echo "== before: no Swift, no libyaml"
in_root sh -c 'command -v swift || echo "swift: not installed"; ls /usr/lib/*/libyaml* 2>/dev/null || echo "libyaml: not installed"'

cp "$deb" "$root/tmp/pmlint.deb"
echo "== dpkg -i $(basename "$deb")"
in_root dpkg -i /tmp/pmlint.deb

echo "== pmlint --version"
in_root pmlint --version
echo "== pmlint check /usr/share/doc/pmlint/examples --as-of 2026-11-20 (the installed examples)"
in_root sh -c 'cd /usr/share/doc/pmlint && pmlint check examples --as-of 2026-11-20 --color never >/tmp/report.txt; code=$?; tail -n 12 /tmp/report.txt; echo "exit code: $code"'
echo "== pmlint explain kickoff-minutes --lang zh"
in_root pmlint explain kickoff-minutes --lang zh | head -n 20
echo "== man -w pmlint; the bash completion"
in_root sh -c 'ls -l /usr/share/man/man1/pmlint.1.gz /usr/share/bash-completion/completions/pmlint'
