#!/usr/bin/env bash
# Install podman and the tools the container tests use (tests/container/podman.py).
#
# Idempotent: does nothing when every tool is already there. Never fails CI because
# apt is missing or unusable: it prints one "podman-setup: SKIP ..." line and exits 0,
# and the container tests then skip with a reason of their own.
set -euo pipefail

PACKAGES=(
  podman buildah runc conmon fuse-overlayfs uidmap debootstrap
  slirp4netns netavark aardvark-dns catatonit
  containernetworking-plugins golang-github-containers-common
)
# Tools whose presence means "already set up".
TOOLS=(podman buildah runc conmon fuse-overlayfs newuidmap debootstrap)

skip() { echo "podman-setup: SKIP: $*"; exit 0; }
versions() { { podman --version; buildah --version | cut -d' ' -f1-3; } 2>/dev/null | paste -sd, - || true; }

missing=()
for t in "${TOOLS[@]}"; do
  command -v "$t" >/dev/null 2>&1 || [ -x "/usr/sbin/$t" ] || [ -x "/usr/bin/$t" ] \
    || [ -x "/usr/libexec/podman/$t" ] || missing+=("$t")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "podman-setup: already installed: $(versions)"
  exit 0
fi
echo "podman-setup: missing: ${missing[*]}"

command -v apt-get >/dev/null 2>&1 || skip "apt-get not found; install podman by hand"
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    skip "not root and no password-less sudo; cannot apt-get install"
  fi
fi

export DEBIAN_FRONTEND=noninteractive
APT_OPTS=(-o DPkg::Lock::Timeout=300)
# A failing extra repository makes update exit non-zero; the install below decides.
${SUDO[@]+"${SUDO[@]}"} apt-get "${APT_OPTS[@]}" update -qq || echo "podman-setup: apt-get update had errors"
# Only ask for packages this apt knows about (names differ across releases).
want=()
for p in "${PACKAGES[@]}"; do
  if apt-cache show "$p" >/dev/null 2>&1; then want+=("$p"); else echo "podman-setup: no package $p here"; fi
done
[ "${#want[@]}" -gt 0 ] || skip "apt knows none of: ${PACKAGES[*]} (no package lists?)"
if ! ${SUDO[@]+"${SUDO[@]}"} apt-get "${APT_OPTS[@]}" install -y -qq --no-install-recommends "${want[@]}"; then
  skip "apt-get install ${want[*]} failed"
fi
echo "podman-setup: installed: $(versions)"
