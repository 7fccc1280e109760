#!/usr/bin/env bash
# Runs every test of the project. First installs, as root, what the end-to-end tests need:
# libnfs-utils (a foreign NFS client), rpcbind and nfs-common (showmount, rpcinfo), qemu/busybox/cpio (the kernel-client harness in
# ../shared/kclient) and glusterfs-server/libgfapi0 (a real Gluster volume on loopback).
# Each test starts and stops the servers (and the Gluster volumes) it needs itself.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v nfs-ls >/dev/null 2>&1 || missing+=(libnfs-utils)
command -v qemu-system-x86_64 >/dev/null 2>&1 || missing+=(qemu-system-x86)
[ -x /bin/busybox ] || missing+=(busybox-static)
command -v cpio >/dev/null 2>&1 || missing+=(cpio)
[ -x /usr/sbin/rpcbind ] || missing+=(rpcbind)
[ -x /usr/sbin/showmount ] || missing+=(nfs-common)
command -v glusterd >/dev/null 2>&1 || [ -x /usr/sbin/glusterd ] || missing+=(glusterfs-server)
ldconfig -p 2>/dev/null | grep -q 'libgfapi.so.0 ' || missing+=(libgfapi0)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

dotnet test Fsal.sln -c Release --logger "console;verbosity=minimal" "$@"
