#!/usr/bin/env bash
# Runs a command inside a fresh Debian bookworm root made for this run, so that nothing installed by
# hand on this machine can make it pass: the project's own scripts must install every package.
#   .ci/pristine-root.sh COMMAND [ARG...]     (COMMAND runs in the copy of this tree, as root)
#
# The pristine base (`debootstrap --variant=minbase bookworm`) is made once and kept as a tarball in
# $HOOKSCOPE_CI_CACHE (default /var/cache/hookscope-ci); every run unpacks an untouched copy of it
# into a temporary folder and deletes that folder afterwards. Two caches survive between runs, and
# neither can stand in for a package: downloaded .deb files (apt still has to install each one the
# scripts ask for) and ccache's objects (CMake's configure step fails before any compiler runs when a
# package is missing). The tree is copied in as git sees it (tracked and untracked files, nothing
# ignored), with ../shared beside it when there is one.
set -euo pipefail
[ "$(id -u)" -eq 0 ] || { echo "pristine-root: must run as root (debootstrap, chroot, mount)" >&2; exit 2; }
[ $# -gt 0 ] || { echo "usage: .ci/pristine-root.sh COMMAND [ARG...]" >&2; exit 2; }

src=$(cd "$(dirname "$0")/.." && pwd)
cache=${HOOKSCOPE_CI_CACHE:-/var/cache/hookscope-ci}
base=$cache/bookworm-minbase.tar
suite=bookworm
mkdir -p "$cache/debs" "$cache/ccache"

# The mirror this machine's apt already uses; the root gets the same apt sources.
mirror() {
    local uri
    uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    [ -n "$uri" ] || uri=$(awk '$1 == "deb" && $3 ~ /^bookworm/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
    [ -n "$uri" ] || { echo "pristine-root: no Debian mirror in this machine's apt sources" >&2; exit 2; }
    echo "$uri"
}

make_base() {
    command -v debootstrap >/dev/null || {
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
    }
    local fresh
    fresh=$(mktemp -d "${TMPDIR:-/var/tmp}/hookscope-debootstrap.XXXXXX")
    echo "pristine-root: making the $suite base once (debootstrap --variant=minbase)" >&2
    debootstrap --variant=minbase "$suite" "$fresh" "$(mirror)" >"$cache/debootstrap.log" 2>&1 || {
        tail -n 20 "$cache/debootstrap.log" >&2
        rm -rf --one-file-system "$fresh"
        exit 1
    }
    tar -C "$fresh" -cf "$base.partial" . && mv "$base.partial" "$base"
    rm -rf --one-file-system "$fresh"
}

[ -f "$base" ] || make_base

root=$(mktemp -d "${TMPDIR:-/var/tmp}/hookscope-ci-root.XXXXXX")
mounts=()
mount_in() { # mount_in TARGET MOUNT-ARGS...: mounts under the root, remembered for cleanup
    local target=$root$1
    shift
    mkdir -p "$target"
    mount "$@" "$target"
    mounts+=("$target")
}

cleanup() {
    local status=$?
    # Nothing started in the root may keep a mount busy.
    for proc in /proc/[0-9]*; do
        [ "$(readlink "$proc/root" 2>/dev/null)" = "$root" ] && kill -9 "${proc#/proc/}" 2>/dev/null
    done
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
        umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}" 2>/dev/null || true
    done
    # Never delete through a mount that is still there: /dev of the machine would go with it.
    if grep -q " $root/" /proc/mounts; then
        echo "pristine-root: $root still has mounts; left in place" >&2
    else
        rm -rf --one-file-system "$root"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

tar -C "$root" -xf "$base"
# What every installed Debian machine has and debootstrap leaves out: a root any user may traverse
# (mktemp made it 0700, and a program run as another user could not even find its libraries) and
# the installer's /etc/hosts, without which "localhost" does not resolve.
chmod 0755 "$root"
printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' >"$root/etc/hosts"
# The root's apt reaches the same registry as this machine's, configured the same way.
rm -f "$root/etc/apt/sources.list"
cp /etc/apt/sources.list.d/debian.sources "$root/etc/apt/sources.list.d/" 2>/dev/null \
    || echo "deb $(mirror) $suite main" >"$root/etc/apt/sources.list"
for conf in /etc/apt/apt.conf.d/*; do
    grep -q '^Acquire::' "$conf" 2>/dev/null && cp "$conf" "$root/etc/apt/apt.conf.d/"
done
cp /etc/resolv.conf "$root/etc/resolv.conf"

mount_in /proc -t proc proc
mount_in /dev --bind /dev
mount_in /dev/pts -t devpts devpts -o newinstance,ptmxmode=0666
mount_in /dev/shm -t tmpfs shm
mount_in /tmp -t tmpfs tmp
mount_in /var/cache/apt/archives --bind "$cache/debs"
mount_in /var/cache/ccache --bind "$cache/ccache"

mkdir -p "$root/ci/hookscope"
git -C "$src" ls-files -z --cached --others --exclude-standard \
    | (cd "$src" && tar --null -T - -cf -) | tar -C "$root/ci/hookscope" -xf -
[ -d "$src/../shared" ] && cp -r "$src/../shared" "$root/ci/shared"

echo "pristine-root: running in a fresh $suite root ($root)" >&2
status=0
chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 CI=true \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    CCACHE_DIR=/var/cache/ccache CCACHE_BASEDIR=/ci CCACHE_NOHASHDIR=1 \
    bash -c 'cd /ci/hookscope && exec "$@"' pristine-root "$@" || status=$?
exit "$status"
